// Public API of lib/context.
export { applyContext, contextOf, contextForChart, defaultContextOptions } from './context';
export type { ContextOptions } from './context';
export {
  ContextRuleError,
  TERMINATE_ALL,
  loadContextRules,
  compileContextRules,
  contextRulesToJson,
  defaultContextRules,
} from './rules';
export type { ContextRuleSet, CompiledContextRules } from './rules';
export { tokenize } from './tokens';
export type { Token } from './tokens';
export * from './types';
