import type { CodeSystem } from '../codesets/types';
import { defaultAbbreviations, readQuery, type AbbreviationTable, type QueryVariant, type VariantWord } from './abbreviations';
import { FuzzyVocabulary } from './fuzzy';
import { analyzeField, bareCode, defaultness, looksLikeCode, queryWords, root, stem, TokenRole, type FieldToken } from './normalize';
import { decodeSnapshotParts, encodeSnapshotParts, SNAPSHOT_FORMAT_VERSION, SnapshotFormatError, type SnapshotParts } from './snapshot';
import type { CodeSearchResult, CodeSearchStats, MatchKind, SearchableRecord, SeventhChoice } from './types';

/** Options for {@link CodeSearch.build}. */
export interface IndexOptions {
  /** Also index ICD-10-CM "Includes" notes (`notes.includes`, e.g. "diabetes NOS" at E11) like synonyms. Default: true. */
  includesNotes?: boolean;
  /** Index the 7th-character descriptions of a grouped row ("initial encounter for closed fracture") as optional words. Default: true. */
  seventhWords?: boolean;
}

/** Options for {@link CodeSearch.search}. */
export interface SearchOptions {
  /** Most rows returned. Default: 20. */
  limit?: number;
  /** Code systems to search. Default: all (ICD-10-CM, HCPCS, CPT). */
  systems?: readonly CodeSystem[];
  /** Only codes that may go on a claim; rows grouping 7th-character variants stay, since each variant is billable. Default: false. */
  billableOnly?: boolean;
  /** Date of service (ISO yyyy-mm-dd): codes terminated before it or added after it are left out. Default: today. */
  dateOfService?: string;
  /** Keep codes that are not in force on `dateOfService` (terminated HCPCS codes). Default: false. */
  includeInactive?: boolean;
  /** Tolerate typos (edit distance 1–2 against the vocabulary) for words that match nothing as typed. Default: true. */
  fuzzy?: boolean;
  /** Also read abbreviations, acronyms and lay words as what they stand for ("afib" → atrial fibrillation). Default: true. */
  abbreviations?: boolean;
}

/**
 * Search over ICD-10-CM (billable codes and headers), HCPCS Level II and CPT, written for the way coders
 * type: codes with or without the dot and partial codes, words in any order and half-typed, typos,
 * abbreviations and lay words. An inverted index (term → rows, typed arrays) with a sorted vocabulary
 * gives exact and prefix matches by binary search; typos are looked up in the vocabulary only; the best
 * few hundred candidates are then ranked precisely on their titles and synonyms.
 *
 * Ranking: exact code > exact title or synonym > every word matched > typo-tolerant > partial. Among equals,
 * a code whose words are all covered by the query wins (so a generic query finds the unspecified code of
 * the category), then billable codes over headers. 7th-character variants are one row with a picker.
 *
 * ### Usage:
 * ```ts
 * const search = CodeSearch.build(records);
 * search.search('afib')[0]; // {system: 'icd10cm', code: 'I48.91', title: 'Unspecified atrial fibrillation', …}
 * const again = CodeSearch.fromSnapshot(search.toSnapshot());
 * ```
 */
export class CodeSearch {
  private readonly codes: string[];
  private readonly titles: string;
  private readonly terms: string[];
  private readonly recRow: Int32Array;
  private readonly rowCore: Uint8Array;
  private readonly termLength: Uint8Array;
  private readonly sevenOff: Uint32Array;
  private readonly sevenRec: Uint32Array;
  private readonly fuzzyVocabulary: FuzzyVocabulary;
  // Scratch space reused by every query, so a search allocates almost nothing per row.
  private readonly acc: Float32Array;
  private readonly mask: Uint32Array;
  private readonly touched: Uint32Array;
  private childIndex?: { off: Uint32Array; rows: Uint32Array };

  private constructor(
    private readonly data: IndexData,
    private readonly abbreviations: AbbreviationTable = defaultAbbreviations,
  ) {
    this.codes = data.strings.codes.split('\n');
    // Titles stay one string, cut out by offset when a result is shown: no 100k-string split at load.
    this.titles = data.strings.titles;
    this.terms = data.strings.terms.length ? data.strings.terms.split('\n') : [];
    const records = this.codes.length;
    const rows = data.arrays.rowRec.length;
    this.recRow = new Int32Array(records).fill(-1);
    for (let row = 0; row < rows; row++) this.recRow[data.arrays.rowRec[row]!] = row;
    this.termLength = new Uint8Array(this.terms.length);
    this.terms.forEach((t, i) => (this.termLength[i] = Math.min(255, t.length)));
    this.rowCore = data.arrays.rowCore;
    [this.sevenOff, this.sevenRec] = sevenths(data.arrays.parentRec, this.recRow, rows, this.codes);
    this.fuzzyVocabulary = new FuzzyVocabulary(this.terms);
    this.acc = new Float32Array(rows);
    this.mask = new Uint32Array(rows);
    this.touched = new Uint32Array(rows);
  }

  /**
   * Indexes records of any systems. ICD-10-CM codes with a 7th character are folded into their parent's row.
   *
   * @example CodeSearch.build([...icd10cm, ...hcpcs, ...cpt])
   */
  static build(records: readonly SearchableRecord[], options: IndexOptions = {}, abbreviations: AbbreviationTable = defaultAbbreviations): CodeSearch {
    return new CodeSearch(buildIndexData(records, { ...defaultIndexOptions, ...options }), abbreviations);
  }

  /**
   * Loads an index written by {@link CodeSearch.toSnapshot}; much faster than building.
   *
   * @throws SnapshotFormatError for bytes that are not a snapshot of this `formatVersion`.
   */
  static fromSnapshot(bytes: Uint8Array, abbreviations: AbbreviationTable = defaultAbbreviations): CodeSearch {
    const parts = decodeSnapshotParts(bytes);
    for (const name of STRING_NAMES) if (typeof parts.strings[name] !== 'string') throw new SnapshotFormatError(`missing ${name}`);
    for (const name of ARRAY_NAMES) if (!parts.arrays[name]) throw new SnapshotFormatError(`missing ${name}`);
    return new CodeSearch({ strings: parts.strings as IndexData['strings'], arrays: parts.arrays as unknown as IndexData['arrays'] }, abbreviations);
  }

  /** Writes the index as compact bytes (see `snapshot.ts`), with a `formatVersion` the loader checks. */
  toSnapshot(): Uint8Array {
    const parts: SnapshotParts = { formatVersion: SNAPSHOT_FORMAT_VERSION, meta: { stats: this.stats() }, strings: this.data.strings, arrays: this.data.arrays };
    return encodeSnapshotParts(parts);
  }

