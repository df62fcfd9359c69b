import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { contextOf } from '../context';
import { SuggestionEngine } from './suggest';

/** A slice of ICD-10-CM (titles as published) for classes of phrasing: synthetic sentences only. */
function catalog(): CodeSetCatalog {
  const rows: IcdSliceRow[] = [
    ['N40', false, 'Benign prostatic hyperplasia', 14],
    ['N40.1', true, 'Benign prostatic hyperplasia with lower urinary tract symptoms', 14],
    ['R35', false, 'Polyuria', 18],
    ['R35.1', true, 'Nocturia', 18],
    ['E16', false, 'Other disorders of pancreatic internal secretion', 4],
    ['E16.2', true, 'Hypoglycemia, unspecified', 4],
    ['L03', false, 'Cellulitis and acute lymphangitis', 12],
    ['L03.11', false, 'Cellulitis of other parts of limb', 12],
    ['L03.115', true, 'Cellulitis of right lower limb', 12],
    ['L03.116', true, 'Cellulitis of left lower limb', 12],
    ['L03.119', true, 'Cellulitis of unspecified part of limb', 12],
    ['Z79', false, 'Long term (current) drug therapy', 21],
    ['Z79.1', true, 'Long term (current) use of non-steroidal anti-inflammatories (NSAID)', 21],
    ['F31', false, 'Bipolar disorder', 5],
    ['F31.9', true, 'Bipolar disorder, unspecified', 5],
    ['F32', false, 'Depressive episode', 5],
    ['F32.A', true, 'Depression, unspecified', 5],
    ['Z81', false, 'Family history of mental and behavioral disorders', 21],
    ['Z81.8', true, 'Family history of other mental and behavioral disorders', 21],
    ['Z82', false, 'Family history of certain disabilities and chronic diseases (leading to disablement)', 21],
    ['Z82.0', true, 'Family history of epilepsy and other diseases of the nervous system', 21],
    ['G43', false, 'Migraine', 6],
    ['G43.9', false, 'Migraine, unspecified', 6],
    ['G43.909', true, 'Migraine, unspecified, not intractable, without status migrainosus', 6],
    ['C50', false, 'Malignant neoplasm of breast', 2],
    ['C50.919', true, 'Malignant neoplasm of unspecified site of unspecified female breast', 2],
    ['C56', false, 'Malignant neoplasm of ovary', 2],
    ['C56.9', true, 'Malignant neoplasm of unspecified ovary', 2],
    ['C62', false, 'Malignant neoplasm of testis', 2],
    ['C62.90', true, 'Malignant neoplasm of unspecified testis, unspecified whether descended or undescended', 2],
    ['Z80', false, 'Family history of primary malignant neoplasm', 21],
    ['Z80.3', true, 'Family history of malignant neoplasm of breast', 21],
    ['Z80.41', true, 'Family history of malignant neoplasm of ovary', 21],
    ['Z80.43', true, 'Family history of malignant neoplasm of testis', 21],
    ['Z00', false, 'Encounter for general examination without complaint, suspected or reported diagnosis', 21],
    ['Z00.00', true, 'Encounter for general adult medical examination without abnormal findings', 21],
    ['Z00.01', true, 'Encounter for general adult medical examination with abnormal findings', 21],
    ['Z01', false, 'Encounter for other special examination without complaint, suspected or reported diagnosis', 21],
    ['Z01.41', false, 'Encounter for routine gynecological examination', 21],
    ['Z01.411', true, 'Encounter for gynecological examination (general) (routine) with abnormal findings', 21],
    ['Z01.419', true, 'Encounter for gynecological examination (general) (routine) without abnormal findings', 21],
    ['Z3A', false, 'Weeks of gestation', 21],
    ['Z3A.00', true, 'Weeks of gestation of pregnancy not specified', 21],
    ['Z3A.12', true, '12 weeks gestation of pregnancy', 21],
    ['Z3A.24', true, '24 weeks gestation of pregnancy', 21],
    ['Z3A.28', true, '28 weeks gestation of pregnancy', 21],
    ['Z3A.31', true, '31 weeks gestation of pregnancy', 21],
    ['Z3A.34', true, '34 weeks gestation of pregnancy', 21],
    ['Z34', false, 'Encounter for supervision of normal pregnancy', 21],
    ['Z34.8', false, 'Encounter for supervision of other normal pregnancy', 21],
    ['Z34.83', true, 'Encounter for supervision of other normal pregnancy, third trimester', 21],
    ['T23', false, 'Burn and corrosion of wrist and hand', 19],
    ['T23.0', false, 'Burn of unspecified degree of wrist and hand', 19],
    ['T23.00', false, 'Burn of unspecified degree of hand, unspecified site', 19],
    ['T23.009', false, 'Burn of unspecified degree of unspecified hand, unspecified site', 19],
    ['T23.009A', true, 'Burn of unspecified degree of unspecified hand, unspecified site, initial encounter', 19],
    ['T23.1', false, 'Burn of first degree of wrist and hand', 19],
    ['T23.10', false, 'Burn of first degree of hand, unspecified site', 19],
    ['T23.109', false, 'Burn of first degree of unspecified hand, unspecified site', 19],
    ['T23.109A', true, 'Burn of first degree of unspecified hand, unspecified site, initial encounter', 19],
    ['T23.17', false, 'Burn of first degree of wrist', 19],
    ['T23.179', false, 'Burn of first degree of unspecified wrist', 19],
    ['T23.179A', true, 'Burn of first degree of unspecified wrist, initial encounter', 19],
    ['T23.19', false, 'Burn of first degree of multiple sites of wrist and hand', 19],
    ['T23.199', false, 'Burn of first degree of multiple sites of unspecified wrist and hand', 19],
    ['T23.199A', true, 'Burn of first degree of multiple sites of unspecified wrist and hand, initial encounter', 19],
    ['T23.2', false, 'Burn of second degree of wrist and hand', 19],
    ['T23.20', false, 'Burn of second degree of hand, unspecified site', 19],
    ['T23.201', false, 'Burn of second degree of right hand, unspecified site', 19],
    ['T23.201A', true, 'Burn of second degree of right hand, unspecified site, initial encounter', 19],
    ['T23.26', false, 'Burn of second degree of back of hand', 19],
    ['T23.261', false, 'Burn of second degree of back of right hand', 19],
    ['T23.261A', true, 'Burn of second degree of back of right hand, initial encounter', 19],
    ['T23.29', false, 'Burn of second degree of multiple sites of wrist and hand', 19],
    ['T23.291', false, 'Burn of second degree of multiple sites of right wrist and hand', 19],
    ['T23.291A', true, 'Burn of second degree of multiple sites of right wrist and hand, initial encounter', 19],
  ];
  return icdSliceCatalog(rows, { 'N40.1': { notes: { fiscalYear: 2026, useAdditionalCode: ['code for associated symptoms, when specified:', 'nocturia (R35.1)'] } } });
}

