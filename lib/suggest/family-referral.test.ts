import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** A family history the plan reasons with, on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\n${note}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('a family history the plan reasons with (Guideline I.C.21.c.4)', () => {
  it('reads a first-degree relative as a relative pointing back at the history', () => {
    expect(codes('FAMILY HISTORY: Father had colon cancer at 52.\nASSESSMENT:\n1. GERD, controlled.\nPLAN:\n- Colon cancer screening: first-degree relative diagnosed before 60, so colonoscopy now.')).toContain('Z80.0');
  });

  it('does not read "age-related" as a relative', () => {
    expect(codes('FAMILY HISTORY: Sister has osteoporosis.\nASSESSMENT:\n1. Age-related osteoporosis without current pathological fracture.')).not.toContain('Z82.62');
  });
});
