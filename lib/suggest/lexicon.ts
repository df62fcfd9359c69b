import siteJson from '../../assets/rules/body-sites.json';
import type { IndexEntry } from '../codesets/parse-icd10cm-index';
import type { CodeRecord } from '../codesets/types';
import { analyzeField, defaultness, GENERIC_NOUNS, TokenRole } from '../search/normalize';
import { contradictingWords, equivalentPhrasings, equivalentsByCode, equivalentsFor } from './equivalent-words';
import { FILLER_KEYS, wordKey } from './text-words';

/** One way of writing a diagnosis: the words its code's title or an inclusion term needs. */
export interface LexiconTerm {
  /** Index into {@link DiagnosisLexicon.codes}. */
  code: number;
  /** Word keys that must all be in the text. */
  required: string[];
  /** Word keys the title has but chart text usually leaves implied ("unilateral" beside "left", "stage" before "3a"). */
  soft: string[];
  /** Word keys that add detail when present (parenthesised words in titles). */
  optional: string[];
  /** Word keys that must not be present ("without hyperglycemia" in a title). */
  absent: string[];
  /** The key used to find the term: its rarest required word. */
  anchor: string;
  fromTitle: boolean;
  /** A title of one word plus a filler noun ("Bipolar disorder"): the word counts only where the noun follows it. */
  needsFiller?: boolean;
  /** Required keys the term writes as an acronym ("PRES"): only a standalone word in capitals, or an expansion, says them. */
  acronyms?: string[];
  /** A one-word term written as a gerund ("Falling" at R29.6): only the gerund says it, not the noun ("a fall"). */
  gerund?: boolean;
}

/** Options for {@link DiagnosisLexicon.build}. */
export interface LexiconOptions {
  /** Title words chart text leaves implied; absent they cost a little instead of blocking a match. Default: {@link DEFAULT_SOFT_WORDS}. */
  softWords?: readonly string[];
  /** Alphabetic Index entries (when an official index was imported): each path becomes a way of writing its code. Default: none. */
  index?: readonly IndexEntry[];
}

/** Bits in a word-key signature ({@link DiagnosisLexicon.signature}). */
const SIGNATURE_BITS = 64;

/** Title words that chart text usually leaves implied. */
export const DEFAULT_SOFT_WORDS = ['unilateral', 'stage', 'primary', 'essential', 'type', 'site', 'region', 'acquired', 'limb', 'extremity', 'upper', 'lower'];

/**
 * The ICD-10-CM titles and inclusion terms of one release as word sets, indexed by their rarest word,
 * so finding every code a sentence supports costs a few lookups per word.
 */
export class DiagnosisLexicon {
  readonly terms: LexiconTerm[] = [];
  /**
   * The terms anchored on each word key, packed as (term id, required-word signature low, high) triples: a sentence
   * visits thousands of terms and keeps a few percent, and a scan of one packed array turns most away without
   * touching the term objects, which lie all over memory.
   */
  readonly byAnchor = new Map<string, Uint32Array>();
  /** The signature bit of every word key some term requires (0–63). */
  private readonly keyBits = new Map<string, number>();
  readonly indexOf = new Map<string, number>();
  readonly children = new Map<number, number[]>();
  readonly defaultness: number[];
  /** Each code's title term, by code index. */
  readonly titleTerm = new Map<number, LexiconTerm>();

  private constructor(readonly codes: readonly CodeRecord[]) {
    codes.forEach((c, i) => this.indexOf.set(c.code, i));
    codes.forEach((c, i) => {
      const parent = c.parent ? this.indexOf.get(c.parent) : undefined;
      if (parent !== undefined) this.children.set(parent, [...(this.children.get(parent) ?? []), i]);
    });
    this.defaultness = codes.map((c) => defaultness(c.title));
  }