  /** Counts of what is indexed. */
  stats(): CodeSearchStats {
    const bySystem: Record<CodeSystem, number> = { icd10cm: 0, hcpcs: 0, cpt: 0 };
    for (const s of this.data.arrays.system) bySystem[SYSTEMS[s]!]++;
    return {
      records: this.codes.length,
      rows: this.data.arrays.rowRec.length,
      terms: this.terms.length,
      postings: this.data.arrays.post.length,
      fields: this.data.arrays.fieldKind.length,
      bySystem,
    };
  }

  /**
   * Finds codes for what a coder typed: a code or its beginning, or words. Never throws; an empty or
   * meaningless query returns [].
   *
   * @example search.search('J1100') // HCPCS J1100 (dexamethasone) and ICD-10-CM J11.00 (influenza), both first
   * @example search.search('diab ty 2 hyperg', {systems: ['icd10cm']})[0].code // "E11.65"
   */
  search(query: string, options: SearchOptions = {}): CodeSearchResult[] {
    const opts = { ...defaultSearchOptions, ...options };
    const limit = Math.max(0, Math.floor(opts.limit));
    const text = String(query ?? '').trim().slice(0, MAX_QUERY_LENGTH);
    if (!text || limit === 0) return [];
    const filter = this.filterFor(opts);
    const hits = new Map<number, Hit>();
    if (looksLikeCode(text)) this.codeHits(text, filter, hits, limit);
    this.textHits(text, filter, hits, opts);
    return [...hits.entries()]
      .sort((a, b) => b[1].score - a[1].score || compareCodes(this.codes[a[0]]!, this.codes[b[0]]!) || this.data.arrays.system[a[0]]! - this.data.arrays.system[b[0]]!)
      .slice(0, limit)
      .map(([rec, hit]) => this.result(rec, hit.score, hit.matchedOn));
  }

  /** Every record with exactly this code (with or without the dot), in all systems: J1100 is HCPCS and ICD-10-CM. */
  lookup(code: string): CodeSearchResult[] {
    const key = bareCode(code);
    const dotted = code.includes('.');
    const out: CodeSearchResult[] = [];
    for (let i = this.lowerBound(key); i < this.codes.length; i++) {
      const rec = this.data.arrays.codeOrder[i]!;
      if (compareBare(this.codes[rec]!, key) !== 0) break;
      if (dotted && this.data.arrays.system[rec] !== SYSTEM_INDEX.icd10cm) continue;
      out.push(this.result(rec, EXACT_CODE_SCORE, 'code'));
    }
    return out;
  }

