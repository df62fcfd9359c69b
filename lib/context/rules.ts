// The shipped rules (assets/rules/context.json) started from the public NegEx/ConText trigger lexicons
// by Wendy Chapman et al. (chapmanbe/negex: negex_triggers.txt, history_triggers.txt,
// hypothetical_triggers.txt, experiencer_triggers.txt), mapped to medspaCy's rule shape; the file's
// "sources" field says how. Additions are ours (see the same field).
import contextJson from '../../assets/rules/context.json';
import { tokenize } from './tokens';
import { CONTEXT_DIRECTIONS, CONTEXT_FLAGS, CONTEXT_RULES_FORMAT_VERSION } from './types';
import type { ContextDirection, ContextFlag, ContextRule } from './types';

/** Error raised when a ConText rule file is malformed; names the rule at fault. */
export class ContextRuleError extends Error {
  constructor(
    /** Which rule file was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ContextRuleError';
  }
}

/** A validated ConText rule file: the rules and the tables that give categories their meaning. */
export interface ContextRuleSet {
  /** Category → the flags it sets (NEGATED_EXISTENCE → ['negated']), the medspaCy DEFAULT_ATTRS table. */
  categoryFlags: Record<string, ContextFlag[]>;
  /** Chart section category → modifier category for every target in that section (family_history → FAMILY). */
  sectionCategories: Record<string, string>;
  rules: ContextRule[];
}

/** Rules compiled for matching. Built once per rule set; the only module-level state of lib/context. */
export interface CompiledContextRules {
  ruleSet: ContextRuleSet;
  /** Token trie over literal rules. */
  trie: TrieNode;
  /** Pattern rules with their regular expressions. */
  patterns: Array<{ rule: ContextRule; regex: RegExp }>;
}

/** @internal A node of the literal-rule token trie. */
export interface TrieNode {
  next: Map<string, TrieNode>;
  rules: ContextRule[];
}

/** The category of TERMINATE rules that stop every category's scope. */
export const TERMINATE_ALL = 'TERMINATE';

const RULE_KEYS = new Set(['literal', 'category', 'direction', 'pattern', 'maxScope', 'qualifier', 'clause']);
const TOP_KEYS = new Set(['formatVersion', 'description', 'sources', 'categoryFlags', 'sectionCategories', 'rules']);
const DIRECTIONS: ReadonlySet<string> = new Set(CONTEXT_DIRECTIONS);
const FLAGS: ReadonlySet<string> = new Set(CONTEXT_FLAGS);

/**
 * Validates a ConText rule file (`{formatVersion, categoryFlags, sectionCategories?, rules}`, as in
 * `assets/rules/context.json`).
 *
 * @throws ContextRuleError on a wrong version, an unknown key, category, direction or flag, a bad
 *   maxScope, or a pattern that does not compile — naming the rule at fault.
 */
export function loadContextRules(json: unknown, source = 'context.json'): ContextRuleSet {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ContextRuleError(source, 'expected an object {formatVersion, categoryFlags, rules}');
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_KEYS.has(key)) throw new ContextRuleError(source, `unknown top-level key "${key}"`);
  }
  if (obj.formatVersion !== CONTEXT_RULES_FORMAT_VERSION) {
    throw new ContextRuleError(source, `formatVersion ${JSON.stringify(obj.formatVersion)} is not ${CONTEXT_RULES_FORMAT_VERSION}`);
  }
  const categoryFlags = readCategoryFlags(obj.categoryFlags, source);
  const categories = new Set([...Object.keys(categoryFlags), TERMINATE_ALL]);
  const sectionCategories = readSectionCategories(obj.sectionCategories, categoryFlags, source);
  if (!Array.isArray(obj.rules)) throw new ContextRuleError(source, '"rules" must be an array');
  const rules = obj.rules.map((raw, i) => readRule(raw, i, categories, source));
  return { categoryFlags, sectionCategories, rules };
}

/** Compiles a rule set for matching. */
export function compileContextRules(ruleSet: ContextRuleSet): CompiledContextRules {
  const trie: TrieNode = { next: new Map(), rules: [] };
  const patterns: CompiledContextRules['patterns'] = [];
  for (const rule of ruleSet.rules) {
    if (rule.pattern !== undefined) {
      patterns.push({ rule, regex: new RegExp(rule.pattern, 'gu') });
      continue;
    }
    let node = trie;
    for (const token of tokenize(rule.literal)) {
      let child = node.next.get(token.text);
      if (!child) {
        child = { next: new Map(), rules: [] };
        node.next.set(token.text, child);
      }
      node = child;
    }
    if (node !== trie) node.rules.push(rule);
  }
  return { ruleSet, trie, patterns };
}

/**
 * Writes a rule set back in the file format (the inverse of {@link loadContextRules}).
 *
 * @example JSON.stringify(contextRulesToJson(set), null, 2)
 */
