import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Remission titles and drugs the chart says were stopped, on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-08-12\nEstablished patient\n${note}`), { dateOfService: '2026-08-12' }).diagnoses.map((d) => d.code);

describe('"without complications in remission" (FY2026 E11.A)', () => {
  it('reads the remission as the code\'s own state, not as part of what is absent', () => {
    expect(codes('ASSESSMENT:\n1. Type 2 diabetes mellitus in remission - no meds.\n')).toEqual(['E11.A']);
    expect(codes('ASSESSMENT:\n1. Type 2 diabetes mellitus without complications - metformin 500 mg BID.\n')).toEqual(['E11.9', 'Z79.84']);
  });
});

describe('a drug the chart later says was stopped', () => {
  it('is no long-term therapy where it was named before, even in the same sentence', () => {
    const hpi = 'HPI: Type 2 diabetes diagnosed 2022, treated with metformin; after weight loss he came off metformin in 01/2024.\n';
    expect(codes(`${hpi}ASSESSMENT:\n1. Type 2 diabetes mellitus in remission - no meds.\n`)).toEqual(['E11.A']);
    // Taken up again later: current.
    expect(codes('HPI: Metformin was held in hospital; resumed today at 500 mg BID.\nASSESSMENT:\n1. Type 2 diabetes mellitus without complications - continue metformin.\n')).toEqual(['E11.9', 'Z79.84']);
  });
});
