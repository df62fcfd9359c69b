import { isLetterheadLine } from './letterhead';
import type { ChartSection, ChartSentence } from './types';

/** Options for {@link splitSentences}. */
export interface SentenceOptions {
  /** Also end a sentence at a semicolon. Default: false. */
  splitOnSemicolon?: boolean;
  /**
   * Read a line break as a space when the line looks hard-wrapped: it is at least `wrapMinLength` long,
   * has no table cells, does not end in punctuation, and the next line starts in lower case. Default: true.
   */
  joinWrappedLines?: boolean;
  /** Shortest line that can be a hard-wrapped one (see `joinWrappedLines`). Default: 30. */
  wrapMinLength?: number;
  /** Longest sentence in characters; longer runs are cut at a space. Default: 1000. */
  maxLength?: number;
  /** Words (lower case, without the final period) after which a period does not end a sentence. Default: {@link DEFAULT_ABBREVIATIONS}. */
  abbreviations?: readonly string[];
  /** Keep letterhead lines above the first clinical section as sentences (see letterhead.ts). Default: false. */
  keepLetterhead?: boolean;
}

/**
 * Words after which a period is not a sentence end: titles, dose units (the "mg."), dotted
 * Latin dosing and common short forms. Words that also often end a sentence ("IM.", "BID.", "wks.")
 * are left out on purpose.
 */
export const DEFAULT_ABBREVIATIONS: readonly string[] = [
  'dr', 'drs', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sr', 'jr', 'st', 'mt', 'rev', 'hon', 'capt', 'lt', 'sgt',
  'mg', 'mcg', 'ug', 'kg', 'lb', 'lbs', 'oz', 'ml', 'dl', 'mmol', 'meq', 'iu', 'cm', 'mm',
  'y.o', 'yo', 'approx', 'appt', 'vs', 'e.g', 'i.e', 'eg', 'ie', 'cf', 'al', 'viz', 'incl', 'esp',
  'b.i.d', 't.i.d', 'q.i.d', 'q.d', 'q.h.s', 'q.o.d', 'p.o', 'p.r', 'p.r.n', 'a.m', 'p.m', 'h.s', 'a.c', 'p.c', 'q',
  'ave', 'blvd', 'univ', 'hosp', 'dept', 'inc', 'corp', 'ltd',
];

/** Measurement units among the abbreviations: after a number they end a sentence the next capitalised word starts. */
const UNITS: ReadonlySet<string> = new Set(['mg', 'mcg', 'ug', 'kg', 'lb', 'lbs', 'oz', 'ml', 'dl', 'mmol', 'meq', 'iu', 'cm', 'mm']);

