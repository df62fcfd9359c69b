// Service-only visits and their E/M, on synthetic sentences in several phrasings: a session timed once in the
// note's header, a scheduled procedure or infusion visit, an explicit "no provider visit", a drug another
// clinician manages, a prescription "sent", an independent historian in a heading, allergen injections under
// "Injections given" in an immunotherapy note, and an office film a radiologist over-reads. Each has a case
// that must not fire.
import { describe, expect, it } from 'vitest';
import cptJson from '../../../assets/cpt/common-cpt.json';
import { hcpcsRecords } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { CodeSetCatalog } from '../../codesets';
import type { CodeSetBundle } from '../../codesets';
import { builtinCptCodes } from '../../codesets/cpt';
import { estimateMdm } from './em-level';
import { suggestProcedures } from './procedures';

const bundle = (system: 'hcpcs' | 'cpt', codes: CodeSetBundle['codes']): CodeSetBundle => ({ formatVersion: 1, id: `${system}@svc`, system, version: 'svc', effectiveFrom: '2000-01-01', sources: [], builtAt: '2026-01-01T00:00:00Z', codes, counts: { codes: codes.length } });
const catalog = new CodeSetCatalog([
  bundle('hcpcs', hcpcsRecords([
    ['J9201', 'Injection, gemcitabine hydrochloride, not otherwise specified, 200 mg', '1998-01-01'],
    ['J2405', 'Injection, ondansetron hydrochloride, per 1 mg', '1993-01-01'],
  ])),
  bundle('cpt', builtinCptCodes(cptJson)),
]);
const run = (text: string) => suggestProcedures(chartFromText(text), catalog);
const codes = (text: string) => run(text).procedures.map((p) => p.code);
const emCodes = (text: string) => codes(text).filter((c) => /^992\d\d$/.test(c));

describe('a psychotherapy session timed in the note header', () => {
  it('finds the session time far from the title and bills the session alone', () => {
    const note = [
      'Counseling Center',
      'Individual Psychotherapy Note',
      'Patient: Test Person',
      'DOB: 01/01/1980',
      'Date of service: 03/10/2026',
      'Therapist: A. Example',
      'Established client, visit 6',
      'Time in session: 10:30 to 11:25',
      'Subjective: reports sleeping better; ongoing conflict with her partner.',
      'Assessment:',
      '1. Generalized anxiety disorder, improving.',
      '2. Relationship distress with partner.',
      'Plan: weekly sessions; practice exposure hierarchy.',
    ].join('\n');
    const r = run(note);
    expect(r.procedures.map((p) => p.code)).toContain('90837');
    expect(r.procedures.some((p) => /^992\d\d$/.test(p.code))).toBe(false);
  });

  it('reads minutes written on a session line elsewhere in the note', () => {
    const note = 'Psychotherapy progress note\nName: Test Person\nDOS: 03/10/2026\nEstablished.\nProvider: B. Example\nLocation: office\nModality: in person\nPsychotherapy time: 40 minutes.\nAssessment:\n1. PTSD, chronic.';
    expect(codes(note)).toContain('90834');
  });

  it('does not take the next session for this one', () => {
    const note = 'Psychotherapy progress note\nName: Test Person\nDOS: 03/10/2026\nEstablished.\nProvider: B. Example\nLocation: office\nModality: in person\nPlan: next session in 2 weeks, 60 minutes.\nAssessment:\n1. PTSD, chronic.';
    expect(codes(note).filter((c) => c.startsWith('908'))).toEqual([]);
  });

  it('keeps the E/M beside psychotherapy when medication is managed or a problem outside the session is treated', () => {
    const meds = 'Date of Service: 03/10/2026\nEstablished patient.\nPsychotherapy 35 minutes, supportive.\nAssessment:\n1. Major depressive disorder, recurrent.\n2. Panic disorder.\nPlan: increase escitalopram to 20 mg daily; prescription sent.';
    expect(emCodes(meds)).toHaveLength(1);
    expect(codes(meds)).toContain('90833');
    const other = 'Date of Service: 03/10/2026\nEstablished patient.\nPsychotherapy 35 minutes, supportive.\nAssessment:\n1. Major depressive disorder, recurrent.\n2. Hypertension, BP 168/98 today, above goal.\nPlan: BMP ordered; recheck BP in 2 weeks.';
    expect(emCodes(other)).toHaveLength(1);
  });
});

