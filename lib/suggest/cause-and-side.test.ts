import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { SuggestionEngine } from './suggest';

// Synthetic one-line assessments; each rule has a case where it must fire and one where it must not.
const shared = process.env.CODESETS_DIR ?? resolve(__dirname, '../../../shared/codesets');
const built = resolve(__dirname, '../../public/codesets/manifest.json');

describe.skipIf(!existsSync(shared) || !existsSync(built))('uncertain, past, integral and side readings on the full code set', () => {
  let engine: SuggestionEngine;
  beforeAll(async () => {
    const { loadCatalog } = await import('../../cli/bundles');
    engine = new SuggestionEngine(await loadCatalog());
  });
  const run = (assessment: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\nASSESSMENT:\n${assessment}\n`));
  const codes = (assessment: string) => run(assessment).diagnoses.map((d) => d.code);

  it('"X is a consideration" leaves X uncertain', () => {
    const result = run('1. Reflux disease. Celiac disease is a consideration; serology ordered.');
    expect(result.diagnoses.map((d) => d.code)).not.toContain('K90.0');
    expect(result.excluded.find((e) => e.code === 'K90.0')?.reason).toBe('uncertain');
    expect(codes('1. Celiac disease, on a gluten-free diet.')).toContain('K90.0');
  });

  it('the condition an ablation or removal was done for is past; the condition after it is current', () => {
    const result = run('1. Hypothyroidism after radioactive iodine ablation for Graves disease, on levothyroxine.');
    expect(result.diagnoses.map((d) => d.code)).not.toContain('E05.00');
    expect(result.excluded.find((e) => e.code === 'E05.00')?.reason).toBe('historical');
    expect(codes('1. Graves disease, starting methimazole.')).toContain('E05.00');
  });

  it('a lumbar strain is a strain of the lower back, and low back pain is part of it', () => {
    const result = run('1. Acute lumbar strain from lifting yesterday, with low back pain.');
    expect(result.diagnoses.map((d) => d.code)).toContain('S39.012A');
    expect(result.diagnoses.map((d) => d.code)).not.toContain('M54.50');
    // Low back pain with a strain of another site stays.
    expect(codes('1. Right ankle sprain from a fall yesterday. 2. Low back pain for 3 months.')).toContain('M54.50');
  });

  it('wounds from a bite are an open bite; a wound with no bite stays what it is', () => {
    const bite = codes('1. Dog bite, left forearm - puncture wounds with small superficial tear.');
    expect(bite).toContain('S51.852A');
    expect(bite).not.toContain('S51.832A');
    expect(bite).not.toContain('S50.872A');
    expect(codes('1. Puncture wound of left forearm from a nail.')).toContain('S51.832A');
  });

  it('a header named by the chart goes to the child the Tabular calls its NOS, not the pneumonia child', () => {
    const flu = codes('1. Influenza A, lungs clear.');
    expect(flu).toContain('J10.1');
    expect(flu).not.toContain('J10.00');
  });

  it('a symptom line that names its cause is not a problem of its own', () => {
    const explained = run('1. Acute bronchitis.\nSore throat is from post-nasal drainage.');
    expect(explained.diagnoses.map((d) => d.code)).not.toContain('R07.0');
    expect(codes('1. Acute bronchitis.\n2. Sore throat, persistent, ENT referral.')).toContain('R07.0');
  });

  it('a side word read from the next clause gives way to the bilateral code of the same words', () => {
    const knees = codes('1. Bilateral primary knee OA, left knee injected today.');
    expect(knees).toContain('M17.0');
    expect(knees).not.toContain('M17.12');
    expect(codes('1. Left knee OA; bilateral hip OA.')).toEqual(expect.arrayContaining(['M17.12', 'M16.0']));
  });
  it('takes the side of a default "unspecified" sibling from a capital side letter beside the site', () => {
    expect(codes('1. Nondisplaced fracture of R lateral malleolus, routine healing.')).toEqual(['S82.64XD']);
    expect(codes('1. Nondisplaced fracture of L lateral malleolus, initial encounter.')).toEqual(['S82.65XA']);
    expect(codes('1. Nondisplaced fracture of lateral malleolus, 2 L fluid restriction discussed.')).toEqual(['S82.66XA']);
  });
  it('reads a toxic multinodular goiter as thyrotoxicosis with toxic multinodular goiter, a nontoxic one as the goiter alone', () => {
    expect(codes('1. Toxic multinodular goiter without thyroid storm, controlled on methimazole.')).toEqual(['E05.20']);
    expect(codes('1. Nontoxic multinodular goiter, stable on ultrasound.')).toEqual(['E04.2']);
  });
  it('leaves out a finding the note calls part of a diagnosis already coded', () => {
    expect(codes('1. Primary hyperparathyroidism from a parathyroid adenoma. The hypercalcemia is part of that diagnosis.')).toEqual(['E21.0']);
    expect(codes('1. Primary hyperparathyroidism from a parathyroid adenoma. The hypercalcemia is not part of that diagnosis; check vitamin D.')).toContain('E83.52');
  });
  it('reads a kidney stone the patient passed as a past one', () => {
    const past = codes('1. Primary hyperparathyroidism. He passed a calcium oxalate kidney stone in March 2024; none since.');
    expect(past).toContain('Z87.442');
    expect(past).not.toContain('N20.0');
  });
  it('reads the class an asthma was "reclassified from" as the earlier one', () => {
    expect(codes('1. Asthma, mild persistent, uncomplicated - reclassified from intermittent; not well controlled.')).toEqual(['J45.30']);
  });
  it('reads "radiographs negative" as the films\' result, not the contusion beside it', () => {
    expect(codes('1. Contusion of right shoulder, radiographs negative.')).toEqual(['S40.011A']);
  });
  it('reads an illness the patient "had at age 4" as a past one', () => {
    expect(codes('1. Had chickenpox at age 4; considered immune.')).not.toContain('B01.9');
    expect(codes('1. Chickenpox, day 3 of the rash.')).toContain('B01.9');
  });
  it('reads a subungual hematoma as a contusion with damage to the nail', () => {
    expect(codes('1. Contusion of the right thumb with subungual hematoma (nail involved), evacuated.')).toEqual(['S60.111A']);
    expect(codes('1. Subungual hematoma of the left index finger.')).toEqual(['S60.122A']);
    expect(codes('1. Contusion of the right thumb.')).toEqual(['S60.011A']);
  });
  it('keeps diabetic hypoglycemia "without coma" beside insulin, and linked when the insulin timing caused it', () => {
    const onInsulin = codes('1. Type 2 diabetes with hypoglycemia, on insulin.');
    expect(onInsulin).toContain('E11.649');
    expect(onInsulin).not.toContain('E11.641');
    const timing = codes('1. Type 2 diabetes with early postprandial hypoglycemia caused by a mismatch between rapid-acting insulin and meals.');
    expect(timing).toContain('E11.649');
    expect(timing).not.toContain('E16.2');
    expect(codes('1. BPH with nocturia.')).toEqual(['N40.1', 'R35.1']);
  });
  it('links no second neuropathy from the words an autonomic neuropathy code was read from', () => {
    const codesRead = codes('1. Type 2 diabetes with diabetic gastroparesis (diabetic autonomic neuropathy affecting the stomach) and postprandial hypoglycemia.');
    expect(codesRead).toEqual(expect.arrayContaining(['E11.43', 'E11.649']));
    expect(codesRead).not.toContain('E11.42');
    expect(codes('1. Type 2 diabetes with diabetic polyneuropathy of both feet.')).toContain('E11.42');
  });
});
