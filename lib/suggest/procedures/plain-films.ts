import type { CodeSetBundle } from '../../codesets';
import plainFilmJson from './plain-films.json';
import { PhraseTable, phraseSet, phraseWords } from './text';
import type { PhraseMatch, SentenceView } from './text';

/** One plain-film code of a body site and the number of views it bills. */
export interface PlainFilmCode {
  code: string;
  minViews: number;
  maxViews: number;
}

/** A body site with its plain-film codes (chest: 71045–71048), from the CPT catalogue's own summaries. */
export interface PlainFilmSite {
  /** The site as the catalogue names it ("Forearm", "Upper arm (humerus)"). */
  name: string;
  codes: PlainFilmCode[];
  /** Limb films take LT/RT (one side per code); chest, spine, pelvis and belly do not. */
  lateral: boolean;
}

/** What {@link plainFilmIndex} builds once per CPT release. */
export interface PlainFilmIndex {
  sites: PhraseTable<PlainFilmSite>;
  /** Words that name an X-ray ("x-ray", "XR", "radiograph", "films"). */
  xray: PhraseTable<string>;
  /** Abbreviations that name an X-ray of one site by themselves ("CXR", "KUB"). */
  implied: PhraseTable<PlainFilmSite>;
  /** Words that make a sentence about another kind of study or another place ("CT", "MRI", "in the ED"). */
  exclude: PhraseTable<string>;
  /** The {@link PlainFilmIndex.exclude} words that are places or readers ("radiology", "ED"), not studies. */
  places: ReadonlySet<string>;
  /** Words that show the film was taken and read here ("in clinic", "my read"). */
  inOffice: PhraseTable<string>;
  /** Words that show the clinician read the film ("my read"): an ordered film read here was taken here. */
  ownRead: PhraseTable<string>;
}

/** A plain film named in a sentence: its site, where, and how many views the sentence writes. */
export interface PlainFilmMention {
  site: PlainFilmSite;
  match: PhraseMatch<unknown>;
  views?: number;
}

interface PlainFilmRules {
  xrayWords: string[];
  implied: Record<string, string>;
  aliases: Record<string, string[]>;
  exclude: string[];
  placeExclude: string[];
  inOffice: string[];
  ownRead: string[];
}

const RULES = plainFilmJson as PlainFilmRules;
const cache = new WeakMap<CodeSetBundle, Map<string, PlainFilmIndex>>();

/**
 * Every plain-film code of the CPT release grouped by body site: a summary "<Site> X-ray, <n> images"
 * gives the site (its words and the words in brackets: "Upper arm (humerus)" → upper arm, humerus) and
 * the views it bills ("2 or 3 images", "4 or more images", "fewer than 3 images"); keywords with an X-ray
 * word add site words ("lumbar x-ray" → lumbar), plain-films.json adds common aliases. Codes in `claimed`
 * (sites a named concept already covers) are left out.
 *
 * @example plainFilmIndex(cpt, new Set()).sites // forearm → 73090 (2 views)
 */
export function plainFilmIndex(cpt: CodeSetBundle | undefined, claimed: ReadonlySet<string>): PlainFilmIndex {
  const key = [...claimed].sort().join(',');
  const byKey = cpt ? cache.get(cpt) : undefined;
  const hit = byKey?.get(key);
  if (hit) return hit;
  const xray = phraseSet(RULES.xrayWords);
  const groups = new Map<string, PlainFilmSite & { terms: Set<string> }>();
  for (const r of cpt?.codes ?? []) {
    if (!/^7[0-4]\d{3}$/.test(r.code) || claimed.has(r.code)) continue;
    const parsed = /^(.+?)\s+X-ray,\s*(.+)$/i.exec(r.title);
    if (!parsed) continue;
    const views = viewsOfSummary(parsed[2]!);
    if (!views) continue;
    const head = parsed[1]!.trim();
    const id = phraseWords(head).join(' ');
    const group = groups.get(id) ?? { name: head, codes: [], lateral: isLimb(r.code, head), terms: new Set<string>() };
    group.codes.push({ code: r.code, ...views });
    for (const t of siteTerms(head)) group.terms.add(t);
    for (const k of r.synonyms ?? []) {
      const words = phraseWords(k);
      const rest = stripXray(words, xray);
      if (rest && rest.length < words.length) group.terms.add(rest.join(' '));
    }
    groups.set(id, group);
  }
  // Aliases name a site by one of its derived terms ("lumbosacral spine": ["lumbar spine", "l-spine"]).
  const aliasOwners = new Map<string, Set<PlainFilmSite>>();
  for (const [term, aliases] of Object.entries(RULES.aliases)) {
    const key = phraseWords(term).join(' ');
    for (const g of groups.values()) if (g.terms.has(key)) for (const a of aliases) { const k = phraseWords(a).join(' '); aliasOwners.set(k, (aliasOwners.get(k) ?? new Set()).add(g)); }
  }
  // A term two sites share ("neck": soft tissue and cervical spine) names neither, unless an alias settles it ("hip" is one hip).
  const owners = new Map<string, Set<PlainFilmSite>>();
  for (const g of groups.values()) for (const t of g.terms) owners.set(t, (owners.get(t) ?? new Set()).add(g));
  for (const [t, set] of aliasOwners) owners.set(t, set);
  const sites = new PhraseTable<PlainFilmSite>();
  for (const [t, set] of owners) if (set.size === 1 && t) sites.add(t.split(' '), [...set][0]!);
  const implied = new PhraseTable<PlainFilmSite>();
  for (const [abbr, term] of Object.entries(RULES.implied)) {
    const site = owners.get(phraseWords(term).join(' '));
    if (site?.size === 1) implied.add(abbr, [...site][0]!);
  }
  for (const g of groups.values()) g.codes.sort((a, b) => a.minViews - b.minViews);
  const index: PlainFilmIndex = { sites, xray, implied, exclude: phraseSet(RULES.exclude), places: new Set(RULES.placeExclude), inOffice: phraseSet(RULES.inOffice), ownRead: phraseSet(RULES.ownRead) };
  if (cpt) {
    const m = cache.get(cpt) ?? new Map<string, PlainFilmIndex>();
    m.set(key, index);
    cache.set(cpt, m);
  }
  return index;
}

