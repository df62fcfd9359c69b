/**
 * A small in-memory code set for the lib/search unit tests: real codes and titles (ICD-10-CM FY2026,
 * HCPCS 2026, our CPT summaries) picked to exercise every ranking rule without the full files.
 */
import type { CodeRecord } from '../../lib/codesets/types';

const icd = (code: string, title: string, billable: boolean, parent?: string, synonyms?: string[], includes?: string[]): CodeRecord => ({
  system: 'icd10cm',
  code,
  title,
  billable,
  ...(parent ? { parent } : {}),
  ...(synonyms ? { synonyms } : {}),
  ...(includes ? { notes: { fiscalYear: 2021, includes } } : {}),
});

const sevenths = (parent: string, title: string, chars: Record<string, string>): CodeRecord[] =>
  Object.entries(chars).map(([c, ending]) => icd(`${parent}${'X'.repeat(Math.max(0, 7 - parent.replace('.', '').length - 1))}${c}`, `${title}, ${ending}`, true, parent));

const FRACTURE_7TH = { A: 'initial encounter for closed fracture', B: 'initial encounter for open fracture', D: 'subsequent encounter for closed fracture with routine healing', S: 'sequela' };

/** ICD-10-CM, HCPCS and CPT records for unit tests. */
export const FIXTURE_RECORDS: CodeRecord[] = [
  icd('E11', 'Type 2 diabetes mellitus', false, undefined, undefined, ['diabetes NOS']),
  icd('E11.6', 'Type 2 diabetes mellitus with other specified complications', false, 'E11'),
  icd('E11.64', 'Type 2 diabetes mellitus with hypoglycemia', false, 'E11.6'),
  icd('E11.649', 'Type 2 diabetes mellitus with hypoglycemia without coma', true, 'E11.64'),
  icd('E11.65', 'Type 2 diabetes mellitus with hyperglycemia', true, 'E11.6'),
  icd('E11.8', 'Type 2 diabetes mellitus with unspecified complications', true, 'E11'),
  icd('E11.9', 'Type 2 diabetes mellitus without complications', true, 'E11'),
  icd('E10', 'Type 1 diabetes mellitus', false),
  icd('E10.9', 'Type 1 diabetes mellitus without complications', true, 'E10'),
  icd('I10', 'Essential (primary) hypertension', true, undefined, ['High blood pressure', 'Hypertension (arterial) (benign) (essential) (malignant) (primary) (systemic)']),
  icd('I15', 'Secondary hypertension', false),
  icd('I15.9', 'Secondary hypertension, unspecified', true, 'I15'),
  icd('I48', 'Atrial fibrillation and flutter', false),
  icd('I48.0', 'Paroxysmal atrial fibrillation', true, 'I48'),
  icd('I48.2', 'Chronic atrial fibrillation', false, 'I48'),
  icd('I48.20', 'Chronic atrial fibrillation, unspecified', true, 'I48.2'),
  icd('I48.9', 'Unspecified atrial fibrillation and atrial flutter', false, 'I48'),
  icd('I48.91', 'Unspecified atrial fibrillation', true, 'I48.9'),
  icd('I48.92', 'Unspecified atrial flutter', true, 'I48.9'),
  icd('I50', 'Heart failure', false),
  icd('I50.9', 'Heart failure, unspecified', true, 'I50', ['Congestive heart failure NOS']),
  icd('I11', 'Hypertensive heart disease', false),
  icd('I11.0', 'Hypertensive heart disease with heart failure', true, 'I11', ['Hypertensive heart failure']),
  icd('I11.9', 'Hypertensive heart disease without heart failure', true, 'I11'),
  icd('J44', 'Other chronic obstructive pulmonary disease', false),
  icd('J44.1', 'Chronic obstructive pulmonary disease with (acute) exacerbation', true, 'J44', ['Decompensated COPD']),
  icd('J44.9', 'Chronic obstructive pulmonary disease, unspecified', true, 'J44'),
  icd('J18', 'Pneumonia, unspecified organism', false),
  icd('J18.0', 'Bronchopneumonia, unspecified organism', true, 'J18'),
  icd('J18.9', 'Pneumonia, unspecified organism', true, 'J18'),
  icd('J11', 'Influenza due to unidentified influenza virus', false),
  icd('J11.0', 'Influenza due to unidentified influenza virus with pneumonia', false, 'J11'),
  icd('J11.00', 'Influenza due to unidentified influenza virus with unspecified type of pneumonia', true, 'J11.0'),
  icd('G04.39', 'Other acute necrotizing hemorrhagic encephalopathy', true),
  icd('G43.9', 'Migraine, unspecified', false),
  icd('G43.90', 'Migraine, unspecified, not intractable', false, 'G43.9'),
  icd('G43.909', 'Migraine, unspecified, not intractable, without status migrainosus', true, 'G43.90', ['Migraine NOS']),
  icd('G43.911', 'Migraine, unspecified, intractable, with status migrainosus', true, 'G43.90'),
  icd('N18.31', 'Chronic kidney disease, stage 3a', true),
  icd('N18.9', 'Chronic kidney disease, unspecified', true, undefined, ['Chronic renal insufficiency']),
  icd('K21.9', 'Gastro-esophageal reflux disease without esophagitis', true, undefined, ['Esophageal reflux NOS']),
  icd('S72', 'Fracture of femur', false),
  icd('S72.00', 'Fracture of unspecified part of neck of femur', false, 'S72'),
  icd('S72.001', 'Fracture of unspecified part of neck of right femur', false, 'S72.00'),
  ...sevenths('S72.001', 'Fracture of unspecified part of neck of right femur', FRACTURE_7TH),
  icd('S72.002', 'Fracture of unspecified part of neck of left femur', false, 'S72.00'),
  ...sevenths('S72.002', 'Fracture of unspecified part of neck of left femur', FRACTURE_7TH),
  icd('S72.9', 'Unspecified fracture of femur', false, 'S72'),
  icd('S72.90', 'Unspecified fracture of unspecified femur', false, 'S72.9'),
  ...sevenths('S72.90', 'Unspecified fracture of unspecified femur', FRACTURE_7TH),
  { system: 'hcpcs', code: 'J1100', title: 'Injection, dexamethasone sodium phosphate, 1 mg', billable: true, effectiveFrom: '1982-01-01' },
  { system: 'hcpcs', code: 'J1094', title: 'Injection, dexamethasone acetate, 1 mg', billable: true, effectiveFrom: '2004-01-01', terminatedOn: '2025-03-31' },
  { system: 'hcpcs', code: 'G0439', title: 'Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit', billable: true, effectiveFrom: '2011-01-01' },
  { system: 'hcpcs', code: 'E0601', title: 'Continuous positive airway pressure (cpap) device', billable: true, effectiveFrom: '1999-01-01' },
  { system: 'hcpcs', code: 'J3301', title: 'Injection, triamcinolone acetonide, not otherwise specified, 10 mg', billable: true, effectiveFrom: '1994-01-01' },
  { system: 'hcpcs', code: 'J3299', title: 'Injection, triamcinolone acetonide (xipere), 1 mg', billable: true, effectiveFrom: '2022-10-01' },
  { system: 'hcpcs', code: 'G9999', title: 'Future placeholder service for tests', billable: true, effectiveFrom: '2099-01-01' },
  { system: 'cpt', code: '99213', title: 'Office visit, established patient, low complexity decision-making or 20+ minutes total time', billable: true, synonyms: ['office visit', 'follow-up', 'return visit'] },
  { system: 'cpt', code: '36415', title: 'Blood draw from a vein (venipuncture)', billable: true, synonyms: ['blood draw', 'venipuncture', 'phlebotomy'] },
  { system: 'cpt', code: '83036', title: 'Hemoglobin A1c (average blood sugar over months)', billable: true, synonyms: ['A1c', 'HbA1c', 'diabetes'] },
];
