import abbreviationsJson from '../search/abbreviations.json';
import { loadAbbreviationRules } from '../search/abbreviations';
import synonymsJson from '../../assets/rules/clinical-synonyms.json';
import { sideWords } from './side-abbreviations';
import { newWord, textWords, wordKey, type TextWord } from './text-words';

/** Two-letter abbreviations charts write in lower case as often as not, and that mean nothing else ("torus fx"). */
const LOWER_CASE_SHORT = new Set(['fx']);

/** A phrase of chart text read as other words: an abbreviation (HTN), a lay word (heart attack), a synonym (cancer). */
export interface ExpansionRule {
  literal: string;
  means: string[];
  /** 'abbreviation' rules of one word match only the word as written. */
  kind?: 'abbreviation' | 'lay';
  /** The rule applies only when one of these words is in the same sentence (for words like "uncontrolled"). */
  near?: string[];
  /** The phrase's own words stop counting ("poison ivy" is a plant, not a poisoning). */
  replace?: boolean;
}

/** Compiled expansion rules, keyed by the first word of each literal. */
export interface ExpansionTable {
  byFirstKey: Map<string, { keys: string[]; meanings: string[][]; near?: Set<string>; exact?: string; replace?: boolean }[]>;
  /** Abbreviations that mean something else in chart text (PCP: primary care provider, ED: emergency department). */
  notInText: Set<string>;
  /** Phrases whose words name a drug class or a teaching topic, never a diagnosis ("oral hypoglycemic"). */
  ignore: string[][];
}

/** Error for a malformed expansion rule file, naming the rule at fault. */
export class ExpansionRuleError extends Error {
  override name = 'ExpansionRuleError';
}

/** Validates the clinical synonym file ({formatVersion: 1, rules: [{literal, means[], near?}]}). */
export function loadExpansionRules(json: unknown, source = 'clinical-synonyms.json'): ExpansionRule[] {
  const file = json as { formatVersion?: unknown; rules?: unknown; notInText?: unknown };
  if (file?.formatVersion !== 1 || !Array.isArray(file.rules)) throw new ExpansionRuleError(`${source}: expected {formatVersion: 1, rules: [...]}`);
  const ignore = (file as { ignorePhrases?: unknown }).ignorePhrases;
  if (ignore !== undefined && !(Array.isArray(ignore) && ignore.every((w) => typeof w === 'string'))) throw new ExpansionRuleError(`${source}: ignorePhrases must be a list of phrases`);
  if (file.notInText !== undefined && !(Array.isArray(file.notInText) && file.notInText.every((w) => typeof w === 'string'))) {
    throw new ExpansionRuleError(`${source}: notInText must be a list of words`);
  }
  return file.rules.map((rule: Record<string, unknown>, i: number) => {
    const extra = Object.keys(rule).filter((k) => !['literal', 'means', 'near', 'kind', 'replace'].includes(k));
    if (extra.length) throw new ExpansionRuleError(`${source}: rule ${i} ("${String(rule.literal)}") has unknown keys ${extra.join(', ')}`);
    if (typeof rule.literal !== 'string' || !rule.literal.trim() || !Array.isArray(rule.means) || rule.means.length === 0) {
      throw new ExpansionRuleError(`${source}: rule ${i} needs a literal and at least one meaning`);
    }
    if (rule.replace !== undefined && typeof rule.replace !== 'boolean') throw new ExpansionRuleError(`${source}: rule ${i} ("${rule.literal}") has a replace that is not true/false`);
    return { literal: rule.literal, means: rule.means as string[], ...(Array.isArray(rule.near) ? { near: rule.near as string[] } : {}), ...(rule.replace ? { replace: true } : {}) };
  });
}

/**
 * Compiles rules into a table keyed by first word. A meaning keeps the joined form of its hyphenated words, as chart
 * text does: "NSAID" read as "non-steroidal anti-inflammatory" meets a title written "anti-inflammatories".
 */
export function compileExpansions(rules: readonly ExpansionRule[], notInText: readonly string[] = [], ignorePhrases: readonly string[] = []): ExpansionTable {
  const byFirstKey: ExpansionTable['byFirstKey'] = new Map();
  for (const rule of rules) {
    const keys = textWords(rule.literal).filter((w) => !w.joined).map((w) => w.key);
    if (keys.length === 0) continue;
    // A one-word abbreviation matches only as written ("doe" is not "does").
    // A one-word rule matches the word as written (or its plural): "smokes" is not "smoked", "doe" is not "does".
    const exact = keys.length === 1 && !/\s/.test(rule.literal.trim()) ? rule.literal.trim().toLowerCase() : undefined;
    const entry = { keys, meanings: rule.means.map((m) => textWords(m).map((w) => w.key)), ...(rule.near ? { near: new Set(rule.near.flatMap((n) => textWords(n).map((w) => w.key))) } : {}), ...(exact ? { exact } : {}), ...(rule.replace ? { replace: true } : {}) };
    const list = byFirstKey.get(keys[0]!);
    if (list) list.push(entry);
    else byFirstKey.set(keys[0]!, [entry]);
  }
  return { byFirstKey, notInText: new Set(notInText.map((w) => w.toLowerCase())), ignore: ignorePhrases.map((p) => textWords(p).map((w) => w.key)) };
}