  /**
   * The rows directly under a code, in code order (7th-character variants come as the parent's `sevenths`),
   * for browsing a category. Takes ICD-10-CM when the code exists in several systems.
   *
   * @example search.children('E11.6').map(r => r.code) // ['E11.61', 'E11.62', 'E11.63', 'E11.64', 'E11.65', 'E11.69']
   */
  children(code: string, options: SearchOptions = {}): CodeSearchResult[] {
    const parent = this.lookup(code)[0];
    if (!parent) return [];
    const rec = this.findRecord(parent.system, parent.code);
    const row = rec < 0 ? -1 : this.recRow[rec]!;
    if (row < 0) return [];
    const { off, rows } = this.children_();
    const filter = this.filterFor({ ...defaultSearchOptions, ...options });
    const out: CodeSearchResult[] = [];
    for (let p = off[row]!; p < off[row + 1]!; p++) {
      const childRec = this.data.arrays.rowRec[rows[p]!]!;
      if (filter(childRec)) out.push(this.result(childRec, PREFIX_CODE_SCORE, 'code'));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Code queries

  /** Exact code first, then every code starting with it, in code (tabular) order. */
  private codeHits(text: string, filter: (rec: number) => boolean, hits: Map<number, Hit>, limit: number): void {
    const key = bareCode(text);
    const icdOnly = text.includes('.');
    const { codeOrder, system } = this.data.arrays;
    let found = 0;
    for (let i = this.lowerBound(key); i < codeOrder.length && found < limit * 2; i++) {
      const rec = codeOrder[i]!;
      const code = this.codes[rec]!;
      if (!bareStartsWith(code, key)) break;
      if (icdOnly && system[rec] !== SYSTEM_INDEX.icd10cm) continue;
      const exact = compareBare(code, key) === 0;
      // A 7th-character variant is its own row only when typed in full; otherwise its parent's row stands for it.
      let target = rec;
      if (!exact && this.recRow[rec]! < 0) target = this.data.arrays.parentRec[rec]!;
      if (target < 0 || hits.has(target) || !filter(target)) continue;
      hits.set(target, { score: exact ? EXACT_CODE_SCORE : PREFIX_CODE_SCORE - found * 1e-4, matchedOn: 'code' });
      found++;
    }
  }

  private lowerBound(key: string): number {
    const { codeOrder } = this.data.arrays;
    let lo = 0;
    let hi = codeOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBare(this.codes[codeOrder[mid]!]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private findRecord(system: CodeSystem, code: string): number {
    const key = bareCode(code);
    for (let i = this.lowerBound(key); i < this.codes.length; i++) {
      const rec = this.data.arrays.codeOrder[i]!;
      if (compareBare(this.codes[rec]!, key) !== 0) break;
      if (this.data.arrays.system[rec] === SYSTEM_INDEX[system]) return rec;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Word queries

  private textHits(text: string, filter: (rec: number) => boolean, hits: Map<number, Hit>, opts: Required<SearchOptions>): void {
    const words = queryWords(text).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return;
    const variants: QueryVariant[] = opts.abbreviations
      ? readQuery(words, this.abbreviations, (w) => this.hasTerm(w))
      : [{ words: words.map((w) => ({ text: w, expansion: false, abbreviation: false })), expanded: false, rank: 0 }];
    const textHits = new Map<number, TextHit>();
    for (const variant of variants) this.scoreVariant(variant, filter, textHits, opts.fuzzy);
    this.promoteDefaultChildren(textHits, filter);
    for (const [rec, hit] of textHits) {
      const previous = hits.get(rec);
      if (!previous || previous.score < hit.score) hits.set(rec, hit);
    }
  }

  private scoreVariant(variant: QueryVariant, filter: (rec: number) => boolean, out: Map<number, TextHit>, fuzzy: boolean): void {
    const specs = variant.words
      .filter((w) => !w.negation)
      .slice(0, 31)
      .map((w, i) => this.wordSpec(w, fuzzy, i));
    if (specs.every((s) => s.unmatched || s.negated)) return;
    const { postOff, post, rowRec } = this.data.arrays;
    const { acc, mask, touched } = this;
    let touchedCount = 0;
    const sumIdf = specs.reduce((s, x) => s + x.idf, 0);

    // 1. Candidates: rows holding a term of the word (exact and typo hits first, then prefix hits).
    // Negated words ("without aura") never bring candidates: a code need not mention what is absent.
    const sources = specs.filter((s) => !s.unmatched && !s.filterOnly && !s.negated);
    const generators = sources.length > 0 ? sources : specs.filter((s) => !s.unmatched && !s.negated).slice(0, 1);
    for (const spec of generators) {
      const bit = 1 << spec.index;
      const add = (term: number, weight: number) => {
        const gain = spec.idf * weight;
        for (let p = postOff[term]!, end = postOff[term + 1]!; p < end; p++) {
          const row = post[p]!;
          const m = mask[row]!;
          if (m & bit) continue;
          if (m === 0) touched[touchedCount++] = row;
          mask[row] = m | bit;
          acc[row]! += gain;
        }
      };
      for (const [term, weight] of spec.exact) add(term, weight);
      for (let term = spec.lo; term < spec.hi; term++) if (!spec.exact.has(term)) add(term, this.prefixWeight(spec, term));
    }
    // Words too common to enumerate (a one-letter prefix) only confirm rows found by the others.
    for (const spec of specs) {
      if (spec.unmatched || spec.negated || generators.includes(spec)) continue;
      const bit = 1 << spec.index;
      for (let i = 0; i < touchedCount; i++) {
        const row = touched[i]!;
        const w = this.bestInRow(spec, row);
        if (w > 0) {
          mask[row]! |= bit;
          acc[row]! += spec.idf * w;
        }
      }
    }

    // 2. Keep the best few hundred by a cheap estimate: words matched, weight, and how much of the title they cover.
    const heap = new CandidateHeap(CANDIDATES);
    for (let i = 0; i < touchedCount; i++) {
      const row = touched[i]!;
      const rec = rowRec[row]!;
      if (filter(rec)) {
        const matched = popcount(mask[row]!);
        const estimate = matched * 4 + (2 * acc[row]!) / sumIdf + Math.min(1, matched / Math.max(1, this.rowCore[row]!));
        heap.push(row, estimate);
      }
      acc[row] = 0;
      mask[row] = 0;
    }

    // 3. Precise ranking of the candidates, field by field.
    for (const row of heap.rows()) {
      const scored = this.scoreRow(row, specs, sumIdf, variant);
      const rec = rowRec[row]!;
      const previous = out.get(rec);
      if (!previous || previous.score < scored.score) out.set(rec, scored);
    }
  }

  /** How a query word matches: its exact/stem, related-form and typo terms with weights, and its prefix range. */
  private wordSpec(word: VariantWord, fuzzy: boolean, index: number): WordSpec {
    const text = word.text;
    const exact = new Map<number, number>();
    for (const t of this.group(this.data.arrays.stemOrder, stem, stem(text))) exact.set(t, 1);
    // Related forms only for real words: a typo's root ("migrane" → "migran") would find the wrong word ("migrans").
    if (text.length >= 4 && exact.size > 0) for (const t of this.group(this.data.arrays.rootOrder, root, root(text))) if (!exact.has(t)) exact.set(t, RELATED_WEIGHT);
    let [lo, hi] = this.prefixRange(text);
    if (word.expansion && exact.size > 0) hi = lo;
    let typo = false;
    if (fuzzy && !word.expansion && exact.size === 0 && lo === hi) {
      // Typos: only the closest words of the vocabulary, whole words before beginnings of words.
      const hits = this.fuzzyVocabulary.lookup(text);
      const whole = hits.filter((h) => !h.prefix);
      const chosen = whole.length > 0 ? whole : hits;
      const closest = chosen.length > 0 ? chosen[0]!.distance : 0;
      const { postOff: off } = this.data.arrays;
      const df = (t: number) => off[t + 1]! - off[t]!;
      // Of equally close words, a typo is far likelier to be of a common one (arthritis, not arteritis).
      const commonest = Math.max(0, ...chosen.filter((h) => h.distance === closest).map((h) => df(h.term)));
      for (const hit of chosen) {
        if (hit.distance > closest || df(hit.term) * TYPO_PRIOR_RATIO < commonest) continue;
        exact.set(hit.term, (hit.prefix ? FUZZY_PREFIX_WEIGHT : FUZZY_WEIGHT) - 0.1 * (hit.distance - 1));
        typo = true;
      }
      // A word typed past its indexed form ("wooden" for "wood"): the longest known word it starts with.
      if (!typo) {
        const known = this.longestKnownPrefix(text);
        if (known >= 0) {
          exact.set(known, FUZZY_PREFIX_WEIGHT);
          typo = true;
        }
      }
    }
    const { postOff } = this.data.arrays;
    let mass = postOff[hi]! - postOff[lo]!;
    for (const t of exact.keys()) if (t < lo || t >= hi) mass += postOff[t + 1]! - postOff[t]!;
    const rows = this.data.arrays.rowRec.length;
    const unmatched = exact.size === 0 && lo === hi;
    const idf = Math.log(1 + rows / (1 + Math.min(rows, unmatched ? 0 : mass)));
    return {
      index,
      text,
      exact,
      lo,
      hi,
      prefixScale: word.abbreviation ? 0.5 : /^\d+$/.test(text) ? 0.7 : 1,
      idf,
      typo,
      unmatched,
      negated: word.negated === true,
      filterOnly: mass > FILTER_ONLY_MASS,
    };
  }

  /** The longest vocabulary word of at least 4 letters (and 60% of the word) that `word` starts with, or -1. */
  private longestKnownPrefix(word: string): number {
    for (let len = word.length - 1; len >= Math.max(4, Math.ceil(word.length * 0.6)); len--) {
      const [lo, hi] = this.prefixRange(word.slice(0, len));
      if (lo < hi && this.terms[lo] === word.slice(0, len)) return lo;
    }
    return -1;
  }

  /** A word being typed fits short completions best, and common ones a little better ("divertic…" → diverticulitis). */
  private prefixWeight(spec: WordSpec, term: number): number {
    const { postOff } = this.data.arrays;
    const common = Math.log1p(postOff[term + 1]! - postOff[term]!) / LOG_ROWS_SCALE;
    return (PREFIX_BASE + (PREFIX_SPAN * spec.text.length) / Math.max(spec.text.length, this.termLength[term]!) + PREFIX_COMMON * Math.min(1, common)) * spec.prefixScale;
  }

  /** Weight of the word's best match among a row's terms (0 when none), via the forward index. */
  private bestInRow(spec: WordSpec, row: number): number {
    const { rowFieldOff, fieldOff, fieldEnt } = this.data.arrays;
    let best = 0;
    for (let p = fieldOff[rowFieldOff[row]!]!, end = fieldOff[rowFieldOff[row + 1]!]!; p < end; p++) {
      const w = this.weightOf(spec, fieldEnt[p]! >>> ROLE_BITS);
      if (w > best) best = w;
    }
    return best;
  }

  private weightOf(spec: WordSpec, term: number): number {
    const w = spec.exact.get(term);
    if (w !== undefined) return w;
    return term >= spec.lo && term < spec.hi ? this.prefixWeight(spec, term) : 0;
  }

  /** Scores one candidate row on its best field (title or a synonym) and on all its words together. */
  private scoreRow(row: number, specs: WordSpec[], sumIdf: number, variant: QueryVariant): TextHit {
    const { rowFieldOff, fieldOff, fieldEnt, fieldKind, rowDefault, rowRec, flags, system } = this.data.arrays;
    const n = specs.length;
    const docBest = new Float32Array(n);
    const docKind = new Uint8Array(n); // 3 exact (or related form), 2 prefix, 1 typo
    const fieldBest = new Float32Array(n);
    const fieldKindOf = new Uint8Array(n);
    const keywords = system[rowRec[row]!] !== SYSTEM_INDEX.icd10cm;
    let best = { rank: -1, exact: false, coverage: 0, specificity: 0, complete: false, title: false, keyword: false };
    let titleSpecificity = 0;
    let contradicted = false;
    const negatedClash = new Uint8Array(n);
    for (let f = rowFieldOff[row]!; f < rowFieldOff[row + 1]!; f++) {
      fieldBest.fill(0);
      fieldKindOf.fill(0);
      negatedClash.fill(0);
      let core = 0;
      let coreHit = 0;
      let neutral = 0;
      let alternativeHit = false;
      let fieldContradicted = false;
      // A hyphenated word counts as covered when its joined form or all its parts matched.
      let joinedOpen = false;
      let partsSeen = 0;
      let partsAll = true;
      const closeJoined = () => {
        if (joinedOpen && partsSeen > 0 && partsAll) coreHit++;
        joinedOpen = false;
      };
      for (let p = fieldOff[f]!; p < fieldOff[f + 1]!; p++) {
        const entry = fieldEnt[p]!;
        const term = entry >>> ROLE_BITS;
        const role = entry & ROLE_MASK;
        let matched = false;
        for (let i = 0; i < n; i++) {
          const spec = specs[i]!;
          if (spec.unmatched) continue;
          const w = this.weightOf(spec, term);
          if (w <= 0) continue;
          // A word the code says is absent ("without heart failure") does not match a query that names it,
          // and a word the query says is absent ("without aura") does not match a code that requires it.
          if (role === TokenRole.absent ? !spec.negated : spec.negated && role === TokenRole.core) {
            fieldContradicted = true;
            if (spec.negated) negatedClash[i] = 1;
            continue;
          }
          matched = true;
          const kind = w >= RELATED_WEIGHT ? 3 : spec.exact.has(term) ? 1 : 2;
          if (w > fieldBest[i]! || (w === fieldBest[i] && kind > fieldKindOf[i]!)) {
            fieldBest[i] = w;
            fieldKindOf[i] = kind;
          }
        }
        if (role === TokenRole.part) {
          partsSeen++;
          if (!matched) partsAll = false;
          continue;
        }
        closeJoined();
        if (role === TokenRole.alternative && matched) alternativeHit = true;
        if (role === TokenRole.core) {
          core++;
          if (matched) coreHit++;
          else {
            joinedOpen = true;
            partsSeen = 0;
            partsAll = true;
          }
        } else if (role === TokenRole.neutral || role === TokenRole.absent) neutral++;
      }
      closeJoined();
      // A negated query word the field does not mention is satisfied by its absence, a little less than by "without …".
      for (let i = 0; i < n; i++) {
        if (specs[i]!.negated && fieldBest[i] === 0 && !negatedClash[i]) {
          fieldBest[i] = ABSENCE_WEIGHT;
          fieldKindOf[i] = 2;
        }
      }
      let coverage = 0;
      let all = true;
      let allExact = true;
      for (let i = 0; i < n; i++) {
        coverage += specs[i]!.idf * fieldBest[i]!;
        if (fieldBest[i]! <= 0) all = false;
        if (fieldKindOf[i] !== 3) allExact = false;
        if (fieldBest[i]! > docBest[i]!) {
          docBest[i] = fieldBest[i]!;
          docKind[i] = fieldKindOf[i]!;
        }
      }
      coverage /= sumIdf;
      // "Syncope and collapse" asked as "collapse": the alternative stands for the whole title.
      if (alternativeHit) coreHit = core;
      // Default-state words dilute a little, so "X, unspecified" beats "X without Y, unspecified site".
      const specificity = core === 0 ? 1 : coreHit / (core + NEUTRAL_DILUTION * neutral);
      // Complete: the field needs nothing the query lacks and the query nothing the field lacks.
      const complete = coreHit === core && all;
      const kind = fieldKind[f]!;
      if (kind === FieldKind.title) titleSpecificity = specificity;
      // Only a title or an ICD-10-CM inclusion term names the code; CPT/HCPCS keywords are related words.
      const exact = allExact && complete && !fieldContradicted && (kind === FieldKind.title || (kind === FieldKind.synonym && !keywords));
      const rank = (exact ? 4 : 0) + coverage * 2 + specificity + (kind === FieldKind.title ? 0.01 : 0) - (fieldContradicted ? 1 : 0);
      if (rank > best.rank) {
        best = { rank, exact, coverage, specificity, complete: complete && !fieldContradicted, title: kind === FieldKind.title, keyword: keywords && kind === FieldKind.synonym };
        contradicted = fieldContradicted;
      }
    }

    let coverage = 0;
    let all = true;
    let typo = false;
    for (let i = 0; i < n; i++) {
      coverage += specs[i]!.idf * docBest[i]!;
      if (docBest[i]! <= 0) all = false;
      if (docKind[i] === 1) typo = true;
    }
    coverage /= sumIdf;
    const rec = rowRec[row]!;
    const billableOrGroup = (flags[rec]! & FLAG_BILLABLE) !== 0 || this.sevenOff[row + 1]! > this.sevenOff[row]!;
    const tier = best.exact ? 4 : all ? (typo ? 2 : 3) : 1;
    const score =
      tier * 100 +
      30 * coverage +
      10 * best.coverage +
      // A field's specificity counts as far as the field also covers the query ("Radiculopathy" for "lumbar radiculopathy").
      25 * best.specificity * best.coverage +
      5 * titleSpecificity +
      (billableOrGroup ? BILLABLE_BONUS : 0) +
      (best.complete ? 2 * rowDefault[row]! : 0) +
      (best.title ? 2 : 0) -
      (keywords ? 0 : DIAGNOSIS_TIE_BREAK) -
      (best.keyword ? KEYWORD_PENALTY : 0) -
      (contradicted ? CONTRADICTION_PENALTY : 0) -
      (variant.expanded ? EXPANSION_PENALTY : 0) -
      2 * variant.rank;
    const matchedOn: MatchKind = variant.expanded ? 'abbreviation' : typo ? 'fuzzy' : best.title ? 'title' : 'synonym';
    return { score, matchedOn, tier, complete: best.complete, row };
  }

  /**
   * A header that fully matches a generic query stands for its default code (the unspecified,
   * "without …" or NOS member), so that billable code is placed just above it, unless a code under
   * the header already matches completely on its own (its inclusion term says it is the default).
   */
  private promoteDefaultChildren(hits: Map<number, TextHit>, filter: (rec: number) => boolean): void {
    const { rowDefaultChild, rowRec, flags, parentRec } = this.data.arrays;
    // Ancestors of every complete match, with the best such match under them: their own match needs no stand-in.
    const settled = new Map<number, number>();
    for (const hit of hits.values()) {
      if (hit.tier < 2 || !hit.complete) continue;
      for (let rec = parentRec[rowRec[hit.row]!]!, depth = 0; rec >= 0 && depth < 4; rec = parentRec[rec]!, depth++) {
        settled.set(rec, Math.max(settled.get(rec) ?? -Infinity, hit.score));
      }
    }
    // A header never outranks a complete match under it: the billable code goes first.
    for (const [rec, hit] of hits) {
      const below = settled.get(rec);
      if (below !== undefined && !(flags[rec]! & FLAG_BILLABLE) && hit.score >= below) hits.set(rec, { ...hit, score: below - 0.25 });
    }
    const top = [...hits.values()].sort((a, b) => b.score - a.score).slice(0, PROMOTE_FROM_TOP);
    for (const hit of top) {
      if (hit.tier < 2 || !hit.complete) continue;
      const rec = rowRec[hit.row]!;
      if (flags[rec]! & FLAG_BILLABLE || this.sevenOff[hit.row + 1]! > this.sevenOff[hit.row]! || settled.has(rec)) continue;
      const child = rowDefaultChild[hit.row]!;
      if (child < 0) continue;
      const childRec = rowRec[child]!;
      if (!filter(childRec)) continue;
      // The child takes the header's match, as the billable code it stands for.
      const score = hit.score + BILLABLE_BONUS + 0.5;
      const previous = hits.get(childRec);
      if (!previous || previous.score < score) hits.set(childRec, { ...hit, score, row: child });
    }
  }

  private hasTerm(word: string): boolean {
    const [lo, hi] = this.prefixRange(word);
    return lo < hi && this.terms[lo] === word;
  }

  /** Terms starting with `prefix`, as a range of the sorted vocabulary. */
  private prefixRange(prefix: string): [number, number] {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const start = lo;
    hi = terms.length;
    const upper = `${prefix}\uffff`;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < upper) lo = mid + 1;
      else hi = mid;
    }
    return [start, lo];
  }

  /** Terms whose key (stem or root) equals `target`, via a term list ordered by that key. */
  private group(order: Uint32Array, key: (term: string) => string, target: string): number[] {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(this.terms[order[mid]!]!) < target) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < order.length && key(this.terms[order[i]!]!) === target; i++) out.push(order[i]!);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Results

  private filterFor(opts: Required<SearchOptions>): (rec: number) => boolean {
    const { system, flags, terminated, effective } = this.data.arrays;
    let systems = 0;
    for (const s of opts.systems) if (s in SYSTEM_INDEX) systems |= 1 << SYSTEM_INDEX[s];
    const day = dayNumber(opts.dateOfService || today());
    const checkDates = !opts.includeInactive && day > 0;
    return (rec) => {
      if (!(systems & (1 << system[rec]!))) return false;
      if (opts.billableOnly && !(flags[rec]! & FLAG_BILLABLE)) {
        const row = this.recRow[rec]!;
        if (row < 0 || this.sevenOff[row + 1]! === this.sevenOff[row]!) return false;
      }
      if (checkDates) {
        const end = terminated[rec]!;
        const start = effective[rec]!;
        if ((end > 0 && end < day) || (start > 0 && start > day)) return false;
      }
      return true;
    };
  }

  private result(rec: number, score: number, matchedOn: MatchKind): CodeSearchResult {
    const { system, flags, terminated } = this.data.arrays;
    const out: CodeSearchResult = {
      system: SYSTEMS[system[rec]!]!,
      code: this.codes[rec]!,
      title: this.titleOf(rec),
      billable: (flags[rec]! & FLAG_BILLABLE) !== 0,
      score: Math.round(score * 1000) / 1000,
      matchedOn,
    };
    const row = this.recRow[rec]!;
    if (row >= 0 && this.sevenOff[row + 1]! > this.sevenOff[row]!) {
      const choices: SeventhChoice[] = [];
      for (let p = this.sevenOff[row]!; p < this.sevenOff[row + 1]!; p++) {
        const r = this.sevenRec[p]!;
        const code = this.codes[r]!;
        choices.push({ char: code.charAt(code.length - 1), code, title: this.titleOf(r) });
      }
      out.sevenths = choices;
    }
    if (terminated[rec]! > 0) out.terminatedOn = isoOf(terminated[rec]!);
    return out;
  }

  private titleOf(rec: number): string {
    const { titleOff } = this.data.arrays;
    const title = this.titles.slice(titleOff[rec]!, titleOff[rec + 1]! - 1);
    if (title.charCodeAt(0) !== SUFFIX_MARK) return title;
    // 7th-character titles are stored as the parent's title plus their own ending.
    return `${this.titleOf(this.data.arrays.parentRec[rec]!)}, ${title.slice(1)}`;
  }

  private children_(): { off: Uint32Array; rows: Uint32Array } {
    if (this.childIndex) return this.childIndex;
    const { rowRec, parentRec } = this.data.arrays;
    const rows = rowRec.length;
    const off = new Uint32Array(rows + 1);
    const parentRow = new Int32Array(rows).fill(-1);
    for (let row = 0; row < rows; row++) {
      const parent = parentRec[rowRec[row]!]!;
      if (parent >= 0 && this.recRow[parent]! >= 0) {
        parentRow[row] = this.recRow[parent]!;
        off[parentRow[row]! + 1]!++;
      }
    }
    for (let i = 0; i < rows; i++) off[i + 1]! += off[i]!;
    const fill = off.slice(0, rows);
    const list = new Uint32Array(off[rows]!);
    for (let row = 0; row < rows; row++) if (parentRow[row]! >= 0) list[fill[parentRow[row]!]!++] = row;
    this.childIndex = { off, rows: list };
    return this.childIndex;
  }
}

// -----------------------------------------------------------------------------------------------
// Index building (module-level helpers, below the class)

/** @internal Everything an index holds, as written in a snapshot. */
interface IndexData {
  strings: { codes: string; titles: string; terms: string };
  arrays: {
    /** Per record: system index (0 ICD-10-CM, 1 HCPCS, 2 CPT). */
    system: Uint8Array;
    /** Per record: FLAG_* bits. */
    flags: Uint8Array;
    /** Per record: parent record or -1. */
    parentRec: Int32Array;
    /** Per record: last date of service as yyyymmdd, 0 when none. */
    terminated: Int32Array;
    /** Per record: first date of service as yyyymmdd, 0 when none. */
    effective: Int32Array;
    /** Record indices sorted by code without the dot, then system. */
    codeOrder: Uint32Array;
    /** Per record: where its title starts in the titles string (one more entry at the end). */
    titleOff: Uint32Array;
    /** Per row: its record. */
    rowRec: Uint32Array;
    /** Per row: fewest required words of its title and synonyms, for the candidate estimate. */
    rowCore: Uint8Array;
    /** Per row: defaultness of its title (0–6). */
    rowDefault: Uint8Array;
    /** Per row: the row a header stands for in a generic query (its default descendant), or -1. */
    rowDefaultChild: Int32Array;
    /** Row → its fields (CSR offsets into fieldKind/fieldOff). */
    rowFieldOff: Uint32Array;
    /** Per field: FieldKind. */
    fieldKind: Uint8Array;
    /** Field → its entries (CSR offsets into fieldEnt). */
    fieldOff: Uint32Array;
    /** Field entries: term << ROLE_BITS | TokenRole. */
    fieldEnt: Uint32Array;
    /** Term → rows (CSR offsets into post). */
    postOff: Uint32Array;
    post: Uint32Array;
    /** Term indices ordered by stem, for plural-insensitive exact matches. */
    stemOrder: Uint32Array;
    /** Term indices ordered by derivational root, for related forms (hypertensive ~ hypertension). */
    rootOrder: Uint32Array;
  };
}

const STRING_NAMES = ['codes', 'titles', 'terms'] as const;
const ARRAY_NAMES = [
  'system', 'flags', 'parentRec', 'terminated', 'effective', 'codeOrder', 'titleOff', 'rowRec', 'rowCore', 'rowDefault', 'rowDefaultChild',
  'rowFieldOff', 'fieldKind', 'fieldOff', 'fieldEnt', 'postOff', 'post', 'stemOrder', 'rootOrder',
] as const;

const SYSTEMS: readonly CodeSystem[] = ['icd10cm', 'hcpcs', 'cpt'];
const SYSTEM_INDEX: Record<CodeSystem, number> = { icd10cm: 0, hcpcs: 1, cpt: 2 };
const FLAG_BILLABLE = 1;
const FieldKind = { title: 0, synonym: 1, seventh: 2 } as const;
const SUFFIX_MARK = 1;
const ROLE_BITS = 3;
const ROLE_MASK = 7;

const EXACT_CODE_SCORE = 1000;
const PREFIX_CODE_SCORE = 900;
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 12;
/** Candidates ranked precisely per query reading. */
const CANDIDATES = 300;
/** A word whose matches hold more postings than this only confirms candidates found by the other words. */
const FILTER_ONLY_MASS = 60_000;
const PROMOTE_FROM_TOP = 50;
const BILLABLE_BONUS = 5;
/** CPT/HCPCS synonyms are search keywords (related words, "heart attack" on a troponin test), weaker than a title or an ICD-10-CM inclusion term. */
const KEYWORD_PENALTY = 3;
/** Words alone name a condition more often than a service: an equal ICD-10-CM match goes first. */
const DIAGNOSIS_TIE_BREAK = 1;
// Prefix weight: 0.55 for a short start of a long word, up to 0.9 for a whole word.
const PREFIX_BASE = 0.55;
const PREFIX_SPAN = 0.35;
/** Up to this much more for a completion found in many rows (log scale, full at about 1,000 rows). */
const PREFIX_COMMON = 0.06;
const LOG_ROWS_SCALE = Math.log1p(1000);
const FUZZY_WEIGHT = 0.5;
const FUZZY_PREFIX_WEIGHT = 0.42;
/** Equally close typo candidates are kept only within this factor of the commonest one's row count. */
const TYPO_PRIOR_RATIO = 8;
/** Weight of a related form (hypertensive for hypertension); counts as an exact word for the tiers. */
const RELATED_WEIGHT = 0.9;
/** How much default-state words (unspecified, without …) dilute a field's specificity. */
const NEUTRAL_DILUTION = 0.15;
/** A reading through the abbreviation dictionary ranks below the same match on the words as typed. */
const EXPANSION_PENALTY = 8;
/** The best field names as present what the code says is absent ("heart failure" vs "without heart failure"). */
const CONTRADICTION_PENALTY = 10;
/** Weight of a negated query word satisfied by the code not mentioning it. */
const ABSENCE_WEIGHT = 0.5;

interface Hit {
  score: number;
  matchedOn: MatchKind;
}

interface TextHit extends Hit {
  tier: number;
  /** Every required word of the best field is covered by the query. */
  complete: boolean;
  row: number;
}

interface WordSpec {
  index: number;
  text: string;
  /** Exact and same-stem terms (weight 1) and typo hits (weight < 1). */
  exact: Map<number, number>;
  /** Prefix range of the sorted vocabulary. */
  lo: number;
  hi: number;
  prefixScale: number;
  idf: number;
  typo: boolean;
  unmatched: boolean;
  /** Inside a negation ("without aura"). */
  negated: boolean;
  filterOnly: boolean;
}

function buildIndexData(records: readonly SearchableRecord[], options: Required<IndexOptions>): IndexData {
  const n = records.length;
  const system = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const parentRec = new Int32Array(n).fill(-1);
  const terminated = new Int32Array(n);
  const effective = new Int32Array(n);
  const byCode = new Map<string, number>();
  records.forEach((r, i) => {
    const s = SYSTEM_INDEX[r.system];
    if (s === undefined) throw new TypeError(`record ${r.code}: unknown system ${String(r.system)}`);
    system[i] = s;
    if (r.billable) flags[i] = FLAG_BILLABLE;
    terminated[i] = dayNumber(r.terminatedOn ?? '');
    effective[i] = dayNumber(r.effectiveFrom ?? '');
    byCode.set(`${s}:${r.code}`, i);
  });
  records.forEach((r, i) => {
    if (r.parent) parentRec[i] = byCode.get(`${system[i]}:${r.parent}`) ?? -1;
  });

  // 7th-character variants (ICD-10-CM codes of seven characters) are folded into their parent's row.
  const isSeventh = (i: number) => system[i] === SYSTEM_INDEX.icd10cm && parentRec[i]! >= 0 && bareCode(records[i]!.code).length === 7;
  const rowRecList: number[] = [];
  const recRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (isSeventh(i)) continue;
    recRow[i] = rowRecList.length;
    rowRecList.push(i);
  }
  const seventhEndings = new Map<number, Set<string>>();
  const titles = records.map((r, i) => {
    if (!isSeventh(i)) return r.title.replace(/\n/g, ' ');
    const parentTitle = records[parentRec[i]!]!.title;
    const ending = r.title.startsWith(`${parentTitle}, `) ? r.title.slice(parentTitle.length + 2) : undefined;
    if (ending !== undefined) {
      const row = recRow[parentRec[i]!]!;
      if (!seventhEndings.has(row)) seventhEndings.set(row, new Set());
      seventhEndings.get(row)!.add(ending);
    }
    return ending !== undefined && !ending.includes('\n') ? `${String.fromCharCode(SUFFIX_MARK)}${ending}` : r.title.replace(/\n/g, ' ');
  });

  // Fields: the title, then synonyms (inclusion terms, keywords, Includes notes), then 7th-character endings.
  const termIds = new Map<string, number>();
  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) termIds.set(term, (id = termIds.size));
    return id;
  };
  const rows = rowRecList.length;
  const rowFieldOff = new Uint32Array(rows + 1);
  const fieldKindList: number[] = [];
  const fieldOffList: number[] = [0];
  const provisional: number[] = [];
  const rowDefault = new Uint8Array(rows);
  const addField = (tokens: FieldToken[], kind: number) => {
    if (tokens.length === 0) return;
    for (const t of tokens) provisional.push((idOf(t.term) << ROLE_BITS) | t.role);
    fieldKindList.push(kind);
    fieldOffList.push(provisional.length);
  };
  const titleCore: Set<string>[] = [];
  const hasNos = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    const r = records[rowRecList[row]!]!;
    // Parentheses hold nonessential words in ICD-10-CM titles, but brand names and abbreviations in HCPCS/CPT ones.
    const fieldOptions = { parenthesesOptional: r.system === 'icd10cm' };
    const titleTokens = analyzeField(r.title, fieldOptions);
    titleCore.push(new Set(titleTokens.filter((t) => t.role === TokenRole.core).map((t) => stem(t.term))));
    addField(titleTokens, FieldKind.title);
    const seen = new Set([r.title.toLowerCase()]);
    const synonyms = [...(r.synonyms ?? []), ...(options.includesNotes ? (r.notes?.includes ?? []) : [])];
    // An inclusion term ending in NOS marks the code where the unqualified condition goes.
    if (r.system === 'icd10cm' && (r.synonyms ?? []).some((t) => /\bNOS\b/.test(t))) hasNos[row] = 1;
    // Preferring the unspecified code is an ICD-10-CM convention; a HCPCS "not otherwise specified" code is a last resort.
    rowDefault[row] = r.system === 'icd10cm' ? Math.min(7, defaultness(r.title) + hasNos[row]!) : 0;
    for (const synonym of synonyms) {
      const key = synonym.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      addField(analyzeField(synonym, fieldOptions), FieldKind.synonym);
    }
    const endings = seventhEndings.get(row);
    if (options.seventhWords && endings) {
      const words = new Set<string>();
      for (const ending of endings) for (const t of analyzeField(ending)) words.add(t.term);
      addField([...words].map((term) => ({ term, role: TokenRole.optional })), FieldKind.seventh);
    }
    rowFieldOff[row + 1] = fieldKindList.length;
  }

  // Sort the vocabulary so prefixes are ranges, and renumber.
  const termList = [...termIds.keys()].sort();
  const remap = new Uint32Array(termIds.size);
  termList.forEach((term, i) => (remap[termIds.get(term)!] = i));
  const fieldEnt = new Uint32Array(provisional.length);
  for (let p = 0; p < provisional.length; p++) fieldEnt[p] = (remap[provisional[p]! >>> ROLE_BITS]! << ROLE_BITS) | (provisional[p]! & ROLE_MASK);
  const fieldOff = Uint32Array.from(fieldOffList);

  // Postings: each row once per term, rows ascending.
  const T = termList.length;
  const postOff = new Uint32Array(T + 1);
  const lastRow = new Int32Array(T).fill(-1);
  const forEachRowTerm = (fn: (row: number, term: number) => void) => {
    lastRow.fill(-1);
    for (let row = 0; row < rows; row++) {
      for (let p = fieldOff[rowFieldOff[row]!]!; p < fieldOff[rowFieldOff[row + 1]!]!; p++) {
        const term = fieldEnt[p]! >>> ROLE_BITS;
        if (lastRow[term] === row) continue;
        lastRow[term] = row;
        fn(row, term);
      }
    }
  };
  forEachRowTerm((_, term) => postOff[term + 1]!++);
  for (let t = 0; t < T; t++) postOff[t + 1]! += postOff[t]!;
  const fill = postOff.slice(0, T);
  const post = new Uint32Array(postOff[T]!);
  forEachRowTerm((row, term) => (post[fill[term]!++] = row));

  const orderBy = (keys: string[]) => Uint32Array.from(termList.keys()).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const stemOrder = orderBy(termList.map(stem));
  const rootOrder = orderBy(termList.map(root));

  const codeKeys = records.map((r) => bareCode(r.code));
  const codeOrder = Uint32Array.from(records.keys()).sort((a, b) => (codeKeys[a]! < codeKeys[b]! ? -1 : codeKeys[a]! > codeKeys[b]! ? 1 : system[a]! - system[b]!));

  const rowRec = Uint32Array.from(rowRecList);
  const titleOff = new Uint32Array(n + 1);
  titles.forEach((t, i) => (titleOff[i + 1] = titleOff[i]! + t.length + 1));
  const arraysWithoutCore = { rowRec, rowFieldOff, fieldOff, fieldEnt, fieldKind: Uint8Array.from(fieldKindList) };
  return {
    strings: { codes: records.map((r) => r.code).join('\n'), titles: titles.join('\n'), terms: termList.join('\n') },
    arrays: {
      system,
      flags,
      parentRec,
      terminated,
      effective,
      codeOrder,
      titleOff,
      rowRec,
      rowCore: coreCounts(arraysWithoutCore),
      rowDefault,
      rowDefaultChild: defaultChildren(rowRec, recRow, parentRec, flags, rowDefault, hasNos, titleCore),
      rowFieldOff,
      fieldKind: arraysWithoutCore.fieldKind,
      fieldOff,
      fieldEnt,
      postOff,
      post,
      stemOrder,
      rootOrder,
    },
  };
}

