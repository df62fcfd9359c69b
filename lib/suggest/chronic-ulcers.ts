import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { defaultBodySites } from './site-specificity';
import { textWords, wordKey } from './text-words';

/**
 * Non-pressure chronic ulcers (L97 lower limb, L98.4- other sites) are coded by site, side and depth, all three read
 * from the titles: "Non-pressure chronic ulcer of right heel and midfoot with fat layer exposed" (L97.412). A diabetic
 * ulcer is the diabetes "with foot ulcer"/"with other skin ulcer" code plus this one, which that code's "use
 * additional code to identify site of ulcer" note asks for (Guideline I.C.4.a, I.C.12.b).
 */

/** Ulcers that are not non-pressure chronic skin ulcers of a limb or other skin site (other categories hold them). */
const NOT_CHRONIC_SKIN = /\b(pressure|decubitus|bed ?sores?|peptic|gastric|duodenal|aphthous|corneal|mouth|oral|genital|rodent|stomal|anastomotic|esophageal|colon|rectal|stage\s*[1-4i]+)\b/i;
export const ULCER_WORD = /\bulcer(?:s|ation|ations)?\b/i;

const SIDE_KEYS = new Set(['right', 'left'].map(wordKey));
const PLAIN = new Set(['non', 'pressure', 'chronic', 'ulcer', 'skin', 'part', 'site', 'sites', 'other', 'unspecified', 'severity', 'evidence', 'of', 'and', 'with', 'to', 'without', 'the'].map(wordKey));

interface UlcerTitle {
  index: number;
  side?: string;
  unspecifiedSide: boolean;
  site: string[];
  /** The site part says "other part of" or "other sites": the place for a named site no sibling names. */
  otherSite: boolean;
  unspecifiedSite: boolean;
  depth: string[];
  /** Depth words the title says are absent ("without evidence of necrosis"). */
  absent: string[];
  unspecifiedDepth: boolean;
}

export const cache = new WeakMap<DiagnosisLexicon, UlcerTitle[]>();

/** The billable L97/L98.41-L98.49 titles, read into site, side and depth once per lexicon. */
function ulcerTitles(lexicon: DiagnosisLexicon): UlcerTitle[] {
  let list = cache.get(lexicon);
  if (list) return list;
  list = [];
  lexicon.codes.forEach((record, index) => {
    if (!record.billable || !/^(L97\.|L98\.4[1-9])/.test(record.code)) return;
    const m = /ulcer of (.*?)(?: (limited to .*|with .*))?$/i.exec(record.title);
    if (!m) return;
    const sitePart = m[1]!;
    const depthPart = m[2] ?? '';
    const siteKeys = textWords(sitePart).map((w) => w.key);
    const side = siteKeys.find((k) => SIDE_KEYS.has(k));
    list!.push({
      index,
      ...(side ? { side } : {}),
      unspecifiedSide: /\bunspecified (?:lower leg|thigh|calf|ankle|heel|foot)\b/i.test(sitePart) || /of unspecified (?!part)/i.test(sitePart),
      site: siteKeys.filter((k) => !PLAIN.has(k) && !SIDE_KEYS.has(k)),
      otherSite: /\bother (part|sites)\b/i.test(sitePart),
      unspecifiedSite: /\bunspecified part\b/i.test(sitePart),
      depth: textWords(depthPart.replace(/\bwithout\b.*$/i, '')).map((w) => w.key).filter((k) => !PLAIN.has(k)),
      absent: textWords(/\bwithout\b(.*)$/i.exec(depthPart)?.[1] ?? '').map((w) => w.key).filter((k) => !PLAIN.has(k)),
      unspecifiedDepth: /unspecified severity/i.test(depthPart),
    });
  });
  cache.set(lexicon, list);
  return list;
}

/**
 * The L97/L98.4- code for an ulcer described in a stretch of chart text ("R heel ulcer, fat layer exposed"), or
 * undefined when the text names no ulcer of skin or no site a title has. Site words the chart uses for a place
 * inside a title's site (toe → foot) come from the body-site vocabulary; a site no title names exactly goes to the
 * category's "other part" title, and with no depth word the "unspecified severity" one.
 */
export function chronicUlcerCode(lexicon: DiagnosisLexicon, text: string): string | undefined {
  if (!ULCER_WORD.test(text) || NOT_CHRONIC_SKIN.test(text)) return undefined;
  const words = textWords(text).filter((w) => !w.negated);
  const literal = new Set(words.map((w) => w.key));
  // A side abbreviation beside a site ("R heel") is the side; other expansions stay out of the site words.
  for (const w of expandWords(words)) if (SIDE_KEYS.has(w.key)) literal.add(w.key);
  const implied = new Set<string>();
  for (const k of literal) for (const i of defaultBodySites.implies.get(k) ?? []) implied.add(i);
  const side = [...SIDE_KEYS].filter((k) => literal.has(k));
  let best: { index: number; score: number } | undefined;
  for (const t of ulcerTitles(lexicon)) {
    if (side.length === 1 ? t.unspecifiedSide || (t.side !== undefined && t.side !== side[0]) : !t.unspecifiedSide && t.side !== undefined) continue;
    const siteHits = t.site.filter((k) => literal.has(k)).length;
    const impliedHits = t.site.filter((k) => !literal.has(k) && implied.has(k)).length;
    if (t.site.length && siteHits + impliedHits === 0) continue;
    if (t.unspecifiedSite && siteHits === 0 && t.site.some((k) => !literal.has(k))) continue;
    if (t.depth.length && !t.depth.every((k) => literal.has(k))) continue;
    if (t.absent.some((k) => literal.has(k))) continue;
    // Literal site words weigh most; a named place no title holds goes to "other part"; then the deepest stated depth.
    const score = (siteHits ? 4 + siteHits : impliedHits ? 2 : 0) + (t.otherSite && siteHits === 0 ? 1 : 0) - (t.unspecifiedSite ? 1 : 0) + t.depth.length * 3 + (t.unspecifiedDepth ? 0.5 : 0) - (siteHits ? 0 : t.site.filter((k) => !implied.has(k)).length);
    if (!best || score > best.score) best = { index: t.index, score };
  }
  return best ? lexicon.codes[best.index]!.code : undefined;
}