  /** Builds the lexicon from the ICD-10-CM records in force (headers included: they name concepts). */
  static build(codes: readonly CodeRecord[], options: LexiconOptions = {}): DiagnosisLexicon {
    const lexicon = new DiagnosisLexicon(codes.filter((c) => c.system === 'icd10cm'));
    const soft = new Set((options.softWords ?? DEFAULT_SOFT_WORDS).map(wordKey));
    const pending: (Omit<LexiconTerm, 'anchor'> & { loneWord?: boolean })[] = [];
    const indexPhrases = indexPhrasesByCode(options.index ?? []);
    const equivalences = equivalentsByCode(lexicon.codes);
    lexicon.codes.forEach((record, index) => {
      // 7th-character variants add encounter words only; the engine picks the 7th character itself.
      if (record.code.length === 8 && record.parent && !record.notes) return;
      // External causes (V00-Y99) are added by the coder from the injury story, never read off status words.
      if (record.chapter === 20) return;
      // "Includes: caffeine" at F15, "Includes: axis" at S12.1 scope the category: the substance's or the site's name
      // alone is no disorder ("normal axis" on an ECG is no fracture of C2).
      const synonyms = [...(record.synonyms ?? []), ...(record.notes?.includes ?? []), ...(indexPhrases.get(record.code) ?? [])].filter((t) => !(SCOPED_BY_ONE_WORD.test(record.code) && !/\s/.test(t.trim())));
      const injury = record.code.startsWith('S');
      const equivalent = equivalentsFor(record.code, equivalences);
      const written = [{ text: record.title, fromTitle: true }, ...synonyms.map((text) => ({ text, fromTitle: false }))];
      const phrases = [...written, ...written.flatMap((p) => equivalentPhrasings(p.text, equivalent).map((text) => ({ text, fromTitle: false })))].flatMap((p) => [p, ...phraseVariants(p.text, { injury, title: p.fromTitle }).map((text) => ({ text, fromTitle: p.fromTitle }))]);
      for (const phrase of phrases) {
        const term = termOf(phrase.text, soft);
        if (!term || term.required.length === 0) continue;
        if (phrase.fromTitle) requireHeaderSite(term, phrase.text, record.parent ? lexicon.codes[lexicon.indexOf.get(record.parent) ?? -1]?.title : undefined);
        // "…, not intractable" is contradicted by the words the category makes equivalent to intractable.
        for (const word of contradictingWords(phrase.text, equivalent)) if (!term.absent.includes(wordKey(word))) term.absent.push(wordKey(word));
        // "Unspecified disorder of right ear" leaves only a place once its filler goes: "R ear normal" is no disorder.
        if (term.required.every((k) => PLACE_KEYS.has(k))) continue;
        const acronyms = acronymKeys(phrase.text).filter((k) => term.required.includes(k));
        const gerund = term.required.length === 1 && /^[a-z]{3,}ing(?:\s+nos)?$/i.test(phrase.text.trim());
        pending.push({ code: index, ...term, fromTitle: phrase.fromTitle, ...(acronyms.length ? { acronyms } : {}), ...(gerund ? { gerund } : {}) });
      }
    });
    // A title left with one word once its filler noun goes ("Bipolar disorder") matches only where the chart
    // writes the noun too; otherwise "eating well" would be an eating disorder.
    const kept = pending.map(({ loneWord, ...t }) => (loneWord ? { ...t, needsFiller: true } : t));
    pending.length = 0;
    pending.push(...kept);
    // Anchor each term on its rarest required word so a sentence only visits terms it could satisfy.
    const frequency = new Map<string, number>();
    for (const t of pending) for (const k of t.required) frequency.set(k, (frequency.get(k) ?? 0) + 1);
    for (const key of frequency.keys()) lexicon.keyBits.set(key, lexicon.keyBits.size % SIGNATURE_BITS);
    const anchored = new Map<string, number[]>();
    for (const t of pending) {
      const anchor = t.required.reduce((best, k) => (frequency.get(k)! < frequency.get(best)! ? k : best), t.required[0]!);
      const id = lexicon.terms.push({ ...t, anchor }) - 1;
      // The title itself (its first phrase), not one of its readings.
      if (t.fromTitle && !lexicon.titleTerm.has(t.code)) lexicon.titleTerm.set(t.code, lexicon.terms[id]!);
      const [low, high] = lexicon.signature(t.required);
      const list = anchored.get(anchor);
      if (list) list.push(id, low, high);
      else anchored.set(anchor, [id, low, high]);
    }
    for (const [anchor, list] of anchored) lexicon.byAnchor.set(anchor, Uint32Array.from(list));
    return lexicon;
  }

  /**
   * A 64-bit summary of a set of word keys, as two 32-bit halves: a term whose signature has a bit the sentence's
   * lacks cannot be satisfied by it. Keys no term requires set no bit.
   */
  signature(keys: Iterable<string>): [low: number, high: number] {
    let low = 0;
    let high = 0;
    for (const key of keys) {
      const bit = this.keyBits.get(key);
      if (bit === undefined) continue;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
    }
    return [low >>> 0, high >>> 0];
  }