/**
 * For each header row, the row it stands for in a generic query: the child that reads most like the
 * default (unspecified, "without …", an NOS inclusion term) and adds the fewest words to the header's
 * title, billable before header, first in code order; descending through headers.
 */
function defaultChildren(
  rowRec: Uint32Array,
  recRow: Int32Array,
  parentRec: Int32Array,
  flags: Uint8Array,
  rowDefault: Uint8Array,
  hasNos: Uint8Array,
  titleCore: Set<string>[],
): Int32Array {
  const rows = rowRec.length;
  const bestChild = new Int32Array(rows).fill(-1);
  const bestValue = new Float64Array(rows).fill(-Infinity);
  const hasSevenths = new Uint8Array(rows);
  for (let rec = 0; rec < recRow.length; rec++) {
    if (recRow[rec]! < 0 && parentRec[rec]! >= 0 && recRow[parentRec[rec]!]! >= 0) hasSevenths[recRow[parentRec[rec]!]!] = 1;
  }
  const leafLike = (row: number) => (flags[rowRec[row]!]! & FLAG_BILLABLE) !== 0 || hasSevenths[row] === 1;
  for (let row = 0; row < rows; row++) {
    const parent = parentRec[rowRec[row]!]!;
    const parentRow = parent >= 0 ? recRow[parent]! : -1;
    if (parentRow < 0) continue;
    let added = 0;
    for (const word of titleCore[row]!) if (!titleCore[parentRow]!.has(word)) added++;
    const value = 2 * rowDefault[row]! + 3 * hasNos[row]! - added + (leafLike(row) ? 0.5 : 0);
    // Rows come in code order, so on a tie the first child stays.
    if (value > bestValue[parentRow]!) {
      bestValue[parentRow] = value;
      bestChild[parentRow] = row;
    }
  }
  // Parents come before children in row order, so resolve from the end: a header child hands over its own default.
  const resolved = new Int32Array(rows).fill(-1);
  for (let row = rows - 1; row >= 0; row--) {
    if (leafLike(row)) continue;
    const child = bestChild[row]!;
    if (child < 0) continue;
    resolved[row] = leafLike(child) ? child : resolved[child]! >= 0 ? resolved[child]! : child;
  }
  return resolved;
}

