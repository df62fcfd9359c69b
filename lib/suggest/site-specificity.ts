import siteJson from '../../assets/rules/body-sites.json';
import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { FIRST_TO_THIRD, textWords, wordKey, type TextWord } from './text-words';

/**
 * Site and side from the code-set titles (Guideline I.B.13 laterality; I.C.13.a multiple sites): when the chart
 * names a body site and side next to a diagnosis, the billable descendant of the same category whose title carries
 * that site and side beats the unspecified code ("gout, right great toe" → M10.071, not M10.9). Nothing about
 * gout or cellulitis is written here: the titles of the category's own codes say which words are sites and sides.
 */

/** The body-site vocabulary: title site words, and the chart words that name the same place. */
export interface BodySites {
  /** Title words that name a body site (keys). */
  sites: Set<string>;
  /** Title words that narrow a site (upper, lower): required in the chart, directly or implied by a site word. */
  qualifiers: Set<string>;
  /** Chart word key → the title keys it implies ("toe" → foot, limb, lower). */
  implies: Map<string, string[]>;
}

/** Error for a malformed body-site file. */
export class BodySiteError extends Error {
  override name = 'BodySiteError';
}

/** Validates assets/rules/body-sites.json ({formatVersion: 1, sites: [...], qualifiers: [...], implies: {word: [...]}}). */
export function loadBodySites(json: unknown, source = 'body-sites.json'): BodySites {
  const file = json as { formatVersion?: unknown; sites?: unknown; qualifiers?: unknown; implies?: unknown };
  const isWords = (v: unknown): v is string[] => Array.isArray(v) && v.every((w) => typeof w === 'string' && w.trim() !== '');
  if (file?.formatVersion !== 1 || !isWords(file.sites) || !isWords(file.qualifiers) || !file.implies || typeof file.implies !== 'object') {
    throw new BodySiteError(`${source}: expected {formatVersion: 1, sites: [words], qualifiers: [words], implies: {word: [words]}}`);
  }
  const implies = new Map<string, string[]>();
  for (const [word, targets] of Object.entries(file.implies as Record<string, unknown>)) {
    if (!isWords(targets)) throw new BodySiteError(`${source}: implies.${word} must be a list of title words`);
    implies.set(wordKey(word), targets.map(wordKey));
  }
  return { sites: new Set(file.sites.map(wordKey)), qualifiers: new Set(file.qualifiers.map(wordKey)), implies };
}

export const defaultBodySites: BodySites = loadBodySites(siteJson);

const SIDES = new Set(['right', 'left', 'bilateral'].map(wordKey));
/** Title words that say "the usual kind" and need no chart word (M10.07- idiopathic gout is gout said plainly), and joining words ("upper limb, including shoulder"). */
const DEFAULT_QUALIFIERS = new Set(['idiopathic', 'primary', 'unspecified', 'site', 'sites', 'multiple', 'of', 'and', 'with', 'in', 'the', 'or', 'including'].map(wordKey));
const MULTIPLE = wordKey('multiple');

/**
 * The words of a title that describe it, without what a "without …" clause says is absent. A hyphenated word counts
 * by its parts ("upper-outer quadrant" is upper, outer, quadrant): a chart writes "upper outer quadrant" as often.
 */
function titleWordKeys(title: string): readonly string[] {
  let keys = titleKeys.get(title);
  // "… of skin of other part of trunk": the rest of the place, which a chart names by the place itself ("mid back").
  if (!keys) titleKeys.set(title, (keys = textWords(title.replace(/\bwithout\b[^,]*/gi, ' ').replace(new RegExp(OTHER_PART.source, 'gi'), 'of')).filter((w) => !w.joined).map((w) => w.key)));
  return keys;
}

const OTHER_PART = /\bother parts? of\b/i;

/** Title words by title: the same candidate titles are compared for every chart (bounded by the code set). */
const titleKeys = new Map<string, readonly string[]>();

/** The words a title's "without …" clauses say are absent. */
function absentWordKeys(title: string): readonly string[] {
  let keys = absentKeys.get(title);
  if (!keys) absentKeys.set(title, (keys = [...title.matchAll(/\bwithout\b([^,]*)/gi)].flatMap((m) => textWords(m[1]!).map((w) => w.key))));
  return keys;
}

