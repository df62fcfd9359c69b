import type { ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Burns of the external body by site (T20-T25): the first character after the dot is the degree (0 unspecified,
 * 1 first, 2 second, 3 third), the rest the site and side. Guideline I.C.19.d.1: burns of the same site but of
 * different degrees are coded to the highest degree ("first- and second-degree burns of the right palm" → T23.251-).
 */
const SITE_BURN = /^T2[0-5]\.[0-3]/;

export function highestDegreePerSite(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const burns = [...chosen.values()].filter((s) => SITE_BURN.test(s.code));
  for (const s of burns) {
    const site = siteOf(s.code);
    const higher = burns.find((o) => o !== s && chosen.has(o.code) && siteOf(o.code) === site && o.code[4]! > s.code[4]!);
    if (!higher) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the same site is burned to a higher degree (${higher.code}): only the highest degree is coded (Guideline I.C.19.d.1)`, evidence: s.evidence });
  }
}

/**
 * "Second-degree burn of the right palm" also reads as a second-degree burn of an unspecified site of the right lower
 * limb (T24.201-): an unspecified-site burn read from the same words as a burn whose site is named says nothing more.
 */
export function dropUnspecifiedSiteBurns(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const burns = [...chosen.values()].filter((s) => SITE_BURN.test(s.code));
  for (const s of burns) {
    if (!/\bunspecified site\b/i.test(s.title)) continue;
    const named = burns.find((o) => o !== s && chosen.has(o.code) && !/\bunspecified site\b/i.test(o.title) && o.code[4] === s.code[4] && s.evidence.every((e) => o.evidence.some((x) => x.sentence === e.sentence)));
    if (!named) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `read from the same words as ${named.code} ${named.title}, whose site is named`, evidence: s.evidence });
  }
}

/** The code with its degree blanked: the same site and side whatever the degree. */
function siteOf(code: string): string {
  return `${code.slice(0, 4)}_${code.slice(5)}`;
}

/**
 * The extent of body surface burned, when the chart states it at 10 percent or more ("burns 24% TBSA, 12% full
 * thickness"), adds a T31 code beside the site codes (Guideline I.C.19.d.6): the first digit is the tens of the
 * total, the second the tens of the third-degree percentage (0 when none is said). A small burn's extent (T31.0)
 * is left out, as coders do outside burn units.
 */
const EXTENT =
  /\b(?:TBSA|BSA|total body surface(?: area)?|body surface area)\b(?:\s*(?:is|was|of|about|approximately|approx\.?|estimated(?: at)?|[:=~]))*\s*(less than|under|well under|below|<)?\s*(\d{1,2}(?:\.\d+)?)\s*(?:%|percent)|\b(less than|under|<)?\s*(\d{1,2}(?:\.\d+)?)\s*(?:%|percent)\s*(?:of\s+)?(?:TBSA|BSA|total body surface|body surface)\b/i;
const THIRD_DEGREE_EXTENT = /\b(?:third[- ]degree|full[- ]thickness)\b[^.;]{0,40}?\b(\d{1,2}(?:\.\d+)?)\s*(?:%|percent)|\b(\d{1,2}(?:\.\d+)?)\s*(?:%|percent)\s*(?:of\s+)?(?:third[- ]degree|full[- ]thickness)\b/i;

export function burnExtent(document: ChartDocument, chosen: Map<string, Suggestion>, resolve: (code: string) => CodeRecord | undefined): void {
  if (![...chosen.keys()].some((code) => SITE_BURN.test(code)) || [...chosen.keys()].some((code) => code.startsWith('T31'))) return;
  for (const sentence of document.sentences) {
    const said = EXTENT.exec(sentence.text);
    if (!said) continue;
    const percent = Number(said[2] ?? said[4]);
    const below = (said[1] ?? said[3]) !== undefined;
    const tens = below && percent <= 10 ? 0 : Math.min(9, Math.floor(percent / 10));
    const third = THIRD_DEGREE_EXTENT.exec(sentence.text);
    const thirdTens = third ? Math.min(tens, Math.floor(Number(third[1] ?? third[2]) / 10)) : 0;
    // Under 10 percent the extent adds nothing a coder reports (the code serves burn-unit and mortality data).
    if (tens === 0) return;
    const record = resolve(`T31.${tens}${thirdTens}`);
    if (!record) return;
    const at = sentence.start + said.index;
    chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.8, rule: `extent of the burns stated (Guideline I.C.19.d.6: T31 beside the site codes)`, evidence: [{ start: at, end: at + said[0].length, text: said[0], sentence: sentence.text }], warnings: [] });
    return;
  }
}
