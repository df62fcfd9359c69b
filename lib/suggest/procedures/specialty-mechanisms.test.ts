// Specialty-note mechanisms, each on synthetic sentences: plain films of any site, repair length, rating-form
// respondents, screening results in lists, psychotherapy clock time and therapy-only sessions, E/M time
// "exclusive of" a separate service, medication lists, diluents, chemotherapy administration, biosimilars,
// allergen immunotherapy and treatment-only visits.
import { describe, expect, it } from 'vitest';
import cptJson from '../../../assets/cpt/common-cpt.json';
import { hcpcsRecords } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { CodeSetCatalog } from '../../codesets';
import type { CodeSetBundle } from '../../codesets';
import { builtinCptCodes } from '../../codesets/cpt';
import { clockMinutes } from './clock';
import { findVisitTime } from './em-level';
import { respondentsIn } from './named-procedures';
import { viewCount } from './plain-films';
import { suggestProcedures } from './procedures';
import { respondentOnly } from './status';

const bundle = (system: 'hcpcs' | 'cpt', codes: CodeSetBundle['codes']): CodeSetBundle => ({ formatVersion: 1, id: `${system}@spec`, system, version: 'spec', effectiveFrom: '2000-01-01', sources: [], builtAt: '2026-01-01T00:00:00Z', codes, counts: { codes: codes.length } });
// Public HCPCS descriptors as CMS publishes them.
const catalog = new CodeSetCatalog([
  bundle('hcpcs', hcpcsRecords([
    ['J0897', 'Injection, denosumab, 1 mg', '2012-01-01'],
    ['Q5136', 'Injection, denosumab-bbdz (jubbonti/wyost), biosimilar, 1 mg', '2024-10-01'],
    ['J2506', 'Injection, pegfilgrastim, excludes biosimilar, 0.5 mg', '2022-01-01'],
    ['Q5108', 'Injection, pegfilgrastim-jmdb (fulphila), biosimilar, 0.5 mg', '2018-10-01'],
    ['Q5007', 'Hospice care provided in long term care facility', '2007-01-01'],
    ['J9201', 'Injection, gemcitabine hydrochloride, not otherwise specified, 200 mg', '1998-01-01'],
    ['J9217', 'Leuprolide acetate (for depot suspension), 7.5 mg', '1996-01-01'],
    ['J2405', 'Injection, ondansetron hydrochloride, per 1 mg', '1993-01-01'],
    ['J0881', 'Injection, darbepoetin alfa, 1 microgram (non-esrd use)', '2006-01-01'],
    ['J0636', 'Injection, calcitriol, 0.1 mcg', '1999-01-01'],
    ['J7030', 'Infusion, normal saline solution , 1000 cc', '1982-01-01'],
    ['J7050', 'Infusion, normal saline solution, 250 cc', '1982-01-01'],
  ])),
  bundle('cpt', builtinCptCodes(cptJson)),
]);
const note = (body: string) => chartFromText(`Date of Service: 03/10/2026\nEstablished patient.\n${body}`);
const run = (body: string) => suggestProcedures(note(body), catalog);
const codes = (body: string) => run(body).procedures.map((p) => p.code);
const line = (body: string, code: string) => run(body).procedures.find((p) => p.code === code);

describe('plain films of any body site', () => {
  it('reads the views written', () => {
    expect(viewCount('CXR PA/lateral done')).toBe(2);
    expect(viewCount('XR shoulder 3V')).toBe(3);
    expect(viewCount('AP, lateral and oblique views')).toBe(3);
    expect(viewCount('single view of the pelvis')).toBe(1);
    expect(viewCount('two-view forearm')).toBe(2);
    expect(viewCount('forearm films')).toBeUndefined();
  });

  it('codes a film taken and read in the office by site and views', () => {
    expect(codes('CXR PA/lateral done in clinic today, my read: no infiltrate.')).toContain('71046');
    expect(codes('Portable AP chest x-ray in office: clear.')).toContain('71045');
    expect(codes('Forearm x-ray 2 views in office: no fracture.')).toContain('73090');
    expect(codes('Lumbar spine x-ray 2 views in clinic, my read: degenerative changes.')).toContain('72100');
    expect(codes('KUB in office today: nonobstructive gas pattern.')).toContain('74018');
    expect(line('Left hip x-ray AP/lat done in clinic: mild OA.', '73502')?.modifiers).toEqual(['LT']);
  });

  it('sets aside ordered, outside, past, planned and negated films', () => {
    expect(codes('CXR PA/lateral ordered at Valley Imaging today; will call with result.')).not.toContain('71046');
    expect(codes('Chest x-ray at urgent care yesterday showed RUL infiltrate.')).not.toContain('71046');
    expect(codes('Will obtain left humerus x-ray 2 views if pain persists.')).not.toContain('73060');
    expect(codes('No rib x-ray needed.')).not.toContain('71100');
    expect(codes('Chest CT in office today: clear.')).not.toContain('71045');
  });
});

