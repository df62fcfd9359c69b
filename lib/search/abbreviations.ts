import abbreviationsJson from './abbreviations.json';
import { queryWords, stem } from './normalize';

/** Version of the abbreviation rule file this module reads. */
export const ABBREVIATIONS_FORMAT_VERSION = 1;

/** One rule of `abbreviations.json`: a literal coders type and the words it stands for. */
export interface AbbreviationRule {
  /** What is typed: an abbreviation ("afib"), an acronym ("COPD") or a lay phrase ("pink eye"). */
  literal: string;
  /** The words it stands for, most usual meaning first ("atrial fibrillation"). Words, never codes. */
  means: string[];
  kind: 'abbreviation' | 'lay';
}

/** Error raised when the abbreviation rule file is malformed; names the rule at fault. */
export class AbbreviationRuleError extends Error {
  constructor(
    /** Which rule file was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'AbbreviationRuleError';
  }
}

/** Rules compiled for matching query words. */
export interface AbbreviationTable {
  /** Stemmed literal words joined by a space → meanings, each as query words. */
  byKey: Map<string, string[][]>;
  /** Sorted keys of two or more words, to finish a phrase whose last word is still being typed. */
  phraseKeys: string[];
  /** Longest literal, in words. */
  maxWords: number;
}

/** One way of reading a query: its words, some of them standing for an expanded abbreviation. */
export interface QueryVariant {
  words: VariantWord[];
  /** True when at least one abbreviation or lay phrase was replaced by its meaning. */
  expanded: boolean;
  /** 0 for the literal reading and the first meanings; grows with each less usual meaning used. */
  rank: number;
}

/** A word of a {@link QueryVariant}. */
export interface VariantWord {
  text: string;
  /** Comes from an expansion: matched as a whole word only. */
  expansion: boolean;
  /** The word is itself a known abbreviation, read literally: its prefix matches count for less. */
  abbreviation: boolean;
  /** A negation ("without", "no", "not"): it only opens a negated scope and is not matched itself. */
  negation?: boolean;
  /** Comes after a negation ("without aura"): the code should say it is absent, or not mention it. */
  negated?: boolean;
}

/** Words that open a negated scope in a query. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(['without', 'no', 'not', 'non']);

const RULE_KEYS = new Set(['literal', 'means', 'kind']);
const KINDS: ReadonlySet<string> = new Set(['abbreviation', 'lay']);

/**
 * Validates an abbreviation rule file (`{formatVersion, rules: AbbreviationRule[]}`, as in `abbreviations.json`).
 *
 * @throws AbbreviationRuleError on a wrong version, an unknown key or kind, or an empty literal or meaning.
 */
export function loadAbbreviationRules(json: unknown, source = 'abbreviations.json'): AbbreviationRule[] {
  if (!json || typeof json !== 'object') throw new AbbreviationRuleError(source, 'not a rule file object');
  const file = json as { formatVersion?: unknown; rules?: unknown };
  if (file.formatVersion !== ABBREVIATIONS_FORMAT_VERSION) {
    throw new AbbreviationRuleError(source, `format ${String(file.formatVersion)} is not supported (this version reads ${ABBREVIATIONS_FORMAT_VERSION})`);
  }
  if (!Array.isArray(file.rules)) throw new AbbreviationRuleError(source, '"rules" must be an array');
  return file.rules.map((raw: unknown, i: number) => {
    const where = `rule ${i + 1}${raw && typeof raw === 'object' && 'literal' in raw ? ` ("${String((raw as { literal: unknown }).literal)}")` : ''}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AbbreviationRuleError(source, `${where}: not an object`);
    const obj = raw as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!RULE_KEYS.has(key)) throw new AbbreviationRuleError(source, `${where}: unknown key "${key}"`);
    }
    if (typeof obj.literal !== 'string' || queryWords(obj.literal).length === 0) {
      throw new AbbreviationRuleError(source, `${where}: "literal" must hold at least one word`);
    }
    if (!Array.isArray(obj.means) || obj.means.length === 0 || obj.means.some((m) => typeof m !== 'string' || queryWords(m).length === 0)) {
      throw new AbbreviationRuleError(source, `${where}: "means" must be a non-empty list of phrases`);
    }
    if (typeof obj.kind !== 'string' || !KINDS.has(obj.kind)) throw new AbbreviationRuleError(source, `${where}: unknown kind ${JSON.stringify(obj.kind)}`);
    return { literal: obj.literal, means: obj.means as string[], kind: obj.kind as AbbreviationRule['kind'] };
  });
}

/** Compiles rules for {@link readQuery}; a literal listed twice keeps its first rule. */
export function compileAbbreviations(rules: readonly AbbreviationRule[]): AbbreviationTable {
  const byKey = new Map<string, string[][]>();
  let maxWords = 1;
  for (const rule of rules) {
    const words = queryWords(rule.literal).map(stem);
    const key = words.join(' ');
    if (byKey.has(key)) continue;
    byKey.set(key, rule.means.map((m) => queryWords(m)));
    maxWords = Math.max(maxWords, words.length);
  }
  const phraseKeys = [...byKey.keys()].filter((k) => k.includes(' ')).sort();
  return { byKey, phraseKeys, maxWords };
}

/** The rules shipped in `abbreviations.json`, compiled once. */
export const defaultAbbreviations: AbbreviationTable = compileAbbreviations(loadAbbreviationRules(abbreviationsJson));

/**
 * Reads query words into variants: the literal reading plus one per combination of abbreviation
 * meanings (longest literal first, left to right), at most `maxVariants`.
 * A word glued to a number ("ckd3a") is split when the letters are an abbreviation and `isKnown` does not know the word.
 *
 * @example readQuery(['afib'], defaultAbbreviations) // [{words: afib}, {words: atrial fibrillation, expanded: true}]
 */
export function readQuery(
  words: readonly string[],
  table: AbbreviationTable,
  isKnown: (word: string) => boolean = () => false,
  maxVariants = 8,
): QueryVariant[] {
  const split: string[] = [];
  for (const word of words) {
    const glued = GLUED_NUMBER.exec(word);
    if (glued && !table.byKey.has(word) && table.byKey.has(glued[1]!) && !isKnown(word)) split.push(glued[1]!, glued[2]!);
    else split.push(word);
  }
  const stems = split.map(stem);
  // Spans of the query that are literals: [start, end, meanings].
  const spans: { start: number; end: number; means: string[][] }[] = [];
  for (let i = 0; i < stems.length; ) {
    let found: { start: number; end: number; means: string[][] } | undefined;
    for (let len = Math.min(table.maxWords, stems.length - i); len >= 1 && !found; len--) {
      const key = stems.slice(i, i + len).join(' ');
      const means = table.byKey.get(key) ?? (i + len === stems.length && len >= 2 ? completePhrase(table, key) : undefined);
      if (means) found = { start: i, end: i + len, means };
    }
    if (found) {
      spans.push(found);
      i = found.end;
    } else i++;
  }

  // Everything after a negation is negated ("without aura, not intractable").
  const firstNegation = split.findIndex((w) => NEGATION_WORDS.has(w));
  const scope = (i: number) => (firstNegation >= 0 && i > firstNegation ? { negated: true } : {});
  const literalWords = (from: number, to: number, inSpan: boolean): VariantWord[] =>
    split.slice(from, to).map((text, k) => ({
      text,
      expansion: false,
      abbreviation: inSpan && to - from === 1,
      ...(NEGATION_WORDS.has(text) ? { negation: true } : {}),
      ...scope(from + k),
    }));
  // Each span is read literally or as one of its meanings; combinations are built breadth-first by rank.
  let partial: { words: VariantWord[]; expanded: boolean; rank: number }[] = [{ words: [], expanded: false, rank: 0 }];
  let at = 0;
  for (const span of spans) {
    const before = literalWords(at, span.start, false);
    const next: typeof partial = [];
    for (const p of partial) {
      const head = [...p.words, ...before];
      span.means.forEach((meaning, m) => {
        next.push({ words: [...head, ...meaning.map((text) => ({ text, expansion: true, abbreviation: false, ...scope(span.start) }))], expanded: true, rank: p.rank + m });
      });
      next.push({ words: [...head, ...literalWords(span.start, span.end, true)], expanded: p.expanded, rank: p.rank });
    }
    partial = next.sort((a, b) => a.rank - b.rank).slice(0, maxVariants);
    at = span.end;
  }
  const tail = literalWords(at, split.length, false);
  return partial.map((p) => ({ words: [...p.words, ...tail], expanded: p.expanded, rank: p.rank }));
}

// "ckd3a", "ckd4", "dm2" written without a space.
const GLUED_NUMBER = /^([a-z]{2,})(\d+[a-z]?)$/;

/** A phrase whose last word is still being typed ("high blood press" → "high blood pressure"), when only one literal fits. */
function completePhrase(table: AbbreviationTable, partialKey: string): string[][] | undefined {
  const lastWord = partialKey.slice(partialKey.lastIndexOf(' ') + 1);
  if (lastWord.length < 3) return undefined;
  const keys = table.phraseKeys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < partialKey) lo = mid + 1;
    else hi = mid;
  }
  const first = keys[lo];
  if (!first?.startsWith(partialKey)) return undefined;
  if (keys[lo + 1]?.startsWith(partialKey)) return undefined;
  return table.byKey.get(first);
}