  /** The required words of a code's title (empty for an unknown code). */
  titleKeys(code: string): Set<string> {
    const index = this.indexOf.get(code);
    const term = index === undefined ? undefined : this.titleTerm.get(index);
    return new Set(term ? [...term.required, ...term.soft] : []);
  }

  /** The billable code a header stands for when nothing more specific is said: its most default descendant. */
  defaultDescendant(index: number): number | undefined {
    if (this.codes[index]!.billable) return index;
    const kids = this.children.get(index) ?? [];
    // The Tabular names a header's default itself when a child includes "<header title> NOS" (J10.1 holds
    // "Influenza due to other identified influenza virus NOS"): not the pneumonia child an "unspecified" word favours.
    // So does a child with the header's own title (I20.8 "Other forms of angina pectoris" → I20.89).
    const own = this.codes[index]!.title.toLowerCase();
    const named = kids.find((k) => this.codes[k]!.notes?.inclusionTerms?.some((t) => t.toLowerCase() === `${own} nos`));
    const same = kids.find((k) => this.codes[k]!.title.toLowerCase() === own);
    for (const kid of [named, same]) {
      const found = kid === undefined ? undefined : this.defaultDescendant(kid);
      if (found !== undefined) return found;
    }
    const ranked = [...kids].sort((a, b) => this.defaultness[b]! - this.defaultness[a]! || a - b);
    // A residual header ("Family history of other specific disorders") with no unspecified child has no default:
    // its first child (Z83.0, HIV) is one disorder among many, not what the header means.
    if (/\bother\b/i.test(this.codes[index]!.title) && ranked.every((k) => this.defaultness[k]! <= 0)) return undefined;
    // With no unspecified child, "Other <header>" holds the header's condition not otherwise specified (Index:
    // Conjunctivitis, mucopurulent H10.02-), not a sibling with a qualifier of its own (acute follicular, H10.01-).
    if (ranked.every((k) => this.defaultness[k]! <= 0)) {
      const header = this.codes[index]!.title.toLowerCase();
      const residual = kids.find((k) => this.codes[k]!.title.toLowerCase().startsWith(`other ${header}`));
      const found = residual !== undefined ? this.defaultDescendant(residual) : undefined;
      if (found !== undefined) return found;
    }
    for (const kid of ranked) {
      const found = this.defaultDescendant(kid);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/**
 * Alphabetic Index paths as phrases for the codes they lead to ("Diabetes, diabetic › type 2 › with ›
 * hyperglycemia" → E11.65). Cross-references and incomplete codes ("E11.6-") lead nowhere by themselves.
 */
function indexPhrasesByCode(entries: readonly IndexEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of entries) {
    if (!entry.code || entry.incomplete || entry.see) continue;
    // "Diabetes, diabetic" is one term written two ways: keep its first form.
    const phrase = entry.path.map((part, i) => (i === 0 ? part.split(',')[0]! : part)).join(' ');
    out.set(entry.code, [...(out.get(entry.code) ?? []), phrase]);
  }
  return out;
}

/**
 * Words a phrase writes in capitals while the rest of it is not ("PRES", "Presence of CRT-P"): acronyms. A whole
 * phrase in capitals says nothing about any one word.
 */
export function acronymKeys(text: string): string[] {
  if (!/[a-z]/.test(text) && text.split(/\s+/).length > 1) return [];
  // Letters only: "C3", "T12", "I70" are levels and codes, "II"/"IV" roman numerals, all written the same in charts.
  return [...text.matchAll(/(?<![\w-])[A-Z]{2,5}(?![\w-])/g)].map((m) => m[0]).filter((w) => !/^[IVXLC]+$/.test(w)).map(wordKey);
}

/** Sides and body sites: a term made of these alone names a place, not a condition. */
// Plus the parts of an organ an exam describes ("optic discs are sharp", "nerve intact", "cranial nerves normal").
const PLACE_KEYS: ReadonlySet<string> = new Set(['right', 'left', 'bilateral', 'unilateral', 'optic', 'disc', 'nerve', 'cranial', 'membrane', ...siteJson.sites, ...Object.keys(siteJson.implies), ...siteJson.pairedOrgans].map(wordKey));

/**
 * "Fistula, unspecified joint" under "Fistula of joint" ("Abrasion, unspecified lower leg" under "Abrasion of lower
 * leg", "Abrasion, unspecified great toe" under "Abrasion of toe"): the header names the place, and only which joint is left
 * open, so "joint" stays required (a bare "AV fistula" is no joint fistula). Where the header does not name it
 * ("Staphylococcal arthritis, unspecified joint" under "Staphylococcal arthritis and polyarthritis") the place is
 * the condition's own default and stays unwritten, and so does a generic noun ("Pneumonia, unspecified organism").
 */
function requireHeaderSite(term: Pick<LexiconTerm, 'required' | 'soft' | 'optional'>, title: string, headerTitle: string | undefined): void {
  const open = /, unspecified ([a-z]+(?: [a-z]+)?)(?:\(s\))?$/i.exec(title)?.[1]?.toLowerCase();
  if (!open || !headerTitle) return;
  const named = open.split(' ').filter((w) => !GENERIC_NOUNS.has(w) && new RegExp(`\\b${w}\\b`, 'i').test(headerTitle));
  for (const key of named.map(wordKey)) {
    if (term.required.includes(key)) continue;
    term.required.push(key);
    term.optional = term.optional.filter((k) => k !== key);
    term.soft = term.soft.filter((k) => k !== key);
  }
}

/** Categories whose one-word inclusion terms name a substance (F10–F19) or a body site (injuries, S00–T14), not a disorder. */
const SCOPED_BY_ONE_WORD = /^(?:F1\d|S\d\d|T0\d|T1[0-4])/;

/** Laterality words, which stay required after ", unspecified,". */
const SIDES = new Set(['right', 'left', 'bilateral', 'upper', 'lower']);
/** Words that frame a title without naming a condition. */
const FRAME_WORDS = new Set(['family', 'history', 'personal', 'encounter', 'status'].map(wordKey));

/** Soft words too generic to stand beside a single word ("blood type", "site"). */
const GENERIC_SOFT = new Set(['type', 'site', 'region', 'stage'].map(wordKey));

/** A title's words; `loneWord` when one word is left once a filler noun went ("Bipolar disorder"). */
function termOf(text: string, soft: Set<string>): (Pick<LexiconTerm, 'required' | 'soft' | 'optional' | 'absent'> & { loneWord?: boolean }) | undefined {
  const required = new Set<string>();
  const softWords = new Set<string>();
  const optional = new Set<string>();
  const absent = new Set<string>();
  let droppedFiller = false;
  const optionalClass = new Set<string>();
  let droppedOpenPlace = false;
  // "Trigger finger, unspecified finger" loses its organ, not a filler noun: never a lone-word term.
  let droppedOpenWord = false;
  let droppedFillerNoun = false;
  // "…of unspecified ligament", "…of unspecified ankle": the word after an inner "unspecified" (same clause)
  // is what the code leaves open. A title opening with "Unspecified" names its concept next, and a side
  // after ", unspecified," is still required. Numbered ranges ("stage 1 through stage 4") are never written
  // in charts, so their words are optional.
  const folded = text.toLowerCase();
  // "Other or unspecified stimulant use disorder": after "other or", the word is the kind the term names, not left open.
  const leftOpen = new Set([...folded.matchAll(/(?<=\S )(?<!\bother or )unspecified ([a-z]+)/g)].map((m) => m[1]!).filter((w) => !SIDES.has(w)));
  // "Laceration without foreign body of right forearm": only "foreign body" is absent; "right forearm" is required.
  // "Elevated blood-pressure reading, without diagnosis of hypertension", "Concussion without loss of consciousness":
  // there the whole phrase is absent. "Type 2 diabetes mellitus without complications in remission": the remission
  // is the code's own state, required.
  const absentWords = new Set([...folded.matchAll(/without ((?:diagnosis|mention|loss|evidence) of [a-z -]+?|[a-z -]+?)(?= of | in remission|,|$)/g)].flatMap((m) => m[1]!.split(/[ -]/)));
  // "…due to plants, except food", "Serous conjunctivitis, except viral": what follows "except" is ruled out, like "without".
  // A word the title also names outside the "except" phrase stays required ("…of right ear [any part, except ear drum]").
  const exceptPhrase = /except ([a-z0-9 -]+?)(?= of |,|\]|\)|$)/g;
  const outsideExcept = new Set(folded.replace(exceptPhrase, ' ').split(/[^a-z0-9]+/));
  const excepted = new Set([...folded.matchAll(exceptPhrase)].flatMap((m) => m[1]!.split(/[ -]/)).filter((w) => !outsideExcept.has(w)));
  // "…of unspecified ovary", "…of unspecified epididymis": what "of unspecified" leaves open is a place or part.
  const openOrgan = new Set([...folded.matchAll(/\bof unspecified ([a-z]+)/g)].map((m) => m[1]!).filter((w) => !SIDES.has(w)));
  // "Impingement syndrome of shoulder", "Calcific tendinitis … disease of": a class noun right before "of <site>"
  // is what charts leave out ("L shoulder impingement"); it turns optional below when the rest is specific enough.
  const classBeforeSite = new Set([...folded.matchAll(/\b(syndrome|disease) of /g)].map((m) => wordKey(m[1]!)));
  // "Strain of muscle, fascia and tendon of lower back": a strain is of those tissues by definition, so the list
  // between "strain of" and the site is what charts leave out ("lumbar strain"); the site stays required.
  // "… at neck level", "… at forearm level": the level word goes with them ("neck strain", "cervical strain").
  const tissues = /^strain of ((?:muscles?|fascia|tendons?|,| |and)+) (?:of|at) /.exec(folded)?.[1];
  const strainTissue = new Set(tissues ? [...tissues.split(/[ ,]+/).filter((w) => w && w !== 'and'), ...(/^strain of [a-z, ]+ at [a-z ]+ level\b/.test(folded) ? ['level'] : [])] : []);
  const ranged = new Set([...folded.matchAll(/(stage )?(\w+) through (stage )?(\w+)/g)].flatMap((m) => [m[2]!, m[4]!, 'through']));
  // "Hemiplegia … affecting left nondominant side": "affecting" only joins the side; charts write "left hemiparesis".
  const sideJoiner = /\baffecting (?:left|right|unspecified|bilateral)\b[a-z -]*\bsides?\b/.test(folded) ? ['affecting'] : [];
  // "Mild cognitive impairment of uncertain or unknown etiology": the code of the condition not otherwise specified;
  // a chart writes "mild cognitive impairment".
  const unknownCause = [...folded.matchAll(/\b((?:uncertain|unknown|undetermined)(?: or (?:uncertain|unknown|undetermined))? etiology)\b/g)].flatMap((m) => m[1]!.split(' '));
  // Words charts leave out: a numbered range's, a strain's tissues, the word that joins a side, an unknown cause.
  const unwritten = new Set([...ranged, ...strainTissue, ...sideJoiner, ...unknownCause]);
  // "Malignant neoplasm of left upper limb", "Pain in right upper limb": a site phrase made only of soft words is the title's place, its head
  // noun; soft there would leave "cancer, left" a reading of the limb code. Those words stay required.
  const siteOf = /\b(?:of|in) ([a-z -]+?)(?: nos)?$/.exec(folded)?.[1]?.split(/[ -]+/).filter((w) => w && !['right', 'left', 'bilateral', 'unspecified', 'and'].includes(w));
  const softSite = siteOf?.length && siteOf.every((w) => soft.has(wordKey(w))) ? new Set(siteOf.map(wordKey)) : undefined;
  for (const token of analyzeField(text)) {
    if (token.role === TokenRole.part || token.role === TokenRole.neutral) continue;
    if (leftOpen.has(token.term)) {
      droppedFiller = true;
      droppedOpenWord = true;
      if (PLACE_KEYS.has(wordKey(token.term)) || openOrgan.has(token.term)) droppedOpenPlace = true;
      continue;
    }
    if (unwritten.has(token.term)) {
      optional.add(wordKey(token.term));
      continue;
    }
    const key = wordKey(token.term);
    // "with"/"without" join parts of a title; what they join is what must (or must not) be in the chart.
    if (key === 'with' || key === 'without' || token.term === 'except') continue;
    if (excepted.has(token.term)) {
      absent.add(key);
      continue;
    }
    if (FILLER_KEYS.has(key) || key === 'other' || key === 'specified') {
      droppedFiller ||= token.role === TokenRole.core && key !== 'mellitu' && key !== 'mellitus';
      // "Bipolar disorder" lost a filler noun; "Other shigellosis" lost only "other", and stays a weak title.
      droppedFillerNoun ||= token.role === TokenRole.core && FILLER_KEYS.has(key) && key !== 'mellitu' && key !== 'mellitus';
      continue;
    }
    if (classBeforeSite.has(key) && token.role === TokenRole.core) {
      optionalClass.add(key);
      continue;
    }
    if (token.role === TokenRole.absent && absentWords.has(token.term)) absent.add(key);
    else if (token.role === TokenRole.absent) required.add(key);
    else if (token.role === TokenRole.optional) optional.add(key);
    else if (soft.has(key) && !softSite?.has(key)) softWords.add(key);
    else required.add(key);
  }
  // The class noun stays required unless two other words, one of them the site, still name the condition.
  for (const key of optionalClass) {
    if (required.size >= 2 && [...required].some((k) => PLACE_KEYS.has(k))) optional.add(key);
    else required.add(key);
  }
  // "Malignant neoplasm of unspecified ovary" is about an organ the chart did not name: with no other place left it
  // is no reading of a bare "adenocarcinoma" (that is the condition's own unspecified code).
  if (droppedOpenPlace && ![...required].some((k) => PLACE_KEYS.has(k))) return undefined;
  // A title that says little once filler goes ("Unspecified blood type", "Other shigellosis", "Trigger finger,
  // unspecified finger") is too weak to code from with one word left; one word plus a filler noun ("Bipolar
  // disorder") is kept, but matches only where the chart writes the noun (see needsFiller).
  if (required.size === 1 && [...softWords].some((k) => GENERIC_SOFT.has(k))) return undefined;
  if (required.size === 1 && droppedFiller && (droppedOpenWord || !droppedFillerNoun)) return undefined;
  const loneWord = required.size === 1 && droppedFiller;
  // "Family history of other conditions", "Personal history of other diseases": nothing left but the frame.
  if ([...required].every((k) => FRAME_WORDS.has(k))) return undefined;
  // "without complications" only says nothing more is known; it never blocks a match.
  absent.delete(wordKey('complications'));
  absent.delete(wordKey('complication'));
  for (const k of required) absent.delete(k);
  return { required: [...required], soft: [...softWords], optional: [...optional], absent: [...absent], ...(loneWord ? { loneWord } : {}) };
}

