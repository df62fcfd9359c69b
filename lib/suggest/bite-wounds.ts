import type { DiagnosisLexicon } from './lexicon';
import type { ExcludedCandidate, Suggestion } from './types';

/** An open wound of a named kind ("Laceration without foreign body of…", "Puncture wound with foreign body of…"). */
const OPEN_WOUND = /^(?:laceration|puncture wound|open wound)\b/i;
/** A superficial bite code ("Other superficial bite of left forearm…"). */
const SUPERFICIAL_BITE = /^(?:other )?superficial bite of\b/i;
const BITE_WORD = /\b(?:bites?|bitten)\b/i;

/** What follows a title's last " of ": its side and site ("left forearm, initial encounter"). */
function placeOf(title: string): string {
  return title.toLowerCase().replace(/^.* of /, '');
}

/**
 * A bite that broke the skin is indexed to "Bite, open" (ICD-10-CM Index: Bite → see Wound, open, by site, bite), not
 * to a laceration or puncture: "Dog bite, left forearm - puncture wounds with a small tear" is one open bite of the
 * forearm. A wound code read from a sentence that names a bite becomes the open bite of its place; a superficial bite
 * of that place from the same sentence goes, since the skin was broken.
 */
export function openBitesFromBiteWounds(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  for (const wound of [...chosen.values()]) {
    if (!OPEN_WOUND.test(wound.title)) continue;
    const biteSentences = new Set(wound.evidence.map((e) => e.sentence).filter((s) => BITE_WORD.test(s)));
    if (biteSentences.size === 0) continue;
    const place = placeOf(wound.title);
    const bite = lexicon.codes.find((c) => c.code.slice(0, 3) === wound.code.slice(0, 3) && /^open bite of\b/i.test(c.title) && placeOf(c.title) === place);
    if (!bite) continue;
    chosen.delete(wound.code);
    excluded.push({ system: 'icd10cm', code: wound.code, title: wound.title, reason: 'less-specific', explanation: `a wound from a bite is an open bite: ${bite.code}`, evidence: wound.evidence });
    const existing = chosen.get(bite.code);
    if (existing) existing.evidence.push(...wound.evidence.filter((e) => !existing.evidence.includes(e)));
    else chosen.set(bite.code, { ...wound, code: bite.code, title: bite.title, rule: `open bite: ${wound.rule}` });
    for (const superficial of [...chosen.values()]) {
      // Same injury block (S50 superficial, S51 open wound of the forearm) and the same place.
      if (!SUPERFICIAL_BITE.test(superficial.title) || superficial.code.slice(0, 2) !== bite.code.slice(0, 2) || placeOf(superficial.title) !== place || !superficial.evidence.some((e) => biteSentences.has(e.sentence))) continue;
      chosen.delete(superficial.code);
      excluded.push({ system: 'icd10cm', code: superficial.code, title: superficial.title, reason: 'less-specific', explanation: `the bite broke the skin: ${bite.code} open bite`, evidence: superficial.evidence });
    }
  }
}