/** Search abbreviations (first meaning only: chart text has one reading) plus clinical synonyms. */
export const defaultExpansions: ExpansionTable = compileExpansions(
  [...loadAbbreviationRules(abbreviationsJson).map((r) => ({ literal: r.literal, means: r.means.slice(0, 1), kind: r.kind })), ...loadExpansionRules(synonymsJson)],
  (synonymsJson as { notInText?: string[] }).notInText ?? [],
  (synonymsJson as { ignorePhrases?: string[] }).ignorePhrases ?? [],
);

/** Whether a word written in lower case is a known abbreviation of the table ("rsv", "copd"): its lower-case use is known. */
export function isKnownAbbreviation(raw: string, table: ExpansionTable = defaultExpansions): boolean {
  return (table.byFirstKey.get(wordKey(raw)) ?? []).some((e) => e.exact === raw);
}

/**
 * Adds the words each matched phrase stands for, at the phrase's position, so "HTN" counts as
 * "hypertension" and "CKD 3a" as "chronic kidney disease 3a" when matching titles.
 */
export function expandWords(input: readonly TextWord[], table: ExpansionTable = defaultExpansions): TextWord[] {
  const words = withoutIgnored(input, table.ignore);
  const present = new Set(words.map((w) => w.key));
  const out = [...words];
  const replaced = new Set<TextWord>();
  // "distal R radius": a side abbreviation stands for its side inside a phrase too ("distal right radius").
  const sides = sideWords(words);
  const withSides = sides.length ? [...words, ...sides] : words;
  for (let i = 0; i < words.length; i++) {
    const candidates = table.byFirstKey.get(words[i]!.key);
    // A later piece of a hyphenated word written in lower case ("aids" of "band-aids") is no abbreviation of its
    // own; in capitals it is ("post-PCI").
    if (!candidates || words[i]!.joined || words[i]!.negated || (words[i]!.part && !words[i]!.upper && candidates.every((e) => e.keys.length === 1))) continue;
    // A piece of an identifier ("Lot DM-60-2291", "HTN-2") is no abbreviation: a hyphenated word with a number piece.
    if (numberPieceBeside(words, i)) continue;
    for (const entry of candidates) {
      if (entry.exact && words[i]!.raw !== entry.exact && !(entry.exact.length >= 4 && words[i]!.raw === `${entry.exact}s`)) continue;
      if (entry.keys.length === 1 && table.notInText.has(words[i]!.raw ?? '')) continue;
      const span = matchAt(withSides, i, entry.keys);
      if (!span) continue;
      if (entry.near && ![...entry.near].some((k) => present.has(k))) continue;
      // "Ms" is a title and "pe" a syllable: a two-letter abbreviation counts only in capitals (MS, PE).
      if (entry.keys.length === 1 && entry.keys[0]!.length <= 2 && !words[i]!.upper && !LOWER_CASE_SHORT.has(words[i]!.raw ?? '')) continue;
      const first = words[i]!;
      const last = span.at(-1)!;
      for (const meaning of entry.meanings) {
        // The number of words the meaning has (its hyphen-joined forms not counted), on its first word.
        const size = meaning.length - (meaning.length > 1 ? meaning.filter((k, j) => meaning.slice(j + 1).some((o) => k !== o && k.startsWith(o) && k.length > o.length)).length : 0);
        meaning.forEach((key, j) => {
          const word = newWord(key, first.start, last.end, first.position, true);
          if (j === 0 && size > 1) word.leadsPhraseOf = size;
          if (first.denied) word.denied = true;
          out.push(word);
        });
      }
      if (entry.replace) for (const w of span) replaced.add(w);
    }
  }
  // "L shoulder", "knee (R)", "b/l knees": side abbreviations beside a body site are the side.
  out.push(...sides);
  out.push(...spinalRegionWords(words));
  return replaced.size ? out.filter((w) => !replaced.has(w)) : out;
}

/** A vertebral level pair, as its hyphenated word joins it ("L4-L5" → l4l5, "C5-6" → c56), and its spinal region. */
const SPINAL_LEVELS: readonly [RegExp, string][] = [
  [/^c[1-7]c?[2-7]$/, 'cervical'],
  [/^c7t1$/, 'cervicothoracic'],
  [/^t1?[0-9]t?1?[0-9]$/, 'thoracic'],
  [/^t12l1$/, 'thoracolumbar'],
  [/^l[1-4]l?[2-5]$/, 'lumbar'],
  [/^l5s1$/, 'lumbosacral'],
];

