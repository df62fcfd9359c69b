import { describe, expect, it } from 'vitest';
import { icdSliceCatalog, type IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { SuggestionEngine } from './suggest';

/**
 * Conventions read from the Tabular List and the chart's phrasing: identified organisms, postprocedural conditions,
 * vaccines named in lists, skin lesions, Excludes1 factors, "use additional code" order, family history per item.
 */
const rows: IcdSliceRow[] = [
  ['J10', false, 'Influenza due to other identified influenza virus', 10, { fiscalYear: 2021, includes: ['influenza A (non-novel)', 'influenza B', 'influenza C'] }],
  ['J10.1', true, 'Influenza due to other identified influenza virus with other respiratory manifestations', 10, undefined, ['Influenza due to other identified influenza virus with pharyngitis', 'Influenza due to other identified influenza virus with upper respiratory symptoms']],
  ['J10.2', true, 'Influenza due to other identified influenza virus with gastrointestinal manifestations', 10],
  ['J11', false, 'Influenza due to unidentified influenza virus', 10],
  ['J11.1', true, 'Influenza due to unidentified influenza virus with other respiratory manifestations', 10, undefined, ['Influenza NOS', 'Influenza with upper respiratory symptoms NOS', 'Influenzal pharyngitis NOS']],
  ['J02', false, 'Acute pharyngitis', 10],
  ['J02.9', true, 'Acute pharyngitis, unspecified', 10],
  ['B01', false, 'Varicella [chickenpox]', 1],
  ['B01.9', true, 'Varicella without complication', 1],
  ['E03', false, 'Other hypothyroidism', 4],
  ['E03.9', true, 'Hypothyroidism, unspecified', 4],
  ['E89', false, 'Postprocedural endocrine and metabolic complications and disorders, not elsewhere classified', 4],
  ['E89.0', true, 'Postprocedural hypothyroidism', 4],
  ['L98', false, 'Other disorders of skin and subcutaneous tissue, not elsewhere classified', 12],
  ['L98.9', true, 'Disorder of the skin and subcutaneous tissue, unspecified', 12],
  ['L82', false, 'Seborrheic keratosis', 12],
  ['L82.1', true, 'Other seborrheic keratosis', 12],
  ['C44', false, 'Other and unspecified malignant neoplasm of skin', 2],
  ['C44.9', false, 'Other and unspecified malignant neoplasm of skin, unspecified', 2],
  ['C44.91', true, 'Basal cell carcinoma of skin, unspecified', 2],
  ['F17', false, 'Nicotine dependence', 5],
  ['F17.2', false, 'Nicotine dependence', 5],
  ['F17.21', false, 'Nicotine dependence, cigarettes', 5],
  ['F17.210', true, 'Nicotine dependence, cigarettes, uncomplicated', 5],
  ['Z72', false, 'Problems related to lifestyle', 21],
  ['Z72.0', true, 'Tobacco use', 21, { fiscalYear: 2021, excludes1: ['tobacco dependence (F17.-)'] }],
  ['E11', false, 'Type 2 diabetes mellitus', 4, { fiscalYear: 2021, useAdditionalCode: ['code to identify stage of chronic kidney disease (N18.1-N18.6)'] }],
  ['E11.2', false, 'Type 2 diabetes mellitus with kidney complications', 4],
  ['E11.22', true, 'Type 2 diabetes mellitus with diabetic chronic kidney disease', 4],
  ['N18', false, 'Chronic kidney disease (CKD)', 14],
  ['N18.3', false, 'Chronic kidney disease, stage 3 (moderate)', 14],
  ['N18.32', true, 'Chronic kidney disease, stage 3b', 14],
  ['Z80', false, 'Family history of primary malignant neoplasm', 21],
  ['Z80.3', true, 'Family history of malignant neoplasm of breast', 21],
  ['Z00', false, 'Encounter for general examination without complaint, suspected or reported diagnosis', 21],
  ['Z00.0', false, 'Encounter for general adult medical examination', 21],
  ['Z00.00', true, 'Encounter for general adult medical examination without abnormal findings', 21],
  ['Z00.01', true, 'Encounter for general adult medical examination with abnormal findings', 21],
  ['Z23', true, 'Encounter for immunization', 21],
];
const engine = new SuggestionEngine(icdSliceCatalog(rows));
const header = 'Name: Test Patient\nDOB: 1974-02-03\nSex: F\nMRN: SYN-000123\nDate of Service: 2026-03-01\nEstablished patient\n\n';
const codes = (note: string) => engine.suggest(chartFromText(header + note), { dateOfService: '2026-03-01' }).diagnoses.map((d) => d.code);

describe('identified organism', () => {
  it('codes "influenza A" with respiratory symptoms to the identified-virus code, its pharyngitis included', () => {
    expect(codes('Assessment:\n1. Influenza A with pharyngitis/URI symptoms.')).toEqual(['J10.1']);
  });
  it('keeps the unidentified-virus code when no virus type is named', () => {
    expect(codes('Assessment:\n1. Influenza with upper respiratory symptoms.')).toEqual(['J11.1']);
  });
});

describe('postprocedural conditions', () => {
  it('codes hypothyroidism after radioactive iodine or thyroidectomy as postprocedural', () => {
    expect(codes('Assessment:\n1. Hypothyroidism after radioactive iodine ablation for Graves disease.')).toEqual(['E89.0']);
    expect(codes('Assessment:\n1. Post-thyroidectomy hypothyroidism, on levothyroxine.')).toEqual(['E89.0']);
  });
  it('keeps the plain code when nothing says a procedure caused it', () => {
    expect(codes('Assessment:\n1. Hypothyroidism, on levothyroxine after breakfast.')).toEqual(['E03.9']);
  });
});

describe('vaccines named in lists', () => {
  it('does not code a disease named as a vaccine in a bracket, after a colon or beside vaccine abbreviations', () => {
    expect(codes('Assessment:\n1. Immunizations updated (Tdap, influenza).')).not.toContain('J11.1');
    expect(codes('Assessment:\n1. Series for DTaP, IPV, MMR and varicella now complete.')).not.toContain('B01.9');
    // An item of a bracketed list whose other items are vaccines by name is a vaccine too.
    expect(codes('Reason: vaccine visit per standing order from the last well visit (MenACWY booster at 16, MenB series start by shared decision, seasonal flu).')).not.toContain('J11.1');
    expect(codes('Assessment:\n1. Influenza (fever 102, cough, body aches).')).toContain('J11.1');
  });
  it('still codes the illness of a patient who was vaccinated', () => {
    expect(codes('Assessment:\n1. Varicella despite one vaccine dose, lesions crusting.')).toContain('B01.9');
  });
  it('reads a dose and route beside a vaccine as given (Z23)', () => {
    expect(codes('Assessment:\n1. Annual physical.\nImmunizations\nDTaP (Kinrix) 0.5 mL IM, R thigh')).toContain('Z23');
    expect(codes('Assessment:\n1. Annual physical.\nPlan: DTaP due next visit, 0.5 mL IM then.')).not.toContain('Z23');
  });
});

describe('skin lesions', () => {
  it('codes the lesion (L98.9) when the diagnosis it was suspicious for is uncertain', () => {
    expect(codes('Assessment:\n1. Skin lesion, left upper back, suspicious for basal cell carcinoma - shave biopsy sent.')).toEqual(['L98.9']);
  });
  it('codes the named diagnosis, not also the lesion, when the sentence names it', () => {
    expect(codes('Assessment:\n1. Skin lesion of the back: seborrheic keratosis, reassured.')).toEqual(['L82.1']);
    expect(codes('Assessment:\n1. Skin lesion of the back, biopsy-proven basal cell carcinoma.')).toEqual(['C44.91']);
  });
});

describe('Tabular notes between chosen codes', () => {
  it('drops a factor code that Excludes1 the condition coded beside it', () => {
    expect(codes('Assessment:\n1. Tobacco use disorder, cigarettes.\n2. Tobacco use - counselled today.')).toEqual(['F17.210']);
    expect(codes('Assessment:\n1. Tobacco use - counselled today.')).toEqual(['Z72.0']);
  });
  it('puts a code before the code its "use additional code" note asks for, whatever order the chart gives', () => {
    expect(codes('Assessment:\n1. CKD stage 3b.\n2. Type 2 diabetes with diabetic chronic kidney disease.')).toEqual(['E11.22', 'N18.32']);
  });
});

describe('family history that bears on the visit', () => {
  it('reads each assessment item by itself: the next item saying "not" about screening does not cancel it', () => {
    const note = "Assessment:\n1. Annual physical, normal exam.\n2. Family history of breast cancer (sister) - annual mammography.\n3. Former smoker - not a lung cancer screening candidate.";
    expect(codes(note)).toContain('Z80.3');
    expect(codes(note)).toContain('Z00.00');
  });
});

describe('symptoms the chart attributes to a diagnosis', () => {
  const symptomRows: IcdSliceRow[] = [
    ['R50', false, 'Fever of other and unknown origin', 18],
    ['R50.9', true, 'Fever, unspecified', 18],
    ['R60', false, 'Edema, not elsewhere classified', 18],
    ['R60.9', true, 'Edema, unspecified', 18],
    ['J02', false, 'Acute pharyngitis', 10],
    ['J02.0', true, 'Streptococcal pharyngitis', 10],
    ['I50', false, 'Heart failure', 9],
    ['I50.9', true, 'Heart failure, unspecified', 9],
    ['J20', false, 'Acute bronchitis', 10],
    ['J20.9', true, 'Acute bronchitis, unspecified', 10],
    ['J40', true, 'Bronchitis, not specified as acute or chronic', 10],
    ['K21', false, 'Gastro-esophageal reflux disease', 11],
    ['K21.9', true, 'Gastro-esophageal reflux disease without esophagitis', 11],
  ];
  const symptomEngine = new SuggestionEngine(icdSliceCatalog(symptomRows));
  const dx = (note: string) => symptomEngine.suggest(chartFromText(header + note), { dateOfService: '2026-03-01' }).diagnoses.map((d) => d.code);
  it('drops symptoms a sentence gives to the diagnosis in its own words ("are from the strep", "are her HF symptoms")', () => {
    expect(dx('Assessment:\n1. Streptococcal pharyngitis.\n2. Fever and sore throat are from the strep infection.')).toEqual(['J02.0']);
    expect(dx('Assessment:\n1. Heart failure, stable.\n2. Edema and exertional dyspnea are her baseline HF symptoms.')).toEqual(['I50.9']);
  });
  it('keeps a symptom the chart attributes to something not coded', () => {
    expect(dx('Assessment:\n1. Streptococcal pharyngitis.\n2. Fever is from the teething.')).toEqual(['J02.0', 'R50.9']);
  });
  it('reads "the bronchitis" after acute bronchitis as the same condition, not J40', () => {
    expect(dx('Assessment:\n1. Acute bronchitis, likely viral.\n2. Cough is from the bronchitis.')).toEqual(['J20.9']);
    expect(dx('Assessment:\n1. Bronchitis.')).toEqual(['J40']);
  });
});
