import { BoundedMemo } from '../memo';
import { foldText, root, STOP_WORDS } from '../search/normalize';
import { distributedWords } from './coordination';
import { statusWords } from './status-words';

/** A word of chart text: its matching key (a derivational root) and where it is. */
export interface TextWord {
  key: string;
  start: number;
  end: number;
  /** Word position in its sentence; expansions of an abbreviation share the position of what they expand. */
  position: number;
  /** True when the word came from expanding an abbreviation or synonym rather than from the text itself. */
  expanded: boolean;
  /** True when the word is written in capitals (MS, PE): short abbreviations count only then. */
  upper?: boolean;
  /** The word as written, folded (lower case), for abbreviations that must match exactly ("doe" is not "does"). */
  raw?: string;
  /** True when a filler noun follows within two words ("bipolar disorder", "bipolar I disorder"). */
  beforeFiller?: boolean;
  /** True for the joined form of a hyphenated word ("PA-C" → "pac"), never read as an abbreviation. */
  joined?: boolean;
  /** True when a slash joins the word to the one before ("b/l", "r/o", "L/min"). */
  slashed?: boolean;
  /** On the first word of a several-word expansion ("low" of LSIL → low grade squamous intraepithelial lesion): how many words the phrase has. */
  leadsPhraseOf?: number;
  /** True for a piece of a hyphenated word ("pre" of "pre-visit"): never an acronym on its own. */
  part?: boolean;
  /** True inside a "without …" / "no …" phrase of the text: the word says what is absent. */
  negated?: boolean;
  /**
   * True after a "no" inside a sentence, up to the next comma ("COPD, stable, no exacerbation"): the word is absent,
   * so it cannot qualify a condition named outside that phrase. Unlike {@link TextWord.negated} it still names a
   * condition on its own (ConText then calls that mention negated).
   */
  denied?: boolean;
  /**
   * True in a status phrase: "s/p", "status post", "h/o", "history of" or "post" followed within four words by a
   * device, graft or lasting procedure ("s/p LAD stent", "status post CABG x3"). The added "presence"/"status" words
   * carry it too. A match with such words may be a Z95–Z99 presence/status code even though ConText calls it historical.
   */
  status?: boolean;
  /** For a condition word repeated before a later item of a coordinated list: the position where it was written. */
  sourcePosition?: number;
}

/**
 * A new word with every field present, in one order. Words are the engine's most numerous objects and every pass
 * reads them: when all have one shape V8 keeps those reads monomorphic, where optional fields added in different
 * orders gave the words a dozen hidden classes.
 */
export function newWord(key: string, start: number, end: number, position: number, expanded: boolean): TextWord {
  return {
    key,
    start,
    end,
    position,
    expanded,
    upper: undefined,
    raw: undefined,
    beforeFiller: undefined,
    joined: undefined,
    slashed: undefined,
    leadsPhraseOf: undefined,
    part: undefined,
    negated: undefined,
    denied: undefined,
    status: undefined,
    sourcePosition: undefined,
  };
}

/**
 * Words that carry no meaning when matching titles to chart text, on both sides ("diabetes" in a chart
 * means "diabetes mellitus"). Not "situation": its stem is "situ", which would erase "in situ" from titles and text.
 */
export const FILLER_KEYS: ReadonlySet<string> = new Set(['mellitus', 'disorder', 'condition', 'nos', 'nec', 'finding'].map((w) => root(foldText(w))));

/** The key a word is compared by on both sides: folded, light-stemmed, derivational root (diabetic → diabet). */
export function wordKey(word: string): string {
  return keyOf(foldWord(word));
}

/**
 * "…, not strep throat", "not a fracture", "Not a COPD exacerbation": "not" before a noun phrase denies it (not "not
 * controlled": that is a state). With an article any noun phrase; without one, the nouns charts deny that way.
 */
