import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Follow-up after completed treatment (Guideline I.C.21.c.8), on our own synthetic notes. Full FY2026 ICD-10-CM. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const dx = (body: string) =>
  engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-04-14\nDOB: 1969-03-02\nEstablished patient\n${body}`), { dateOfService: '2026-04-14' }).diagnoses.map((d) => d.code);

describe('a follow-up visit after completed treatment', () => {
  it('codes Z09 first, then the history code, for a condition the assessment calls gone', () => {
    expect(dx('CC: Follow-up of cellulitis of the left leg.\nHPI: Finished 10 days of cephalexin last week; redness gone.\nAssessment:\n1. Cellulitis of left lower leg - resolved after antibiotics.\n2. Hypertension - controlled, continue lisinopril.\n')).toEqual(['Z09', 'Z87.2', 'I10']);
  });

  it('reads a condition named in the chief complaint as the one that was, when the assessment says treatment is complete', () => {
    const codes = dx('CC: 4-week follow-up after pneumonia.\nAssessment:\n1. Pneumonia - treatment completed; clinically resolved, lungs clear.\n');
    expect(codes).toEqual(['Z09', 'Z87.01']);
  });

  it('codes the condition itself when the visit finds it still there', () => {
    expect(dx('CC: Follow-up of pneumonia.\nAssessment:\n1. Pneumonia, RLL - improving but not resolved; continue amoxicillin 3 more days.\n')).toContain('J18.9');
  });

  it('adds no Z09 for a past episode told at a visit for another condition', () => {
    const codes = dx('HPI: 6-month follow-up of COPD. Pneumonia in 2024 treated, resolved, follow-up CXR clear.\nAssessment:\n1. COPD, stable on tiotropium.\n2. History of pneumonia, resolved.\n');
    expect(codes).not.toContain('Z09');
    expect(codes).toContain('J44.9');
  });
});