describe('scheduled procedure and infusion visits', () => {
  const debridement = (extra: string) =>
    [
      'Date of Service: 03/10/2026',
      'Visit type: established patient, weekly wound debridement appointment',
      'Exam: left lateral ankle ulcer 1.5 x 1.0 cm with slough, base subcutaneous fat.',
      'Procedure: sharp excisional debridement of devitalized subcutaneous tissue with curette, 1.5 sq cm debrided. Tolerated well.',
      'Assessment:',
      '1. Venous stasis ulcer left ankle, fat layer exposed, improving.',
      '2. Type 2 diabetes.',
      extra,
    ].join('\n');

  it('sets the E/M aside when the only other care is continuing drugs another clinician manages', () => {
    const text = debridement('Plan: continue compression; continue metformin and lisinopril as managed by her PCP. Return 1 week.');
    expect(codes(text)).toContain('11042');
    expect(emCodes(text)).toEqual([]);
  });

  it('keeps a separately identifiable E/M when a new problem is treated with a prescription', () => {
    const text = debridement('3. Cellulitis of the right foot, new today.\nPlan: start cephalexin 500 mg four times daily x 7 days, prescription sent. Return 1 week.');
    expect(codes(text)).toContain('11042');
    expect(emCodes(text)).toHaveLength(1);
    expect(run(text).procedures.find((p) => /^992/.test(p.code))?.modifiers).toContain('25');
  });

  it('reads a letterhead title line and an explicit "not seen by the provider"', () => {
    const infusion = [
      'RIVERBEND INFUSION CENTER',
      'Infusion nursing record',
      'Date of Service: 03/10/2026',
      'Established patient; not seen by the provider today, treatment parameters signed yesterday.',
      'Medications administered:',
      'ondansetron 8 mg IV push 09:00',
      'gemcitabine 1600 mg IV infusion 09:10-09:45',
      'Assessment: pancreatic adenocarcinoma, on treatment.',
      'Plan: next cycle in 1 week.',
    ].join('\n');
    const c = codes(infusion);
    expect(c).toContain('96413');
    expect(emCodes(infusion)).toEqual([]);
  });

  it('keeps the E/M of a clinic visit that also gives an injection', () => {
    const text = 'Date of Service: 03/10/2026\nEstablished patient.\nCC: sore throat and cough x 4 days, also due for a shot.\nAssessment:\n1. Acute streptococcal pharyngitis.\n2. Asthma, mild intermittent, worse this week.\nPlan: amoxicillin 500 mg BID x 10 days, Rx sent; ceftriaxone 500 mg IM given in office.';
    expect(emCodes(text)).toHaveLength(1);
  });
});

