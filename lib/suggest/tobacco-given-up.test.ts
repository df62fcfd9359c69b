import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Tobacco the patient gave up, on our own synthetic sentences. Full FY2026 ICD-10-CM. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const tobacco = (hpi: string) =>
  engine
    .suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-06-02\nEstablished patient\nHPI: 71-year-old man with COPD. ${hpi}\nAssessment:\n1. COPD, stable on tiotropium.\n`))
    .diagnoses.map((d) => d.code)
    .filter((c) => /^(?:F17|Z87\.891|Z72\.0)/.test(c));

describe('tobacco given up', () => {
  it.each([
    'He quit smoking in 2018 after 45 pack-years.',
    'Ex-smoker (40 pack-years, quit 2012).',
    'Smoked 1 ppd for 30 years, quit 2010.',
    'Tobacco: quit smoking in 2015, previously 1 ppd x 25 years.',
    'Smoked 1 ppd x 30 yrs. Quit 2010.',
    'Lung cancer screening discussed given his smoking history.',
  ])('reads "%s" as a history of nicotine dependence (Z87.891)', (hpi) => {
    expect(tobacco(hpi)).toEqual(['Z87.891']);
  });

  it.each([
    'Smokes 1 ppd, advised to quit.',
    'Smokes 1 ppd; wife quit in 2010.',
    'Current smoker, 1 ppd, discussed quit smoking program.',
    'Stopped metformin; smokes 1 ppd.',
    'Smoking history: 1 ppd x 20 years, current smoker.',
  ])('keeps current smoking in "%s"', (hpi) => {
    expect(tobacco(hpi)).toEqual(['F17.210']);
  });

  it('keeps a habit taken up again', () => {
    expect(tobacco('Quit smoking in 2010 but restarted in 2020, 1 ppd.')).not.toContain('Z87.891');
  });
});
