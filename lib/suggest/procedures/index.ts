// Public API of lib/suggest/procedures: CPT/HCPCS suggestions for an outpatient chart.
export { suggestProcedures, defaultProcedureOptions } from './procedures';
export type { ProcedureSuggestions } from './procedures';
export type { ProcedureOptions, Payer } from './types';
export { emLevel, findVisitTime, timeLevel, estimateMdm, patientStatusOf, findPreventive, preventiveCode, findGlobalPackage, chartShowsMedicare, MDM_LEVELS } from './em-level';
export type { EmLevelOptions, MdmLevel, MdmEstimate, VisitTime, TimeLevel, PreventiveVisit, GlobalPackage } from './em-level';
export { administeredDrugs } from './drugs';
export type { DrugOptions, DrugAdministration, DrugResult } from './drugs';
export { administrationCodes } from './administration';
export type { AdministrationInput, AdministrationOptions } from './administration';
export { namedProcedures } from './named-procedures';
export type { NamedProcedureOptions } from './named-procedures';
export { administeredVaccines } from './vaccines';
export type { VaccineOptions } from './vaccines';
export { applyModifiers } from './modifiers';
export type { ModifierOptions } from './modifiers';
export { ProcedureRuleError, PROCEDURE_RULES_FORMAT_VERSION } from './rules';