describe('MDM: prescriptions sent, drugs managed elsewhere, historian in a heading', () => {
  const mdm = (text: string) => estimateMdm(chartFromText(text))!;

  it('counts a prescription sent to the pharmacy as prescription drug management', () => {
    expect(mdm('Assessment:\n1. Asthma with acute exacerbation.\nPlan:\n- Prednisolone 15 mg PO daily x 5 days; Rx sent.').risk.level).toBe('moderate');
    expect(mdm('Assessment:\n1. Asthma with acute exacerbation.\nPlan:\n- Step up controller to budesonide 180 mcg 2 puffs twice daily.').risk.level).toBe('moderate');
    expect(mdm('Assessment:\n1. Asthma with acute exacerbation.\nPlan:\n- Prednisolone 15 mg PO daily x 5 days; Rx sent.').level).toBe('moderate');
  });

  it('does not count drugs continued per another clinician, but does count this clinician continuing them', () => {
    expect(mdm('Assessment:\n1. Type 2 diabetes.\nPlan: continue metformin per PCP.').risk.prescription).toBe(false);
    expect(mdm('Assessment:\n1. Atrial fibrillation.\nPlan: continue apixaban, managed by his cardiologist.').risk.prescription).toBe(false);
    expect(mdm('Assessment:\n1. Type 2 diabetes.\nPlan: continue metformin 1000 mg BID; A1c in 3 months.').risk.prescription).toBe(true);
    expect(mdm('Assessment:\n1. Type 2 diabetes.\n2. Hyperlipidemia.\nPlan: continue metformin per PCP; start atorvastatin 20 mg nightly.').risk.prescription).toBe(true);
  });

  it('reads an independent historian named in the history heading', () => {
    const text = 'History (obtained from mother and patient):\n4 yo with ear pain since last night.\nAssessment:\n1. Acute otitis media, left.\nPlan: amoxicillin 90 mg/kg/day divided BID x 10 days.';
    expect(mdm(text).data.reason).toContain('independent historian');
    expect(mdm('History:\n40 yo with ear pain since last night, history from patient.\nAssessment:\n1. Otitis externa.\nPlan: drops.').data.reason).not.toContain('independent historian');
  });
});

describe('allergen injections under "Injections given"', () => {
  const note = (rows: string, about = 'Allergen immunotherapy - maintenance injection visit') =>
    `${about}\nDate of Service: 03/10/2026\nEstablished patient.\nPre-injection check: well today, no wheeze.\nInjections given:\n${rows}\nObserved 30 minutes, no reaction.`;

  it('counts the vial rows of an immunotherapy note', () => {
    expect(codes(note('Vial 1 (ragweed/mold) 0.4 mL subcut L arm\nVial 2 (cat/dog) 0.4 mL subcut R arm'))).toContain('95117');
    expect(codes(note('Vial 1 (mixed grass extract) 0.3 mL SC left arm'))).toContain('95115');
  });

  it('does not read a vaccine as allergen immunotherapy, nor injections in a note that only mentions declining it', () => {
    const c = codes(note('Influenza vaccine 0.5 mL IM left deltoid', 'Clinic visit. Allergen immunotherapy declined by patient.'));
    expect(c).not.toContain('95115');
    expect(c).not.toContain('95117');
  });
});

describe('office films a radiologist over-reads', () => {
  it('keeps a film taken here and read by the clinician first', () => {
    expect(codes('Date of Service: 03/10/2026\nRight ankle XR, 3 views (taken here, my preliminary read, over-read by radiology): no fracture.')).toContain('73610');
    expect(codes('Date of Service: 03/10/2026\nL wrist x-ray 2 views done in clinic, radiology overread pending: no fracture.')).toContain('73100');
  });

  it('reads "XR" for the joints with their own concept, and a study dated by "that day" as a past one', () => {
    expect(codes('Date of Service: 03/10/2026\nLeft knee XR 3 views in clinic: mild medial narrowing.')).toContain('73562');
    expect(codes('Date of Service: 03/10/2026\nL elbow: fell on the ice while skating (XR that day negative for fracture); improving.')).not.toContain('73070');
    expect(codes('Date of Service: 03/10/2026\nR hand: crush injury at the initial visit, radiographs at that visit showed no fracture.')).not.toContain('73120');
  });

  it('still sets aside a film taken in the radiology department or the ED', () => {
    expect(codes('Date of Service: 03/10/2026\nRight ankle XR 3 views at the hospital radiology department: no fracture.')).not.toContain('73610');
    expect(codes('Date of Service: 03/10/2026\nForearm x-ray 2 views in the ED yesterday: no fracture.')).not.toContain('73090');
  });
});
