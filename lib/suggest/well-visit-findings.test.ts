import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Which routine-exam code a well visit takes, on our own synthetic notes. Full FY2026 ICD-10-CM. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const dx = (dob: string, body: string) =>
  engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-03-10\nDOB: ${dob}\nEstablished patient\n${body}`), { dateOfService: '2026-03-10' }).diagnoses.map((d) => d.code);

describe('a well-child visit with a condition addressed', () => {
  it('is "with abnormal findings" when the parent brought the problem (otitis media at a 9-month check)', () => {
    const codes = dx('2025-06-01', 'Visit: 9 month well child check.\nS: Mom reports 2 days of pulling at the left ear, fever 38.5.\nO: L TM bulging and red.\nA:\n1. Well child, normal growth and development.\n2. Acute suppurative otitis media, left ear.\nP: Amoxicillin. Vaccines up to date.\n');
    expect(codes).toContain('Z00.121');
    expect(codes).not.toContain('Z00.129');
  });

  it('stays "without abnormal findings" when nothing else is coded', () => {
    expect(dx('2025-06-01', 'Visit: 9 month well child check.\nA: Healthy 9-month-old, normal growth and development.\nP: Anticipatory guidance. RTC 12 months.\n')).toContain('Z00.129');
  });

  it('leaves an adult\'s known condition managed at a physical "without abnormal findings"', () => {
    const codes = dx('1974-02-11', 'Visit: annual preventive exam.\nA:\n1. Routine adult health exam.\n2. Hypothyroidism, stable on levothyroxine - continue.\n');
    expect(codes).toContain('Z00.00');
  });
});

describe('teaching for what may come', () => {
  it('reads "dosing reviewed for post-vaccine fever" as guidance, not a fever', () => {
    const codes = dx('2026-01-05', 'Visit: 2 month well child check.\nA: Healthy infant, normal growth.\nP: Vaccines given. Acetaminophen dosing reviewed for post-vaccine fever. RTC 4 months.\n');
    expect(codes).not.toContain('R50.83');
    expect(codes).toContain('Z00.129');
  });
});

describe('a relative spoken to', () => {
  it('reads "I counseled mom on each" as the one counseled, so the infant\'s vaccine is still billed', () => {
    const result = engine.suggest(chartFromText('SYNTHETIC NOTE\nDate of Service: 2026-02-03\nDOB: 2025-05-01\nEstablished patient\nVisit: 9 month well child check.\nA: Healthy 9-month-old.\nP: Vaccines, after I counseled mom on each and VIS given: Hep B #3 (Engerix-B pediatric 0.5 mL IM R thigh).\n'), { dateOfService: '2026-02-03' });
    expect(result.procedures.map((p) => `${p.code}x${p.units ?? 1}`)).toEqual(expect.arrayContaining(['90744x1', '90460x1']));
  });
});

describe('a problem worked up inside the preventive visit', () => {
  const note = (closing: string) =>
    `SYNTHETIC NOTE\nDate of Service: 2026-05-12\nDOB: 1969-02-20\nEstablished patient\nVisit: annual preventive exam.\nAssessment/Plan:\n1. Routine adult health exam with abnormal findings.\n2. Right breast lump, 1.5 cm - differential includes fibroadenoma, cyst and malignancy. Diagnostic mammogram and ultrasound ordered; breast surgery referral.\n${closing}\n`;
  const visits = (closing: string) => engine.suggest(chartFromText(note(closing)), { dateOfService: '2026-05-12' }).procedures.map((p) => p.code).filter((c) => c.startsWith('992'));

  it('bills no problem E/M when the note says none was billed or the work-up was arranged within the preventive visit', () => {
    expect(visits('No separate problem-oriented E/M billed.')).toEqual([]);
    expect(visits('The lump work-up was arranged within today\'s preventive visit.')).toEqual([]);
  });

  it('still bills the problem E/M the note does not set inside the preventive visit', () => {
    expect(visits('Return after imaging.')).toHaveLength(1);
  });
});