describe('laceration repair length', () => {
  it('reads a written total and decimals with .0', () => {
    expect(codes('Procedure: simple repair of the right hand.\nWound 1: 2.0 cm dorsal hand.\nWound 2: 1.5 cm thenar.\nTotal repaired length 3.5 cm. Tolerated well.')).toContain('12002');
    expect(codes('Procedure: Laceration repair, simple, left forearm: 2.0 cm.')).toContain('12001');
  });

  it('adds up listed wounds and falls back to a length written elsewhere in the note', () => {
    expect(codes('Procedure: simple repair of the left leg.\nWound 1: 2.0 cm.\nWound 2: 1.5 cm.')).toContain('12002');
    expect(codes('HPI: cut left forearm, 4.0 cm linear laceration.\nProcedure: Laceration repair, simple, closed with sutures on the left forearm.')).toContain('12002');
  });
});

describe('rating forms and screening results', () => {
  it('reads a parent or teacher as the respondent, not the person the service is about', () => {
    expect(respondentOnly('Vanderbilt parent form completed by mother today')).toBe(true);
    expect(respondentOnly('Advance care planning discussed with daughter for 20 minutes')).toBe(true);
    expect(respondentOnly('Mother had a knee injection last year')).toBe(false);
    expect(respondentsIn('Vanderbilt parent and teacher forms scored')).toEqual(['parent', 'teacher']);
  });

  it('counts one unit per form scored at this visit, none for a form still to be completed', () => {
    const body = 'Vanderbilt parent rating scale completed by mother today: inattentive 7/9.\nVanderbilt teacher form received today and scored: inattentive 6/9.\nAssessment:\n1. ADHD.';
    expect(line(body, '96127')?.units).toBe(2);
    expect(line('Vanderbilt parent form completed by mother today: inattentive 7/9.\nVanderbilt teacher form to be completed and returned.\nAssessment:\n1. ADHD.', '96127')?.units).toBe(1);
  });

  it('recognises vision and hearing screens written as a result list', () => {
    expect(codes('Vision, HOTV chart: 20/25 OD, 20/25 OS - pass')).toContain('99173');
    expect(codes('Hearing, pure-tone screen 1000-4000 Hz: pass both ears')).toContain('92551');
    expect(codes('Hearing screen to be done at the next visit.')).not.toContain('92551');
  });
});

describe('psychotherapy time and therapy-only sessions', () => {
  it('reads clock times', () => {
    expect(clockMinutes('Session start 10:02 - end 10:57')).toBe(55);
    expect(clockMinutes('11:40-12:30')).toBe(50);
    // 24-hour times without colons, back-to-back ranges summed; a span of years is not a time.
    expect(clockMinutes('bag #1 1010-1115, bag #2 1115-1220')).toBe(130);
    expect(clockMinutes('Start 0905, stop 1105 (120 minutes).')).toBe(120);
    expect(clockMinutes('Treated 2019-2021 with methotrexate.')).toBeUndefined();
    expect(clockMinutes('from 2:15 pm to 3:05 pm')).toBe(50);
    expect(clockMinutes('BP 120/80 at 10:02')).toBeUndefined();
  });

  it('codes a session with no E/M work as psychotherapy alone', () => {
    const r = run('Session start 10:02 - end 10:57.\nIndividual psychotherapy (CBT) focused on behavioral activation.\nAssessment:\n1. Major depressive disorder, recurrent, moderate.');
    expect(r.procedures.map((p) => p.code)).toEqual(['90837']);
    expect(r.excluded.some((e) => e.code === '99212' || e.code === '99213')).toBe(true);
  });

  it('keeps the E/M and the add-on when medications are managed', () => {
    const c = codes('Psychotherapy 30 minutes, supportive.\nAssessment:\n1. Major depressive disorder.\n2. Insomnia.\nPlan: increase sertraline to 100 mg daily, prescription sent.');
    expect(c).toContain('90833');
    expect(c.some((x) => /^9921[2-5]$/.test(x))).toBe(true);
  });
});

