/**
 * Text and code normalisation shared by indexing and querying, so both sides see the same terms.
 * Titles are read with ICD-10-CM conventions in mind: words in (parentheses) or [brackets] are
 * nonessential modifiers, and "unspecified"/"NOS"/"without …"/"not …" clauses say what the code
 * does NOT require, which is how a generic query finds the unspecified code of a category.
 */

/** What a title word means for ranking. */
export const TokenRole = {
  /** A word the code requires; a query that leaves it out is less specific than the code. */
  core: 0,
  /** A nonessential modifier (in parentheses or brackets): matches, but is never required. */
  optional: 1,
  /** One part of a hyphenated word (gastro-esophageal); the joined form precedes its parts. */
  part: 2,
  /** A default-state word: unspecified, NOS, uncomplicated, a dose ("1 mg"). */
  neutral: 3,
  /** A word the code says is absent: "without heart failure", "not intractable". A query naming it contradicts the code. */
  absent: 4,
  /** B of a title "A and B" / "A or B" ("Syncope and collapse"): naming it alone is as good as naming A. */
  alternative: 5,
} as const;
/** Numeric role of a field token, see {@link TokenRole}. */
export type TokenRole = (typeof TokenRole)[keyof typeof TokenRole];

/** One word of an indexed title or synonym. */
export interface FieldToken {
  /** Folded surface form (lower case, no accents), e.g. "fractures". */
  term: string;
  role: TokenRole;
}

/** Words that carry no meaning for code search, dropped from titles and queries alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'an', 'and', 'or', 'of', 'the', 'in', 'on', 'at', 'to', 'for', 'by', 'from', 'with', 'as', 'is', 'are',
  'be', 'into', 'than', 'per', 'its', 'w', 'due',
]);

/** Words that mark a code as the default (unspecified) member of its category; they never count as required. */
export const NEUTRAL_WORDS: ReadonlySet<string> = new Set(['unspecified', 'unsp', 'nos', 'nec', 'each', 'uncomplicated']);

/** Nouns an "unspecified" leaves open ("unspecified site", "unspecified organism"); a body part it qualifies stays required. */
export const GENERIC_NOUNS: ReadonlySet<string> = new Set([
  'site', 'sites', 'part', 'parts', 'type', 'organism', 'region', 'location', 'cause', 'degree', 'stage', 'trimester',
  'severity', 'episode', 'kind', 'form', 'origin', 'agent', 'substance', 'intent', 'place', 'activity', 'laterality', 'side',
]);

/** Numbers written as words, read as digits on both sides ("two views" finds "2 images"). */
const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
};

/** Lower-cases, removes accents and possessive 's, and turns "&" into "and". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ');
}

/**
 * A light English stemmer (plural endings only), enough to equate "fractures"/"fracture" and
 * "injuries"/"injury" without the surprises of a full Porter stemmer on medical words.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  // Latin/Greek singulars ending in s: pectoris, mellitus, diagnosis, pelvis, pancreas.
  if (/(ss|us|is|ys|as|os)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * A derivational root, so an adjective finds its noun: hypertensive/hypertension, anemic/anemia,
 * obese/obesity, diabetic/diabetes, arthritic/arthritis. Roots are only compared with each other.
 *
 * @example root('hypertensive') === root('hypertension') // true
 */
export function root(word: string): string {
  const s = stem(word);
  if (/\d/.test(s) || KEEP_WHOLE.has(s)) return s;
  // An organ noun in -ea / -ra / -na meets its adjective: cornea / corneal, urethra / urethral, retina / retinal.
  if (/[ern]a$/.test(s) && s.length >= 6) return s.slice(0, -1);
  for (const suffix of ROOT_SUFFIXES) {
    if (s.endsWith(suffix) && s.length - suffix.length >= 4) return s.slice(0, -suffix.length);
  }
  return s;
}

/** Words whose root would be another word's ("vaccinia", the pox virus, is not "vaccine"). */
const KEEP_WHOLE: ReadonlySet<string> = new Set(['vaccinia']);

const ROOT_SUFFIXES = ['ization', 'ation', 'ition', 'ious', 'ion', 'ive', 'ous', 'ity', 'ic', 'ia', 'is', 'al', 'ed', 'ing', 'es', 'e', 'y'];

/**
 * Splits a query into folded words, dropping stop words; hyphenated words become their parts.
 * Clinical shorthand for "with"/"without" (w/, w/o) is written out first.
 *
 * @example queryWords('Diab. type-2 w/o complications') // ['diab', 'type', '2', 'without', 'complications']
 */
