import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Secondary neoplasms on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('secondary neoplasms named in brackets (Guideline I.C.2)', () => {
  it('codes the bracketed site as the secondary and keeps the primary said before it', () => {
    expect(codes('1. Metastatic ascending colon adenocarcinoma (liver), on treatment holiday - restaging due.')).toEqual(['C18.2', 'C78.7']);
  });
});

describe('a spread the assessment only weighs (Guideline IV.H)', () => {
  it('leaves a metastasis to be ruled out uncoded, keeping the words before the site out of it', () => {
    expect(codes('1. Lung adenocarcinoma.\n2. New headache. Rule out brain metastasis; MRI brain ordered.')).toEqual(['C34.90', 'R51.9']);
    expect(codes('1. Prostate adenocarcinoma. Evaluate for bone metastases with a PSMA PET.')).toEqual(['C61']);
  });
});

describe('oncology abbreviations', () => {
  it('reads NSCLC as lung cancer and CLL as chronic lymphocytic leukemia of B-cell type', () => {
    expect(codes('1. NSCLC on pembrolizumab, responding.')).toEqual(['C34.90']);
    expect(codes('1. CLL, Rai stage 0, watch and wait.')).toEqual(['C91.10']);
  });
});
