import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { loadCodingRules } from './coding-rules';
import { codesIn, SuggestionEngine } from './suggest';

/** A slice of ICD-10-CM with real chapters and the Tabular notes the rules read (titles as published). */
function catalog(): CodeSetCatalog {
  const rows: IcdSliceRow[] = [
    ['I11', false, 'Hypertensive heart disease', 9, { fiscalYear: 2021, includes: ['any condition in I50.- or I51.4-I51.7, I51.89, I51.9 due to hypertension'] }],
    ['I11.0', true, 'Hypertensive heart disease with heart failure', 9, { fiscalYear: 2021, useAdditionalCode: ['code to identify type of heart failure (I50.-)'] }],
    ['I50', false, 'Heart failure', 9],
    ['I50.3', false, 'Diastolic (congestive) heart failure', 9],
    ['I50.32', true, 'Chronic diastolic (congestive) heart failure', 9],
    ['I50.9', true, 'Heart failure, unspecified', 9],
    ['I10', true, 'Essential (primary) hypertension', 9],
    ['I51', false, 'Complications and ill-defined descriptions of heart disease', 9],
    ['I51.7', true, 'Cardiomegaly', 9, { fiscalYear: 2021, inclusionTerms: ['Ventricular hypertrophy'] }, ['Ventricular hypertrophy']],
    ['K21', false, 'Gastro-esophageal reflux disease', 11],
    ['K21.9', true, 'Gastro-esophageal reflux disease without esophagitis', 11],
    ['R12', true, 'Heartburn', 18],
    ['R10', false, 'Abdominal and pelvic pain', 18],
    ['R10.1', false, 'Pain localized to upper abdomen', 18],
    ['R10.13', true, 'Epigastric pain', 18],
    ['R50', false, 'Fever of other and unknown origin', 18],
    ['R50.9', true, 'Fever, unspecified', 18],
    ['N40', false, 'Benign prostatic hyperplasia', 14],
    ['N40.1', true, 'Benign prostatic hyperplasia with lower urinary tract symptoms', 14, { fiscalYear: 2021, useAdditionalCode: ['code for associated symptoms, when specified:', 'nocturia (R35.1)'] }],
    ['R35', false, 'Polyuria', 18],
    ['R35.1', true, 'Nocturia', 18],
    ['N18', false, 'Chronic kidney disease (CKD)', 14],
    ['N18.4', true, 'Chronic kidney disease, stage 4 (severe)', 14],
    ['R80', false, 'Proteinuria', 18],
    ['R80.9', true, 'Proteinuria, unspecified', 18],
    ['J10', false, 'Influenza due to other identified influenza virus', 10],
    ['J10.1', true, 'Influenza due to other identified influenza virus with other respiratory manifestations', 10, { fiscalYear: 2021, inclusionTerms: ['Influenza A'] }, ['Influenza A']],
    ['M79.1', false, 'Myalgia', 13],
    ['M79.10', true, 'Myalgia, unspecified site', 13],
    ['J02', false, 'Acute pharyngitis', 10],
    ['J02.0', true, 'Streptococcal pharyngitis', 10],
    ['H66', false, 'Suppurative and unspecified otitis media', 8],
    ['H66.0', false, 'Acute suppurative otitis media', 8],
    ['H66.00', false, 'Acute suppurative otitis media without spontaneous rupture of ear drum', 8],
    ['H66.001', true, 'Acute suppurative otitis media without spontaneous rupture of ear drum, recurrent, right ear', 8],
    ['B02', false, 'Zoster [herpes zoster]', 1],
    ['B02.9', true, 'Zoster without complications', 1, { fiscalYear: 2021, inclusionTerms: ['Zoster NOS'] }, ['Herpes zoster']],
    ['T78', false, 'Adverse effects, not elsewhere classified', 19],
    ['T78.2', false, 'Anaphylactic shock, unspecified', 19],
    ['T78.2XXA', true, 'Anaphylactic shock, unspecified, initial encounter', 19, { fiscalYear: 2021, inclusionTerms: ['Anaphylaxis'] }, ['Anaphylaxis']],
    ['I95', false, 'Hypotension', 9],
    ['I95.9', true, 'Hypotension, unspecified', 9],
    ['L50', false, 'Urticaria', 12],
    ['L50.9', true, 'Urticaria, unspecified', 12],
    ['R21', true, 'Rash and other nonspecific skin eruption', 18, { fiscalYear: 2021, inclusionTerms: ['Rash NOS'] }, ['Rash']],
  ];
  return icdSliceCatalog(rows);
}