/**
 * Plain films a sentence names: an abbreviation that is one ("CXR", "KUB"), or an X-ray word with a body
 * site (the site nearest the X-ray word). Studies of another kind (CT, MRI, ultrasound) are skipped.
 */
export function plainFilmsIn(view: SentenceView, index: PlainFilmIndex): PlainFilmMention[] {
  if (index.exclude.longest(view.words).some((m) => !secondRead(view, m, index) && !comparedWith(view, m, index))) return [];
  const views = viewCount(view.sentence.text);
  const out: PlainFilmMention[] = [];
  for (const m of index.implied.longest(view.words)) out.push({ site: m.values[0]!, match: m, ...(views !== undefined ? { views } : {}) });
  // "L ankle 3 views obtained here (AP, mortise, lateral)": a count of views (or a list of projections) is an X-ray
  // word too, since the other studies that write views (mammogram, echo) are excluded above or have no film site.
  const xr = index.xray.longest(view.words);
  if (xr.length === 0 && views !== undefined) xr.push(...viewWords(view));
  if (xr.length === 0) return out;
  for (const m of index.sites.longest(view.words)) {
    if (out.some((o) => o.site === m.values[0])) continue;
    // The site must be near an X-ray word (within 6 words), so "x-ray of the chest; wrist pain" names only the chest.
    const near = xr.some((x) => Math.min(Math.abs(x.from - m.to), Math.abs(m.from - x.to)) <= 6);
    if (!near) continue;
    const first = xr.reduce((a, b) => (Math.abs(b.from - m.from) < Math.abs(a.from - m.from) ? b : a));
    const match = { ...m, from: Math.min(m.from, first.from), to: Math.max(m.to, first.to), start: Math.min(m.start, first.start), end: Math.max(m.end, first.end) };
    out.push({ site: m.values[0]!, match, ...(views !== undefined ? { views } : {}) });
  }
  // "Right hip X-ray, 2 views (AP pelvis and frog-lateral hip)": the pelvis view is part of the hip study, not its own film.
  const hip = out.some((o) => isHipSite(o.site));
  return hip ? out.filter((o) => !isPelvisSite(o.site)) : out;
}

/** The words that write a view count or a projection, as X-ray word matches. */
function viewWords(view: SentenceView): PhraseMatch<string>[] {
  return view.words.flatMap((w, i) => (VIEW_WORD.test(w.text) ? [{ from: i, to: i + 1, start: w.start, end: w.end, values: ['views'] }] : []));
}

const VIEW_WORD = /^(?:views?|images?|projections?|ap|pa|mortise|lateral|oblique|\dv)$/i;

function isHipSite(site: PlainFilmSite): boolean {
  return site.codes.some((c) => /^7350[1-3]$|^7352[1-3]$/.test(c.code));
}

function isPelvisSite(site: PlainFilmSite): boolean {
  return site.codes.some((c) => /^7217[0-9]$/.test(c.code));
}

/**
 * Number of views a sentence writes: "2 views", "3V", "two-view", "single view", or a list of
 * projections ("PA and lateral", "AP/lat", "AP, lateral and oblique", "flat and upright").
 *
 * @example viewCount('CXR PA/lateral in clinic') // 2
 */
export function viewCount(text: string): number | undefined {
  const n = /\b(\d)\s*-?\s*(?:views?|v|images?|projections?)\b/i.exec(text);
  if (n) return Number(n[1]);
  const w = /\b(single|one|two|three|four|five|six)[\s-]+(?:views?|images?|projections?)\b/i.exec(text);
  if (w) return WORD_COUNT[w[1]!.toLowerCase()];
  const list = /\b(?:pa|ap|frontal|flat|supine)\b(?:\s*(?:\/|,|&|\+|and)\s*(?:and\s+)?(?:lat(?:eral)?s?|obliques?|upright|decubitus|mortise|sunrise|merchant|tunnel|y|axillary|odontoid|swimmers?))+/i.exec(text);
  if (list) return list[0].split(/\s*(?:\/|,|&|\+|\band\b)\s*/i).filter((p) => p.trim() !== '').length;
  if (/\b(?:portable|single)\s+(?:ap|pa|frontal)\b/i.test(text)) return 1;
  return undefined;
}