export function queryWords(query: string): string[] {
  const text = foldText(query)
    .replace(/\bw\/o\b/g, ' without ')
    .replace(/\bw\/(?=\s|$)/g, ' with ')
    .replace(/\bs\/p\b/g, ' status post ');
  const words: string[] = [];
  let previous = '';
  for (const match of text.matchAll(WORD)) {
    const word = NUMBER_WORDS[match[0]] ?? match[0];
    // "a" is an article at the start or after a small word ("a fall", "with a"), a name after any other ("hepatitis a").
    if (!STOP_WORDS.has(word) && !(word === 'a' && (previous === '' || STOP_WORDS.has(previous)))) words.push(word);
    previous = word;
  }
  return words;
}

/**
 * Reads a title or synonym into words with their {@link TokenRole}.
 *
 * @example analyzeField('Essential (primary) hypertension') // essential:core, primary:optional, hypertension:core
 */
export function analyzeField(text: string, options: { parenthesesOptional?: boolean } = {}): FieldToken[] {
  const parenthesesOptional = options.parenthesesOptional ?? true;
  const out: FieldToken[] = [];
  const clauses = splitClauses(foldText(text));
  for (let c = 0; c < clauses.length; c++) {
    const words = clauses[c]!.words;
    const texts = words.map((w) => w.text);
    // ", not intractable", ", not elsewhere classified"-like clauses say what is absent or unstated.
    const notClause = c > 0 && texts[0] === 'not' && !UNSTATED.test(` ${texts.join(' ')} `);
    const dose = c > 0 && isDoseClause(texts);
    let neutralClause = c > 0 && !notClause && !dose && isNeutralClause(texts);
    let afterWithout = false;
    let afterWith = false;
    let afterUnspecified = false;
    // "Syncope and collapse": the trailing "and/or X" is an alternative name, not a requirement. Only for a title
    // head of two single words: in "Eosinophilic gastritis or gastroenteritis" a modifier is shared, and
    // "secondary to inflammation and infection" is a phrase, not two names.
    const last = words.length - 1;
    const required = words.filter((x) => !x.optional).length;
    const trailingAlternative = c === 0 && clauses.length <= 2 && required === 3 && last >= 2 && (texts[last - 1] === 'and' || texts[last - 1] === 'or') && !words[last]!.optional ? last : -1;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (word.text === 'without' && !word.optional) afterWithout = true;
      // "unspecified with hematuria": what follows "with" is required again.
      if (word.text === 'with' && !word.optional) {
        neutralClause = false;
        // "without perforation or abscess with bleeding": bleeding is present.
        afterWithout = false;
        afterWith = true;
      }
      // "of unspecified site", "unspecified organism": a generic noun an "unspecified" qualifies is not required either,
      // unless it is a present thing ("with unspecified complications"); a body part ("unspecified femur") stays required.
      const qualified = afterUnspecified && !afterWith && GENERIC_NOUNS.has(word.text);
      afterUnspecified = (word.text === 'unspecified' || word.text === 'unsp') && !word.optional;
      const optional = word.optional && parenthesesOptional;
      // "a" is an article after a small word ("with a device") and a name after any other ("hepatitis A", "vitamin A").
      if (word.text === 'a' && (w === 0 || STOP_WORDS.has(texts[w - 1]!))) continue;
      const base: TokenRole =
        notClause || afterWithout
          ? TokenRole.absent
          : dose
            ? TokenRole.optional
            : neutralClause || qualified || NEUTRAL_WORDS.has(word.text)
              ? TokenRole.neutral
              : optional
                ? TokenRole.optional
                : w === trailingAlternative
                  ? TokenRole.alternative
                  : TokenRole.core;
      const parts = word.text.split('-').map((p) => NUMBER_WORDS[p] ?? p).filter((p) => p && !STOP_WORDS.has(p));
      if (parts.length === 0) continue;
      if (parts.length === 1) {
        out.push({ term: parts[0]!, role: base });
        continue;
      }
      // The joined form stands for the whole word; its parts follow so "gastro esophageal" matches too.
      out.push({ term: parts.join(''), role: base });
      for (const part of parts) out.push({ term: part, role: TokenRole.part });
    }
  }
  return out;
}

/**
 * How strongly a title reads as the default (unspecified) code of its category, 0–7: a title that
 * starts with "Unspecified" or has an ", unspecified …" clause scores 2, each other "unspecified"
 * (site, side) 1, each "without …" or ", not …" clause 1; "Other …" loses 1. "with unspecified
 * complications" names a specific code, not a default, and scores nothing.
 *
 * @example defaultness('Migraine, unspecified, not intractable, without status migrainosus') // 4
 */
