/**
 * Typo tolerance over the vocabulary (the distinct words of all titles), never over the records:
 * a bigram index proposes words sharing enough letter pairs with the query word, and a bounded
 * Damerau–Levenshtein distance (adjacent transpositions count as one edit) confirms them.
 */

/** One vocabulary word close to a query word. */
export interface FuzzyHit {
  /** Index of the word in the vocabulary. */
  term: number;
  /** Edits between the query word and the word (or the word's beginning, for a prefix hit). */
  distance: number;
  /** True when only the beginning of the word is that close (the query word is still being typed). */
  prefix: boolean;
}

/** Options for {@link FuzzyVocabulary.lookup}. */
export interface FuzzyLookupOptions {
  /** Most edits allowed. Default: 1 for words of 4–7 letters, 2 from 8 letters, none below 4. */
  maxEdits?: number;
  /** Also accept words whose beginning is within `maxEdits` of the query word. Default: true. */
  prefix?: boolean;
  /** Most hits returned, closest first. Default: 24. */
  limit?: number;
}

/**
 * Bigram index over a sorted vocabulary, built on first use so loading an index stays cheap.
 *
 * ### Usage:
 * ```ts
 * const fuzzy = new FuzzyVocabulary(['fibrillation', 'pneumonia']);
 * fuzzy.lookup('pnuemonia'); // [{term: 1, distance: 1, prefix: false}]
 * ```
 */
export class FuzzyVocabulary {
  private offsets?: Uint32Array;
  private entries?: Uint32Array;
  private counts?: Uint8Array;

  constructor(private readonly terms: readonly string[]) {}

  /** Words of the vocabulary within the allowed edits of `word`, closest (then shortest) first. */
  lookup(word: string, options: FuzzyLookupOptions = {}): FuzzyHit[] {
    const maxEdits = options.maxEdits ?? defaultMaxEdits(word.length);
    if (maxEdits <= 0 || word.length === 0) return [];
    const allowPrefix = options.prefix ?? defaultFuzzyLookupOptions.prefix;
    const limit = options.limit ?? defaultFuzzyLookupOptions.limit;
    this.ensureIndex();
    const offsets = this.offsets!;
    const entries = this.entries!;
    const counts = this.counts!;
    const grams = bigramsOf(word);
    const touched: number[] = [];
    for (const g of grams) {
      for (let p = offsets[g]!, end = offsets[g + 1]!; p < end; p++) {
        const t = entries[p]!;
        if (counts[t] === 0) touched.push(t);
        if (counts[t]! < 255) counts[t]!++;
      }
    }
    // Each edit destroys at most two letter pairs (a transposition three).
    const needed = Math.max(1, grams.length - 3 * maxEdits);
    const hits: FuzzyHit[] = [];
    for (const t of touched) {
      const shared = counts[t]!;
      counts[t] = 0;
      if (shared < needed) continue;
      const term = this.terms[t]!;
      if (term.length < word.length - maxEdits) continue;
      if (!allowPrefix && term.length > word.length + maxEdits) continue;
      const d = editDistance(word, term, maxEdits, allowPrefix);
      if (d.full <= maxEdits) hits.push({ term: t, distance: d.full, prefix: false });
      else if (allowPrefix && d.prefix <= maxEdits) hits.push({ term: t, distance: d.prefix, prefix: true });
    }
    hits.sort((a, b) => a.distance - b.distance || Number(a.prefix) - Number(b.prefix) || this.terms[a.term]!.length - this.terms[b.term]!.length);
    return hits.slice(0, limit);
  }

  private ensureIndex(): void {
    if (this.offsets) return;
    const grams = this.terms.map(bigramsOf);
    const offsets = new Uint32Array(GRAM_SPACE + 1);
    for (const list of grams) for (const g of list) offsets[g + 1]!++;
    for (let g = 0; g < GRAM_SPACE; g++) offsets[g + 1]! += offsets[g]!;
    const fill = offsets.slice(0, GRAM_SPACE);
    const entries = new Uint32Array(offsets[GRAM_SPACE]!);
    grams.forEach((list, t) => {
      for (const g of list) entries[fill[g]!++] = t;
    });
    this.offsets = offsets;
    this.entries = entries;
    this.counts = new Uint8Array(this.terms.length);
  }
}

/**
 * Damerau–Levenshtein (optimal string alignment) distance between `a` and `b`, and between `a` and the
 * closest beginning of `b`; both capped at `max + 1` so long words cost little.
 */
export function editDistance(a: string, b: string, max: number, prefix = false): { full: number; prefix: number } {
  const m = a.length;
  const n = b.length;
  const cap = max + 1;
  if (!prefix && Math.abs(m - n) > max) return { full: cap, prefix: cap };
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0]!;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return { full: cap, prefix: cap };
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  // `prev` now holds the last row: distances from all of `a` to each beginning of `b`.
  const full = Math.min(prev[n]!, cap);
  let best = full;
  if (prefix) for (let j = Math.max(0, m - max); j <= Math.min(n, m + max); j++) best = Math.min(best, prev[j]!);
  return { full, prefix: Math.min(best, cap) };
}

/** Edits tolerated for a word of `length` letters: none below 4, one up to 7, two from 8. */
export function defaultMaxEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** Defaults of {@link FuzzyLookupOptions}. */
export const defaultFuzzyLookupOptions: Required<Omit<FuzzyLookupOptions, 'maxEdits'>> = {
  prefix: true,
  limit: 24,
};

// Letters a–z and digits 0–9 get 1..36, anything else 37; 0 marks the start of the word.
const ALPHABET = 38;
const GRAM_SPACE = ALPHABET * ALPHABET;

function charSlot(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return code - 48 + 27;
  return 37;
}

/** Distinct letter pairs of a word, the first paired with the start marker so the first letter counts. */
function bigramsOf(word: string): number[] {
  const out = new Set<number>();
  let prev = 0;
  for (let i = 0; i < word.length; i++) {
    const slot = charSlot(word.charCodeAt(i));
    out.add(prev * ALPHABET + slot);
    prev = slot;
  }
  return [...out];
}
