import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Code-first notes of the Tabular on the full FY2026 ICD-10-CM with the FY2021 notes. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('code-first notes naming one code the chart says (Guideline I.C.1.g.1)', () => {
  it('adds the etiology a manifestation was read with, sequenced first', () => {
    expect(codes('1. COVID-19 with pneumonia. Outpatient management with nirmatrelvir.')).toEqual(['U07.1', 'J12.82']);
  });

  it('adds nothing the chart does not say', () => {
    expect(codes('1. Viral pneumonia, organism not identified.')).not.toContain('U07.1');
  });
});