export function defaultness(title: string): number {
  const clauses = splitClauses(foldText(title)).map((c) => c.words.filter((w) => !w.optional).map((w) => w.text));
  let score = 0;
  clauses.forEach((words, i) => {
    if (words.length === 0) return;
    const first = words[0]!;
    if (i === 0 && first === 'other') score -= 1;
    if (i > 0 && first === 'not') score += 1;
    else if (i > 0 && (first === 'nos' || / not specified /.test(` ${words.join(' ')} `))) score += 2;
    let afterWith = false;
    words.forEach((w, j) => {
      if (w === 'with') afterWith = true;
      if (w === 'without') {
        score += 1;
        afterWith = false;
      }
      if ((w === 'unspecified' || w === 'unsp') && !afterWith) score += j === 0 ? 2 : 1;
      if (w === 'uncomplicated') score += 1;
    });
    // ", recurrent, unspecified ear" beside ", unspecified ear": a clause that only adds a qualifier (recurrent,
    // chronic, intractable) is a more specific reading, never the default of its header.
    if (i > 0 && !words.some((w) => w === 'unspecified' || w === 'unsp' || w === 'nos' || w === 'not' || w === 'without' || w === 'uncomplicated' || w === 'specified')) score -= 0.5;
  });
  return Math.max(0, Math.min(7, score));
}

/** Upper-cases and drops dots and spaces: the key every code is compared by (e11.65 → E1165). */
export function bareCode(text: string): string {
  return text.replace(/[.\s]/g, '').toUpperCase();
}

/**
 * Whether a query is written like a code or the start of one: ICD-10-CM (E11.65, e116, S72.00),
 * HCPCS (J1100) or CPT (99213, 0001U). Words like "t2dm" may pass; the caller falls back to text.
 */
export function looksLikeCode(query: string): boolean {
  const q = query.trim();
  return ICD_OR_HCPCS.test(q) || CPT.test(q);
}

// Letters, digits and inner hyphens; a leading or trailing hyphen is punctuation.
const WORD = /[a-z0-9]+/g;
const FIELD_WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
const ICD_OR_HCPCS = /^[A-Za-z][0-9][0-9A-Za-z]?(?:[0-9A-Za-z]{0,4}|\.[0-9A-Za-z]{0,4})$/;
const CPT = /^[0-9]{2,4}[0-9A-Za-z]?$/;
// Clauses saying something was not stated (as opposed to "not intractable", which states an absence).
const UNSTATED = / not (specified|elsewhere classified|otherwise specified|otherwise classified|applicable) /;
const UNIT_WORDS = new Set([
  'mg', 'mcg', 'g', 'gm', 'gram', 'grams', 'ml', 'cc', 'l', 'unit', 'units', 'iu', 'meq', 'mmol', 'mci', 'uci', 'million',
  'billion', 'microgram', 'micrograms', 'milligram', 'milligrams', 'kg', 'up', 'to', 'per', 'mile', 'miles', 'sq', 'cm',
  'minute', 'minutes', 'min', 'hour', 'hours', 'dose', 'doses', 'vial', 'ea',
]);

interface ClauseWord {
  text: string;
  optional: boolean;
}

/** Splits at commas and semicolons outside parentheses, keeping track of which words are parenthesised. */
function splitClauses(text: string): { words: ClauseWord[] }[] {
  const clauses: { words: ClauseWord[] }[] = [{ words: [] }];
  let depth = 0;
  let start = 0;
  const flush = (end: number) => {
    const chunk = text.slice(start, end);
    const current = clauses[clauses.length - 1]!;
    for (const m of chunk.matchAll(FIELD_WORD)) current.words.push({ text: m[0], optional: depth > 0 });
    start = end + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') {
      flush(i);
      depth++;
    } else if (ch === ')' || ch === ']') {
      flush(i);
      depth = Math.max(0, depth - 1);
    } else if ((ch === ',' || ch === ';' || ch === ':') && depth === 0) {
      flush(i);
      clauses.push({ words: [] });
    }
  }
  flush(text.length);
  return clauses.filter((c) => c.words.length > 0);
}

/**
 * A later clause that only states a default or a dose: "unspecified organism", "site not specified",
 * "not intractable", "1 mg". The first clause names the condition and is never neutral as a whole.
 */
function isNeutralClause(words: string[]): boolean {
  if (words.length === 0) return false;
  const first = words[0]!;
  if (first === 'not' || first === 'unspecified' || first === 'unsp' || first === 'nos' || first === 'nec') return true;
  if (words.length <= 3 && words.some((w) => w === 'unspecified' || w === 'unsp' || w === 'nos')) return true;
  return UNSTATED.test(` ${words.join(' ')} `);
}

/** A later clause that is only a dose or a quantity: "1 mg", "per 50 strips" is not one, "up to 125 mg" is. */
function isDoseClause(words: string[]): boolean {
  return words.length > 0 && words.every((w) => /^\d+$/.test(w) || UNIT_WORDS.has(w));
}
