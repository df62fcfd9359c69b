export * from './types';
export { parse835, detectSeparators, Remit835Error, X12_835_VERSION, type X12Separators } from './parse-835';
export { reconcile, type BalanceProblem, type Reconciliation } from './reconcile';
export { matchClaim, matchServiceLines, indexEncounters, claimServiceDate, type ClaimMatch, type LineMatches, type EncounterIndex } from './match';
export { applyRemittance, claimOutcome, remittanceKey, type ApplyOptions, type ApplyResult, type ClaimOutcome, type ClaimSummary, type RemittanceUpdate } from './apply';
export { encounterWithRemittance, type EncounterRemittanceChange } from './encounter-remittance';
export * from './reasons';
export { buildWorklist, worklistItems, ageBucket, AGE_BUCKETS, type AgeBucket, type Worklist, type WorklistGroup, type WorklistItem, type WorklistOptions } from './worklist';
export { encountersTo835, type Synthetic835Item, type Synthetic835Options, type SyntheticOutcome } from './write-835';