const NOT_A = /^\s+(?:(?:an?|the)\s+[a-z]|(?:strep\w*|bacterial|viral|fracture\w*|infect\w*|pneumonia|cancer|malignan\w*)\b)/i;
/** The longest "without …" phrase read as absent: six words. */
const WITHOUT_PHRASE_WORDS = /^(?:\s*[\w'/-]+){6}/;
/** A word after the first of a "without …" phrase that starts a new qualifier of the condition, not more of what is absent. */
const WITHOUT_ENDS_AT = /(?<=^\s*[\w'/-]+(?:\s+[\w'/-]+)*?)\s+(?=(?:with|without|not|intractable|pharmacoresistant|refractory|uncontrolled|controlled|recurrent|initial|subsequent|sequela|right|left|bilateral)\b)/i;

/** "after the recent …", "since her recent …": the words before "recent" that make it a past episode. */
const PAST_EPISODE_BEFORE = /\b(?:after|following|since|from)\s+(?:the|a|an|his|her|their|this)?\s*$/i;
/** "precipitated by ", "triggered by ": the words right before what set an episode off. */
const PRECIPITANT_BEFORE = /\b(?:precipitated|triggered|provoked)\s+by\s+$/i;
/** A label of when, right before its colon: "Post-procedure:", "Pre-op:", "Post-injection:". */
const TIME_LABEL_BEFORE = /\b(?:post|pre)[- ]?(?:procedure|procedural|op|operative|injection)\s*:\s*$/i;
/** An episode said to be over within its own clause. */
const RESOLVED_IN_CLAUSE = /\b(?:resolved|has resolved|settled|subsided|treated and resolved)\b/i;
/** "not in exacerbation", "not currently with complications". */
const NOT_IN = /^\s+(?:currently\s+|presently\s+)?(?:in|with)\b/i;

/**
 * An adjective in -otic names the condition in -osis ("osteoporotic fracture" is an osteoporosis fracture, "fibrotic
 * lung" a fibrosis): both sides of a match read it by the noun's key. Words in -otic with no such noun keep their own.
 */
const OTIC = /[a-z]{3}otic$/;
const NOT_OSIS: ReadonlySet<string> = new Set(['antibiotic', 'probiotic', 'prebiotic', 'hypnotic', 'sedative-hypnotic', 'narcotic', 'exotic', 'osmotic', 'chaotic', 'patriotic', 'erotic', 'robotic', 'idiotic', 'zygotic', 'despotic', 'quixotic', 'semiotic', 'aquatic', 'biotic', 'abiotic', 'symbiotic']);

/**
 * Words whose derivational root is another chart word's: "testis" and "testing" both root to "test", which made
 * "genetic cancer testing" a testicular cancer; "respirator" is the root of "respiratory". They keep a key of their own.
 */
const OWN_ROOTS: ReadonlyMap<string, string> = new Map([
  ['testis', 'testis'],
  ['testes', 'testis'],
  // "respiratory" roots to "respirator": the machine keeps a key of its own.
  ['respirator', 'respirator-machine'],
  ['respirators', 'respirator-machine'],
  // "Moderate severity" says how severe, not that it is severe: "severity" must not root to "sever".
  ['severity', 'severity'],
  // "prednisone - continue, bone density due" is no "disorder of continuity of bone": "continuity" keeps its own key.
  ['continuity', 'continuity'],
]);

function keyOf(folded: string): string {
  return keys.get(folded, rootOf);
}

/** Ordinals written in digits read as the words titles use ("R 5th metacarpal", "2nd-degree", "3rd trimester"). */
const ORDINAL_WORDS: ReadonlyMap<string, string> = new Map([
  ['1st', 'first'],
  ['2nd', 'second'],
  ['3rd', 'third'],
  ['4th', 'fourth'],
  ['5th', 'fifth'],
]);

function rootOf(folded: string): string {
  const ordinal = ORDINAL_WORDS.get(folded);
  if (ordinal) return root(ordinal);
  return OWN_ROOTS.get(folded) ?? root(OTIC.test(folded) && !NOT_OSIS.has(folded) ? `${folded.slice(0, -4)}osis` : folded);
}

/** A word as written → folded: charts repeat a small vocabulary, and Unicode folding is the dear part of reading one. */
function foldWord(raw: string): string {
  return folds.get(raw, foldText);
}

/** A word as written, read once: folded, its hyphen-separated parts, the forms matched (joined form first) and their keys. */
interface ReadWord {
  folded: string;
  parts: readonly string[];
  forms: readonly string[];
  formKeys: readonly string[];
}

/** One memo lookup per word of text: two (fold, then key) cost more than reading most words did. */
function readWord(raw: string): ReadWord {
  return readWords.get(raw, () => {
    const folded = foldWord(raw);
    const parts = folded.includes('-') ? folded.split('-').filter(Boolean) : folded ? [folded] : [];
    const forms = parts.length > 1 ? [parts.join(''), ...parts] : parts;
    return { folded, parts, forms, formKeys: forms.map(keyOf) };
  });
}

const WORD_CACHE_ENTRIES = 50000;
const readWords = new BoundedMemo<string, ReadWord>(WORD_CACHE_ENTRIES);
const keys = new BoundedMemo<string, string>(WORD_CACHE_ENTRIES);
const folds = new BoundedMemo<string, string>(WORD_CACHE_ENTRIES);

const ORDINAL_NUMBERS: ReadonlyMap<string, number> = new Map(['first', 'second', 'third', 'fourth', 'fifth'].map((w, i) => [w, i + 1]));

/** 1 for "first" or "1st", … 5 for "fifth" or "5th"; undefined for any other word. */
export function ordinalNumber(word: string): number | undefined {
  const folded = word.toLowerCase();
  return ORDINAL_NUMBERS.get(ORDINAL_WORDS.get(folded) ?? folded);
}

/** "first" to "third" in words or digits, as a pattern source: burn degrees ("2nd-degree") and trimesters read it. */
export const FIRST_TO_THIRD = '(?:first|second|third|1st|2nd|3rd)';
/** The ordinal of a burn degree, written before "degree" ("second degree", "2nd-degree"), or the hyphenated whole. */
const BURN_DEGREE = new RegExp(`^${FIRST_TO_THIRD}$`, 'i');
const BURN_DEGREE_WORD = new RegExp(`^${FIRST_TO_THIRD}-degree$`, 'i');
/** "- and second-degree", " or third degree" right after a degree ordinal: two degrees of one burn. */
const DEGREE_PAIR = new RegExp(`^(?:-\\s*|\\s+)(?:and|or|to|&|\\/)\\s*(${FIRST_TO_THIRD})[-\\s]+degree\\b`, 'i');

/** An age written as one hyphenated word ("68-year-old", "3-month-old", "2-yo"). */
const AGE_PHRASE = /^\d+-(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)-old$|^\d+-yo$/;

/**
 * Splits text into words with offsets (relative to `offset`); hyphenated words also give their joined
 * form at the same position ("post-traumatic" → posttraumatic, post, traumatic).
 */
export function textWords(text: string, offset = 0): readonly TextWord[] {
  // The engine reads the same sentences (and titles) many times over in its passes: short texts are tokenised once.
  if (text.length > CACHED_TEXT_MAX) return splitWords(text, offset);
  // Shared, not copied: callers never change the list or its words. Keyed by the text itself under its offset, not
  // by a joined string: a joined key is a new string that V8 hashes in full at every lookup, while a sentence's own
  // text keeps its hash, and a long chart's passes look its sentences up thousands of times.
  let words = cache.get(offset)?.get(text);
  if (words) return words;
  if (cached >= CACHE_ENTRIES) {
    cache.clear();
    cached = 0;
  }
  let byText = cache.get(offset);
  if (!byText) cache.set(offset, (byText = new Map()));
  byText.set(text, (words = splitWords(text, offset)));
  cached++;
  return words;
}

/**
 * The set of word keys of a text (what most passes compare by), kept beside the cached words: a sentence read by
 * several passes builds its set once. Pass the sentence's own offset so the main pass's words are reused.
 */
export function textWordKeys(text: string, offset = 0): ReadonlySet<string> {
  const words = textWords(text, offset);
  let keys = keySets.get(words);
  if (!keys) keySets.set(words, (keys = new Set(words.map((w) => w.key))));
  return keys;
}

const keySets = new WeakMap<readonly TextWord[], ReadonlySet<string>>();

const CACHED_TEXT_MAX = 2000;
const CACHE_ENTRIES = 20000;
/** Words by offset, then by text; bounded like a {@link BoundedMemo}: at `CACHE_ENTRIES` texts it starts over. */
const cache = new Map<number, Map<string, TextWord[]>>();
let cached = 0;

function splitWords(text: string, offset: number): TextWord[] {
  const words: TextWord[] = [];
  let position = 0;
  let negatedUntil = -1;
  let deniedUntil = -1;
  // Index in `words` of the first word after the last comma, semicolon, colon or dash: the clause a result word closes.
  let clauseFrom = 0;
  let last = 0;
  // The word matched before this one, stop words included ("by" is one): what some rules look back at.
  let previousRaw = '';
  // Whether a burn degree ("first-degree") was already read in this clause, and whether the next is the lower of a pair.
  let degreeSeen = false;
  let skipDegree = false;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const before = previousRaw;
    previousRaw = raw;
    const index = match.index!;
    const gap = text.slice(last, index);
    last = index + raw.length;
    // A list item or clause boundary ("; (2)", "1.") keeps words of different items from pairing up. Most words
    // follow one space, which is neither.
    const plainGap = gap === ' ';
    const clauseBreak = !plainGap && isClauseBreak(gap, raw);
    if (clauseBreak) {
      position += CLAUSE_JUMP;
      negatedUntil = -1;
      deniedUntil = -1;
      degreeSeen = false;
      skipDegree = false;
    }
    if (!plainGap && /[,;:]|\s[-–—]\s/.test(gap)) clauseFrom = words.length;
    // "volume overload, precipitated by dietary sodium": what set an episode off is another clause, whose words never
    // make one condition with the episode's ("sodium overload").
    // (Looked at only after a "by": this runs for every word of the chart.)
    if (words.length > 0 && /^by$/i.test(before) && PRECIPITANT_BEFORE.test(text.slice(Math.max(0, index - 24), index))) position += CLAUSE_JUMP;
    // "Post-procedure: pt reports pain 2/10": a pre-/post-procedure label names when, not a postprocedural condition.
    if (words.length > 0 && gap.includes(':') && TIME_LABEL_BEFORE.test(text.slice(Math.max(0, index - 30), index))) position += CLAUSE_JUMP;
    if (isListMarker(text, index, raw, words.length === 0 || clauseBreak)) continue;
    // "First- and second-degree burns of the right palm": one site burned to two degrees is coded at the higher
    // (Guideline I.C.19.d.1), so the lower degree of the pair is not read.
    const degree = BURN_DEGREE.test(raw);
    if (degree || (skipDegree && BURN_DEGREE_WORD.test(raw))) {
      const pair = DEGREE_PAIR.exec(text.slice(last, last + 24));
      if (skipDegree) {
        skipDegree = false;
        position++;
        continue;
      }
      if (pair && degree) {
        if (ordinalNumber(raw)! < ordinalNumber(pair[1]!)!) {
          position++;
          continue;
        }
        skipDegree = true;
      }
    }
    // "Second-degree burn right forearm and first-degree burn back of right hand": each degree starts its own burn,
    // so the words of one never pair with the site of the other (a site burned to two degrees is coded at the higher).
    if ((degree && /^[-\s]+degree\b/i.test(text.slice(last, last + 9))) || BURN_DEGREE_WORD.test(raw)) {
      if (degreeSeen) position += CLAUSE_JUMP;
      degreeSeen = true;
    }
    const start = offset + index;
    const { folded, parts, forms, formKeys } = readWord(raw);
    if (parts.length === 0) continue;
    // "w/o TM rupture" is "without": the slash joins the two letters.
    const shortWithout = parts.length === 1 && parts[0] === 'o' && gap === '/' && /(?:^|[^a-z])w$/i.test(text.slice(Math.max(0, index - 2), index - 1));
    if (shortWithout || (parts.length === 1 && parts[0] === 'without')) {
      // "without esophagitis": what follows up to the next comma (or a spaced dash: "without TM rupture - amoxicillin …",
      // or "together with": "without rupture, together with conjunctivitis") is absent, not present (ConText handles "no …").
      const end = text.slice(last).search(/,|\s[-–—]\s|\btogether with\b/i);
      // A dictated run-on has no commas: the phrase is a few words ("without nodules or induration a post-void …").
      const cap = WITHOUT_PHRASE_WORDS.exec(text.slice(last));
      // …and ends where a qualifier of the condition itself starts ("chronic migraine without aura intractable
      // without status migrainosus"): another with/without, a course or a side.
      const qualifier = WITHOUT_ENDS_AT.exec(text.slice(last));
      const capEnd = qualifier && (!cap || qualifier.index < cap[0].length) ? qualifier.index : cap ? cap[0].length : -1;
      const stop = end < 0 ? capEnd : capEnd < 0 ? end : Math.min(end, capEnd);
      negatedUntil = stop < 0 ? Number.MAX_SAFE_INTEGER : offset + last + stop;
    }
    // "rapid strep negative": the clause a result word closes names a test, not a qualifier of the condition.
    if (parts.length === 1 && (parts[0] === 'negative' || parts[0] === 'neg') && clauseFrom > 0) for (let j = clauseFrom; j < words.length; j++) words[j]!.denied = true;
    // "heart failure, compensated after the recent acute on chronic episode": what a past episode was cannot qualify
    // the condition named now.
    if (parts.length === 1 && parts[0] === 'recent' && words.length > 0 && PAST_EPISODE_BEFORE.test(text.slice(Math.max(0, index - 24), index))) {
      const stop = text.slice(last).search(/[,;.]/);
      deniedUntil = stop < 0 ? Number.MAX_SAFE_INTEGER : offset + last + stop;
    }
    // "HFrEF, chronic, now compensated (acute exacerbation resolved in hospital)": an episode the clause says is over
    // qualifies nothing now.
    if (parts.length === 1 && (parts[0] === 'acute' || parts[0] === 'exacerbation') && words.length > 0) {
      const rest = text.slice(last);
      const end = rest.search(/[,;.)]/);
      const clause = end < 0 ? rest : rest.slice(0, end);
      if (RESOLVED_IN_CLAUSE.test(clause)) deniedUntil = offset + last + clause.length;
    }
    // "asthma, not in exacerbation": like a mid-sentence "no", what "not in/with" names cannot qualify the title.
    if (parts.length === 1 && (parts[0] === 'no' || (parts[0] === 'not' && (NOT_IN.test(text.slice(last, last + 24)) || NOT_A.test(text.slice(last, last + 40))))) && words.length > 0) {
      const comma = text.slice(last).search(/[,;]/);
      deniedUntil = comma < 0 ? Number.MAX_SAFE_INTEGER : offset + last + comma;
    }
    if (parts.length === 1 && ((STOP_WORDS.has(parts[0]!) && parts[0] !== 'with' && parts[0] !== 'without') || PRONOUNS.has(parts[0]!))) {
      position++;
      continue;
    }
    // "SpO2 95% RA", "sat 97% on RA": after a percentage or "on", RA is room air, never rheumatoid arthritis.
    if (folded === 'ra' && /(?:%|\bon)\s*$/i.test(text.slice(Math.max(0, index - 6), index))) {
      position++;
      continue;
    }
    // "Dr. Whitlow", "Mrs. Gout": a capitalised word after a title is a name, never a condition.
    if (/^[A-Z]/.test(raw) && /\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Nurse)\.?\s+$/.test(text.slice(Math.max(0, index - 9), index))) {
      position++;
      continue;
    }
    // "68-year-old" states an age: its "old" is not the "old age" of R54.
    if (AGE_PHRASE.test(folded)) {
      position++;
      continue;
    }
    for (let i = 0; i < forms.length; i++) {
      const part = forms[i]!;
      const key = formKeys[i]!;
      if (FILLER_KEYS.has(key)) {
        // "Bipolar disorder": titles that are one word plus a filler noun match only where the noun was written.
        for (let j = words.length - 1; j >= 0 && words[j]!.position >= position - 2; j--) words[j]!.beforeFiller = true;
        continue;
      }
      const word = newWord(key, start, start + raw.length, position, false);
      word.raw = part;
      if (/^[A-Z0-9]+$/.test(raw) && /[A-Z]/.test(raw)) word.upper = true;
      // A piece of a hyphenated word in capitals ("PCI" of "post-PCI") is written as an abbreviation.
      const piece = parts.length > 1 && i > 0 ? raw.split('-').filter(Boolean)[i - 1] : undefined;
      if (piece && /^[A-Z0-9]+$/.test(piece) && /[A-Z]/.test(piece)) word.upper = true;
      if (parts.length > 1 && i === 0) word.joined = true;
      if (parts.length > 1 && i > 0) word.part = true;
      if (gap === '/') word.slashed = true;
      if (start < negatedUntil && part !== 'without') word.negated = true;
      if (start < deniedUntil) word.denied = true;
      // "non-pregnant", "non-smoker": the word after "non-" is what the patient is not.
      if (parts[0] === 'non' && parts.length > 1 && i > 0) word.negated = true;
      words.push(word);
    }
    position++;
  }
  words.push(...statusWords(words, text, offset));
  words.push(...distributedWords(text, words, offset));
  return words;
}