/** Absent words by title, like {@link titleKeys}. */
const absentKeys = new Map<string, readonly string[]>();

/** "Without" clauses that only say nothing more is known (no organ involvement, no foreign body, no complication). */
const PLAIN_ABSENT = new Set(['organ', 'systems', 'system', 'involvement', 'foreign', 'body', 'complication', 'complications', 'or', 'and', 'of'].map(wordKey));

/** How well one code's title fits the words around a diagnosis; undefined when the title says something the chart does not. */
interface Fit {
  index: number;
  score: number;
  /** The site words of the title, as one phrase ("ankle foot"), for counting distinct sites. */
  site: string;
  /** True when a site word of the title is written in the chart (not only implied by another site word). */
  literalSite: boolean;
  multiple: boolean;
}

function fitOf(lexicon: DiagnosisLexicon, index: number, literal: Set<string>, expanded: Set<string>, base: Set<string>, baseAbsent: Set<string>, sites: BodySites, ignoreSides = false): Fit | undefined {
  const title = lexicon.codes[index]!.title;
  const words = titleWordKeys(title);
  // A "without rheumatoid factor" clause is a claim (seronegative): the chart or the code it refines must make it.
  const absent = absentWordKeys(title);
  if (absent.some((w) => literal.has(w) && !base.has(w))) return undefined;
  if (absent.some((w) => !PLAIN_ABSENT.has(w) && !baseAbsent.has(w))) return undefined;
  let score = 0;
  const siteWords: string[] = [];
  let siteHit = false;
  let literalSite = false;
  for (const w of new Set(words)) {
    if (sites.sites.has(w)) {
      siteWords.push(w);
      if (literal.has(w)) (score += 2), (siteHit = literalSite = true);
      else if (expanded.has(w)) (score += 1), (siteHit = true);
    } else if (sites.qualifiers.has(w)) {
      if (!expanded.has(w)) return undefined;
    } else if (SIDES.has(w)) {
      if (ignoreSides) continue;
      if (!literal.has(w)) return undefined;
      score += 2;
    } else if (!literal.has(w) && !base.has(w) && !DEFAULT_QUALIFIERS.has(w)) return undefined;
  }
  // "Other part of lower leg" is the part no sibling names: a sibling naming the chart's own place ("calf") wins a tie.
  if (OTHER_PART.test(title)) score -= 0.5;
  const multiple = words.includes(MULTIPLE) && words.includes(wordKey('sites'));
  if (siteWords.length && !siteHit) return undefined;
  return { index, score, site: siteWords.sort().join(' '), literalSite, multiple };
}

/** The chart words that bear on one diagnosis: its sentence, cut to the clause around the evidence. */
function windowAround(sentence: string, text: string): string {
  const at = sentence.indexOf(text);
  if (at < 0) return sentence;
  const lo = Math.max(0, at - 60);
  const hi = Math.min(sentence.length, at + text.length + 60);
  // "second-degree burn of the left palm and first-degree burn of the left wrist": another burn degree starts another
  // burn, whose site is not this one's.
  const before = (sentence.slice(lo, at).split(/[;]|\b\d+[.)]\s/).at(-1) ?? '').replace(BEFORE_OTHER_DEGREE, '');
  const after = (sentence.slice(at + text.length, hi).split(/[;]|\b\d+[.)]\s/)[0] ?? '').split(OTHER_DEGREE)[0] ?? '';
  return `${before}${text}${after}`.replace(NORMAL_SIDE, ' ');
}

const OTHER_DEGREE = new RegExp(`\\b${FIRST_TO_THIRD}[-\\s]+degree\\b`, 'i');
const BEFORE_OTHER_DEGREE = new RegExp(`^.*\\b${FIRST_TO_THIRD}[-\\s]+degree\\b.*?(?:,|\\band\\b)\\s*`, 'is');

/**
 * "Acute otitis media, left. Right ear normal.": a side whose own clause calls its part normal is the other side,
 * not the condition's.
 */