/** Fewest required words of any of a row's titles and synonyms, for the candidate estimate. */
function coreCounts(arrays: Pick<IndexData['arrays'], 'rowRec' | 'rowFieldOff' | 'fieldOff' | 'fieldEnt' | 'fieldKind'>): Uint8Array {
  const { rowFieldOff, fieldOff, fieldEnt, fieldKind } = arrays;
  const rows = arrays.rowRec.length;
  const out = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    let fewest = 255;
    for (let f = rowFieldOff[row]!; f < rowFieldOff[row + 1]!; f++) {
      if (fieldKind[f] === FieldKind.seventh) continue;
      let core = 0;
      for (let p = fieldOff[f]!; p < fieldOff[f + 1]!; p++) if ((fieldEnt[p]! & ROLE_MASK) === TokenRole.core) core++;
      fewest = Math.min(fewest, core);
    }
    out[row] = fewest === 255 ? 0 : fewest;
  }
  return out;
}

/** Row → its 7th-character variant records, in code order. */
function sevenths(parentRec: Int32Array, recRow: Int32Array, rows: number, codes: string[]): [Uint32Array, Uint32Array] {
  const off = new Uint32Array(rows + 1);
  for (let rec = 0; rec < recRow.length; rec++) {
    if (recRow[rec]! < 0 && parentRec[rec]! >= 0) off[recRow[parentRec[rec]!]! + 1]!++;
  }
  for (let i = 0; i < rows; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, rows);
  const list = new Uint32Array(off[rows]!);
  for (let rec = 0; rec < recRow.length; rec++) {
    if (recRow[rec]! < 0 && parentRec[rec]! >= 0) list[fill[recRow[parentRec[rec]!]!]!++] = rec;
  }
  for (let row = 0; row < rows; row++) {
    if (off[row + 1]! - off[row]! > 1) list.subarray(off[row]!, off[row + 1]!).sort((a, b) => compareCodes(codes[a]!, codes[b]!));
  }
  return [off, list];
}

