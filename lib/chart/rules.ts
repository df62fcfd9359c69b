import sectionsJson from '../../assets/rules/sections.json';
import headerFieldsJson from '../../assets/rules/header-fields.json';
import { CHART_RULES_FORMAT_VERSION, SECTION_CATEGORIES } from './types';
import type { HeaderFieldName, SectionCategory } from './types';

/** Error raised when a rule file is malformed; names the rule at fault. */
export class ChartRuleError extends Error {
  constructor(
    /** Which rule file was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ChartRuleError';
  }
}

/** One section heading rule: `{literal, category, pattern?}` (medspaCy section_patterns shape). */
export interface SectionRule {
  /** Heading text that names the section, or a readable name when `pattern` does the matching. */
  literal: string;
  category: SectionCategory;
  /** Optional regular expression (source) that must match the whole normalised heading, case-insensitive. */
  pattern?: string;
}

/** One header label rule: `{literal, field}`. */
export interface HeaderFieldRule {
  /** The label as written before the value ("DOB", "Date of Birth"). */
  literal: string;
  field: HeaderFieldName;
}

/** Section rules compiled for matching. */
export interface CompiledSectionRules {
  /** Normalised literal → rule, for literal-only rules. */
  byLiteral: Map<string, SectionRule>;
  /** Pattern rules in file order. */
  patterns: Array<{ rule: SectionRule; regex: RegExp }>;
}

const SECTION_RULE_KEYS = new Set(['literal', 'category', 'pattern']);
const HEADER_RULE_KEYS = new Set(['literal', 'field']);
const HEADER_FIELDS: ReadonlySet<string> = new Set<HeaderFieldName>([
  'name', 'dob', 'sex', 'mrn', 'dateOfService', 'provider', 'patientStatus',
]);
const CATEGORY_SET: ReadonlySet<string> = new Set(SECTION_CATEGORIES);

/**
 * Validates a section rule file (`{formatVersion, rules: SectionRule[]}`, as in `assets/rules/sections.json`).
 *
 * @throws ChartRuleError on a wrong version, an unknown key or category, or a pattern that does not compile.
 */
export function loadSectionRules(json: unknown, source = 'sections.json'): SectionRule[] {
  const list = ruleList(json, source);
  return list.map((raw, i) => {
    const where = describe(raw, i);
    const obj = plainObject(raw, source, where);
    for (const key of Object.keys(obj)) {
      if (!SECTION_RULE_KEYS.has(key)) throw new ChartRuleError(source, `${where}: unknown key "${key}"`);
    }
    const literal = nonEmptyString(obj.literal, source, `${where}: "literal"`);
    const category = obj.category;
    if (typeof category !== 'string' || !CATEGORY_SET.has(category)) {
      throw new ChartRuleError(source, `${where}: unknown category ${JSON.stringify(category)}`);
    }
    const rule: SectionRule = { literal, category: category as SectionCategory };
    if (obj.pattern !== undefined) {
      rule.pattern = nonEmptyString(obj.pattern, source, `${where}: "pattern"`);
      compilePattern(rule.pattern, source, where);
    }
    return rule;
  });
}

/**
 * Validates a header label file (`{formatVersion, rules: HeaderFieldRule[]}`, as in `assets/rules/header-fields.json`).
 *
 * @throws ChartRuleError on a wrong version, an unknown key or field.
 */
export function loadHeaderFieldRules(json: unknown, source = 'header-fields.json'): HeaderFieldRule[] {
  const list = ruleList(json, source);
  return list.map((raw, i) => {
    const where = describe(raw, i);
    const obj = plainObject(raw, source, where);
    for (const key of Object.keys(obj)) {
      if (!HEADER_RULE_KEYS.has(key)) throw new ChartRuleError(source, `${where}: unknown key "${key}"`);
    }
    const literal = nonEmptyString(obj.literal, source, `${where}: "literal"`);
    if (typeof obj.field !== 'string' || !HEADER_FIELDS.has(obj.field)) {
      throw new ChartRuleError(source, `${where}: unknown field ${JSON.stringify(obj.field)}`);
    }
    return { literal, field: obj.field as HeaderFieldName };
  });
}

/** Compiles section rules for {@link matchSectionHeading}. */
export function compileSectionRules(rules: readonly SectionRule[]): CompiledSectionRules {
  const byLiteral = new Map<string, SectionRule>();
  const patterns: CompiledSectionRules['patterns'] = [];
  for (const rule of rules) {
    if (rule.pattern !== undefined) {
      patterns.push({ rule, regex: compilePattern(rule.pattern, 'sections', rule.literal) });
    } else {
      const key = normalizeHeading(rule.literal);
      if (!byLiteral.has(key)) byLiteral.set(key, rule);
    }
  }
  return { byLiteral, patterns };
}

/** Longest heading text worth matching; longer lines are prose, not headings. */
export const MAX_HEADING_LENGTH = 200;

/**
 * Finds the rule naming a heading, or undefined.
 *
 * @example matchSectionHeading('PHYSICAL EXAMINATION:', rules)?.category // 'physical_exam'
 */
export function matchSectionHeading(heading: string, rules: CompiledSectionRules): SectionRule | undefined {
  if (heading.length > MAX_HEADING_LENGTH) return undefined;
  const key = normalizeHeading(heading);
  if (key === '') return undefined;
  const exact = rules.byLiteral.get(key);
  if (exact) return exact;
  // Patterns also see the heading before its trailing parenthetical is dropped ("… (49505)").
  const light = heading.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s:]+$/, '');
  for (const { rule, regex } of rules.patterns) {
    if (regex.test(key) || regex.test(light)) return rule;
  }
  return undefined;
}