export function contextRulesToJson(ruleSet: ContextRuleSet): Record<string, unknown> {
  return { formatVersion: CONTEXT_RULES_FORMAT_VERSION, ...ruleSet };
}

/** The rules shipped in `assets/rules/context.json`, validated and compiled once. */
export const defaultContextRules: CompiledContextRules = compileContextRules(loadContextRules(contextJson));

// ---------------------------------------------------------------------------------------------
// Helpers

function readCategoryFlags(raw: unknown, source: string): Record<string, ContextFlag[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContextRuleError(source, '"categoryFlags" must be an object {CATEGORY: [flag, ...]}');
  }
  const table: Record<string, ContextFlag[]> = {};
  for (const [category, flags] of Object.entries(raw as Record<string, unknown>)) {
    if (category === TERMINATE_ALL) throw new ContextRuleError(source, `categoryFlags: "${TERMINATE_ALL}" is reserved`);
    if (!Array.isArray(flags) || flags.length === 0) {
      throw new ContextRuleError(source, `categoryFlags.${category} must be a non-empty array of flags`);
    }
    for (const flag of flags) {
      if (typeof flag !== 'string' || !FLAGS.has(flag)) {
        throw new ContextRuleError(source, `categoryFlags.${category}: unknown flag ${JSON.stringify(flag)} (known: ${CONTEXT_FLAGS.join(', ')})`);
      }
    }
    table[category] = flags as ContextFlag[];
  }
  return table;
}

function readSectionCategories(raw: unknown, categoryFlags: Record<string, ContextFlag[]>, source: string): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContextRuleError(source, '"sectionCategories" must be an object {section_category: CATEGORY}');
  }
  const table: Record<string, string> = {};
  for (const [section, category] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof category !== 'string' || !(category in categoryFlags)) {
      throw new ContextRuleError(source, `sectionCategories.${section}: unknown category ${JSON.stringify(category)}`);
    }
    table[section] = category;
  }
  return table;
}

function readRule(raw: unknown, i: number, categories: ReadonlySet<string>, source: string): ContextRule {
  const literalRaw = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).literal : undefined;
  const where = typeof literalRaw === 'string' ? `rule ${i} ("${literalRaw}")` : `rule ${i}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ContextRuleError(source, `${where}: expected an object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!RULE_KEYS.has(key)) throw new ContextRuleError(source, `${where}: unknown key "${key}"`);
  }
  if (typeof obj.literal !== 'string' || obj.literal.trim() === '') {
    throw new ContextRuleError(source, `${where}: "literal" must be a non-empty string`);
  }
  if (typeof obj.category !== 'string' || !categories.has(obj.category)) {
    throw new ContextRuleError(source, `${where}: unknown category ${JSON.stringify(obj.category)}`);
  }
  if (typeof obj.direction !== 'string' || !DIRECTIONS.has(obj.direction)) {
    throw new ContextRuleError(source, `${where}: unknown direction ${JSON.stringify(obj.direction)} (known: ${CONTEXT_DIRECTIONS.join(', ')})`);
  }
  if (obj.category === TERMINATE_ALL && obj.direction !== 'TERMINATE') {
    throw new ContextRuleError(source, `${where}: category ${TERMINATE_ALL} needs direction TERMINATE`);
  }
  const rule: ContextRule = { literal: obj.literal, category: obj.category, direction: obj.direction as ContextDirection };
  if (obj.pattern !== undefined) {
    if (typeof obj.pattern !== 'string' || obj.pattern === '') throw new ContextRuleError(source, `${where}: "pattern" must be a non-empty string`);
    try {
      new RegExp(obj.pattern, 'gu');
    } catch (err) {
      throw new ContextRuleError(source, `${where}: pattern does not compile (${(err as Error).message})`);
    }
    rule.pattern = obj.pattern;
  } else if (tokenize(obj.literal).length === 0) {
    throw new ContextRuleError(source, `${where}: literal has no words`);
  }
  if (obj.maxScope !== undefined) {
    if (typeof obj.maxScope !== 'number' || !Number.isInteger(obj.maxScope) || obj.maxScope < 1) {
      throw new ContextRuleError(source, `${where}: "maxScope" must be a positive integer`);
    }
    rule.maxScope = obj.maxScope;
  }
  if (obj.qualifier !== undefined) {
    if (typeof obj.qualifier !== 'boolean') throw new ContextRuleError(source, `${where}: "qualifier" must be true or false`);
    if (obj.qualifier) rule.qualifier = true;
  }
  if (obj.clause !== undefined) {
    if (typeof obj.clause !== 'boolean') throw new ContextRuleError(source, `${where}: "clause" must be true or false`);
    if (obj.clause) rule.clause = true;
  }
  return rule;
}
