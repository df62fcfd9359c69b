export { CodeSearch, defaultIndexOptions, defaultSearchOptions, type IndexOptions, type SearchOptions } from './code-search';
export * from './types';
export {
  AbbreviationRuleError,
  compileAbbreviations,
  defaultAbbreviations,
  loadAbbreviationRules,
  readQuery,
  type AbbreviationRule,
  type AbbreviationTable,
  type QueryVariant,
} from './abbreviations';
export { analyzeField, bareCode, foldText, looksLikeCode, queryWords, stem, TokenRole, type FieldToken } from './normalize';
export { SNAPSHOT_FORMAT_VERSION, SnapshotFormatError } from './snapshot';