describe('E/M time exclusive of a separate service', () => {
  it('reads "time for the visit exclusive of …: N minutes" as the visit time, and the service keeps its own minutes', () => {
    const body = 'Assessment:\n1. Alzheimer dementia.\nAdvance care planning discussed with daughter for 20 minutes: POLST completed.\nTime for the visit exclusive of advance care planning: 42 minutes.';
    expect(findVisitTime(note(body))?.minutes).toBe(42);
    expect(codes(body)).toEqual(expect.arrayContaining(['99215', '99497']));
  });
});

describe('drugs: medication lists, diluents, biosimilars, chemotherapy', () => {
  const ckd = 'Medications: calcitriol 0.25 mcg daily, sodium bicarbonate 650 mg BID, darbepoetin q2 weeks in office, amlodipine 10 mg daily.';
  it('does not read a medication list as doses given, nor carry an amount across a closed list item', () => {
    expect(codes(ckd)).not.toContain('J0881');
    expect(codes(ckd)).not.toContain('J0636');
    const given = run(`${ckd}\nDarbepoetin 40 mcg SC given today by RN in left arm.`);
    expect(given.procedures.find((p) => p.code === 'J0881')?.units).toBe(40);
    expect(given.procedures.filter((p) => p.code === 'J0881')).toHaveLength(1);
  });

  it('never bills the carrier fluid of an infusion', () => {
    const c = codes('Treatment given: gemcitabine 1800 mg in 250 mL NS IV infusion over 30 minutes, infusion completed.');
    expect(c).toContain('J9201');
    expect(c).not.toContain('J7050');
    expect(c).not.toContain('J7030');
  });

  it('maps a biosimilar suffix or brand to its own code, and the plain name to the reference code', () => {
    expect(codes('Denosumab-bbdz (Jubbonti) 60 mg SC administered by RN.')).toContain('Q5136');
    expect(codes('Pegfilgrastim-jmdb 6 mg SC given today.')).toContain('Q5108');
    expect(codes('Denosumab 60 mg SC administered by RN.')).toContain('J0897');
    expect(codes('Denosumab 60 mg SC administered by RN.')).not.toContain('Q5136');
  });

  it('uses the chemotherapy administration codes and makes other drugs add-ons', () => {
    const c = codes('Ondansetron 16 mg IV push given as premedication.\nGemcitabine 1800 mg IV infusion started 09:30, stopped 10:05.');
    expect(c).toEqual(expect.arrayContaining(['96413', '96375', 'J9201', 'J2405']));
    expect(c).not.toContain('96365');
    expect(c).not.toContain('96374');
    const long = line('Gemcitabine 1800 mg IV infusion given from 09:00 to 11:10.', '96415');
    expect(long?.units).toBe(1);
    expect(codes('Leuprolide 7.5 mg IM given today.')).toContain('96402');
    expect(codes('Leuprolide 7.5 mg IM given today.')).not.toContain('96372');
    expect(codes('Gemcitabine infusion planned for next week.')).not.toContain('96413');
  });

  it('sets aside the E/M of an infusion visit whose only problem is the one treated', () => {
    const r = run('Chief Complaint: Cycle 2 day 1 gemcitabine infusion.\nGemcitabine 1800 mg IV infusion over 35 minutes, infusion completed.\nAssessment:\n1. Pancreatic adenocarcinoma on gemcitabine.');
    expect(r.procedures.some((p) => /^992/.test(p.code))).toBe(false);
  });
});

describe('allergen immunotherapy', () => {
  it('counts the injections given: one row per vial', () => {
    expect(codes('Allergen immunotherapy injections given:\nVial A (trees) 0.3 mL SC left arm.\nVial B (mites) 0.3 mL SC right arm.')).toEqual(['95117']);
    expect(codes('Allergy shot given: vial A 0.2 mL SC left arm.')).toEqual(['95115']);
    expect(codes('Allergy shots given: 2 injections, no reaction after 30 minutes.')).toContain('95117');
  });

  it('sets aside held or planned injections and bills no 96372', () => {
    expect(codes('Allergy shots held today due to wheezing.')).not.toContain('95115');
    expect(codes('Will start allergy shots next month.')).not.toContain('95115');
    expect(codes('Allergy shots given: vial A 0.2 mL SC left arm.')).not.toContain('96372');
  });
});