const engine = new SuggestionEngine(catalog());
const codes = (body: string, dob = '01/15/1980') => engine.suggest(chartFromText(`DOB: ${dob}\nDate of service: 03/02/2026\n${body}\n`)).diagnoses.map((d) => d.code).sort();

describe('a symptom word before a listed symptom', () => {
  it('reads "symptoms (X)" and "symptoms: X" as the patient\'s symptom, "signs of X" as something to watch for', () => {
    expect(codes('ASSESSMENT:\n1. Benign prostatic hyperplasia with lower urinary tract symptoms (nocturia twice a night).')).toEqual(['N40.1', 'R35.1']);
    expect(codes('ASSESSMENT:\n1. Insulin started; taught the signs of hypoglycemia.')).toEqual([]);
  });
});

describe('a trigger written after its target ends at a semicolon', () => {
  it('"DVT excluded" after a semicolon leaves the cellulitis before it', () => {
    const text = 'Cellulitis of the left shin, no abscess; DVT excluded by duplex.';
    const [cellulitis, dvt] = contextOf({ text, targets: [{ start: text.indexOf('Cellulitis'), end: text.indexOf(' of the') }, { start: text.indexOf('DVT'), end: text.indexOf('DVT') + 3 }] });
    expect(cellulitis!.ruledOut).toBe(false);
    expect(dvt!.ruledOut).toBe(true);
    expect(codes('ASSESSMENT:\n1. Cellulitis of right lower leg - spreading; DVT excluded by ultrasound.')).toEqual(['L03.115']);
  });
});

describe('"own" makes a condition the patient\'s beside a relative\'s', () => {
  it('gives the relative\'s family code and not the patient\'s condition as a family one', () => {
    const found = codes('PLAN:\n- Genetic counselling: with his own breast cancer and a sister with ovarian cancer, hereditary cancer testing is indicated.');
    expect(found).toContain('Z80.41');
    expect(found).not.toContain('Z80.3');
    // "testing" is not the testis.
    expect(found).not.toContain('Z80.43');
    expect(found).not.toContain('C62.90');
  });
});

describe('a family history the assessment reasons with', () => {
  it('codes the relative\'s condition from the history list when the assessment refers back to it', () => {
    const note = 'FAMILY HISTORY: Father has bipolar I disorder.\nASSESSMENT:\n1. Depression, unspecified.\n2. Screen for mania given father\'s bipolar history - none today.';
    expect(codes(note)).toEqual(['F32.A', 'Z81.8']);
  });

  it('leaves a history-list entry alone when the assessment never returns to it', () => {
    expect(codes('FAMILY HISTORY: Father has bipolar I disorder.\nASSESSMENT:\n1. Depression, unspecified.')).toEqual(['F32.A']);
  });

  it('codes a plan item that is itself about the family history', () => {
    expect(codes('ASSESSMENT:\n1. Depression, unspecified.\nPLAN:\n- Family history of migraine (sister) noted for her headache workup.')).toContain('Z82.0');
  });
});

