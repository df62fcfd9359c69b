import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { hypertensionCode } from './hypertension-links';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

describe('the one hypertension code for the heart and kidney involvement (Guideline I.C.9.a)', () => {
  it('picks I10-I13 from heart failure, heart disease, CKD and stage 5/ESRD', () => {
    const none = { heart: false, heartFailure: false, kidney: false, stage5: false };
    expect(hypertensionCode(none)).toBe('I10');
    expect(hypertensionCode({ ...none, heart: true, heartFailure: true })).toBe('I11.0');
    expect(hypertensionCode({ ...none, heart: true })).toBe('I11.9');
    expect(hypertensionCode({ ...none, kidney: true })).toBe('I12.9');
    expect(hypertensionCode({ ...none, kidney: true, stage5: true })).toBe('I12.0');
    expect(hypertensionCode({ heart: true, heartFailure: true, kidney: true, stage5: false })).toBe('I13.0');
    expect(hypertensionCode({ heart: true, heartFailure: false, kidney: true, stage5: false })).toBe('I13.10');
    expect(hypertensionCode({ heart: true, heartFailure: false, kidney: true, stage5: true })).toBe('I13.11');
    expect(hypertensionCode({ heart: true, heartFailure: true, kidney: true, stage5: true })).toBe('I13.2');
  });
});

/** On the full FY2026 files (built before the unit tests). All notes are synthetic. */
describe('hypertension linked in the chart', () => {
  let engine: SuggestionEngine;
  beforeAll(async () => {
    const { loadCatalog } = await import('../../cli/bundles');
    engine = createSuggestionEngine(await loadCatalog());
  });
  const dx = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-05-18\nEstablished patient\nAssessment:\n${assessment}\n`), { dateOfService: '2026-05-18' }).diagnoses.map((d) => d.code);

  it('reads "hypertensive heart and kidney disease" with heart failure and a CKD stage as I13.0, keeping the heart failure type', () => {
    const codes = dx('1. Chronic systolic heart failure, compensated; hypertensive heart and kidney disease.\n2. CKD stage 3b, at baseline.');
    expect(codes).toEqual(expect.arrayContaining(['I13.0', 'I50.22', 'N18.32']));
    expect(codes.filter((c) => /^I1[0-3]/.test(c))).toEqual(['I13.0']);
  });

  it('links hypertension written apart from the heart failure and the CKD', () => {
    expect(dx('1. Hypertension - controlled.\n2. Chronic diastolic heart failure.\n3. CKD stage 4.').filter((c) => /^I1[0-3]/.test(c))).toEqual(['I13.0']);
    expect(dx('1. Hypertension - controlled.\n2. ESRD on dialysis.').filter((c) => /^I1[0-3]/.test(c))).toEqual(['I12.0']);
    expect(dx('1. Hypertensive heart disease.\n2. Chronic diastolic heart failure.').filter((c) => /^I1[0-3]/.test(c))).toEqual(['I11.0']);
  });

  it('leaves plain hypertension alone', () => {
    expect(dx('1. Essential hypertension - continue amlodipine.')).toEqual(['I10']);
  });
});