const NORMAL_SIDE = /\b(?:right|left|r|l|rt|lt)\s+(?:[a-z]+\s+){0,2}?(?:is\s+|was\s+|appears\s+|looks\s+)?(?:normal|clear|unremarkable|intact|wnl|within normal limits|unaffected|uninvolved|spared|nontender|non-tender)\b/gi;

/**
 * "Osteoarthritis of right knee and left hip": when the two sides go with different sites, the code keeps the side of
 * its own site (the hip's left for M16), not both as "bilateral".
 */
function keepSideOfOwnSite(literal: Set<string>, written: readonly TextWord[], title: string, sites: BodySites): void {
  const [left, right] = [wordKey('left'), wordKey('right')];
  if (!literal.has(left) || !literal.has(right)) return;
  const words = written.filter((w) => !w.expanded);
  const isSite = (key: string) => sites.sites.has(key) || sites.implies.has(key);
  const sideOf = new Map<string, Set<string>>();
  for (const w of words) {
    if (w.key !== left && w.key !== right) continue;
    const site = words.find((x) => x.position > w.position && x.position <= w.position + 3 && isSite(x.key));
    if (site) sideOf.set(site.key, (sideOf.get(site.key) ?? new Set()).add(w.key));
  }
  if (sideOf.size < 2) return;
  const own = new Set(titleWordKeys(title));
  const mine = [...sideOf].filter(([site]) => own.has(site) || (sites.implies.get(site) ?? []).some((k) => own.has(k)));
  if (mine.length === 0) return;
  const keep = new Set(mine.flatMap(([, sides]) => [...sides]));
  for (const side of [left, right]) if (!keep.has(side)) literal.delete(side);
}

/** A code complete but for its 7th character: every child adds one (T23.179 → T23.179A/D/S). */
function needsSeventh(lexicon: DiagnosisLexicon, i: number): boolean {
  const kids = lexicon.children.get(i) ?? [];
  return kids.length > 0 && kids.every((k) => lexicon.codes[k]!.code.replace('.', '').length === 7);
}

/**
 * Every descendant of a category (3-character code) that is billable, or billable once a 7th character is added.
 * Kept per lexicon: a chart refines many codes of the same few categories, and an injury category has thousands.
 */
function billableDescendants(lexicon: DiagnosisLexicon, category: number): readonly number[] {
  let byCategory = descendantsByLexicon.get(lexicon);
  if (!byCategory) descendantsByLexicon.set(lexicon, (byCategory = new Map()));
  let out = byCategory.get(category);
  if (!out) byCategory.set(category, (out = walkBillableDescendants(lexicon, category)));
  return out;
}

const descendantsByLexicon = new WeakMap<DiagnosisLexicon, Map<number, readonly number[]>>();

function walkBillableDescendants(lexicon: DiagnosisLexicon, category: number): number[] {
  const out: number[] = [];
  const walk = (i: number) => {
    const record = lexicon.codes[i]!;
    if ((record.code.replace('.', '').length <= 6 || !isExtension(record.code)) && (record.billable || needsSeventh(lexicon, i))) out.push(i);
    for (const kid of lexicon.children.get(i) ?? []) walk(kid);
  };
  walk(category);
  return out;
}

/**
 * The most site- and side-specific code of the same category the words around a diagnosis support, or undefined
 * when the code already says as much as the chart. Several sites named at once lead to the category's
 * "multiple sites" code when it has one.
 */
