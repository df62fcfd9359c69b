/**
 * Small hand-made code sets for the claim-check tests, and runners of the rules on them. Codes and titles
 * are real (ICD-10-CM, HCPCS, CMS edit values as published); CPT entries carry our own short wording only.
 * The clean encounter that passes every check here is `claimCheckEncounter` in ./encounters.
 */
import { checkEncounter } from '../../lib/claims/check';
import { contextFromCatalog, prepareCheckContext, type PrepareOptions } from '../../lib/claims/context';
import type { CheckResult, ClaimCheckContext, ClaimRule } from '../../lib/claims/types';
import { CodeSetCatalog } from '../../lib/codesets/catalog';
import type { CodeRecord, CodeSetBundle, EditsBundle, TabularNotes } from '../../lib/codesets/types';
import type { CodedEncounter } from '../../lib/encounter/types';

const FRACTURE_7TH = { A: 'initial encounter for closed fracture', B: 'initial encounter for open fracture type I or II', D: 'subsequent encounter for closed fracture with routine healing' };

function icd(code: string, title: string, billable: boolean, parent?: string, notes?: Omit<TabularNotes, 'fiscalYear'>): CodeRecord {
  return { system: 'icd10cm', code, title, billable, ...(parent ? { parent } : {}), ...(notes ? { notes: { fiscalYear: 2026, ...notes } } : {}) };
}

