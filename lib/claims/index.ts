/** Claim checks ("scrubber") run on a coded encounter before it can be marked ready. */
export * from './types';
export { checkEncounter, runClaimChecks, blocksReady, sortResults } from './check';
export { prepareCheckContext, contextFromCatalog, contextFromStore, normalizeCode, pickRelease, isLicensedCpt, seventhCharacterForms, type PrepareOptions } from './context';
export { CLAIM_RULES } from './rules';
export { isValidNpi, npiCheckDigit, npiProblem } from './npi';
export { ageInYears, isIsoDate } from './age';
export { encounterShapeProblems } from './shape';
export { codeReferences, referenceCovers, type CodeRef } from './code-refs';