export function siteSpecificCode(lexicon: DiagnosisLexicon, code: string, evidence: { text: string; sentence: string }[], sites: BodySites = defaultBodySites): string | undefined {
  // An injury code carries its encounter in the 7th character: refine the code before it and keep the character.
  // An encounter letter (S52.501A) is kept and the code before it refined; a 7th digit that is a side (E11.3291) is
  // part of the code.
  const seventh = isExtension(code) ? code.slice(-1) : '';
  if (seventh) {
    const refined = siteSpecificCode(lexicon, code.slice(0, -1), evidence, sites);
    return refined && lexicon.indexOf.has(`${refined}${seventh}`) ? `${refined}${seventh}` : undefined;
  }
  const own = lexicon.indexOf.get(code);
  const category = lexicon.indexOf.get(code.slice(0, 3));
  if (own === undefined || category === undefined || code.replace('.', '').length > 7) return undefined;
  const text = evidence.map((e) => windowAround(e.sentence, e.text)).join(' ; ');
  // "Right-handed" says which hand leads, not a side the condition is on.
  const handed = HANDEDNESS.exec(text)?.[1]?.toLowerCase();
  const written = textWords(handed ? text.replace(HANDEDNESS_ALL, ' ') : text);
  const literal = new Set(expandWords(written).filter((w) => !w.negated && !w.denied).map((w) => w.key));
  keepSideOfOwnSite(literal, written, lexicon.codes[own]!.title, sites);
  if (/\bboth\b|\bbilateral(ly)?\b/i.test(text) || (literal.has(wordKey('left')) && literal.has(wordKey('right')))) {
    literal.add(wordKey('bilateral'));
    // "Osteoarthritis of both knees, left symptomatic flare": the condition is bilateral whatever side flares.
    literal.delete(wordKey('left'));
    literal.delete(wordKey('right'));
  }
  // "Hemiplegia … affecting unspecified side": the side of the body is the code's only place.
  const sideOfBody = /\bunspecified side\b/i.test(lexicon.codes[own]!.title) && (literal.has(wordKey('left')) || literal.has(wordKey('right')));
  const dominance = sideOfBody ? dominanceOf(literal, handed) : undefined;
  const expanded = new Set(literal);
  for (const w of literal) for (const implied of sites.implies.get(w) ?? []) expanded.add(implied);
  if (!sideOfBody && ![...expanded].some((w) => sites.sites.has(w))) return undefined;
  const base = new Set(titleWordKeys(lexicon.codes[own]!.title));
  const baseAbsent = new Set(absentWordKeys(lexicon.codes[own]!.title));
  // A refinement keeps the place its code already names: "family history of malignant neoplasm of ovary" does not
  // become "… of breast" because the sentence also tells of the patient's own breast cancer. What follows
  // "unspecified" is left open ("Pain in unspecified joint" → "Pain in right knee").
  // The whole place "unspecified" qualifies is open: "… of unspecified lower extremity" leaves the limb to the chart.
  const open = new Set([...lexicon.codes[own]!.title.toLowerCase().matchAll(/\bunspecified ((?:[a-z]+ )*?[a-z]+)(?= of\b| and\b| or\b|,|$)/g)].flatMap((m) => m[1]!.split(' ').map(wordKey)));
  const namedPlaces = [...base].filter((w) => OWN_PLACES.has(w) && !open.has(w));
  const fits = billableDescendants(lexicon, category)
    .map((i) => fitOf(lexicon, i, literal, expanded, base, baseAbsent, sites))
    .filter((f): f is Fit => f !== undefined && (f.index === own || f.multiple || keepsPlaces(lexicon, f.index, namedPlaces)));
  // An open code ("… of unspecified site of left female breast") is filled by a sibling whose own place words the
  // chart says beyond the matched code's ("upper outer quadrant"): half a point, so it decides only ties.
  const openSite = open.has(wordKey('site'));
  const filled = (i: number) => openSite && i !== own && titleWordKeys(lexicon.codes[i]!.title).some((w) => literal.has(w) && !base.has(w) && !DEFAULT_QUALIFIERS.has(w) && !SIDES.has(w) && !JOINING.has(w));
  for (const f of fits) if (filled(f.index)) f.score += 0.5;
  const ownFit = fits.find((f) => f.index === own)?.score ?? 0;
  // Sites are counted whatever side the titles carry: "both hands and wrists" names two sites.
  const distinctSites = withoutNestedSites(
    new Set(
      billableDescendants(lexicon, category)
        .map((i) => fitOf(lexicon, i, literal, expanded, base, baseAbsent, sites, true))
        // A site counts when the chart says all of it: "right hand" names the hand, not the back of the hand.
        .filter((f): f is Fit => f !== undefined && f.literalSite && !f.multiple && f.site.split(' ').every((w) => expanded.has(w)))
        .map((f) => f.site),
    ),
  );
  const keptWords = (i: number) => titleWordKeys(lexicon.codes[i]!.title).filter((w) => base.has(w) && !DEFAULT_QUALIFIERS.has(w)).length;
  const ranked = fits
    .filter((f) => (f.multiple ? distinctSites.size >= 2 : f.site !== '' || f.score > 0))
    .filter((f) => !dominance || !/\bdominant\b/i.test(lexicon.codes[f.index]!.title) || NONDOMINANT_TITLE.test(lexicon.codes[f.index]!.title) === (dominance === 'nondominant'))
    // A multiple-sites code beats single sites, and among them the one carrying the side said wins (T23.191 over T23.199).
    .map((f) => ({ ...f, score: f.multiple ? 100 + f.score : f.score }))
    // Of equal fits, the one nearest the matched code in the hierarchy: "multiple sites" of the same burn degree; then
    // the one that keeps more of the matched code's own words (a basal cell carcinoma stays one: C44.619, not the
    // "unspecified malignant neoplasm" C44.609 of the same site).
    .sort((a, b) => b.score - a.score || sharedPrefix(lexicon.codes[b.index]!.code, code) - sharedPrefix(lexicon.codes[a.index]!.code, code) || keptWords(b.index) - keptWords(a.index) || lexicon.defaultness[b.index]! - lexicon.defaultness[a.index]! || a.index - b.index);
  const best = ranked[0];
  if (!best || best.index === own || best.score <= ownFit) return undefined;
  return lexicon.codes[best.index]!.code;
}