/**
 * Other ways a title reads under the ICD-10-CM conventions, as extra phrases of the same code:
 * - parenthesised example words stand for the word they follow: "due to animal (cat) (dog) hair" is also
 *   "due to cat hair" and "due to dog hair";
 * - "and" means "and/or" (Conventions I.A.14) in a list of causes ("due to … hair and dander") and of devices
 *   ("Presence of coronary angioplasty implant and graft"): each noun alone is enough. Elsewhere "and" joins two
 *   conditions a combination code needs both of ("Hypertensive heart and chronic kidney disease") and stays;
 * - a closing bracket of plain words is the condition's other name ("Acute obstructive laryngitis [croup]");
 * - in an injury title "and" joins the sites one code covers ("Contusion of eyelid and periocular area",
 *   "Injury of conjunctiva and corneal abrasion"): either site alone is that injury. Not when the second part
 *   goes on ("muscle and tendon of head", "head and neck of femur") or the first is a position word ("middle
 *   and inner ear"): there "and" builds one structure.
 */
export function phraseVariants(text: string, options: { injury?: boolean; title?: boolean } = {}): string[] {
  const out = new Set<string>();
  // "Acute obstructive laryngitis [croup]", "Acute nasopharyngitis [common cold]": a closing bracket of plain words is
  // the condition's other name (Conventions I.A.7), read on its own. Not "[any part, except face]" or "[part of]".
  // When words before the bracket name an object ("Fracture of lunate [semilunar]", "Deficiency of factor I
  // [fibrinogen]"), the bracket renames that object, not the condition: no reading.
  // Titles only: an inclusion term's bracket ("adhesions [bands]") qualifies its own words.
  const named = options.title ? /^([^[\]]+)\s\[([a-z][a-z -]*[a-z])\]$/.exec(text) : null;
  if (named && !/\b(?:of|by|to|from|for|with|due|in)\b/i.test(named[1]!) && !/^(?:any|part|including|other|from)\b/.test(named[2]!)) out.add(named[2]!);
  const pair = options.injury ? INJURY_SITE_PAIR.exec(text) : null;
  if (pair && !POSITION_WORDS.has(pair[2]!) && !/ (?:of|at) /.test(pair[3]!)) {
    const [, head, first, second, tail = ''] = pair;
    out.add(`${head}${first}${tail}`);
    // "corneal abrasion" names its own injury; "periocular area" takes the title's ("Contusion of").
    out.add(INJURY_KIND.test(second!) ? `${second}${tail}` : `${head}${second}${tail}`);
  }
  const examples = EXAMPLES.exec(text);
  if (examples && !/^(?:and|or|with|of|to|in|due)$/i.test(examples[1]!)) {
    for (const word of examples[2]!.match(/[a-z]+/g) ?? []) out.add(text.replace(examples[0]!, `${word} `).replace(/ {2,}/g, ' '));
  }
  // "Secondary malignant neoplasm of liver and intrahepatic bile duct": metastases to either site.
  const sites = NEOPLASM_SITES.exec(text);
  if (sites) {
    out.add(`${sites[1]}${sites[2]}`);
    out.add(`${sites[1]}${sites[3]}`);
  }
  // "… symptomatic epilepsy and epileptic syndromes with complex partial seizures": a second name built on the first's
  // stem with a generic head ("syndromes", "disorders") adds nothing the first does not say; read the title without it.
  const variant = STEM_VARIANT.exec(text);
  if (variant && variant[1]!.slice(0, 5) === variant[2]!.slice(0, 5)) out.add(text.replace(variant[0], variant[1]!));
  // "Contact with and (suspected) exposure to COVID-19": "and" is "and/or" (I.A.14); charts write either ("COVID
  // exposure", "contact with TB"), and a title read whole needs both.
  const contact = /^contact with and \(suspected\) exposure to (.+)$/i.exec(text);
  if (contact) {
    out.add(`exposure to ${contact[1]}`);
    out.add(`contact with ${contact[1]}`);
  }
  // "Type 2 diabetes mellitus with …": diabetes whose type the chart does not give is type 2 (Guideline I.C.4.a.2), so
  // "diabetic retinopathy" reads the E11 title without its type words. A stated type 1 reads its own, richer title.
  const untyped = options.title ? /^type 2 (diabetes mellitus with .+)$/i.exec(text) : null;
  if (untyped) out.add(untyped[1]!);
  for (const phrase of [text, ...out]) {
    const pair = AND_OR_PAIR.exec(phrase);
    if (!pair) continue;
    out.add(phrase.replace(pair[1]!, pair[2]!));
    out.add(phrase.replace(pair[1]!, pair[3]!));
  }
  out.delete(text);
  return [...out];
}