/** Codes in both fiscal years. */
const ICD_COMMON: CodeRecord[] = [
  icd('E10', 'Type 1 diabetes mellitus', false, undefined, { excludes1: ['type 2 diabetes mellitus (E11.-)'] }),
  icd('E10.9', 'Type 1 diabetes mellitus without complications', true, 'E10'),
  icd('E11', 'Type 2 diabetes mellitus', false, undefined, {
    excludes1: ['diabetes mellitus due to underlying condition (E08.-)', 'gestational diabetes (O24.4-)', 'type 1 diabetes mellitus (E10.-)'],
  }),
  icd('E11.6', 'Type 2 diabetes mellitus with other specified complications', false, 'E11'),
  icd('E11.65', 'Type 2 diabetes mellitus with hyperglycemia', true, 'E11.6'),
  icd('E11.9', 'Type 2 diabetes mellitus without complications', true, 'E11'),
  icd('F02.80', 'Dementia in other diseases classified elsewhere, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety', true),
  icd('G30.9', "Alzheimer's disease, unspecified", true),
  icd('I10', 'Essential (primary) hypertension', true, undefined, {
    excludes1: ['hypertensive disease complicating pregnancy, childbirth and the puerperium (O10-O11, O13-O16)'],
  }),
  icd('N40.0', 'Benign prostatic hyperplasia without lower urinary tract symptoms', true),
  icd('O13', 'Gestational [pregnancy-induced] hypertension without significant proteinuria', false),
  icd('O13.1', 'Gestational [pregnancy-induced] hypertension without significant proteinuria, first trimester', true, 'O13'),
  icd('S02', 'Fracture of skull and facial bones', false, undefined, { sevenChr: { A: 'initial encounter for closed fracture', B: 'initial encounter for open fracture' } }),
  icd('S02.5', 'Fracture of tooth (traumatic)', false, 'S02'),
  icd('S02.5XXA', 'Fracture of tooth (traumatic), initial encounter for closed fracture', true, 'S02.5'),
  icd('S02.5XXB', 'Fracture of tooth (traumatic), initial encounter for open fracture', true, 'S02.5'),
  icd('S72', 'Fracture of femur', false, undefined, { sevenChr: FRACTURE_7TH }),
  icd('S72.0', 'Fracture of head and neck of femur', false, 'S72'),
  icd('S72.00', 'Fracture of unspecified part of neck of femur', false, 'S72.0'),
  icd('S72.001', 'Fracture of unspecified part of neck of right femur', false, 'S72.00'),
  icd('S72.001A', 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture', true, 'S72.001'),
  icd('S72.001B', 'Fracture of unspecified part of neck of right femur, initial encounter for open fracture type I or II', true, 'S72.001'),
  icd('S72.001D', 'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing', true, 'S72.001'),
  icd('W19.XXXA', 'Unspecified fall, initial encounter', true),
  icd('Z00.00', 'Encounter for general adult medical examination without abnormal findings', true),
  icd('Z00.129', 'Encounter for routine child health examination without abnormal findings', true),
  icd('Z38.00', 'Single liveborn infant, delivered vaginally', true),
  icd('Z51.89', 'Encounter for other specified aftercare', true),
];

function icdBundle(fiscalYear: number, codes: CodeRecord[]): CodeSetBundle {
  return {
    formatVersion: 1,
    id: `icd10cm@FY${fiscalYear}`,
    system: 'icd10cm',
    version: `FY${fiscalYear}`,
    fiscalYear,
    effectiveFrom: `${fiscalYear - 1}-10-01`,
    effectiveTo: `${fiscalYear}-09-30`,
    sources: [],
    builtAt: '2026-01-01T00:00:00.000Z',
    codes,
    counts: {},
  };
}

/** FY2025 and FY2026: E11.A is new in FY2026, S30.1XXA was deleted by FY2026. */
export const ICD_FY2025 = icdBundle(2025, [...ICD_COMMON, icd('S30.1XXA', 'Contusion of abdominal wall, initial encounter', true)]);
export const ICD_FY2026 = icdBundle(2026, [...ICD_COMMON, icd('E11.A', 'Type 2 diabetes mellitus without complications in remission', true, 'E11')]);

export const HCPCS_2026: CodeSetBundle = {
  formatVersion: 1,
  id: 'hcpcs@2026-01',
  system: 'hcpcs',
  version: '2026 January',
  effectiveFrom: '2026-01-01',
  sources: [],
  builtAt: '2026-01-01T00:00:00.000Z',
  codes: [
    { system: 'hcpcs', code: 'J0696', title: 'Injection, ceftriaxone sodium, per 250 mg', billable: true, effectiveFrom: '1990-01-01', unit: '250 mg' },
    { system: 'hcpcs', code: 'G0439', title: 'Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit', billable: true, effectiveFrom: '2011-01-01' },
    { system: 'hcpcs', code: 'J2001', title: 'Injection, lidocaine hcl for intravenous infusion, 10 mg', billable: true, effectiveFrom: '2004-01-01', terminatedOn: '2024-09-30' },
  ],
  modifiers: [
    { code: 'LT', title: 'Left side (used to identify procedures performed on the left side of the body)', source: 'hcpcs' },
    { code: 'RT', title: 'Right side (used to identify procedures performed on the right side of the body)', source: 'hcpcs' },
    { code: 'XS', title: 'Separate structure, a service that is distinct because it was performed on a separate organ/structure', source: 'hcpcs' },
  ],
  counts: {},
};

/** A built-in style CPT list: codes with our own short wording, and a few CPT modifiers described by us. */
export const CPT_BUILTIN: CodeSetBundle = {
  formatVersion: 1,
  id: 'cpt@builtin',
  system: 'cpt',
  version: 'built-in list',
  effectiveFrom: '2000-01-01',
  sources: [],
  builtAt: '2026-01-01T00:00:00.000Z',
  codes: ['99213', '99214', '20610', '36415', '96372'].map((code) => ({ system: 'cpt' as const, code, title: `Test summary for ${code}`, billable: true, descriptorSource: 'builtin' as const })),
  modifiers: [
    { code: '25', title: 'Separate visit on the same day as a procedure', source: 'builtin' },
    { code: '59', title: 'Distinct service', source: 'builtin' },
  ],
  counts: {},
};

/** CMS edit values as published (MUE 2026 Q2 practitioner, MCE v43.1 lists, the historical sex list). */
export const EDITS: EditsBundle = {
  formatVersion: 1,
  id: 'cms-edits@2026-04-01',
  builtAt: '2026-01-01T00:00:00.000Z',
  sources: [],
  placeOfService: [
    { code: '02', name: "Telehealth Provided Other than in Patient's Home", description: '', assigned: true },
    { code: '11', name: 'Office', description: '', assigned: true },
    { code: '22', name: 'On Campus-Outpatient Hospital', description: '', assigned: true },
    { code: '28', name: 'Unassigned', description: '', assigned: false },
  ],
  mue: {
    version: 'MUE effective 2026-04-01',
    effectiveFrom: '2026-04-01',
    effectiveTo: '2026-06-30',
    practitioner: [
      { code: '99213', units: 2, mai: 3, rationale: 'Clinical: Data' },
      { code: '20610', units: 2, mai: 3, rationale: 'Clinical: Data' },
      { code: 'G0439', units: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction' },
      { code: 'J0696', units: 16, mai: 3, rationale: 'Prescribing Information' },
      { code: '99486', units: 4, mai: 1, rationale: 'Clinical: CMS Workgroup' },
    ],
  },
  mce: {
    version: 'MCE v43.1',
    effectiveFrom: '2026-04-01',
    effectiveTo: '2026-09-30',
    entries: [
      { edit: 4, sublist: 'A', label: 'Age conflict: Perinatal/Newborn diagnoses', code: 'Z38.00', ageMin: 0, ageMax: 0 },
      { edit: 4, sublist: 'B', label: 'Age conflict: Pediatric diagnoses (age 0 through 17)', code: 'Z00.129', ageMin: 0, ageMax: 17 },
      { edit: 4, sublist: 'C', label: 'Age conflict: Maternity diagnoses (age 9 through 64)', code: 'O13.1', ageMin: 9, ageMax: 64 },
      { edit: 4, sublist: 'D', label: 'Age conflict: Adult diagnoses (age 15 through 124)', code: 'N40.0', ageMin: 15, ageMax: 124 },
      { edit: 4, sublist: 'D', label: 'Age conflict: Adult diagnoses (age 15 through 124)', code: 'Z00.00', ageMin: 15, ageMax: 124 },
      { edit: 6, sublist: '', label: 'Manifestation code as principal diagnosis', code: 'F02.80' },
      { edit: 9, sublist: '', label: 'Unacceptable principal diagnosis', code: 'Z00.00' },
      { edit: 9, sublist: '', label: 'Unacceptable principal diagnosis', code: 'Z00.129' },
      { edit: 9, sublist: '', label: 'Unacceptable principal diagnosis', code: 'Z51.89' },
    ],
    sexConflict: {
      version: 'MCE v37 (FY2020), historical',
      note: 'CMS stopped the sex-conflict edit on 2024-10-01; these FY2020 lists are advisory only.',
      entries: [
        { code: 'O13.1', sex: 'F' },
        { code: 'N40.0', sex: 'M' },
      ],
    },
  },
};

/** The test catalog: both ICD-10-CM years, HCPCS, the built-in style CPT list and the CMS edits. */
export function testCatalog(): CodeSetCatalog {
  return new CodeSetCatalog([ICD_FY2026, ICD_FY2025, HCPCS_2026, CPT_BUILTIN, EDITS]);
}

/** The prefetched context of an encounter on the test catalog (today pinned to 2026-06-01). */
export async function testContext(encounter: CodedEncounter, options: PrepareOptions = {}): Promise<ClaimCheckContext> {
  return prepareCheckContext(encounter, contextFromCatalog(testCatalog()), { today: '2026-06-01', ...options });
}

/** Runs one rule on an encounter with the test catalog. */
export async function runRule(rule: ClaimRule, encounter: CodedEncounter, options: PrepareOptions = {}): Promise<CheckResult[]> {
  return rule.check(encounter, await testContext(encounter, options));
}

/** Runs every rule (for tests that a clean encounter stays clean). */
export async function runAll(encounter: CodedEncounter, options: PrepareOptions = {}): Promise<CheckResult[]> {
  return checkEncounter(encounter, await testContext(encounter, options));
}
