import type { ClaimRule } from '../types';
import { diagnosisCount } from './diagnosis-count';
import { diagnosisPointers } from './diagnosis-pointers';
import { duplicateDiagnosis } from './duplicate-diagnosis';
import { duplicateEncounter } from './duplicate-encounter';
import { excludes1 } from './excludes1';
import { externalCauseFirst } from './external-cause-first';
import { icdCodeValid } from './icd-code-valid';
import { icdHeaderCode } from './icd-header-code';
import { icdSeventhCharacter } from './icd-seventh-character';
import { mceAgeConflict } from './mce-age-conflict';
import { mceManifestationFirst } from './mce-manifestation-first';
import { mceSexConflict } from './mce-sex-conflict';
import { mceUnacceptableFirst } from './mce-unacceptable-first';
import { modifiers } from './modifiers';
import { mueUnits } from './mue-units';
import { npiCheckDigitRule } from './npi-check-digit';
import { placeOfService } from './place-of-service';
import { procedureCodeValid } from './procedure-code-valid';
import { requiredFields } from './required-fields';

/** Every claim check, in the order results are listed within one severity. */
export const CLAIM_RULES: readonly ClaimRule[] = [
  requiredFields,
  npiCheckDigitRule,
  placeOfService,
  diagnosisCount,
  duplicateDiagnosis,
  icdCodeValid,
  icdHeaderCode,
  icdSeventhCharacter,
  externalCauseFirst,
  mceManifestationFirst,
  mceAgeConflict,
  mceUnacceptableFirst,
  excludes1,
  mceSexConflict,
  procedureCodeValid,
  modifiers,
  diagnosisPointers,
  mueUnits,
  duplicateEncounter,
];

export {
  diagnosisCount,
  diagnosisPointers,
  duplicateDiagnosis,
  duplicateEncounter,
  excludes1,
  externalCauseFirst,
  icdCodeValid,
  icdHeaderCode,
  icdSeventhCharacter,
  mceAgeConflict,
  mceManifestationFirst,
  mceSexConflict,
  mceUnacceptableFirst,
  modifiers,
  mueUnits,
  npiCheckDigitRule,
  placeOfService,
  procedureCodeValid,
  requiredFields,
};