/** One vertebra ("T12", "L1"), and the region its body is in: sacral levels are left out, since "S1, S2" are heart sounds. */
const SINGLE_LEVELS: readonly [RegExp, string][] = [
  [/^c[1-7]$/, 'cervical'],
  [/^t(?:[1-9]|1[0-2])$/, 'thoracic'],
  [/^l[1-5]$/, 'lumbar'],
];

/** Words that put a single level in the spine: "T12 compression fracture", not "free T4" or "T2 signal". */
const SPINE_WORDS = new Set(['vertebra', 'vertebral', 'vertebrae', 'fracture', 'compression', 'wedge', 'burst', 'spinous', 'kyphoplasty', 'vertebroplasty'].map(wordKey));

/**
 * "L4-L5 disc protrusion": the level pair names the spinal region the titles use ("… lumbar region"). "Compression
 * fracture of T12": one vertebra names its region and the vertebra ("thoracic vertebra"), in a sentence about the spine.
 */
function spinalRegionWords(words: readonly TextWord[]): TextWord[] {
  const out: TextWord[] = [];
  let spine: boolean | undefined;
  for (const w of words) {
    if (!w.raw || w.expanded) continue;
    if (w.joined) {
      const region = SPINAL_LEVELS.find(([pattern]) => pattern.test(w.raw!))?.[1];
      if (region) out.push(newWord(wordKey(region), w.start, w.end, w.position, true));
      continue;
    }
    if (w.raw.length > 3 || !w.upper) continue;
    const region = SINGLE_LEVELS.find(([pattern]) => pattern.test(w.raw!))?.[1];
    if (!region || !(spine ??= words.some((o) => SPINE_WORDS.has(o.key)))) continue;
    out.push(newWord(wordKey(region), w.start, w.end, w.position, true), newWord(wordKey('vertebra'), w.start, w.end, w.position, true));
  }
  return out;
}

/** Drops the words of ignored phrases (drug classes, teaching topics) so they cannot make a diagnosis. */
function withoutIgnored(words: readonly TextWord[], ignore: string[][]): TextWord[] {
  const drop = new Set<TextWord>();
  const byFirst = ignoredByFirstKey(ignore);
  for (let i = 0; i < words.length; i++) {
    for (const phrase of byFirst.get(words[i]!.key) ?? []) {
      // "back to baseline": a stop word the keys leave out may stand between two of the phrase's words.
      const span = matchAt(words, i, phrase, 2);
      if (span) for (const w of words.filter((x) => x.position >= span[0]!.position && x.position <= span.at(-1)!.position)) drop.add(w);
    }
  }
  return drop.size ? words.filter((w) => !drop.has(w)) : [...words];
}

const ignoredIndex = new WeakMap<string[][], Map<string, string[][]>>();

/** The ignored phrases by their first key, built once per table (a sentence's words each look up only their own). */
function ignoredByFirstKey(ignore: string[][]): Map<string, string[][]> {
  let map = ignoredIndex.get(ignore);
  if (!map) {
    map = new Map();
    for (const phrase of ignore) if (phrase[0] !== undefined) map.set(phrase[0], [...(map.get(phrase[0]) ?? []), phrase]);
    ignoredIndex.set(ignore, map);
  }
  return map;
}

/** Words i.. that spell `keys` at consecutive positions, or within `step` of each other (several keys may share a position). */
function matchAt(words: readonly TextWord[], i: number, keys: readonly string[], step = 1): TextWord[] | undefined {
  const out: TextWord[] = [words[i]!];
  let position = words[i]!.position;
  for (let k = 1; k < keys.length; k++) {
    // The parts of a hyphenated word share its position ("full-thickness"): the next key may sit beside or at it.
    const next = words.find((w) => w.key === keys[k] && !w.joined && ((w.position > position && w.position <= position + step) || (w.position === position && !out.includes(w))));
    if (!next) return undefined;
    out.push(next);
    position = next.position;
  }
  return out;
}

/**
 * True when the word is a piece of a hyphenated word whose piece before or after it is a bare number, or a letter
 * and a number as markers and identifiers are written ("PD-L1", "HLA-B27"): PD there is no Parkinson's disease.
 */
function numberPieceBeside(words: readonly TextWord[], i: number): boolean {
  const next = words[i + 1];
  const word = words[i]!;
  return (next?.part === true && /^(?:\d+|[a-z]\d+)$/i.test(next.raw ?? '')) || (word.part === true && /^\d+$/.test(words[i - 1]?.raw ?? ''));
}
