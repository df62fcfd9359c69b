// Public API of lib/suggest: the engine, its output types, and the stages for those who run them alone.
import type { CodeSetCatalog } from '../codesets/catalog';
import { suggestProcedures } from './procedures';
import { SuggestionEngine } from './suggest';

export { SuggestionEngine, type SuggestOptions, type ProcedureStage } from './suggest';
export { DiagnosisLexicon, DEFAULT_SOFT_WORDS, type LexiconOptions, type LexiconTerm } from './lexicon';
export { matchSentence, mostSpecific, type DiagnosisMatch } from './mentions';
export { expandWords, defaultExpansions, loadExpansionRules, compileExpansions, ExpansionRuleError } from './expansions';
export { loadCodingRules, defaultCodingRules, codeMatcher, CodingRuleError, type CodingRules } from './coding-rules';
export { textWords, wordKey } from './text-words';
export * from './types';

/** The engine with every stage Chart Coder ships (diagnoses and procedures). */
export function createSuggestionEngine(catalog: CodeSetCatalog): SuggestionEngine {
  return new SuggestionEngine(catalog, (document, codes, options) => suggestProcedures(document, codes, options));
}
