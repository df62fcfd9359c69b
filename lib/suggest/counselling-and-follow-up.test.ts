import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/**
 * Causes found on held-out sets 107–111, each on our own synthetic sentences and with a case where the rule must
 * still fire. Full FY2026 ICD-10-CM and the shipped procedure rules.
 */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const suggest = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-06-02\nDOB: 1961-09-14\nEstablished patient\n${note}`), { dateOfService: '2026-06-02' });
const dx = (note: string) => suggest(note).diagnoses.map((d) => d.code);

describe('counselling about what a new drug may do', () => {
  it('reads "discussed sedation and fall risk" as counselling, not a fall risk the clinician found', () => {
    const result = suggest('Assessment:\n1. Insomnia - start trazodone 50 mg at bedtime. Discussed sedation and fall risk.\n');
    expect(result.diagnoses.map((d) => d.code)).toEqual(['G47.00']);
    expect(result.excluded.find((e) => e.code === 'Z91.81')?.reason).toBe('hypothetical');
  });

  it('still codes a fall risk the assessment states', () => {
    expect(dx('Assessment:\n1. High fall risk, two falls this spring - PT referral.\n')).toContain('Z91.81');
  });
});
