import historyJson from '../../assets/rules/history-codes.json';
import type { CodeRecord } from '../codesets/types';
import { codeMatcher } from './coding-rules';
import { textWords, wordKey } from './text-words';

/** Maps a condition's code to the personal- or family-history Z code that stands for it. */
export interface HistoryCodes {
  personal(diseaseCode: string): string | undefined;
  family(diseaseCode: string): string | undefined;
}

/** Reads assets/rules/history-codes.json ({formatVersion: 1, personal: [{disease, code}], family: [...]}). */
export function loadHistoryCodes(json: unknown, source = 'history-codes.json'): HistoryCodes {
  const file = json as { formatVersion?: unknown; personal?: { disease: string; code: string }[]; family?: { disease: string; code: string }[] };
  if (file?.formatVersion !== 1 || !Array.isArray(file.personal) || !Array.isArray(file.family)) {
    throw new Error(`${source}: expected {formatVersion: 1, personal: [...], family: [...]}`);
  }
  const compile = (rows: { disease: string; code: string }[]) => rows.map((r) => ({ test: codeMatcher(r.disease, `${source}: ${r.disease}`), code: r.code }));
  const personal = compile(file.personal);
  const family = compile(file.family);
  return {
    personal: (code) => personal.find((r) => r.test(code))?.code,
    family: (code) => family.find((r) => r.test(code))?.code,
  };
}

/** The history table shipped with Chart Coder. */
export const defaultHistoryCodes = loadHistoryCodes(historyJson);

/**
 * The history code the sentence's own words make more exact, from the titles and inclusion terms of the same
 * category: a healed wrist fracture mapped to "(healed) traumatic fracture" (Z87.81) that the chart calls
 * osteoporotic or fragility is "(healed) osteoporosis fracture" (Z87.310). A sibling qualifies when it names the
 * same thing (the mapped title's last word) and every word it adds is said; the mapped code stays otherwise.
 */
export function historyCodeFromWords(codes: readonly CodeRecord[], mapped: CodeRecord, sentence: string): CodeRecord {
  // "Personal history of colon polyps, unspecified" names colon polyps: its siblings end in "polyps".
  const head = textWords(mapped.title.replace(/,\s*unspecified$/i, '')).at(-1)?.key;
  if (!head) return mapped;
  const said = textWords(sentence).filter((w) => !w.negated && !w.denied).map((w) => w.key);
  const isSaid = (k: string) => said.some((s) => s === k || (k.length >= 6 && s.length >= 6 && s.slice(0, 6) === k.slice(0, 6)));
  const own = new Set(textWords(mapped.title).map((w) => w.key));
  const plain = new Set(['other', 'unspecified', 'nos', 'healed'].map(wordKey));
  for (const record of byCategory(codes).get(mapped.code.slice(0, 3)) ?? []) {
    if (!record.billable || record === mapped) continue;
    for (const phrase of [record.title, ...(record.synonyms ?? [])].flatMap(eitherOfPair)) {
      const keys = textWords(phrase).map((w) => w.key);
      if (keys.at(-1) !== head) continue;
      const extra = keys.filter((k) => !own.has(k) && !plain.has(k));
      if (extra.length && extra.every(isSaid)) return record;
    }
  }
  return mapped;
}

/** "adenomatous and serrated colon polyps": "and" in a title means either (Conventions I.A.14), so each reading. */
function eitherOfPair(phrase: string): string[] {
  const pair = /\b([a-z]+) and ([a-z]+)\b/i.exec(phrase);
  if (!pair) return [phrase];
  return [phrase, phrase.replace(pair[0], pair[1]!), phrase.replace(pair[0], pair[2]!)];
}

const categories = new WeakMap<readonly CodeRecord[], Map<string, CodeRecord[]>>();

/** The codes of a release by 3-character category, built once per release. */
function byCategory(codes: readonly CodeRecord[]): Map<string, CodeRecord[]> {
  let map = categories.get(codes);
  if (!map) {
    map = new Map();
    for (const record of codes) {
      const key = record.code.slice(0, 3);
      const list = map.get(key);
      if (list) list.push(record);
      else map.set(key, [record]);
    }
    categories.set(codes, map);
  }
  return map;
}