describe('an expansion to a hyphenated word', () => {
  it('meets a title written with the joined form ("NSAID" → anti-inflammatories)', () => {
    expect(codes('ASSESSMENT:\n1. Long-term NSAID use for knee arthritis.')).toContain('Z79.1');
  });
});

describe('a routine gynecological exam', () => {
  it('is Z01.41-, not the general adult exam, when the visit is called one', () => {
    expect(codes('Annual exam\nASSESSMENT:\n1. Well-woman exam, normal findings.', '05/05/1990')).toEqual(['Z01.419']);
    expect(codes('Annual exam\nASSESSMENT:\n1. Annual physical, no concerns.', '05/05/1990')).toEqual(['Z00.00']);
  });
});

describe('weeks of gestation', () => {
  it('takes the figure that states the gestational age over one that dates another event', () => {
    const note = 'Routine prenatal visit.\nASSESSMENT:\n1. Pregnancy - glucose screen at 24 weeks, repeat scan at 34 weeks.\n2. Intrauterine pregnancy, 31 weeks gestation.';
    expect(codes(note, '05/05/1992')).toContain('Z3A.31');
    expect(codes(note, '05/05/1992')).not.toContain('Z3A.34');
  });

  it('reads a figure right after the pregnancy or its G/P summary as the gestational age, not one a few words off', () => {
    const note = 'Routine prenatal visit.\nG2P1001 at 28w3d by 8-week ultrasound.\nASSESSMENT:\nIntrauterine pregnancy at 28w3d, progressing normally, low risk.';
    expect(codes(note, '05/05/1992')).toEqual(expect.arrayContaining(['Z34.83', 'Z3A.28']));
    const loss = 'Routine prenatal visit.\nPrior pregnancy loss at 12 weeks in 2023.\nASSESSMENT:\nPregnancy, doing well.';
    expect(codes(loss, '05/05/1992').filter((c) => c.startsWith('Z3A'))).toEqual([]);
  });
});

describe('burns', () => {
  it('reads superficial / partial-thickness / full-thickness as the burn degree', () => {
    expect(codes('ASSESSMENT:\n1. Partial-thickness burn of right hand.')).toEqual(['T23.201A']);
  });

  it('codes a burn of the wrist and the hand as the multiple-sites code of its degree', () => {
    expect(codes('ASSESSMENT:\n1. Superficial burn of wrist and hand from hot water.')).toEqual(['T23.199A']);
  });
});

describe('section headings of a wellness visit', () => {
  it('reads a personalized prevention plan as the plan and a combined history heading as the past medical history', () => {
    const chart = chartFromText('MEDICAL AND FAMILY HISTORY (updated):\nAsthma since childhood.\nPERSONALIZED PREVENTION PLAN:\nMammogram next year.\nHEALTH PLAN:\nAcme Insurance.\n');
    expect(chart.sections.slice(0, 2).map((s) => s.category)).toEqual(['past_medical_history', 'plan']);
    // An insurance "health plan" is not the care plan.
    expect(chart.sections.filter((s) => s.category === 'plan')).toHaveLength(1);
  });
});

describe('"watch … for" and "monitor … for" with words between name what to look out for', () => {
  it('reads the rash, fever and joint pain of "watch the site for 30 days for …" as hypothetical', () => {
    const text = 'watch the site for 30 days for an expanding rash, fever or joint pain and call.';
    const [rash, fever] = contextOf({ text, targets: [{ start: text.indexOf('rash'), end: text.indexOf('rash') + 4 }, { start: text.indexOf('fever'), end: text.indexOf('fever') + 5 }] });
    expect(rash!.hypothetical).toBe(true);
    expect(fever!.hypothetical).toBe(true);
    const monitor = 'Monitor the bite site at home for redness.';
    expect(contextOf({ text: monitor, targets: [{ start: monitor.indexOf('redness'), end: monitor.length - 1 }] })[0]!.hypothetical).toBe(true);
  });

  it('leaves a condition named after a monitoring plan in another sentence alone', () => {
    const text = 'Monitor blood pressure at home for 2 weeks. Rash on the trunk.';
    expect(contextOf({ text, targets: [{ start: text.indexOf('Rash'), end: text.indexOf('Rash') + 4 }] })[0]!.hypothetical).toBe(false);
  });
});

describe('a verdict that is the whole last clause of its item', () => {
  it('looks back over one semicolon to the item it closes, not over a clause that names its own subject', () => {
    const closed = 'Vitamin D deficiency 2023 - treated, level 38 in 2025, off supplement; resolved.';
    expect(contextOf({ text: closed, targets: [{ start: closed.indexOf('deficiency'), end: closed.indexOf('deficiency') + 10 }] })[0]!.negated).toBe(true);
    const other = 'Hypertension, controlled; hypokalemia resolved.';
    expect(contextOf({ text: other, targets: [{ start: 0, end: 12 }] })[0]!.negated).toBe(false);
    const two = 'Hypertension - controlled; lisinopril continued; resolved.';
    expect(contextOf({ text: two, targets: [{ start: 0, end: 12 }] })[0]!.negated).toBe(false);
  });
});
