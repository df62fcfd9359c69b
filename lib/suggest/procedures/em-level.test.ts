import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { chartShowsMedicare, emLevel, estimateMdm, findPreventive, findVisitTime, patientStatusOf, preventiveCode, timeLevel } from './em-level';
import type { EmLevelOptions } from './em-level';

const catalog = miniCatalog();
const doc = (body: string, header = 'Date of Service: 03/10/2026\nDOB: 01/02/1970') => chartFromText(`${header}\n${body}`);
const em = (body: string, options: EmLevelOptions = {}, header?: string) => emLevel(doc(body, header), catalog, options);
const codes = (body: string, options: EmLevelOptions = {}, header?: string) => em(body, options, header).lines.map((l) => [l.code, l.units, ...(l.modifiers ?? [])]);

describe('em-level', () => {
  describe('timeLevel', () => {
    it('uses the 2021+ office time ranges', () => {
      expect([15, 29, 30, 44, 45, 59, 60, 74].map((m) => timeLevel(m, 'new')?.code)).toEqual(['99202', '99202', '99203', '99203', '99204', '99204', '99205', '99205']);
      expect([10, 19, 20, 29, 30, 39, 40, 54].map((m) => timeLevel(m, 'established')?.code)).toEqual(['99212', '99212', '99213', '99213', '99214', '99214', '99215', '99215']);
      expect(timeLevel(14, 'new')).toBeUndefined();
      expect(timeLevel(9, 'established')).toBeUndefined();
    });

    it('adds 99417 per full 15 minutes from 75 (new) / 55 (established)', () => {
      expect(timeLevel(74, 'new')?.prolonged).toBeUndefined();
      expect(timeLevel(75, 'new')?.prolonged).toMatchObject({ code: '99417', units: 1 });
      expect(timeLevel(95, 'new')?.prolonged).toMatchObject({ code: '99417', units: 2 });
      expect(timeLevel(55, 'established')?.prolonged).toMatchObject({ code: '99417', units: 1 });
      expect(timeLevel(54, 'established')?.prolonged).toBeUndefined();
    });

    it('adds Medicare G2212 only from 89 (new) / 69 (established) minutes', () => {
      expect(timeLevel(80, 'new', 'medicare')?.prolonged).toBeUndefined();
      expect(timeLevel(89, 'new', 'medicare')?.prolonged).toMatchObject({ code: 'G2212', units: 1 });
      expect(timeLevel(69, 'established', 'medicare')?.prolonged).toMatchObject({ code: 'G2212', units: 1 });
      expect(timeLevel(84, 'established', 'medicare')?.prolonged).toMatchObject({ code: 'G2212', units: 2 });
    });
  });

  describe('findVisitTime', () => {
    it('reads the usual total-time phrases', () => {
      const minutes = (s: string) => findVisitTime(doc(s))?.minutes;
      expect(minutes('Total time 35 minutes.')).toBe(35);
      expect(minutes('I spent 40 min with the patient.')).toBe(40);
      expect(minutes('Time spent: 25 minutes.')).toBe(25);
      expect(minutes('More than 50% of the 30 minute visit was spent counseling.')).toBe(30);
      expect(minutes('Total time spent on the date of the encounter: 1 hour 15 minutes.')).toBe(75);
      expect(minutes('Total face-to-face time 35-40 minutes.')).toBe(35);
      expect(minutes('Total time spent on the date of service, excluding the injection: 32 minutes.')).toBe(32);
      expect(minutes('Total time on the date of service for the E/M: 42 minutes, not including the separately reported 5 minutes of counseling.')).toBe(42);
      expect(minutes('Total time today 24 min.')).toBe(24);
      expect(minutes('Total time personally spent on the date of service: 44 minutes (review of PSA trend, counseling).')).toBe(44);
      expect(minutes('Physician time personally spent on the date of service: 32 minutes.')).toBe(32);
      expect(minutes('Time on the separately identifiable evaluation and management today (history, counseling on options, orders), not counting the biopsy: 32 minutes.')).toBe(32);
      expect(minutes('Dr. Aalto spent 42 minutes in total on the date of the encounter.')).toBe(42);
      expect(minutes('Total time spent on this date, including review of echo and outside records, counseling and documentation: 42 minutes.')).toBe(42);
      expect(minutes('Total time on this date, not counting the CGM interpretation: 45 minutes.')).toBe(45);
      expect(minutes('E/M time today 36 minutes, not counting the laceration repair.')).toBe(36);
      expect(minutes('Physician time on the date of service: 52 minutes (evaluation, treatment decisions, observation).')).toBe(52);
      expect(minutes('Provider time for this visit was 28 minutes.')).toBe(28);
    });

    it('takes a time that itself leaves the separate service out, not one that may include it', () => {
      const minutes = (s: string) => findVisitTime(doc(s))?.minutes;
      expect(minutes('Time spent today, excluding the spirometry testing and interpretation: 50 minutes.')).toBe(50);
      expect(minutes('Time spent on the spirometry and visit: 50 minutes.')).toBeUndefined();
    });

    it('ignores times that are not visit time', () => {
      const minutes = (s: string) => findVisitTime(doc(s))?.minutes;
      expect(minutes('Chest pain with symptoms for 30 minutes.')).toBeUndefined();
      expect(minutes('He ran for 20 minutes before the injury.')).toBeUndefined();
      expect(minutes('Fasting 12 hours for labs.')).toBeUndefined();
      expect(minutes('Spent 10 minutes on smoking cessation counseling.')).toBeUndefined();
    });

    it('prefers "total time" over other phrases', () => {
      expect(findVisitTime(doc('I spent 20 minutes reviewing records. Total time 45 minutes.'))?.minutes).toBe(45);
    });
  });

  describe('patientStatusOf', () => {
    it('reads the header, then phrases, else assumes established', () => {
      expect(patientStatusOf(doc('Some text.', 'VISIT TYPE: New'))).toMatchObject({ status: 'new', source: 'header' });
      expect(patientStatusOf(doc('CHIEF COMPLAINT: Here to establish care.'))).toMatchObject({ status: 'new', source: 'phrase' });
      expect(patientStatusOf(doc('HPI: Returns for follow-up of asthma.'))).toMatchObject({ status: 'established', source: 'phrase' });
      expect(patientStatusOf(doc('ASSESSMENT: Asthma.'))).toMatchObject({ status: 'established', source: 'assumed' });
    });
  });

  describe('estimateMdm', () => {
    it('moderate: two chronic illnesses, tests and prescription management', () => {
      const m = estimateMdm(doc('ASSESSMENT AND PLAN:\n1. Hypertension - stable. Continue lisinopril 10 mg daily.\n2. Hyperlipidemia - continue atorvastatin 40 mg.\nCMP and lipid panel ordered.'))!;
      expect([m.problems.level, m.data.level, m.risk.level, m.level]).toEqual(['moderate', 'low', 'moderate', 'moderate']);
    });

    it('counts chronic illnesses the diagnosis stage coded from the assessment when the word list knows fewer', () => {
      const text = 'ASSESSMENT AND PLAN:\n1. Lumbosacral disc herniation with radiculopathy - continue gabapentin 300 mg TID.\n2. Trigeminal neuralgia - continue carbamazepine.';
      const chart = doc(text);
      const at = (words: string) => ({ start: chart.text.indexOf(words), end: chart.text.indexOf(words) + words.length });
      const alone = estimateMdm(chart)!;
      expect(alone.problems.level).toBe('low');
      const diagnosedProblems = [
        { ...at('Lumbosacral disc herniation with radiculopathy'), code: 'M51.17' },
        { ...at('Trigeminal neuralgia'), code: 'G50.0' },
      ];
      const coded = estimateMdm(chart, { diagnosedProblems })!;
      expect(coded.problems).toMatchObject({ level: 'moderate', reason: expect.stringContaining('2 chronic illnesses') });
      expect(coded.level).toBe('moderate');
      // An acute diagnosis adds nothing, and one code per category counts once.
      const acute = estimateMdm(chart, { diagnosedProblems: [{ ...at('Lumbosacral disc herniation with radiculopathy'), code: 'M51.17' }, { ...at('Trigeminal neuralgia'), code: 'M51.16' }, { ...at('Trigeminal neuralgia'), code: 'J02.9' }] })!;
      expect(acute.problems.level).toBe('low');
    });

    it('reads a drug raised or added for a chronic illness as a chronic illness not at its treatment goal', () => {
      const level = (plan: string) => estimateMdm(doc(`ASSESSMENT AND PLAN:\n1. Hypertension. ${plan}\n2. Acute sinusitis - saline rinses.`))!.problems;
      expect(level('Increase amlodipine to 10 mg daily.')).toMatchObject({ level: 'moderate', reason: expect.stringContaining('not at treatment goal') });
      expect(level('Add chlorthalidone 12.5 mg daily.').level).toBe('moderate');
      expect(level('Continue amlodipine 5 mg daily.').level).toBe('low');
      expect(level('Decrease amlodipine to 5 mg daily.').level).toBe('low');
      // The drug raised for the acute problem says nothing about the chronic one.
      const acute = estimateMdm(doc('ASSESSMENT AND PLAN:\n1. Hypertension - continue lisinopril.\n2. Acute sinusitis - increase amoxicillin to 875 mg BID.'))!;
      expect(acute.problems.level).toBe('low');
    });

    it('low: an acute illness named with its cause ("due to" is not a plan) and a prescription', () => {
      const m = estimateMdm(doc('ASSESSMENT: Allergic contact dermatitis due to poison ivy, moderate.\nPLAN: Rx: triamcinolone 0.1% cream BID x 2 weeks.'))!;
      expect([m.problems.level, m.data.level, m.risk.level, m.level]).toEqual(['low', 'straightforward', 'moderate', 'low']);
    });

    it('low: an acute uncomplicated problem with OTC care', () => {
      const m = estimateMdm(doc('ASSESSMENT: Viral pharyngitis.\nPLAN: Supportive care, Tylenol, fluids.'))!;
      expect(m.level).toBe('low');
    });

    it('low: an injury such as a corneal abrasion treated with a prescription is an acute uncomplicated problem', () => {
      const m = estimateMdm(doc('A: Corneal abrasion R eye, initial. No foreign body.\nP: erythromycin ophth ointment QID x 5d (Rx).'))!;
      expect([m.problems.level, m.risk.level, m.level]).toEqual(['low', 'moderate', 'low']);
    });

    it('does not count aftercare instructions or the signature line as problems', () => {
      const m = estimateMdm(doc('Diagnosis: Simple laceration, left forearm.\nAftercare: keep dry 24 hours, then gentle washing.\nPriya Natarajan, PA-C'))!;
      expect(m.problems.items.map((i) => i.text)).toEqual(['Simple laceration, left forearm.']);
    });

    it('high: severe problem and a decision to hospitalize', () => {
      const m = estimateMdm(doc('ASSESSMENT: Chest pain concerning for acute coronary syndrome.\nPLAN: Sent to the ED for admission. Troponin and ECG reviewed, discussed with Dr. Heart (cardiology).'))!;
      expect(m.level).toBe('high');
    });

    it('counts a test resulted during the exam once, its parts not at all, and "negative" as its result', () => {
      const m = estimateMdm(doc('EXAM: Pharynx red.\nRapid strep (in office): NEGATIVE.\nBackup throat culture sent to the lab.\nASSESSMENT: Acute pharyngitis.\nPLAN: Amoxicillin 500 mg BID.'))!;
      expect(m.data.tests.sort()).toEqual(['culture', 'rapidstrep']);
      const ua = estimateMdm(doc('RESULTS: UA dip, no micro: LE 2+, nitrite POS, glucose neg.\nASSESSMENT: Acute cystitis.\nPLAN: Repeat urinalysis in 6 weeks.'))!;
      expect(ua.data.tests).toEqual(['urinalysis']);
      const none = estimateMdm(doc('EXAM: Lungs clear.\nASSESSMENT: Acute bronchitis.\nPLAN: No labs or x-ray needed today.'))!;
      expect(none.data.tests).toEqual([]);
    });

    it('leaves out of the data a test the visit bills itself: its result is part of that test', () => {
      const text = 'IN-OFFICE TESTS:\nUrine dipstick: LE 2+, nitrite POS.\nUrine hCG: NEGATIVE.\nUrine culture sent out.\nASSESSMENT: Acute cystitis.\nPLAN: Nitrofurantoin 100 mg BID.';
      const chart = doc(text);
      expect(estimateMdm(chart)!.data.tests.sort()).toEqual(['hcg', 'urinalysis', 'urineculture']);
      const span = (words: string) => ({ start: chart.text.indexOf(words), end: chart.text.indexOf(words) + words.length });
      const billed = estimateMdm(chart, { billedTests: [span('Urine dipstick'), span('Urine hCG')] })!;
      expect(billed.data.tests).toEqual(['urineculture']);
    });

    it('an intractable or refractory chronic illness is one with exacerbation', () => {
      const m = estimateMdm(doc('ASSESSMENT: Chronic migraine, intractable, without aura.\nPLAN: Start erenumab 70 mg monthly.'))!;
      expect([m.problems.level, m.level]).toEqual(['moderate', 'moderate']);
    });

    it('an acute illness with systemic symptoms (pneumonia) is a moderate problem; one only weighed against is not', () => {
      const m = estimateMdm(doc('ASSESSMENT: Community-acquired pneumonia, right lower lobe.\nPLAN: Amoxicillin 1 g TID.'))!;
      expect([m.problems.level, m.level]).toEqual(['moderate', 'moderate']);
      const c = estimateMdm(doc('ASSESSMENT: Acute cystitis. Low suspicion for pyelonephritis.\nPLAN: Nitrofurantoin 100 mg BID.'))!;
      expect(c.problems.level).toBe('low');
      const flu = estimateMdm(doc('ASSESSMENT: Influenza A with fever and myalgias.\nPLAN: Oseltamivir 75 mg BID x 5 days.'))!;
      expect(flu.problems.level).toBe('moderate');
      // The vaccine against it is no illness.
      const shot = estimateMdm(doc('ASSESSMENT:\n1. Acne vulgaris - benzoyl peroxide wash.\n2. Need for influenza vaccination - given today.\n3. Influenza IIV3, 0.5 mL IM right deltoid.'))!;
      expect(shot.problems.level).not.toBe('moderate');
    });

    it('"not adequately controlled" is a chronic illness not at goal; a "Plan:" sentence inside another section is plan', () => {
      const m = estimateMdm(doc('ASSESSMENT: Allergic rhinitis due to pollen, not adequately controlled on loratadine.\nPLAN: start fluticasone nasal spray daily (prescription sent).'))!;
      expect([m.problems.level, m.level]).toEqual(['moderate', 'moderate']);
      const h = estimateMdm(doc('Separate problem: hypertension\nHome readings 150/90. Plan: increase amlodipine to 10 mg daily (Rx sent).\nASSESSMENT: Essential hypertension, above goal.'))!;
      expect(h.risk.level).toBe('moderate');
    });

    it('is undefined without any problem', () => {
      expect(estimateMdm(doc('Nothing to see.'))).toBeUndefined();
    });
  });

  describe('findPreventive / preventiveCode', () => {
    it('finds preventive and AWV visits but not planned ones', () => {
      expect(findPreventive(doc('CHIEF COMPLAINT: Annual physical.'))?.kind).toBe('preventive');
      expect(findPreventive(doc('REASON FOR VISIT: Initial annual wellness visit.'))).toMatchObject({ kind: 'awv', initial: true });
      // The next visit being a subsequent one says nothing of today's.
      expect(findPreventive(doc('ASSESSMENT: Initial Medicare annual wellness visit completed.\nPLAN: Next AWV (subsequent) in 12 months.'))).toMatchObject({ kind: 'awv', initial: true });
      expect(findPreventive(doc('REASON FOR VISIT: Annual wellness visit (subsequent).'))).toMatchObject({ kind: 'awv', initial: false });
      expect(findPreventive(doc('PLAN: Schedule annual physical next year.'))).toBeUndefined();
      expect(findPreventive(doc('PHYSICAL EXAM:\nNormal.'))).toBeUndefined();
    });

    it('picks the age band', () => {
      expect([0, 1, 4, 5, 11, 12, 17, 18, 39, 40, 64, 65, 90].map((a) => preventiveCode(a, 'new'))).toEqual(['99381', '99382', '99382', '99383', '99383', '99384', '99384', '99385', '99385', '99386', '99386', '99387', '99387']);
      expect(preventiveCode(45, 'established')).toBe('99396');
    });
  });

  describe('emLevel', () => {
    it('codes by time when documented', () => {
      expect(codes('Established patient.\nASSESSMENT: Asthma, stable.\nTotal time 35 minutes.')).toEqual([['99214', 1]]);
    });

    it('adds prolonged time (99417, or G2212 for Medicare)', () => {
      const body = 'New patient to establish care.\nASSESSMENT: Heart failure exacerbation.\nI spent 95 minutes with the patient.';
      expect(codes(body)).toEqual([['99205', 1], ['99417', 2]]);
      expect(codes(body, { payer: 'medicare' })).toEqual([['99205', 1], ['G2212', 1]]);
    });

    it('skips G2212 when the HCPCS set lacks it', () => {
      const r = emLevel(doc('New patient.\nASSESSMENT: Asthma.\nTotal time 95 minutes.'), miniCatalog({ withoutHcpcs: ['G2212'] }), { payer: 'medicare' });
      expect(r.lines.map((l) => l.code)).toEqual(['99205']);
      expect(r.excluded[0]).toMatchObject({ code: 'G2212', reason: 'not-billable' });
    });

    it('estimates MDM without time, with a rule naming the three elements', () => {
      const r = em('ASSESSMENT AND PLAN:\n1. Type 2 diabetes, uncontrolled. Increase metformin to 1000 mg twice daily.\nA1c ordered.');
      expect(r.lines[0]).toMatchObject({ code: '99214' });
      expect(r.lines[0]!.rule).toMatch(/problems moderate .*data .*risk moderate/);
      expect(r.lines[0]!.warnings.join(' ')).toMatch(/assumed established/);
    });

    it('codes a preventive visit by age, plus a problem E/M with 25 only for a significant problem', () => {
      expect(codes('CHIEF COMPLAINT: Annual physical.\nASSESSMENT:\n1. Annual physical exam.', {}, 'Date of Service: 03/10/2026\nDOB: 05/20/1980\nEstablished patient')).toEqual([['99396', 1]]);
      const both = codes('CHIEF COMPLAINT: Annual physical.\nASSESSMENT:\n1. Annual physical exam.\n2. Type 2 diabetes, uncontrolled. Start metformin 500 mg twice daily.', {}, 'Date of Service: 03/10/2026\nDOB: 05/20/1980\nEstablished patient');
      expect(both).toEqual([['99396', 1], ['99214', 1, '25']]);
      const minor = em('CHIEF COMPLAINT: Annual physical.\nASSESSMENT:\n1. Annual physical exam.\n2. Seasonal allergies.', {}, 'Date of Service: 03/10/2026\nDOB: 05/20/1980\nEstablished patient');
      expect(minor.lines.map((l) => l.code)).toEqual(['99396']);
      expect(minor.excluded[0]).toMatchObject({ reason: 'not-billable' });
    });

    it('codes the problem E/M of a new-patient preventive day as established (one new-patient service a day)', () => {
      const both = codes('CHIEF COMPLAINT: Annual physical.\nASSESSMENT:\n1. Annual physical exam.\n2. Type 2 diabetes, uncontrolled. Start metformin 500 mg twice daily.', {}, 'Date of Service: 03/10/2026\nDOB: 05/20/1980\nNew patient');
      expect(both).toEqual([['99386', 1], ['99214', 1, '25']]);
    });

    it('leaves out the problem E/M in a surgical global period (99024) and at a routine prenatal visit', () => {
      expect(codes('Postoperative visit, within the 90-day global period.\nASSESSMENT:\n1. Healing wrist fracture.')).toEqual([['99024', 1]]);
      const prenatal = em('REASON FOR VISIT: Routine prenatal visit, 30 weeks.\nASSESSMENT:\n1. Supervision of normal pregnancy, third trimester.\nTotal time 25 minutes.');
      expect(prenatal.lines).toEqual([]);
      expect(prenatal.excluded[0]).toMatchObject({ code: '99213', reason: 'not-billable' });
    });

    it('reads Medicare coverage from the chart', () => {
      expect(chartShowsMedicare(doc('Insurance: Medicare Part B.'))).toBe(true);
      expect(chartShowsMedicare(doc('Insurance: Blue Shield PPO. Not yet eligible for Medicare.'))).toBe(false);
    });

    it('codes the Medicare AWV and needs an age for preventive codes', () => {
      expect(codes('REASON FOR VISIT: Subsequent Medicare annual wellness visit.', { payer: 'medicare' })).toEqual([['G0439', 1]]);
      const noAge = em('CHIEF COMPLAINT: Annual physical.', {}, 'Date of Service: 03/10/2026');
      expect(noAge.lines).toEqual([]);
      expect(noAge.excluded[0]).toMatchObject({ reason: 'uncertain' });
    });

    it('suggests nothing for inpatient settings or notes without problems or time', () => {
      expect(codes('ASSESSMENT: Asthma.\nTotal time 35 minutes.', { setting: 'inpatient' })).toEqual([]);
      expect(codes('Random words only.')).toEqual([]);
    });
  });
  describe('prescription drugs named by their coding class', () => {
    it('reads a drug of a prescription class in coding-rules.json (carbidopa-levodopa, an antiretroviral, a bisphosphonate) as drug management', () => {
      const parkinson = estimateMdm(doc('ASSESSMENT: Parkinson disease with new wearing-off.\nPLAN: Change carbidopa-levodopa to one and a half tablets four times daily.'))!;
      expect(parkinson.risk.level).toBe('moderate');
      const hiv = estimateMdm(doc('ASSESSMENT: HIV disease, viral load undetectable.\nPLAN: Continue Biktarvy one tablet daily.'))!;
      expect(hiv.risk.prescription).toBe(true);
      const bone = estimateMdm(doc('ASSESSMENT: Osteoporosis.\nPLAN: Cont alendronate weekly; recheck DXA in 2 years.'))!;
      expect(bone.risk.level).toBe('moderate');
    });
    it('leaves aspirin and over-the-counter NSAIDs low risk', () => {
      expect(estimateMdm(doc('ASSESSMENT: Tension headache.\nPLAN: Continue aspirin as needed.'))!.risk.level).toBe('low');
      expect(estimateMdm(doc('ASSESSMENT: Ankle sprain.\nPLAN: Continue ibuprofen as needed, ice, elevation.'))!.risk.level).toBe('low');
    });
  });
  describe('course words after a "without" phrase', () => {
    it('reads "Chronic migraine without aura, intractable" as a chronic illness not at goal', () => {
      const m = estimateMdm(doc('ASSESSMENT: Chronic migraine without aura, intractable - failed three preventive classes.\nPLAN: Start erenumab 70 mg monthly.'))!;
      expect(m.problems.level).toBe('moderate');
      expect(estimateMdm(doc('ASSESSMENT: Asthma without exacerbation, mild persistent.\nPLAN: Continue albuterol as needed.'))!.problems.level).not.toBe('moderate');
    });

    it('counts chronic illnesses written as abbreviations: persistent AF and seropositive RA are two', () => {
      const m = estimateMdm(doc('ASSESSMENT:\n1. Persistent AF - rate controlled on metoprolol.\n2. Seropositive RA - low disease activity, continue MTX.'))!;
      expect(m.problems.level).toBe('moderate');
    });

    it('reads a continued controller or statin as prescription drug management', () => {
      const m = estimateMdm(doc('ASSESSMENT:\n1. Moderate persistent asthma, well controlled. Continue current controller as maintenance and reliever.\n2. Hyperlipidemia - at goal on high-intensity statin, continue.'))!;
      expect(m.risk.level).toBe('moderate');
    });
  });
});
