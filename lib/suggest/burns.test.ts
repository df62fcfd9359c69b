import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Burns on the full FY2026 ICD-10-CM (built by scripts/ensure-codesets.ts before the unit tests). Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string, extra = '') => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\n${extra}ASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('burns by degree and site (Guideline I.C.19.d)', () => {
  it('keeps each degree with its own site when one sentence names two burns', () => {
    expect(codes('1. Second-degree burn right forearm and first-degree burn back of right hand, initial encounter.')).toEqual(['T22.211A', 'T23.161A']);
  });

  it('does not refine one burn\'s site from the other burn of the sentence', () => {
    expect(codes('1. Second-degree burn of the left palm and first-degree burn of the left wrist, initial encounter.')).toEqual(['T23.252A', 'T23.172A']);
  });

  it('codes one site burned to two degrees at the higher degree', () => {
    expect(codes('1. First- and second-degree burns of the right palm, initial encounter.')).toEqual(['T23.251A']);
    expect(codes('1. Second and first degree burns of the left palm, initial encounter.')).toEqual(['T23.252A']);
    expect(codes('1. First-degree burn of the right palm, initial encounter.\n2. Second-degree burn of the right palm with blisters, initial encounter.')).toEqual(['T23.251A']);
  });

  it('drops the unspecified-site burn read from the words of a burn whose site is named', () => {
    expect(codes('- Second-degree (partial-thickness) burn of the right palm, initial visit.')).toEqual(['T23.251A']);
  });

  it('adds the extent (T31) when the chart states 10 percent or more, with the third-degree share', () => {
    expect(codes('1. Second and third degree burns of the chest wall, initial encounter.', 'EXAM: burns 24% TBSA, 12% full thickness.\n')).toEqual(['T21.31XA', 'T31.21']);
    expect(codes('1. Second-degree burn of the right palm, initial encounter.', 'EXAM: Approximately 1% TBSA.\n')).toEqual(['T23.251A']);
  });
});
