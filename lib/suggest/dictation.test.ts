import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Dictated and transcribed punctuation on the full FY2026 code set (built before the unit tests). Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (assessment: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-09-10\nEstablished patient\nASSESSMENT:\n${assessment}\n`), { dateOfService: '2026-09-10' }).diagnoses.map((d) => d.code);

describe('transcribed punctuation', () => {
  it('reads a spaced list marker ("2 )") as the item number, not a CKD stage, and a double dash as a dash', () => {
    const result = codes('1 ) hypertensive CKD stage 5 , progressing , not on dialysis -- discussed HD vs PD again .\n2 ) chronic metabolic acidosis of CKD -- increase sodium bicarbonate .');
    expect(result).toEqual(expect.arrayContaining(['I12.0', 'N18.5', 'E87.22']));
    expect(result).not.toContain('N18.2');
    expect(codes('2 ) chronic metabolic acidosis of CKD -- increase sodium bicarbonate .')).toEqual(['E87.22', 'N18.9']);
  });

  it('reads "Tetanus - Tdap … given" as an immunization item, not tetanus', () => {
    const result = codes('1. Dog bite of left hand, initial encounter.\n2. Tetanus - Tdap 0.5 mL IM right deltoid given today, VIS provided.');
    expect(result).toContain('Z23');
    expect(result).not.toContain('A35');
  });
});

describe('spoken punctuation', () => {
  it('reads "assessment colon …" as a label, not the colon, and a spoken list after "Impression"', () => {
    const note = (body: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-09-10\nEstablished patient\n\n${body}`), { dateOfService: '2026-09-10' }).diagnoses.map((d) => d.code);
    const result = note('this is the dictating provider comma procedure note period new paragraph exam colon healing scar comma no lesions nearby period new paragraph assessment colon nodular basal cell carcinoma of the skin of the left upper arm comma excised today period');
    expect(result).not.toContain('C18.9');
    expect(result).toContain('C44.619');
  });
});

describe('ordinals written in digits', () => {
  it('reads "R 5th metacarpal" and "2nd degree" as the fifth and second of the titles', () => {
    expect(codes('1. Displaced boxer fracture, R 5th metacarpal neck, closed, initial encounter.')).toEqual(['S62.336A']);
    expect(codes('1. 2nd degree burn of left palm, initial encounter.')).toEqual(['T23.252A']);
  });
});

describe('symptoms of a concussion', () => {
  it('codes the concussion alone when its headache, photophobia and vomiting are given as its own', () => {
    expect(codes('1. Concussion without loss of consciousness, initial encounter.\n2. Headache, photophobia and fogginess are from the concussion.\n3. Head CT not indicated - single episode of vomiting, normal neuro exam.')).toEqual(['S06.0X0A']);
  });

  it('keeps a symptom the assessment sets apart from the concussion', () => {
    expect(codes('1. Concussion without loss of consciousness, initial encounter.\n2. Persistent vomiting, not typical of concussion - abdominal exam and labs.')).toEqual(['S06.0X0A', 'R11.15']);
  });
});

describe('a test named after a comma belongs to its own noun', () => {
  it('codes the UTI of "UTI, pregnancy test negative", and keeps "Influenza, high-dose trivalent" a vaccine', () => {
    expect(codes('1. UTI, pregnancy test negative.')).toEqual(['N39.0']);
    expect(codes('1. Immunizations: Influenza, high-dose trivalent (Fluzone High-Dose) 0.5 mL IM given.')).not.toContain('J11.1');
  });
});

describe('a title that says a condition is absent', () => {
  it('is not contradicted by the same condition hedged or denied later in the sentence', () => {
    expect(codes('1. Elevated blood pressure reading without a diagnosis of hypertension; possible hypertension - home BP log.')).toEqual(['R03.0']);
    expect(codes('1. Elevated blood pressure reading without diagnosis of hypertension: home BP log, nurse BP check; not diagnosing hypertension today.')).toEqual(['R03.0']);
  });

  it('is contradicted by the condition said outright in the sentence', () => {
    expect(codes('1. Elevated blood pressure reading without diagnosis of hypertension; hypertension confirmed on home log - start lisinopril.')).not.toContain('R03.0');
  });
});

describe('a code whose 7th character is a digit, not an encounter letter', () => {
  it('reads the eye of diabetic retinopathy from the chart: unspecified when none is said, never the right eye by default', () => {
    const retinopathy = 'Type 2 diabetes with mild nonproliferative diabetic retinopathy without macular edema';
    expect(codes(`1. ${retinopathy}.`)).toEqual(['E11.3299']);
    expect(codes(`1. ${retinopathy}, bilateral.`)).toEqual(['E11.3293']);
    expect(codes(`1. ${retinopathy}, both eyes.`)).toEqual(['E11.3293']);
    expect(codes(`1. ${retinopathy}, left eye.`)).toEqual(['E11.3292']);
  });
});

describe('bites', () => {
  it('codes a tick or insect bite as the superficial insect bite of its place, a dog bite as an open bite', () => {
    expect(codes('1. Tick bite right posterior thigh, initial visit, engorged tick attached more than 36 hours.')).toEqual(['S70.361A']);
    expect(codes('1. Dog bite right thigh, puncture wounds, initial encounter.')).toEqual(['S71.151A']);
  });
});

describe('strains', () => {
  it('reads a cervical or neck strain as the strain at neck level (S16.1XXA), its tissue list and level left to the title', () => {
    expect(codes('1. Acute cervical paraspinal muscle strain, initial encounter.')).toEqual(['S16.1XXA']);
    expect(codes('1. Neck strain after a rear-end collision, initial encounter.')).toEqual(['S16.1XXA']);
    // "cervical" alone stays the cervix's.
    expect(codes('1. Cervical dysplasia.')).toEqual(['N87.9']);
  });
});