/**
 * A cause followed by two or more one-word examples in brackets ("due to animal (cat) (dog) hair"). Elsewhere
 * brackets hold nonessential modifiers or synonyms ("plantar (early) (late)", "Localization-related (focal)"),
 * which the lexicon already reads as optional words.
 */
const EXAMPLES = /(?<=\bdue to )([a-z]+) ((?:\([a-z]+\) ){2,})(?=[a-z])/;

/** An injury title "<kind> of [side] <site> and <site>[, qualifier | with(out) …]". */
const INJURY_SITE_PAIR = /^(.*? of (?:(?:right|left|unspecified) )?)((?!other )[a-z]+(?: [a-z]+)?) and ((?:[a-z]+ )*?[a-z]+)((?:,| without| with) .*)?$/;

/** Position words that share the noun after the "and" ("middle and inner ear", "upper and lower end"). */
const POSITION_WORDS: ReadonlySet<string> = new Set(['upper', 'lower', 'middle', 'inner', 'outer', 'anterior', 'posterior', 'front', 'back', 'head']);

/** Injury nouns that make the second part of an injury title a whole injury ("corneal abrasion"). */
const INJURY_KIND = /\b(?:abrasion|contusion|laceration|fracture|sprain|strain|dislocation|wound|burn|injury)\b/;

/** A secondary (metastatic) neoplasm title naming two sites joined by "and": metastases to either site. */
const NEOPLASM_SITES = /^(secondary malignant neoplasm of )((?!other )[a-z ]+?) and ([a-z ]+)$/i;

/** "epilepsy and epileptic syndromes": a word, "and", a word on the same stem, a generic head. */
const STEM_VARIANT = /\b([a-z]{5,}) and ([a-z]{5,}) (?:syndromes?|disorders?|conditions?|states?)\b/i;

/** A final "A and B" of single words after "due to" or in a "Presence of" title: its two readings. */
const AND_OR_PAIR = /^(?:Presence of |.* due to )(?:.*? )?(([a-z]+) and ([a-z]+))$/i;