const engine = new SuggestionEngine(catalog());
const run = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`));
const codes = (body: string) => run(body).diagnoses.map((d) => d.code);

describe('Tabular "includes" absorbs conditions into the code that includes them', () => {
  it('keeps "heart failure, unspecified" beside I11.0, whose use-additional note asks for it, but not beside a specific I50 code', () => {
    expect(codes('ASSESSMENT:\n1. Essential hypertension.\n2. Heart failure.').sort()).toEqual(['I11.0', 'I50.9']);
    expect(codes('ASSESSMENT:\n1. Essential hypertension.\n2. Heart failure.\n3. Chronic diastolic heart failure.').sort()).toEqual(['I11.0', 'I50.32']);
  });

  it('drops cardiomegaly with hypertensive heart disease but keeps the heart failure its use-additional note asks for', () => {
    const result = run('ASSESSMENT:\n1. Hypertensive heart disease with heart failure, chronic diastolic heart failure.\n2. Ventricular hypertrophy on ECG.');
    expect(result.diagnoses.map((d) => d.code).sort()).toEqual(['I11.0', 'I50.32']);
    expect(result.excluded.find((e) => e.code === 'I51.7')?.explanation).toMatch(/included in I11\.0/);
  });

  it('keeps cardiomegaly when nothing includes it', () => {
    expect(codes('ASSESSMENT:\n1. Ventricular hypertrophy.')).toEqual(['I51.7']);
  });

  it('reads code references with and without parentheses, ranges and categories', () => {
    expect(codesIn('any condition in I50.- or I51.4-I51.7, I51.89, I51.9 due to hypertension')).toEqual([{ lo: 'I50' }, { lo: 'I51.4', hi: 'I51.7' }, { lo: 'I51.89' }, { lo: 'I51.9' }]);
    expect(codesIn('code to identify the stage of chronic kidney disease (N18.1-N18.4, N18.9)')).toEqual([{ lo: 'N18.1', hi: 'N18.4' }, { lo: 'N18.9' }]);
  });
});

describe('symptoms of a body system with a confirmed diagnosis of that system (Guideline I.B.5)', () => {
  it('drops heartburn named in a complaint heading when the assessment diagnoses GERD', () => {
    const result = run('PROBLEM: Heartburn\nBurning after meals for 2 months.\nASSESSMENT:\n1. Gastroesophageal reflux disease without esophagitis - start omeprazole.\n2. The heartburn was addressed today.');
    expect(result.diagnoses.map((d) => d.code)).toEqual(['K21.9']);
    expect(result.excluded.find((e) => e.code === 'R12')?.reason).toBe('integral-symptom');
  });

  it('keeps a symptom the assessment lists as its own problem', () => {
    expect(codes('ASSESSMENT:\n1. Epigastric pain - new, not typical of her reflux.\n2. Gastroesophageal reflux disease without esophagitis - controlled.').sort()).toEqual(['K21.9', 'R10.13']);
  });

  it('drops a symptom named only as what a drug is for beside a confirmed diagnosis', () => {
    expect(codes('A: Influenza A.\nP: Ibuprofen or acetaminophen for pain and fever.')).toEqual(['J10.1']);
    expect(codes('A: Fever, unspecified.\nP: Ibuprofen or acetaminophen for fever.')).toEqual(['R50.9']);
  });

  it('drops myalgia the chart lists as the presentation of a confirmed infection, keeps it on its own', () => {
    expect(codes('A: Influenza A with fever, myalgia.')).toEqual(['J10.1']);
    expect(codes('A: Myalgia of the thighs after starting a statin.')).toEqual(['M79.10']);
  });

  it('drops a symptom item that names the diagnosis explaining it in the same line', () => {
    expect(codes('ASSESSMENT:\n1. Heartburn - gastroesophageal reflux disease without esophagitis, start PPI.')).toEqual(['K21.9']);
  });

  it('keeps symptoms of another body system and general symptoms', () => {
    expect(codes('ASSESSMENT:\n1. Gastroesophageal reflux disease without esophagitis.\n2. Fever for 2 days.').sort()).toEqual(['K21.9', 'R50.9']);
  });

  it('drops fever beside an infection that brings it, even listed as its own item, unless the chart says it is unexplained', () => {
    expect(codes('ASSESSMENT:\n1. Streptococcal pharyngitis.\n2. Fever.')).toEqual(['J02.0']);
    expect(codes('ASSESSMENT:\n1. Fever for 2 days.\n2. Streptococcal pharyngitis - amoxicillin.')).toEqual(['J02.0']);
    expect(codes('ASSESSMENT:\n1. Streptococcal pharyngitis.\n2. Fever out of proportion to the pharyngitis, source unclear.').sort()).toEqual(['J02.0', 'R50.9']);
  });

  it('keeps a symptom the diagnosis asks for in its use-additional note (nocturia with BPH with LUTS)', () => {
    const body = 'ASSESSMENT:\n1. Benign prostatic hyperplasia with lower urinary tract symptoms.\n2. Gets up at night to void, nocturia x3.';
    expect(codes(body).sort()).toEqual(['N40.1', 'R35.1']);
  });

  it('drops a urine finding explained by chronic kidney disease', () => {
    expect(codes('ASSESSMENT:\n1. Chronic kidney disease, stage 4, with proteinuria from the kidney disease.')).toEqual(['N18.4']);
  });

  it('rejects a symptom system with a chapter outside 1-22', () => {
    const base = { formatVersion: 1, combinations: [], companions: [], drugClasses: {}, firstListed: [], notFromMentions: [], encounterReasons: { preventive: {}, immunization: {}, prenatal: {}, bmi: {} } };
    expect(() => loadCodingRules({ ...base, symptomSystems: [{ name: 'digestive', symptoms: 'R10-R19', chapters: [40] }] })).toThrow(/symptom system "digestive"/);
    expect(() => loadCodingRules({ ...base, symptomSystems: [{ name: 'digestive', symptoms: 'not a code', chapters: [11] }] })).toThrow(/not a code/);
  });
});

describe('a rash is what a viral exanthem shows', () => {
  it('does not code the complaint\'s rash beside zoster, and keeps a rash the assessment leaves unexplained', () => {
    expect(codes('CHIEF COMPLAINT: Painful rash on the left side of the chest for 2 days.\nASSESSMENT:\n1. Herpes zoster, left T6, uncomplicated, within 72 hours of rash onset.')).toEqual(['B02.9']);
    expect(codes('CHIEF COMPLAINT: Rash on the trunk.\nASSESSMENT:\n1. Rash, cause unclear.\n2. Essential hypertension.').sort()).toEqual(['I10', 'R21']);
  });
});

describe('hypotension and hives are what anaphylaxis shows', () => {
  it('codes the anaphylaxis alone when the chart gives its hypotension and urticaria as part of it', () => {
    const result = run('ASSESSMENT:\n1. Anaphylaxis due to honeybee sting, initial encounter, with hypotension; resolved after epinephrine.\n2. Urticaria part of the anaphylaxis.');
    expect(result.diagnoses.map((d) => d.code)).toEqual(['T78.2XXA']);
    expect(result.excluded.filter((e) => e.reason === 'integral-symptom').map((e) => e.code).sort()).toEqual(['I95.9', 'L50.9']);
  });

  it('keeps hypotension and hives without anaphylaxis', () => {
    expect(codes('ASSESSMENT:\n1. Hypotension after the new diuretic.\n2. Urticaria, unspecified cause.').sort()).toEqual(['I95.9', 'L50.9']);
  });
});