/**
 * The code of a site for a number of views: the code whose range holds it; with no count written, the
 * fewest-view code; a count no code holds takes the nearest one. `exact` says whether the count fit.
 */
export function pickPlainFilm(site: PlainFilmSite, views: number | undefined): { code: string; exact: boolean } {
  if (views === undefined) return { code: site.codes[0]!.code, exact: site.codes.length === 1 };
  const fit = site.codes.find((c) => views >= c.minViews && views <= c.maxViews);
  if (fit) return { code: fit.code, exact: true };
  const nearest = [...site.codes].sort((a, b) => distance(a, views) - distance(b, views))[0]!;
  return { code: nearest.code, exact: false };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const READ_BY_BEFORE = /\b(?:over-?\s?read(?:s|ing)?|(?:final|formal|official|confirmatory)\s+read|read|confirmed|reviewed)\s+(?:by|with)\s+(?:the\s+|a\s+)?$/i;
const READ_AFTER = /^\s*(?:over-?\s?read(?:s|ing)?|read(?:ing)?|review)\b/i;

/**
 * A place word that only names who reads the office film a second time ("overread by radiology",
 * "radiology over-read to follow"): the film was still taken here, so it does not set the sentence aside.
 */
function secondRead(view: SentenceView, m: PhraseMatch<string>, index: PlainFilmIndex): boolean {
  if (!index.places.has(m.values[0]!)) return false;
  const text = view.sentence.text;
  return READ_BY_BEFORE.test(text.slice(0, m.start - view.start)) || READ_AFTER.test(text.slice(m.end - view.start));
}

const COMPARED_BEFORE = /\b(?:compared\s+(?:with|to)|comparison\s+(?:with|to)|than(?:\s+on)?|versus|vs\.?|since)\s+(?:the\s+|his\s+|her\s+|prior\s+|previous\s+|earlier\s+)*(?:[a-z]+\s+)?$/i;

/**
 * A place word that names the earlier film the office one is compared with ("callus increased compared with the
 * outside ED images"): the film described was still taken here.
 */
function comparedWith(view: SentenceView, m: PhraseMatch<string>, index: PlainFilmIndex): boolean {
  if (!index.places.has(m.values[0]!)) return false;
  return COMPARED_BEFORE.test(view.sentence.text.slice(Math.max(0, m.start - view.start - 40), m.start - view.start));
}

const WORD_COUNT: Record<string, number> = { single: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function distance(c: PlainFilmCode, n: number): number {
  return n < c.minViews ? c.minViews - n : n - c.maxViews;
}

/** "2 images" → 2–2, "2 or 3 images" → 2–3, "4 or more images" → 4+, "fewer than 3 images" → 1–2, "full study" → any. */
function viewsOfSummary(tail: string): { minViews: number; maxViews: number } | undefined {
  const t = tail.toLowerCase();
  let m = /(\d) or more images?/.exec(t);
  if (m) return { minViews: Number(m[1]), maxViews: 99 };
  m = /fewer than (\d) images?/.exec(t);
  if (m) return { minViews: 1, maxViews: Number(m[1]) - 1 };
  m = /(\d) or (\d) images?/.exec(t);
  if (m) return { minViews: Number(m[1]), maxViews: Number(m[2]) };
  m = /(\d) images?/.exec(t);
  if (m) return { minViews: Number(m[1]), maxViews: Number(m[1]) };
  if (/full study|complete/.test(t)) return { minViews: 1, maxViews: 99 };
  return undefined;
}

/** "Upper arm (humerus)" → upper arm, humerus; "Low-back (lumbosacral) spine" → low back spine, lumbosacral spine, lumbosacral. */
function siteTerms(head: string): string[] {
  const out = new Set<string>();
  const paren = /\(([^)]*)\)/.exec(head);
  const without = head.replace(/\([^)]*\)/g, ' ');
  out.add(phraseWords(without).join(' '));
  if (paren) {
    const inner = paren[1]!;
    const after = head.slice(paren.index + paren[0].length);
    for (const part of inner.split(/\s+and\s+|,|\//)) out.add(phraseWords(part).join(' '));
    out.add(phraseWords(`${inner} ${after}`).join(' '));
  }
  return [...out].filter((t) => t.length > 1);
}

function stripXray(words: string[], xray: PhraseTable<string>): string[] | undefined {
  const views = words.map((text, i) => ({ text, start: i, end: i + 1 }));
  const hits = xray.longest(views);
  if (hits.length === 0) return undefined;
  const keep = words.filter((_, i) => !hits.some((h) => i >= h.from && i < h.to));
  return keep.length > 0 ? keep : undefined;
}

/** Upper and lower limb films (73000–73725) are one side each, except the both-sides studies. */
function isLimb(code: string, head: string): boolean {
  const n = Number(code);
  return n >= 73000 && n <= 73725 && !/\bboth\b|bilateral/i.test(head);
}