/** Words after which a period is not a sentence end when a number follows ("No. 2", "Jan. 5", "Fig. 3"). */
const NUMBER_PREFIXES: ReadonlySet<string> = new Set([
  'no', 'nos', 'num', 'fig', 'figs', 'ref', 'vol', 'p', 'pp', 'ch', 'sec', 'approx',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * The clinical sentence splitter. Ends a sentence at '.', '!' or '?' followed by a space and a word that
 * is not lower case, except after abbreviations ("Dr.", "mg.", "b.i.d."), initials and list numbers
 * ("1."); decimals ("2.5") never split. Line breaks, list items and table rows end sentences (unless
 * the line looks hard-wrapped); section headings become sentences of their own, and no sentence
 * crosses a section boundary. Runs in linear time.
 *
 * @example splitSentences('Seen by Dr. Lee. Took 2.5 mg. daily.').map(s => s.text) // ['Seen by Dr. Lee.', 'Took 2.5 mg. daily.']
 */
export function splitSentences(text: string, sections: readonly ChartSection[] = [], options: SentenceOptions = {}): ChartSentence[] {
  const opts = { ...defaultSentenceOptions, ...options };
  const abbreviations = options.abbreviations ? new Set(options.abbreviations) : DEFAULT_ABBREVIATION_SET;
  const out: ChartSentence[] = [];
  // Above the first section a rule names, title lines are letterhead (the practice's name), not sentences.
  const clinicalStart = opts.keepLetterhead ? 0 : (sections.find((s) => s.rule)?.start ?? text.length);
  const splitter = new RegionSplitter(text, opts, abbreviations, out, clinicalStart);
  let pos = 0;
  let sectionIndex = -1;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    if (section.start > pos) splitter.split(pos, section.start, sectionIndex);
    sectionIndex = i;
    splitter.cut(section.heading.start, section.heading.end, i, true);
    pos = Math.max(pos, section.heading.end);
  }
  if (pos < text.length) splitter.split(pos, text.length, sectionIndex);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const DEFAULT_ABBREVIATION_SET: ReadonlySet<string> = new Set(DEFAULT_ABBREVIATIONS);

type Options = typeof defaultSentenceOptions;

class RegionSplitter {
  constructor(
    private readonly text: string,
    private readonly opts: Options,
    private readonly abbreviations: ReadonlySet<string>,
    private readonly out: ChartSentence[],
    private readonly clinicalStart: number,
  ) {}

  /** Whether the sentence from `start` (up to `end`) opens with a lower-case letter, list numbers aside. */
  private beganInLowerCase(start: number, end: number): boolean {
    const opening = /^[\s\d.)#-]*([A-Za-z])/.exec(this.text.slice(start, Math.min(end, start + 40)));
    return !!opening && isLower(opening[1]!.charCodeAt(0));
  }

  /** Splits `[from, to)` into sentences. */
  split(from: number, to: number, section: number): void {
    const text = this.text;
    let start = from;
    let lineStart = from;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) {
        if (!(this.opts.joinWrappedLines && this.isWrapped(lineStart, i, to))) {
          this.cut(start, i, section);
          start = i + 1;
        }
        lineStart = i + 1;
        continue;
      }
      if (c === DOT || c === BANG || c === QUESTION) {
        let j = i + 1;
        while (j < to && isTerminal(text.charCodeAt(j))) j++;
        while (j < to && isCloser(text.charCodeAt(j))) j++;
        if (j >= to) {
          i = j - 1;
          continue;
        }
        const after = text.charCodeAt(j);
        if (after !== SPACE && after !== TAB) {
          // "2.5", "e.g.x", "U.S.A" — no space after the mark; a newline is handled above.
          if (after !== NL) i = j - 1;
          else {
            if (c === DOT && this.keepsGoing(start, i)) {
              i = j - 1;
              continue;
            }
            this.cut(start, j, section);
            start = j;
            i = j - 1;
          }
          continue;
        }
        let k = j;
        while (k < to && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
        // A lower-case word goes on the sentence ("approx. two weeks"), except a dictated label that opens the next
        // part of the note ("… so no pneumonia. impression acute bronchitis"), or where the writer does not capitalise
        // sentences: a sentence that itself began in lower case ("one acute bronchitis. pneumonia ruled out by x-ray")
        // ends at its period like any other (abbreviations still do not end it).
        if (k < to && isLower(text.charCodeAt(k)) && !(c === DOT && (DICTATED_LABEL.test(text.slice(k, k + 24)) || this.beganInLowerCase(start, i)) && !this.keepsGoing(start, i))) {
          i = j - 1;
          continue;
        }
        if (c === DOT && j === i + 1 && this.keepsGoing(start, i, text.charCodeAt(k), k)) continue;
        this.cut(start, j, section);
        start = j;
        i = j - 1;
        continue;
      }
      if (c === SEMI && this.opts.splitOnSemicolon) {
        this.cut(start, i + 1, section);
        start = i + 1;
      }
    }
    this.cut(start, to, section);
  }

  /** Emits `[from, to)` trimmed, in pieces of at most maxLength. */
  cut(from: number, to: number, section: number, isHeading = false): void {
    const text = this.text;
    while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
    while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
    if (!isHeading && to - from >= RUN_ON_MIN) {
      // A dictated run-on ("…, she denies cough, her HIV test was negative, so my assessment is …") is clauses joined
      // by commas: each clause a new subject opens is read as a sentence of its own, so negation stays in its clause.
      const base = from;
      const piece = text.slice(base, to);
      // Dictation with no commas at all ("… in the urine his IPSS today is 18 … my impression is …") is cut before the
      // words that open a clause of their own.
      const commas = [...piece.matchAll(/,\s/g)];
      const cuts = commas.map((m, k) => ({ at: base + m.index + 1, opens: opensClause(piece.slice(m.index + 1), inSeries(piece, commas[k - 1]?.index, m.index)) }));
      for (const m of piece.matchAll(UNPUNCTUATED_CLAUSE)) cuts.push({ at: base + m.index, opens: true });
      cuts.sort((a, b) => a.at - b.at);
      for (const { at, opens } of cuts) {
        if (at - from < 20 || to - at < 20 || !opens) continue;
        this.cutToLength(from, at, section, false);
        from = at;
        while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
      }
    }
    this.cutToLength(from, to, section, isHeading);
  }

  /** Emits `[from, to)`, already trimmed at its start, in pieces of at most maxLength. */
  private cutToLength(from: number, to: number, section: number, isHeading: boolean): void {
    const text = this.text;
    const max = Math.max(1, this.opts.maxLength);
    while (to - from > max) {
      let split = from + max;
      const space = text.lastIndexOf(' ', split);
      if (space > from + max / 2) split = space;
      this.push(from, split, section, isHeading);
      from = split;
      while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
    }
    if (to > from) this.push(from, to, section, isHeading);
  }

  private push(start: number, end: number, section: number, isHeading: boolean): void {
    let e = end;
    while (e > start && isSpaceCode(this.text.charCodeAt(e - 1))) e--;
    if (e <= start) return;
    const text = this.text.slice(start, e);
    if (start < this.clinicalStart && isLetterheadLine(text)) return;
    this.out.push({ start, end: e, text, section, isHeading });
  }

  /** True when the period at `dot` does not end the sentence that began at `start`. */
  private keepsGoing(start: number, dot: number, next = NaN, nextAt = -1): boolean {
    const text = this.text;
    let w = dot;
    // Bounded look-back: a word longer than 24 characters is no abbreviation (and keeps this linear).
    const floor = Math.max(start, dot - 24);
    while (w > floor && isWordOrDot(text.charCodeAt(w - 1))) w--;
    const word = text.slice(w, dot).toLowerCase();
    if (word === '') return false;
    // "Uterus sounded to 7.5 cm. Tenaculum removed": a unit after a number, then a capitalised word in lower case
    // after its first letter, ends the sentence ("5 mg. PO daily" does not: PO is an abbreviation).
    if (UNITS.has(word) && nextAt > 0 && isUpper(next) && isLower(text.charCodeAt(nextAt + 1)) && /\d\s*$/.test(text.slice(Math.max(start, w - 12), w))) return false;
    if (this.abbreviations.has(word)) return true;
    if (next >= 48 && next <= 57 && NUMBER_PREFIXES.has(word)) return true;
    // Initials: "J. Smith"; also a dotted abbreviation such as "a.m." written out. A letter that names a type
    // ("Influenza A. Pneumonia ruled out", "hepatitis B. Vaccine given") ends its sentence.
    if (/^[a-z]$/.test(word) && isUpper(text.charCodeAt(w))) return !LETTER_TYPED.test(text.slice(Math.max(start, w - 14), w));
    if (/^(?:[a-z]\.)+[a-z]$/.test(word)) return true;
    // List numbers: "1." at the start of a line or after a label ("CHEST: 1. ...").
    if (/^(?:\d{1,2}|[ivx]{1,4}|[a-z])$/.test(word)) {
      let b = w;
      while (b > start && (text.charCodeAt(b - 1) === SPACE || text.charCodeAt(b - 1) === TAB)) b--;
      if (b === start) return true;
      const prev = text.charCodeAt(b - 1);
      if (prev === NL || prev === COLON || prev === 0x29 /* ) */) return true;
    }
    return false;
  }

  /** True when the newline at `nl` only wraps a long line. */
  private isWrapped(lineStart: number, nl: number, to: number): boolean {
    const text = this.text;
    if (nl - lineStart < this.opts.wrapMinLength) return false;
    let last = nl;
    while (last > lineStart && isSpaceCode(text.charCodeAt(last - 1))) last--;
    if (last === lineStart) return false;
    const end = text.charCodeAt(last - 1);
    if (isTerminal(end) || end === SEMI) return false;
    // A colon ends a label line ("Exam:"); at the end of a long line of prose it opens what the next line says
    // ("… Counselled 8 minutes today:" / "quit date set"), read as one sentence when that line starts in lower case.
    if (end === COLON && !/[.!?]\s+\S.{20,}:$|^\s*\S.{40,}:$/.test(text.slice(lineStart, last))) return false;
    // Table rows (cells joined by tabs) are lines of their own.
    if (text.slice(lineStart, nl).includes('\t')) return false;
    let k = nl + 1;
    while (k < to && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
    if (k >= to || text.slice(k, Math.min(to, k + 200)).split('\n')[0]!.includes('\t')) return false;
    // A dictated list says its numbers: "assessment one major depressive disorder …" / "two hypertension on amlodipine"
    // starts the next item, not a wrapped line, when the item before was said as the number before it.
    const spoken = SPOKEN_ITEM.exec(text.slice(k, k + 24));
    if (spoken) {
      const previous = SPOKEN_NUMBERS[SPOKEN_NUMBERS.indexOf(spoken[1]!.toLowerCase()) - 1];
      if (previous && new RegExp(`\\b${previous}\\s+[a-z]`, 'i').test(text.slice(Math.max(0, lineStart - 2000), nl))) return false;
    }
    // "Irrigated with" / "250 mL normal saline": a line that ends on a preposition or article goes on, whatever follows.
    const lastWord = /([A-Za-z]+)$/.exec(text.slice(Math.max(lineStart, last - 12), last))?.[1]?.toLowerCase();
    if (lastWord && CONTINUING_WORDS.has(lastWord) && /[A-Za-z0-9]/.test(text[k]!)) return true;
    return isLower(text.charCodeAt(k));
  }
}

/** Spoken list numbers, in order. */
const SPOKEN_NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** A line opening with a spoken item number ("two hypertension …", "number three …"). */
const SPOKEN_ITEM = /^(?:number\s+)?(two|three|four|five|six|seven|eight|nine|ten)\s+(?=[a-z])/i;

/** Lower-case labels a dictation opens a part of the note with after a period. */
const DICTATED_LABEL = /^(?:impression|assessment|diagnosis|plan|exam|examination|vitals|labs)\b(?!\s+(?:of|and|was|is|by|with|for|to)\b)/;

/** Shortest sentence read as a run-on of comma-joined clauses. */
const RUN_ON_MIN = 250;
/** A clause's subject after a comma: ", she denies", ", I reviewed", ", her HIV test", ", so my assessment is". */
const CLAUSE_SUBJECT = /^\s+(?:(?:so|and|then|but)\s+)?(?:I|she|he|we|they|her|his|my|our|their|exam|the patient|patient|total time|time spent|impression|assessment)\s/;
/** A verb of its own within a few words after a comma: ", baseline labs were drawn", ", total time today was 62 minutes". */
const CLAUSE_VERB = /^\s+(?:[\w/-]+\s+){1,5}(?:was|were|is|are|has|have|had)\b/;

/** Words that open a clause even without a comma before them: "my impression is", "exam shows", "we will start", "I spent". */
const UNPUNCTUATED_CLAUSE = /(?<=[a-z0-9%)]\s)(?=(?:so\s+)?(?:my|our)\s+(?:impression|assessment|plan|diagnosis)\b|(?:assessment|impression)\s+(?!of\b|and\b|was\b|is\b|by\b|with\b|for\b)[a-z]|plan\s+(?:is|to|increase|start|continue|decrease|stop|refer|follow|recheck|repeat)\b|(?:physical\s+)?exam(?:ination)?\s+(?:shows|showed|reveals|revealed)\b|(?<!\b(?:told|said|says|whether|unless)\s)(?:we|I|he|she)\s+(?:will|spent|reviewed|discussed|started|plan|gets|denies|reports|has|had|is|was)\b|(?:his|her)\s+(?:[a-zA-Z-]+\s+){0,2}(?:is|was|were|are)\b|(?:a|the)\s+(?:[a-zA-Z-]+\s+){0,3}(?:done|performed|drawn|obtained)\s+(?:here|in|today)\b)/g;

/** True when the text after a comma of a run-on starts a clause of its own. A series ("including review of records,
 * examination, counseling and documentation was 62 minutes") goes on: its last item's verb is the whole series'. */
function opensClause(after: string, series: boolean): boolean {
  return CLAUSE_SUBJECT.test(after) || (!series && CLAUSE_VERB.test(after.split(',', 1)[0]!));
}

/** True when the comma at `at` follows a one- or two-word item that itself followed a comma, and what follows closes
 * the series with "and"/"or" before its verb ("…, examination, counseling and documentation was"): a series of nouns. */
function inSeries(piece: string, previousComma: number | undefined, at: number): boolean {
  if (previousComma === undefined) return false;
  const item = piece.slice(previousComma + 1, at).trim();
  const next = /^[^,]*?\b(?:was|were|is|are|has|have|had)\b/.exec(piece.slice(at + 1))?.[0] ?? '';
  return item.length > 0 && item.split(/\s+/).length <= 2 && !/\b(?:was|were|is|are|has|have|had)$/.test(item) && /\b(?:and|or)\b/.test(next);
}

/** A word a capital letter names the type of ("influenza A", "hepatitis B", "vitamin D", "type 1", "group A"). */
const LETTER_TYPED = /\b(?:influenza|flu|hepatitis|hep|vitamin|type|group|class|stage|grade|factor|strep|zone|phase|tier|vial|part)\s+$/i;

/** Words a sentence does not end on: a hard-wrapped line ending with one continues on the next line. */
const CONTINUING_WORDS = new Set(['with', 'of', 'and', 'or', 'to', 'in', 'for', 'at', 'by', 'from', 'the', 'a', 'an', 'on', 'into', 'than', 'via']);

const NL = 10;
const SPACE = 32;
const TAB = 9;
const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const SEMI = 59;
const COLON = 58;

function isTerminal(c: number): boolean {
  return c === DOT || c === BANG || c === QUESTION;
}

function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x201d || c === 0x2019;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isWordOrDot(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === DOT;
}

function isSpaceCode(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === 13 || c === 12 || c === 11 || c === 160;
}

/** Defaults for {@link SentenceOptions}. */
export const defaultSentenceOptions: Required<Omit<SentenceOptions, 'abbreviations'>> & Pick<SentenceOptions, 'abbreviations'> = {
  splitOnSemicolon: false,
  joinWrappedLines: true,
  wrapMinLength: 30,
  maxLength: 1000,
  abbreviations: undefined,
  keepLetterhead: false,
};