/** Pronouns and auxiliaries: never part of a diagnosis ("her" is not Hers disease). */
const PRONOUNS = new Set(['he', 'she', 'her', 'hers', 'his', 'him', 'they', 'them', 'their', 'we', 'our', 'you', 'your', 'i', 'me', 'my', 'was', 'were', 'has', 'had', 'have', 'been', 'this', 'that', 'it']);

/** Semicolons, bullets, numbered items and line breaks end a clause (see {@link isClauseBreak}). */
const CLAUSE_BREAK = /[;•]|\(\d+\)|\n/;

/** A clause break between words, except a line break before a lower-case word: a wrapped line ("His mild / intermittent asthma"). */
function isClauseBreak(gap: string, next: string): boolean {
  if (!CLAUSE_BREAK.test(gap)) return false;
  return /[;•]|\(\d+\)/.test(gap) || !/^[a-z]/.test(next);
}
const CLAUSE_JUMP = 20;

/** "1." or "2)" opening a sentence or item is a list number, not a value. */
function isListMarker(text: string, index: number, raw: string, atStart: boolean): boolean {
  if (!atStart || !/^\d{1,2}$/.test(raw)) return false;
  // "1." / "2)" after it, or "#1" before it (problem-oriented notes number problems "#1 CKD stage 4").
  // A dictated list spaces its marker ("2 ) chronic metabolic acidosis"): the number is still the item's, not a stage.
  return /^ ?[.)](?!\d)/.test(text.slice(index + raw.length, index + raw.length + 3)) || text[index - 1] === '#';
}

// Decimals (9.2%, 7.5 mg) stay one word, so their digits never pose as a stage or a type.
const WORD = /\d+\.\d+|[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*/g;
