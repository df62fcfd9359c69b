// Round-3 mechanisms, each on synthetic sentences: clause pairs, "non-" variants, procedure PSEUDO
// triggers, outside-lab draws, obstetric package before surgical global, time with an activity list,
// vaccine routes, E/M add-ons, bladder scan, in-office imaging and closed reductions.
import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { findVisitTime } from './em-level';
import { suggestProcedures } from './procedures';

const catalog = miniCatalog();
const note = (body: string) => chartFromText(`Date of Service: 03/10/2026\nEstablished patient.\n${body}`);
const codes = (body: string) => suggestProcedures(note(body), catalog).procedures.map((p) => p.code);
const line = (body: string, code: string) => suggestProcedures(note(body), catalog).procedures.find((p) => p.code === code);

describe('procedure mechanisms', () => {
  it('reads an object and its action apart in either order (clause pairs)', () => {
    expect(codes('Procedure: removal of hard impacted cerumen from the right ear using a curette; tolerated well.')).toContain('69210');
    expect(codes('Earwax in both canals, right ear - cleared with suction today.')).toContain('69210');
    expect(codes('Sugar-tong style short arm splint (forearm to palm) applied by me.')).toContain('29125');
    // A semicolon splits the pair; a plan is not an act.
    expect(codes('Cerumen impaction noted; removal deferred until drops used.')).not.toContain('69210');
    expect(codes('Plan: splint to be applied by orthopedics next week.')).not.toContain('29515');
  });

  it('does not take a "non-" method word as the method', () => {
    expect(codes('Point-of-care urinalysis, non-automated dipstick: trace protein.')).toContain('81002');
    expect(codes('Point-of-care urinalysis, automated analyzer: trace protein.')).toContain('81003');
  });

  it('reads "screening" as the service done, not as a hypothetical', () => {
    expect(codes('Screening: visual acuity screening with Snellen chart 20/20 both eyes.')).toContain('99173');
  });

  it('bills no venipuncture for blood drawn at an outside lab, but does for blood drawn here and sent out', () => {
    expect(codes('Labs drawn at an outside lab this morning.')).not.toContain('36415');
    expect(codes('Blood drawn in clinic by venipuncture and sent to the reference lab.')).toContain('36415');
  });

  it('reads a prenatal visit that mentions the "global obstetric package" as the obstetric package, not a surgical global period', () => {
    const body = 'PRENATAL VISIT\nRoutine prenatal visit at 24 weeks.\nUrine dip in office: protein negative.\nThis visit is included in the global obstetric package.';
    const r = suggestProcedures(note(body), catalog);
    expect(r.procedures.map((p) => p.code)).not.toContain('99024');
    expect(r.procedures.map((p) => p.code)).not.toContain('81002');
  });

  it('reads the visit type from a title heading above the header ("… - Routine Prenatal Visit")', () => {
    const titled = chartFromText('Juniper Women\'s Health - Routine Prenatal Visit\nDate of Service: 03/10/2026\nEstablished patient.\nASSESSMENT:\nNormal first pregnancy, third trimester.\nPLAN:\nBP and fundal height reviewed; labs reviewed; return 2 weeks.');
    expect(suggestProcedures(titled, catalog).procedures.map((p) => p.code).filter((c) => c.startsWith('992'))).toEqual([]);
    const problem = chartFromText('Juniper Women\'s Health - Problem Visit\nDate of Service: 03/10/2026\nEstablished patient.\nASSESSMENT:\nAcute cystitis.\nPLAN:\nNitrofurantoin prescribed. Urine culture ordered.');
    expect(suggestProcedures(problem, catalog).procedures.map((p) => p.code).some((c) => c.startsWith('992'))).toBe(true);
  });

  it('reads the plan under the problems of a problem-oriented note with no plan heading', () => {
    const body = 'Problems\n#1 COPD, stable, not in exacerbation.\nContinue tiotropium daily; albuterol refilled.\n#2 Nicotine dependence, cigarettes.\nStart varenicline 0.5 mg daily with titration.';
    expect(codes(body)).toContain('99214');
  });

  it('takes "today" before an earlier date as the visit\'s test, the earlier date as its comparison', () => {
    const body = 'Spirometry today\nMeasure\tToday\t01/2026\nFEV1\t2.21 L (64%)\t2.28 L (66%)\nInterpretation: moderate fixed obstruction, unchanged.';
    expect(codes(body)).toContain('94010');
    expect(codes('Spirometry 01/2026 reviewed: moderate obstruction.')).not.toContain('94010');
  });

  it('adds a problem E/M on a well-visit day when the clinician sets a problem apart and works it up', () => {
    const well = 'Date of birth: 03/09/2010\n16-year well visit. Exam normal.\n';
    const apart = well + 'Separate problem: right wrist pain after a fall 9 days ago. Right wrist X-ray, 3 views, taken here, my read: no fracture.\nAssessment: right wrist sprain. Plan: wrist brace, ibuprofen OTC as needed.';
    expect(suggestProcedures(note(apart), catalog).procedures.find((p) => p.code.startsWith('9921'))?.modifiers).toContain('25');
    const mentioned = well + 'Right wrist pain after a fall 9 days ago.\nAssessment: right wrist sprain. Plan: ibuprofen OTC as needed.';
    expect(suggestProcedures(note(mentioned), catalog).procedures.some((p) => p.code.startsWith('9921'))).toBe(false);
  });

  it('does not take a shared side word for the procedure\'s own problem when deciding modifier 25', () => {
    const body = 'New patient.\nProcedure - vasectomy, bilat:\nverbal consent. Local anesthesia. Tolerated well.\nASSESSMENT:\n1. Chronic maxillary sinusitis, bilat - failed 2 antibiotic courses.\nPLAN:\nBudesonide irrigation twice daily (Rx sent). CT sinus reviewed, images personally reviewed.';
    expect(line(body, '55250')).toBeDefined();
    expect(suggestProcedures(note(body), catalog).procedures.find((p) => p.code.startsWith('992'))?.modifiers).toContain('25');
  });

  it('reads a film dated by a day without its year ("images from March 2nd") as an earlier one', () => {
    expect(codes('I personally reviewed the chest x-ray images from March 2nd: lungs clear.')).not.toContain('71046');
    expect(codes('I personally reviewed the chest x-ray images from March 2nd: lungs clear.').filter((c) => c.startsWith('7104'))).toEqual([]);
    expect(codes('Chest x-ray, 2 views, taken in the office today, my read: lungs clear.')).toContain('71046');
  });

  it('takes time that leaves a separate service out anywhere in its sentence as the visit time', () => {
    expect(findVisitTime(note('I spent 52 minutes on her care today, not counting the spirometry testing itself.'))?.minutes).toBe(52);
    expect(findVisitTime(note('Total time on DOS 32 min (chart review, hx/exam, counseling on regimen, orders, documentation).'))?.minutes).toBe(32);
  });

  it('keeps the E/M of a visit booked for an injection that also takes up a new problem', () => {
    const body = 'Visit: scheduled injection plus new complaint\nProcedure - right knee injection: 40 mg triamcinolone injected into the right knee joint.\nImpression: left shoulder pain.\nPlan: OTC naproxen; X-rays of the left shoulder ordered.\nTime spent on the separate left shoulder evaluation, not counting the knee injection: 22 minutes.';
    expect(codes(body).some((c) => c.startsWith('992'))).toBe(true);
    expect(codes('Visit: scheduled injection\nProcedure - right knee injection: 40 mg triamcinolone injected into the right knee joint.\nImpression: right knee osteoarthritis.').some((c) => c.startsWith('992'))).toBe(false);
  });

  it('finds total time written with a list of activities in parentheses', () => {
    const t = findVisitTime(note('Total time on the date of service (chart review, exam, counseling, orders): 27 minutes.'));
    expect(t?.minutes).toBe(27);
    expect(findVisitTime(note('Total time (including the procedure): 50 minutes.'))).toBeUndefined();
  });

  it('takes a subcutaneous route or an arm/thigh site as the vaccine given', () => {
    expect(codes('Varicella vaccine 0.5 mL subcutaneous left upper arm, VIS reviewed.')).toContain('90716');
  });

  it('uses the psychotherapy add-on beside an E/M and the standalone code without one; no modifier 25 for the add-on', () => {
    const withEm = suggestProcedures(note('Total time 25 minutes for the E/M.\nSupportive psychotherapy for 35 minutes performed, separate from the E/M time.'), catalog).procedures;
    expect(withEm.map((p) => p.code)).toEqual(expect.arrayContaining(['99213', '90833']));
    expect(withEm.find((p) => p.code === '99213')!.modifiers ?? []).not.toContain('25');
    expect(codes('Individual psychotherapy 55 minutes, CBT, performed today.')).toContain('90837');
    expect(codes('Continue weekly psychotherapy with her counselor, 45 minutes each.')).not.toContain('90834');
  });

  it('codes a bladder scan with its residual, not a catheterised residual', () => {
    expect(codes('Bladder scan after voiding: residual 120 mL.')).toContain('51798');
    expect(codes('Post-void residual by straight cath 300 mL.')).not.toContain('51798');
  });

  it('codes imaging done and read in the office, not imaging done elsewhere or ordered', () => {
    expect(line('Point-of-care neck ultrasound performed by me: no lymphadenopathy.', '76536')?.confidence).toBeLessThanOrEqual(0.75);
    expect(codes('Thyroid ultrasound at the imaging center last month: 8 mm nodule.')).not.toContain('76536');
    expect(codes('Thyroid ultrasound ordered.')).not.toContain('76536');
  });

  it('picks the reduction code by the joint reduced, not by a generic keyword', () => {
    expect(codes('Procedure: right radial head subluxation reduced by supination and flexion; using the arm after 10 minutes.')).toContain('24640');
    expect(codes('Closed reduction of the right radial head subluxation.')).not.toContain('25605');
    expect(codes('Reduced range of motion of the shoulder since the dislocation.')).toEqual(expect.not.arrayContaining(['23650', '24640']));
    expect(codes('Shoulder dislocation reduced in the ED yesterday.')).not.toContain('23650');
  });
});
