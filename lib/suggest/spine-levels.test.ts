import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Intervertebral disc disorders on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('intervertebral disc displacement by the level the chart names', () => {
  it('reads a disc herniation at L5-S1 with radiculopathy as the lumbosacral disc disorder with radiculopathy', () => {
    expect(codes('1. Lumbosacral disc herniation L5-S1 with L S1 radiculopathy, not improving with PT.')).toEqual(['M51.17']);
  });

  it('reads a written level pair as its spinal region', () => {
    expect(codes('1. L4-L5 disc protrusion with radiculopathy.')).toEqual(['M51.16']);
    expect(codes('1. L4-5 herniated disc.')).toEqual(['M51.26']);
    expect(codes('1. C5-6 disc protrusion with left C6 radiculopathy.')).toEqual(['M50.122']);
  });
});
