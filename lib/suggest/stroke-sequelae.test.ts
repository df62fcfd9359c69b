import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Hemiplegia and the sequelae of stroke on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('hemiparesis and stroke sequelae (Guideline I.C.6.a, I.C.9.d)', () => {
  it('reads hemiparesis as hemiplegia, on the side the chart says', () => {
    expect(codes('1. Left hemiparesis, nondominant side.')).toEqual(['G81.94']);
    expect(codes('1. Left hemiplegia, dominant side.')).toEqual(['G81.92']);
  });

  it('takes the default dominance when the chart gives only the side', () => {
    expect(codes('1. Left hemiparesis.')).toEqual(['G81.94']);
    expect(codes('1. Right hemiparesis.')).toEqual(['G81.91']);
  });

  it('codes a deficit left by a stroke as its sequela, not as a current infarction', () => {
    expect(codes('- Left hemiparesis (non-dominant side) as a late effect of the R MCA cerebral infarction: continue PT/OT.')).toEqual(['I69.354']);
    expect(codes('1. Residual right hemiparesis from prior stroke (2024).')).toEqual(['I69.351']);
    expect(codes('1. Post-stroke left hemiparesis.')).toEqual(['I69.354']);
  });

  it('reads dominance from handedness, which is not a side of the deficit', () => {
    expect(codes('1. Left hemiparesis after stroke, right-handed.')).toEqual(['I69.354']);
    expect(codes('1. Right hemiparesis after stroke, left-handed.')).toEqual(['I69.353']);
  });
});
