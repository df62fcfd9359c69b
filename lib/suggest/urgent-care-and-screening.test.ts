import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { createSuggestionEngine } from './index';
import { emLevel } from './procedures/em-level';
import type { SuggestionEngine } from './suggest';

/**
 * Causes found on held-out sets 104–106 (urgent care repairs, cervical screening, a vaccine given elsewhere, dated
 * myocardial infarction), each on our own synthetic notes and with a case where the rule must not fire. Full FY2026
 * ICD-10-CM and the shipped procedure rules.
 */
let engine: SuggestionEngine;
let catalog: CodeSetCatalog;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  catalog = await loadCatalog();
  engine = createSuggestionEngine(catalog);
});
const suggest = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-05-12\nDOB: 1980-03-03\nEstablished patient\n${note}`), { dateOfService: '2026-05-12' });
const dx = (note: string) => suggest(note).diagnoses.map((d) => d.code);
const px = (note: string) => suggest(note).procedures.map((p) => p.code);

describe('a laceration repair written up under a title', () => {
  const note = (repair: string) =>
    `PROCEDURE NOTE - LACERATION REPAIR\n\nIndication: cut forehead and right eyebrow on a cabinet door 1 hour ago.\n\nExam: Wound 1: 1.8 cm laceration of the forehead. Wound 2: 1.2 cm laceration of the right eyebrow.\n\nProcedure: Consent obtained. Irrigated.\n${repair}\n\nAssessment:\n1. Laceration of forehead, repaired.\n2. Laceration of right eyebrow, repaired.\n`;

  it('reads type, site and total length from the procedure section, not the nearest wound', () => {
    expect(px(note('Forehead: simple single-layer closure with 6-0 nylon.\nRight eyebrow: simple closure.\nTotal length repaired: 3.0 cm (face, simple).'))).toContain('12013');
    // Must still fire on the nearest wound when no total is written: 1.8 cm is what it has.
    expect(px(note('Forehead closed with 6-0 nylon, simple closure.'))).toContain('12011');
  });

  it('codes an eyebrow laceration as the eyelid and periocular area (Index: Laceration, eyebrow)', () => {
    expect(dx(note('Total length repaired: 3.0 cm, simple closure.'))).toContain('S01.111A');
  });

  it('takes the fullest repair type said in the procedure: the skin of a layered repair has simple sutures too', () => {
    const layered = 'Laceration repair, left palm\n\nProcedure: layered (intermediate) repair\nConsent obtained.\nDeep layer: subcutaneous tissue closed with 4-0 Vicryl.\nSkin: 4-0 nylon, 6 simple interrupted sutures.\nTotal repaired length 3.2 cm, hand.\n';
    const codes = px(layered);
    expect(codes).toContain('12042');
    expect(codes).not.toContain('12002');
    // Must still fire: simple sutures alone are a simple repair.
    expect(px('Procedure: laceration repair of the left hand\nSkin closed with 5 simple interrupted sutures.\nTotal repaired length 3.2 cm, hand.\n')).toContain('12002');
  });

  it('takes a note titled a procedure note for a procedure-only visit, whose E/M the repair includes', () => {
    const body = (title: string) =>
      `${title}\nSYNTHETIC NOTE\nDate of Service: 2026-05-12\nEstablished patient\nIndication\nCut the palm of his left hand on a knife 90 minutes ago.\nExam\n3.2 cm laceration across the left palm.\nProcedure: layered (intermediate) repair\nDeep layer closed with 4-0 Vicryl. Total repaired length 3.2 cm, hand.\nAssessment\nLaceration of left palm, layered repair.\n`;
    const procedureOnly = (title: string) => emLevel(chartFromText(body(title)), catalog, { dateOfService: '2026-05-12' }).lines.map((l) => l.emWork?.procedureOnlyVisit);
    expect(procedureOnly('Harbor Urgent Care (fictional) - Procedure Note')).toEqual([true]);
    // Must still fire: the same visit written up as an office visit is weighed as one.
    expect(procedureOnly('Harbor Urgent Care (fictional) - Office Visit')).toEqual([false]);
  });
});

describe('tetanus named as a booster', () => {
  it('reads "last tetanus" as the last booster, not a history of tetanus', () => {
    expect(dx('Indication: cut on the hand. Last tetanus: unknown, more than 10 years ago.\nAssessment: Laceration of left hand.\n')).not.toContain('Z86.19');
  });
});

describe('a vaccine named as given at another place or time', () => {
  it('makes no immunization encounter when no dose is given at this visit', () => {
    expect(dx('HPI: Burn of the right forearm 4 days ago, seen at an outside ED, Tdap given in the ED.\nAssessment: Second-degree burn of right forearm, healing.\n')).not.toContain('Z23');
  });

  it('still reads a dose given today after an earlier one in the same sentence', () => {
    expect(px('Immunizations: last Tdap 2016; Tdap 0.5 mL IM given today in R deltoid, VIS provided.\nAssessment: Routine adult exam.\n')).toEqual(expect.arrayContaining(['90715', '90471']));
    expect(px('Tdap last in 2013 - Tdap 0.5 mL IM L deltoid given today after VIS.\nAssessment: Routine adult exam.\n')).toEqual(expect.arrayContaining(['90715', '90471']));
    expect(dx('Tdap last in 2013 - Tdap 0.5 mL IM L deltoid given today after VIS.\nAssessment: Routine adult exam.\n')).toContain('Z23');
  });

  it('keeps the date after a problem as that problem\'s date ("RSV bronchiolitis - 11/2024")', () => {
    expect(px('Problem list (copied forward):\n1. Otitis media, resolved.\n2. RSV bronchiolitis - 11/2024, outpatient.\nAssessment: Otitis media recheck, resolved.\n')).not.toContain('87807');
  });
});

describe('a condition type the chart denies', () => {
  it('does not refine to a sibling whose word "not" denies ("Not recurrent")', () => {
    expect(dx('Assessment: acute maxillary sinusitis. Not recurrent, not chronic.\n')).toEqual(['J01.00']);
    // Must still fire: recurrence stated.
    expect(dx('Assessment: acute maxillary sinusitis, recurrent.\n')).toEqual(['J01.01']);
  });
});

describe('cervical screening results in an impression', () => {
  it('reads ASC-US and high-risk HPV beside a Pap or colposcopy as the cervical codes', () => {
    expect(dx('Procedure: colposcopy.\nImpression: ASC-US with positive high-risk HPV.\n')).toEqual(expect.arrayContaining(['R87.610', 'R87.810']));
    expect(dx('Assessment:\n- HSIL on cervical cytology with high-risk HPV (type 16) positive; colposcopy with biopsies done.\n')).toEqual(expect.arrayContaining(['R87.613', 'R87.810']));
  });

  it('codes no positive HPV test when the test was negative', () => {
    expect(dx('Procedure: colposcopy.\nImpression: ASC-US, high-risk HPV negative.\n')).not.toContain('R87.810');
  });

  it('reads the variant of a procedure named in the title from the procedure and findings sections', () => {
    const codes = px('COLPOSCOPY PROCEDURE NOTE\n\nIndication: ASC-US, high-risk HPV positive.\n\nProcedure: Speculum placed. Colposcopy adequate.\n\nFindings: acetowhite epithelium at 2 o\'clock.\nCervical biopsy x 1 at 2 o\'clock.\nEndocervical curettage performed.\n\nImpression: ASC-US with positive high-risk HPV.\n');
    expect(codes).toContain('57454');
  });
});

describe('a myocardial infarction dated years back', () => {
  it('is an old MI when its abbreviation and year follow ("type 2 MI 2019")', () => {
    const codes = dx('Assessment:\n1. Chronic systolic heart failure.\n2. Old myocardial infarction (type 2 MI 2019) - no ischemic symptoms.\n');
    expect(codes).toContain('I25.2');
    expect(codes).not.toContain('I21.A1');
  });

  it('adds no cause from a code-first note\'s list of examples ("the underlying cause, such as: … COPD")', () => {
    expect(dx('Assessment:\n1. Type 2 myocardial infarction due to demand ischemia, 2 weeks ago.\n')).not.toContain('J44.9');
  });
});

describe('a condition treated with a dated course', () => {
  it('reads "treated with RAI 2015, no recurrence" as history, and a dose of 2000 mg as no date', () => {
    expect(dx('Assessment:\n1. Graves\' disease - treated with RAI 2015, no recurrence of hyperthyroidism.\n')).not.toContain('E05.00');
    expect(dx('Assessment:\n1. Type 2 diabetes treated with metformin 2000 mg daily.\n')).toContain('E11.9');
  });

  it('reads "treated w/ <treatment> <year>" the same, and what "no recurrence of" names as past too', () => {
    expect(dx('HPI: Dx Graves\' disease 2014, treated w/ radioactive iodine ablation 2015.\nAssessment:\n1. Postablative hypothyroidism, on levothyroxine.\n')).not.toContain('E05.00');
    const codes = dx('Assessment:\n1. Graves\' disease, no recurrence of hyperthyroidism.\n');
    expect(codes).not.toContain('E05.00');
    expect(codes).not.toContain('E05.90');
  });
});

describe('a finding the chart calls a manifestation of a diagnosis', () => {
  it('is not coded beside it, even where it is named again as what a drug treats', () => {
    const codes = dx('Assessment:\n1. Polycystic ovary syndrome. Oligomenorrhea and hirsutism are manifestations of her PCOS. Start combined oral contraceptive for cycle regulation and hirsutism.\n');
    expect(codes).toContain('E28.2');
    expect(codes).not.toContain('N91.5');
    expect(codes).not.toContain('L68.0');
    // Must still fire: named on its own, hirsutism is coded.
    expect(dx('Assessment:\n1. Hirsutism, idiopathic; start spironolactone.\n')).toContain('L68.0');
  });
});

describe('a condition after a completed course of treatment', () => {
  it('reads "after completed antibiotic treatment of bilateral AOM - resolved" as history', () => {
    expect(dx('Assessment:\n1. Follow-up exam after completed antibiotic treatment of bilateral AOM - infection resolved, ears normal.\n')).not.toContain('H66.93');
    // Must still fire: otitis under treatment now.
    expect(dx('Assessment:\n1. Bilateral AOM; start amoxicillin 90 mg/kg/day.\n')).toContain('H66.93');
  });
});

describe('trigger point injections named in the plan and written up in the procedure', () => {
  const note = (muscles: string) =>
    `Assessment:\n1. Chronic migraine without aura.\n2. Cervical myofascial pain with active trigger points.\nPlan:\n2. Trigger point injections today (see procedure).\n\nPROCEDURE: Trigger point injections\nConsent obtained.\nMuscles: ${muscles}.\nMedication: mixture of 4 mL 0.5% bupivacaine and triamcinolone acetonide 20 mg (0.5 mL of 40 mg/mL); 1 mL injected at each trigger point.\nTolerated well.\n`;

  it('counts the muscles in the write-up, not the number of the plan item', () => {
    expect(px(note('L upper trapezius, R upper trapezius, R levator scapulae, L splenius capitis (4 muscles)'))).toContain('20553');
    // Must still fire: two muscles are 20552.
    expect(px(note('L upper trapezius, R upper trapezius (2 muscles)'))).toContain('20552');
  });

  it('bills the steroid mixed into the local anaesthetic, by its own dose', () => {
    const lines = suggest(note('L and R upper trapezius (2 muscles)')).procedures;
    expect(lines.find((l) => l.code === 'J3301')?.units).toBe(2);
    expect(lines.map((l) => l.code)).not.toContain('J0666');
    // Must still fire: epinephrine mixed into lidocaine is part of the anaesthetic.
    expect(px('Procedure: laceration repair. Anesthesia: 1% lidocaine with epinephrine 3 mL. Simple closure, 2.0 cm, hand.\n')).not.toContain('J0171');
  });
});

describe('a sick visit that mentions other visits and names its diagnosis again', () => {
  const note = 'HPI: 3-year-old with vomiting and diarrhea for 2 days.\nExam: Wt 14.1 kg (15.0 kg at well visit 3 wks ago, approx 6% loss).\nAssessment:\n1. Acute viral gastroenteritis. The vomiting and diarrhea are from the gastroenteritis.\n2. Dehydration, moderate.\n';

  it('takes a well visit weeks ago for another visit, not today\'s', () => {
    expect(dx(note).filter((c) => c.startsWith('Z00'))).toEqual([]);
    // Must still fire: today's routine exam.
    expect(dx('Visit: Annual physical exam.\nAssessment: Routine adult exam, healthy.\n').filter((c) => c.startsWith('Z00')).length).toBe(1);
  });

  it('reads "the gastroenteritis" after "viral gastroenteritis" as the same condition', () => {
    const codes = dx(note);
    expect(codes).toContain('A08.4');
    expect(codes).not.toContain('K52.9');
    // Must still fire: gastroenteritis named on its own.
    expect(dx('Assessment:\n1. Gastroenteritis, noninfective, after a dietary indiscretion.\n')).toContain('K52.9');
  });
});

describe('office tests read from their own section', () => {
  it('takes spirometry with a post-bronchodilator column for the pre/post test', () => {
    const codes = px('Spirometry (performed and interpreted today)\nPre-BD FEV1 2.63 L, Post-BD (albuterol 4 puffs) FEV1 2.79 L.\nInterpretation: normal spirometry with no significant bronchodilator response.\nAssessment: Moderate persistent asthma, well controlled.\n');
    expect(codes).toContain('94060');
    // Must still fire: spirometry alone.
    expect(px('Spirometry (performed and interpreted today): FEV1 2.63 L (84%), FEV1/FVC 0.77. Normal.\nAssessment: Moderate persistent asthma, well controlled.\n')).toContain('94010');
  });

  it('dates a test by the year written right before it ("2024 spirometry" in outside records)', () => {
    expect(px('Records: outside records reviewed today (prior PCP notes, 2024 spirometry, 2025 labs).\nAssessment: COPD, stable.\n')).not.toContain('94010');
  });

  it('reads "microscopic hematuria" as a finding, not a urinalysis with microscopy', () => {
    const note = 'Results: In-office urine dipstick (read visually) to follow up his microscopic hematuria: blood negative, protein 1+.\nAssessment:\n1. Microscopic hematuria, resolved.\n';
    expect(px(note)).toContain('81002');
    expect(px(note)).not.toContain('81000');
    // Must still fire: a urinalysis with its microscopic exam.
    expect(px('Urinalysis with microscopic exam done in office: 3-5 RBC/hpf.\nAssessment: Hematuria.\n')).toContain('81000');
  });

  it('reads a point-of-care lead level, and a capillary fingerstick as how blood was drawn, not a glucose test', () => {
    const codes = px('SCREENING LABS (point of care, capillary fingerstick by MA):\n- Hemoglobin (HemoCue): 11.9 g/dL - normal\n- Lead (LeadCare II in office): < 3.3 mcg/dL - normal\nAssessment: Normal hemoglobin and lead screening.\n');
    expect(codes).toEqual(expect.arrayContaining(['85018', '83655']));
    expect(codes).not.toContain('82962');
    // Must still fire: a fingerstick glucose.
    expect(px('POC fingerstick glucose 142 mg/dL in clinic.\nAssessment: Type 2 diabetes.\n')).toContain('82962');
  });
});

describe('an annual gynecologic exam', () => {
  it('is a preventive visit by age', () => {
    // The chart's DOB (1980) makes her 46 on the date of service: 99396.
    const codes = px('History: 46 y/o G1P1 for annual gyn exam. On combined OCP, wants refill.\nExam: Breasts normal. Pelvic: normal.\nAssessment:\n1. Annual gyn exam, normal.\n2. Contraception: continue OCP, refilled x 12 months.\n');
    expect(codes).toContain('99396');
    expect(codes.filter((c) => /^9921/.test(c))).toEqual([]);
  });
});

describe('E/M by time and by prescription management', () => {
  it('reads a total time whose "including" clause carries a "not counting" aside', () => {
    // Established (the chart header): 47 minutes is 99215.
    const note = 'HPI: 9-year-old with inattention at school.\nAssessment: ADHD, predominantly inattentive presentation.\nPlan: behavioral plan; recheck in 4 weeks.\nTotal time on this date, including review of school reports (not counting the separately reported rating-scale scoring): 47 minutes.\n';
    expect(px(note).filter((c) => /^992/.test(c))).toEqual(['99215']);
  });

  it('counts a renewed naloxone prescription as prescription drug management', () => {
    const note = 'HPI: Opioid use disorder in sustained remission for two years, not on medication for OUD. Methamphetamine use disorder, in sustained remission.\nAssessment:\n1. Opioid use disorder, severe, in sustained remission. Naloxone nasal spray 4 mg prescription renewed.\n2. Stimulant use disorder, moderate, in sustained remission.\n';
    expect(px(note).filter((c) => /^992/.test(c))).toEqual(['99214']);
  });
});

describe('a soft-tissue injection at a joint', () => {
  it('takes the joint the write-up names for the soft-tissue site itself ("carpal tunnel" at the wrist)', () => {
    const note = (where: string) => `Procedure: Right carpal tunnel injection.\nTime-out performed. ${where} prepped with chlorhexidine; injected methylprednisolone acetate 40 mg mixed with 1 mL 1% lidocaine. Tolerated well.\nAssessment: Right carpal tunnel syndrome.\n`;
    const codes = px(note('Right volar wrist'));
    expect(codes).toContain('20526');
    expect(codes).not.toContain('20605');
    // Must still fire: another joint injected in the same visit keeps its own line.
    expect(px('Procedure: Right carpal tunnel injection with methylprednisolone 40 mg, injected.\nProcedure 2: Left knee joint injected with triamcinolone 40 mg.\nAssessment: Right carpal tunnel syndrome. Left knee osteoarthritis.\n')).toEqual(expect.arrayContaining(['20526', '20610']));
  });
});