const HANDEDNESS = /\b(right|left|ambidextrous)(?:[- ]handed|(?<=ambidextrous))/i;
const HANDEDNESS_ALL = new RegExp(HANDEDNESS.source, 'gi');
const NONDOMINANT_TITLE = /\bnon-?dominant\b/i;

/**
 * Which side of the body leads, for "… affecting left nondominant side" codes. Said in words ("non-dominant side"),
 * or by Guideline I.C.6.a: the patient's handed side (any side for an ambidextrous patient) is dominant, the other
 * nondominant; with handedness unsaid the left is nondominant and the right dominant. Both words are added to the
 * chart's words so either title fits; the caller keeps the titles of this dominance.
 */
function dominanceOf(literal: Set<string>, handed: string | undefined): 'dominant' | 'nondominant' | undefined {
  const dominant = wordKey('dominant');
  const nondominant = wordKey('nondominant');
  if (literal.has(wordKey('bilateral'))) return undefined;
  const side = literal.has(wordKey('left')) ? 'left' : 'right';
  const leading = handed ?? 'right';
  const said = literal.has(nondominant) ? 'nondominant' : literal.has(dominant) ? 'dominant' : leading === 'ambidextrous' || leading === side ? 'dominant' : 'nondominant';
  for (const key of [dominant, nondominant, wordKey('non')]) literal.add(key);
  return said;
}

/** "back of right hand" names one site, not the hand and its back: a site inside another the chart says is not a second one. */
function withoutNestedSites(siteNames: ReadonlySet<string>): Set<string> {
  const words = [...siteNames].map((site) => ({ site, words: site.split(' ') }));
  return new Set(words.filter((a) => !words.some((b) => b !== a && b.words.length > a.words.length && a.words.every((w) => b.words.includes(w)))).map((a) => a.site));
}

/** Organs and sites a title can already name (body-site words and paired organs), sides aside. */
const OWN_PLACES: ReadonlySet<string> = new Set([...siteJson.sites, ...siteJson.pairedOrgans].map(wordKey));

function keepsPlaces(lexicon: DiagnosisLexicon, index: number, places: readonly string[]): boolean {
  if (places.length === 0) return true;
  const words = new Set(titleWordKeys(lexicon.codes[index]!.title));
  return places.every((w) => words.has(w));
}