/**
 * Normalises a heading for matching: lower case, '&' as 'and', no leading list number or "my"/"our", no trailing
 * colon, parenthetical or word "section", single spaces.
 */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/&amp;/g, '&')
    .replace(/\s*(?:&|\+)\s*/g, ' and ')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:\d{1,2}|[ivx]{1,4})[.)]\s+/, '')
    // A letter's "My assessment:" / "Our plan:" is the same heading.
    .replace(/^(?:my|our)\s+/, '')
    .replace(/[\s:.\-–—*#]+$/, '')
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/\s+section$/, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*,\s*/g, ', ')
    .replace(/[\s:.\-*#]+$/, '')
    .trim();
}

/** The rules shipped in `assets/rules/sections.json`, validated and compiled once. */
export const defaultSectionRules: CompiledSectionRules = compileSectionRules(loadSectionRules(sectionsJson));

/** The labels shipped in `assets/rules/header-fields.json`, validated once. */
export const defaultHeaderFieldRules: readonly HeaderFieldRule[] = loadHeaderFieldRules(headerFieldsJson);

// ---------------------------------------------------------------------------------------------
// Helpers

function ruleList(json: unknown, source: string): unknown[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ChartRuleError(source, 'expected an object {formatVersion, rules}');
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'formatVersion' && key !== 'rules' && key !== 'description') {
      throw new ChartRuleError(source, `unknown top-level key "${key}"`);
    }
  }
  if (obj.formatVersion !== CHART_RULES_FORMAT_VERSION) {
    throw new ChartRuleError(source, `formatVersion ${JSON.stringify(obj.formatVersion)} is not ${CHART_RULES_FORMAT_VERSION}`);
  }
  if (!Array.isArray(obj.rules)) throw new ChartRuleError(source, '"rules" must be an array');
  return obj.rules;
}

function describe(raw: unknown, i: number): string {
  const literal = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).literal : undefined;
  return typeof literal === 'string' ? `rule ${i} ("${literal}")` : `rule ${i}`;
}

function plainObject(raw: unknown, source: string, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ChartRuleError(source, `${where}: expected an object`);
  }
  return raw as Record<string, unknown>;
}

function nonEmptyString(value: unknown, source: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ChartRuleError(source, `${what} must be a non-empty string`);
  return value;
}

function compilePattern(pattern: string, source: string, where: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'i');
  } catch (err) {
    throw new ChartRuleError(source, `${where}: pattern does not compile (${(err as Error).message})`);
  }
}
