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

describe('a vertebra named by its level', () => {
  it('reads "T12" or "L3" in a sentence about the spine as that region\'s vertebra', () => {
    expect(dx('Assessment:\n1. Fracture of L1, initial encounter, after a fall from a ladder.\n')).toContain('S32.009A');
    expect(dx('Assessment:\n1. Vertebral osteomyelitis L3 due to MRSA.\n')).toContain('M46.26');
  });

  it('leaves a level outside a spine sentence alone ("free T4")', () => {
    expect(dx('Assessment:\n1. Hypothyroidism, free T4 low - increase levothyroxine.\n')).toEqual(['E03.9']);
  });

  it('codes a fragility compression fracture in osteoporosis as the pathological vertebral fracture (Guideline I.C.13.d)', () => {
    const codes = dx('Assessment:\n1. Acute osteoporotic (fragility) compression fracture of T12 - pathological fracture due to age-related osteoporosis, initial encounter.\n');
    expect(codes).toEqual(['M80.08XA']);
  });

  it('does not add the injury code beside an M80 code the chart already names', () => {
    const codes = dx('Assessment:\n1. Age-related osteoporosis with current pathological vertebral fracture at T12, subsequent encounter, healing as expected.\n');
    expect(codes).toContain('M80.08XD');
    expect(codes.filter((c) => c.startsWith('S22'))).toEqual([]);
  });
});

describe('a cause weighed and still to be excluded', () => {
  it('reads "considered as a cause" and "will rule out with labs" as uncertain', () => {
    const result = suggest('Assessment:\n1. Low back pain.\n2. Malignancy (e.g. myeloma or metastasis) considered as a cause; no red flags, but will rule out with labs.\n');
    expect(result.diagnoses.map((d) => d.code)).not.toContain('C80.1');
    expect(result.excluded.find((e) => e.code === 'C80.1')?.reason).toBe('uncertain');
  });

  it('keeps a condition the clinician names as the cause', () => {
    expect(dx('Assessment:\n1. Iron deficiency anemia considered as the cause of her fatigue - start ferrous sulfate.\n')).toContain('D50.9');
  });
});