/** A 7-character code whose last character is an encounter or episode letter (A, D, S…), not a digit. */
function isExtension(code: string): boolean {
  const bare = code.replace('.', '');
  return bare.length === 7 && /[A-Z]$/.test(bare);
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Joining words that add nothing when a sibling title differs by them. */
const JOINING = new Set(['by', 'in', 'of', 'with', 'the', 'and', 'or', 'to', 'due'].map(wordKey));

/** A clause that only supposes ("occult GI blood loss is suspected", "possible celiac") states no type of the condition. */
const SUPPOSING = /\b(?:suspect\w*|possible|possibly|(?:leading |main |chief )?concern is|must be (?:ruled out|excluded)|probabl[ey]|likely|presumed|questionable|concern(?:ing)? for|rule out|r\/o|versus|vs\.?|cannot (?:be )?(?:excluded|exclude|ruled out)|may be|might be|to be determined|not yet (?:identified|known|determined))\b/i;

/**
 * Words a title joins with "and" ("adenomatous and serrated"), each with its partners, when both are words that set
 * the code apart (`distinguishing`): either one said is enough.
 */
function andPartners(title: string, distinguishing: readonly string[]): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  for (const m of title.matchAll(/\b([a-z]+) and ([a-z]+)\b/gi)) {
    const [a, b] = [wordKey(m[1]!), wordKey(m[2]!)];
    if (!distinguishing.includes(a) || !distinguishing.includes(b)) continue;
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  return partners;
}

/**
 * A word "not" denies ("Not recurrent, not chronic"): it names no type of the condition. ("No …", "not a …" and
 * "not in …" deny up to the next comma already, as the words are read.)
 */
const DENIED_WORD = /\bnot\s+(?!(?:a|an|in)\b)[a-z]+(?:-[a-z]+)?\b/gi;

/** A clause that sets a diagnosis aside ("Strep pharyngitis not supported (rapid strep negative)") states no type of it. */
const SETTING_ASIDE = /\b(?:not supported|ruled out|(?:was |were |is |been )excluded|unlikely|no evidence of|not consistent with|doubt(?:ful)?|negative for)\b/i;

/** A clause that says a treatment did not work ("Diet alone failed") states what no longer controls the condition. */
const FAILED = /\b(?:failed|failing|did not (?:work|control)|not enough|insufficient|inadequate|no longer|unsuccessful)\b/i;

/**
 * For an "…, unspecified …" code, the billable sibling whose title replaces "unspecified" with words the chart says
 * near the diagnosis ("gestational diabetes, diet-controlled" → O24.410, not O24.419 unspecified control); of the
 * siblings whose words are all there, the one that carries the most of them wins (the most specific the chart
 * supports): "ADHD, predominantly inattentive" is F90.0 (predominantly + inattentive), not F90.1, whose "hyperactive"
 * the unspecified title's "hyperactivity" already holds. Undefined when no sibling's words are all there.
 */
export function qualifiedSibling(lexicon: DiagnosisLexicon, code: string, text: string): string | undefined {
  const own = lexicon.indexOf.get(code);
  const record = own === undefined ? undefined : lexicon.codes[own];
  if (!record?.parent || !/\bunspecified\b/i.test(record.title)) return undefined;
  const parent = lexicon.indexOf.get(record.parent);
  if (parent === undefined) return undefined;
  const ownWords = titleWordKeys(record.title);
  // The same word in another form ("control" / "controlled") is not a new claim.
  const owned = (w: string) => ownWords.some((o) => o === w || (o.length >= 5 && w.startsWith(o)) || (w.length >= 5 && o.startsWith(w)));
  const stated = text.replace(NORMAL_SIDE, ' ').split(/[;.](?:\s+|$)/).filter((clause) => !SUPPOSING.test(clause) && !FAILED.test(clause) && !SETTING_ASIDE.test(clause)).join('; ').replace(DENIED_WORD, ' ');
  const words = textWords(stated).filter((w) => !w.negated && !w.denied);
  const said = new Set([...words, ...expandWords(words)].map((w) => w.key));
  let best: { code: string; extra: number } | undefined;
  for (const kid of lexicon.children.get(parent) ?? []) {
    const sibling = lexicon.codes[kid]!;
    if (kid === own || !sibling.billable || /\bunspecified\b/i.test(sibling.title)) continue;
    const extra = [...new Set(titleWordKeys(sibling.title))].filter((w) => !owned(w) && !JOINING.has(w));
    // "and" in a title means "and/or" (Guideline I.A.14): "adenomatous and serrated colon polyps" needs either word.
    const partners = andPartners(sibling.title, extra);
    if (extra.length === 0 || !extra.every((w) => said.has(w) || (partners.get(w) ?? []).some((p) => said.has(p)))) continue;
    if (!best || extra.length > best.extra) best = { code: sibling.code, extra: extra.length };
  }
  return best?.code;
}
