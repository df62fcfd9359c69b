import { sectionAt, sentencesIn } from '../../chart';
import type { ChartDocument, ChartSentence, SectionCategory, TextSpan } from '../../chart';
import type { Evidence } from '../types';

/** A word of a chart (letters/digits only, lower-cased) with its document offsets. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** A sentence ready for matching: its words, lower-cased text and section. */
export interface SentenceView {
  sentence: ChartSentence;
  /** Index into `document.sentences`. */
  index: number;
  /** Document offset of the sentence (same as `sentence.start`). */
  start: number;
  /** Lower-cased sentence text (same length as the original, so offsets carry over). */
  lower: string;
  words: Word[];
  section?: SectionCategory;
  /** Heading of the section as written ("Medications Administered"). */
  sectionTitle?: string;
}

// Hyphens and slashes split words ("Depo-Medrol" → depo, medrol) so "Depo Medrol" matches the same way.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Words of a text (lower-cased) with offsets shifted by `base`.
 *
 * @example wordsOf('Depo-Medrol 40 mg').map(w => w.text) // ['depo', 'medrol', '40', 'mg']
 */
export function wordsOf(text: string, base = 0): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    out.push({ text: m[0].toLowerCase().replace(/’/g, "'"), start: base + m.index, end: base + m.index + m[0].length });
  }
  return out;
}

/** The words of a phrase, for building phrase tables. */
export function phraseWords(phrase: string): string[] {
  return wordsOf(phrase).map((w) => w.text);
}

const viewsOf = new WeakMap<ChartDocument, readonly SentenceView[]>();

/**
 * Every non-heading sentence of a document as a {@link SentenceView}. Built once per document: the procedure
 * stages (named procedures, drugs, E/M, vaccines) all read the same sentences. Callers get their own array.
 */
export function sentenceViews(doc: ChartDocument): SentenceView[] {
  const cached = viewsOf.get(doc);
  if (cached) return [...cached];
  const views = buildSentenceViews(doc);
  viewsOf.set(doc, views);
  return [...views];
}

function buildSentenceViews(doc: ChartDocument): SentenceView[] {
  const views: SentenceView[] = [];
  doc.sentences.forEach((sentence, index) => {
    if (sentence.isHeading || sentence.text.trim() === '') return;
    const section = sentence.section >= 0 ? doc.sections[sentence.section] : undefined;
    views.push({
      sentence,
      index,
      start: sentence.start,
      lower: sentence.text.toLowerCase(),
      words: wordsOf(sentence.text, sentence.start),
      ...(section ? { section: section.category, sectionTitle: section.title } : {}),
    });
  });
  return views;
}

/**
 * A heading joined with the first sentence of its section ("EKG:" + "NSR, rate 72."), for headings that
 * name what the section reports. Offsets stay document offsets.
 */
export function headingViews(doc: ChartDocument): SentenceView[] {
  const views: SentenceView[] = [];
  doc.sentences.forEach((heading, index) => {
    if (!heading.isHeading || heading.section < 0) return;
    const next = doc.sentences[index + 1];
    const end = next && !next.isHeading && next.section === heading.section ? next.end : heading.end;
    const section = doc.sections[heading.section]!;
    const text = doc.text.slice(heading.start, end);
    views.push({
      sentence: { start: heading.start, end, text, section: heading.section, isHeading: false },
      index,
      start: heading.start,
      lower: text.toLowerCase(),
      words: wordsOf(text, heading.start),
      section: section.category,
      sectionTitle: section.title,
    });
  });
  return views;
}

/** Evidence for `[start, end)` of a document: the words, their sentence and section. */
export function evidenceAt(doc: ChartDocument, start: number, end: number): Evidence {
  const s = Math.max(0, Math.min(start, doc.text.length));
  const e = Math.max(s, Math.min(end, doc.text.length));
  const holder = sentencesIn(doc, s, Math.max(e, s + 1))[0];
  const section = sectionAt(doc.sections, s)?.category;
  return { start: s, end: e, text: doc.text.slice(s, e), sentence: holder?.text ?? doc.text.slice(s, e), ...(section ? { section } : {}) };
}

/** A node of a {@link PhraseTable}. */
interface PhraseNode<T> {
  next: Map<string, PhraseNode<T>>;
  values: T[];
}

/** A match of a phrase table in a word list: words `[from, to)` and the values stored for the phrase. */
export interface PhraseMatch<T> {
  from: number;
  to: number;
  start: number;
  end: number;
  values: T[];
}

/**
 * Word-sequence lookup (a trie over words): phrases are matched on word boundaries, case-insensitive,
 * with punctuation and hyphens ignored.
 *
 * @example const t = new PhraseTable<string>(); t.add('rapid strep', '87880'); t.longest(wordsOf('Rapid strep: negative'))
 */