/** Keeps the `size` best rows by estimate (a min-heap on parallel typed arrays). */
class CandidateHeap {
  private readonly rowsHeap: Uint32Array;
  private readonly keys: Float64Array;
  private count = 0;
  constructor(private readonly size: number) {
    this.rowsHeap = new Uint32Array(size);
    this.keys = new Float64Array(size);
  }
  push(row: number, key: number): void {
    if (this.count < this.size) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.keys[parent]! <= key) break;
        this.keys[i] = this.keys[parent]!;
        this.rowsHeap[i] = this.rowsHeap[parent]!;
        i = parent;
      }
      this.keys[i] = key;
      this.rowsHeap[i] = row;
      return;
    }
    if (key <= this.keys[0]!) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) break;
      const r = l + 1;
      const c = r < this.count && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.rowsHeap[i] = this.rowsHeap[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.rowsHeap[i] = row;
  }
  rows(): Uint32Array {
    return this.rowsHeap.subarray(0, this.count);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Compares a code (dots ignored) with a bare key, like string comparison. */
function compareBare(code: string, key: string): number {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < code.length && code.charCodeAt(i) === 46) i++;
    if (i >= code.length) return j >= key.length ? 0 : -1;
    if (j >= key.length) return 1;
    const a = code.charCodeAt(i);
    const b = key.charCodeAt(j);
    if (a !== b) return a - b;
    i++;
    j++;
  }
}

function bareStartsWith(code: string, key: string): boolean {
  let i = 0;
  for (let j = 0; j < key.length; j++, i++) {
    while (i < code.length && code.charCodeAt(i) === 46) i++;
    if (i >= code.length || code.charCodeAt(i) !== key.charCodeAt(j)) return false;
  }
  return true;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** yyyy-mm-dd → yyyymmdd as a number (0 when absent or malformed). */
function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

function isoOf(day: number): string {
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Defaults of {@link IndexOptions}. */
export const defaultIndexOptions: Required<IndexOptions> = {
  includesNotes: true,
  seventhWords: true,
};

/** Defaults of {@link SearchOptions}; `dateOfService: ''` means today, read at search time. */
export const defaultSearchOptions: Required<SearchOptions> = {
  limit: 20,
  systems: SYSTEMS,
  billableOnly: false,
  dateOfService: '',
  includeInactive: false,
  fuzzy: true,
  abbreviations: true,
};
