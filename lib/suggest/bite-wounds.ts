import type { DiagnosisLexicon } from './lexicon';
import type { ExcludedCandidate, Suggestion } from './types';

/** An open wound of a named kind ("Laceration without foreign body of…", "Puncture wound with foreign body of…"). */
const OPEN_WOUND = /^(?:laceration|puncture wound|open wound)\b/i;
/** A superficial bite code ("Other superficial bite of left forearm…"). */
const SUPERFICIAL_BITE = /^(?:other )?superficial bite of\b/i;
const BITE_WORD = /\b(?:bites?|bitten)\b/i;

/** What follows a title's last " of " (or, without one, its first comma): its side and site ("left forearm, initial encounter"). */
function placeOf(title: string): string {
  const lower = title.toLowerCase();
  return lower.includes(' of ') ? lower.replace(/^.* of /, '') : lower.replace(/^[^,]*,\s*/, '');
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
    const bite = lexicon.codes.find((c) => c.code.slice(0, 3) === wound.code.slice(0, 3) && /^open bite(?: of\b|,)/i.test(c.title) && placeOf(c.title) === place);
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

/** Arthropods whose bite is an insect bite (nonvenomous) in ICD-10-CM; venomous stings and spiders go to T63. */
const INSECT_WORD = /\b(?:ticks?|insects?|mosquito(?:es)?|fleas?|bed ?bugs?|chiggers?|mites?)\b/i;
/** A mammal's bite is an open bite, whatever else the sentence names. */
const MAMMAL_WORD = /\b(?:dogs?|cats?|human|animals?|rats?|bats?|raccoons?|horses?|hamsters?|mouse|mice|squirrels?)\b/i;

/** The side and site a bite title names after its head ("Open bite, right thigh, …", "Insect bite … of right hand, …"). */
function placeAfter(title: string, head: RegExp): string | undefined {
  const m = head.exec(title);
  return m ? title.slice(m[0].length).replace(/^\s*(?:,|of)\s*/i, '').toLowerCase() : undefined;
}

const OPEN_BITE_HEAD = /^open bite\b/i;
const INSECT_BITE_HEAD = /^insect bite \(nonvenomous\)/i;

/**
 * "Tick bite right posterior thigh, initial visit": the bite of a tick or another insect is indexed to "Bite, insect
 * → see Bite, by site, superficial, insect" (S70.36-), not to the open bite a bare "bite of thigh" reads as (S71.15-).
 * The superficial-injury category of the same body region (S70 beside S71) holds the insect-bite code of the place.
 */
export function insectBitesAreSuperficial(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  for (const bite of [...chosen.values()]) {
    const place = placeAfter(bite.title, OPEN_BITE_HEAD);
    if (place === undefined || !/^S\d1/.test(bite.code)) continue;
    const sentences = bite.evidence.map((e) => e.sentence);
    if (!sentences.some((s) => INSECT_WORD.test(s)) || sentences.some((s) => MAMMAL_WORD.test(s))) continue;
    const region = `${bite.code.slice(0, 2)}0`;
    const insect = lexicon.codes.find((c) => c.billable && c.code.startsWith(region) && placeAfter(c.title, INSECT_BITE_HEAD) === place);
    if (!insect || chosen.has(insect.code)) continue;
    chosen.delete(bite.code);
    excluded.push({ system: 'icd10cm', code: bite.code, title: bite.title, reason: 'less-specific', explanation: `an insect or tick bite is coded as a superficial insect bite: ${insect.code}`, evidence: bite.evidence });
    chosen.set(insect.code, { ...bite, code: insect.code, title: insect.title, rule: `insect bite (Index: Bite, insect → superficial, by site): ${bite.rule}` });
  }
}
