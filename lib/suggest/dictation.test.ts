import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Dictated and transcribed punctuation on the full FY2026 code set (built before the unit tests). Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-09-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-09-10' }).diagnoses.map((d) => d.code);

describe('transcribed punctuation', () => {
  it('reads a spaced list marker ("2 )") as the item number, not a CKD stage, and a double dash as a dash', () => {
    const result = codes('1 ) hypertensive CKD stage 5 , progressing , not on dialysis -- discussed HD vs PD again .\n2 ) chronic metabolic acidosis of CKD -- increase sodium bicarbonate .');
    expect(result).toEqual(expect.arrayContaining(['I12.0', 'N18.5', 'E87.22']));
    expect(result).not.toContain('N18.2');
    expect(codes('2 ) chronic metabolic acidosis of CKD -- increase sodium bicarbonate .')).toEqual(['E87.22', 'N18.9']);
  });

  it('reads "Tetanus - Tdap … given" as an immunization item, not tetanus', () => {
    const result = codes('1. Dog bite of left hand, initial encounter.\n2. Tetanus - Tdap 0.5 mL IM right deltoid given today, VIS provided.');
    expect(result).toContain('Z23');
    expect(result).not.toContain('A35');
  });
});