export class PhraseTable<T> {
  private readonly root: PhraseNode<T> = { next: new Map(), values: [] };
  size = 0;

  /** Adds a phrase (ignored when it has no words). */
  add(phrase: string | readonly string[], value: T): void {
    const words = typeof phrase === 'string' ? phraseWords(phrase) : phrase;
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(w, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
    this.size++;
  }

  /** Every match, overlapping ones included, in text order. */
  all(words: readonly Word[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      let node = this.root;
      for (let j = i; j < words.length; j++) {
        const child = node.next.get(words[j]!.text);
        if (!child) break;
        node = child;
        if (node.values.length > 0) out.push({ from: i, to: j + 1, start: words[i]!.start, end: words[j]!.end, values: node.values });
      }
    }
    return out;
  }

  /** Matches with overlaps resolved: the longest wins, then the earliest. */
  longest(words: readonly Word[]): PhraseMatch<T>[] {
    const found = this.all(words).sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    const taken = new Uint8Array(words.length);
    const kept: PhraseMatch<T>[] = [];
    for (const m of found) {
      let free = true;
      for (let k = m.from; k < m.to && free; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = m.from; k < m.to; k++) taken[k] = 1;
      kept.push(m);
    }
    return kept.sort((a, b) => a.from - b.from);
  }

  /** True when any phrase occurs. */
  test(words: readonly Word[]): boolean {
    for (let i = 0; i < words.length; i++) {
      let node = this.root;
      for (let j = i; j < words.length; j++) {
        const child = node.next.get(words[j]!.text);
        if (!child) break;
        node = child;
        if (node.values.length > 0) return true;
      }
    }
    return false;
  }
}

/** A phrase table of plain phrases (value = the phrase as written). */
export function phraseSet(phrases: readonly string[]): PhraseTable<string> {
  const table = new PhraseTable<string>();
  for (const p of phrases) table.add(p, p);
  return table;
}

/** Number words a note may spell out ("three warts"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  single: 1, a: 1, an: 1,
};

/** Reads "3", "1,000", "2.5" or a spelled-out number; undefined otherwise. */
export function readNumber(word: string): number | undefined {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$/.test(word)) return Number(word.replace(/,/g, ''));
  return NUMBER_WORDS[word.toLowerCase()];
}

/** Age in whole years on a date (both YYYY-MM-DD), or undefined when either is missing. */
export function ageOn(dobIso: string | undefined, dateIso: string | undefined): number | undefined {
  if (!dobIso || !dateIso) return undefined;
  const [by, bm, bd] = dobIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = dateIso.split('-').map(Number) as [number, number, number];
  if (![by, bm, bd, y, m, d].every(Number.isFinite)) return undefined;
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age >= 0 ? age : undefined;
}

/** Index of the first word at or after a document offset (words.length when none). */
export function wordIndexAt(words: readonly Word[], offset: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The semicolon clause of a sentence that holds a span, in document offsets ("rapid flu A neg; rapid COVID-19 Ag neg"). */
export function semicolonClause(view: SentenceView, span: TextSpan): TextSpan {
  const text = view.sentence.text;
  const before = text.lastIndexOf(';', span.start - view.start - 1);
  const after = text.indexOf(';', span.end - view.start);
  return { start: view.start + before + 1, end: view.start + (after < 0 ? text.length : after) };
}

/** Up to `count` sentences after a view's own, while they stay in its section. */
/**
 * The next lines of the view's section and, when it ends, of an "Administration:" / procedure section right after it
 * ("Medication: testosterone cypionate 200 mg … ↵ Administration: … Given intramuscularly"): where a drug record goes on.
 */
export function nextLinesIntoProcedure(document: ChartDocument, view: SentenceView, count: number): ChartSentence[] {
  const own = nextLinesOfSection(document, view, count);
  // Only a drug record ("Medication:") goes on there: a plan's "increase levothyroxine to 88 mcg" does not.
  const category = document.sections[view.sentence.section]?.category;
  if (category !== undefined && category !== 'medications' && category !== 'other') return own;
  const at = document.sentences.indexOf(view.sentence) + own.length + 1;
  const next = document.sentences[at];
  if (own.length >= count || !next || next.section === view.sentence.section || document.sections[next.section]?.category !== 'procedures') return own;
  const after = document.sentences.slice(at, at + count + 1).filter((s) => s.section === next.section && !s.isHeading);
  return [...own, ...after.slice(0, count - own.length)];
}

export function nextLinesOfSection(document: ChartDocument, view: SentenceView, count: number): ChartSentence[] {
  const at = document.sentences.indexOf(view.sentence);
  if (at < 0) return [];
  const out: ChartSentence[] = [];
  for (const next of document.sentences.slice(at + 1, at + 1 + count)) {
    if (next.section !== view.sentence.section) break;
    out.push(next);
  }
  return out;
}
