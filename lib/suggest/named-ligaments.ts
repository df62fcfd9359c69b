import type { DiagnosisLexicon } from './lexicon';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * A sprain the chart gives a ligament for ("R ankle sprain, ATFL", "sprain of the anterior talofibular ligament")
 * whose ligament has no code of its own is a sprain of "other ligament" (Index: Sprain, ankle, specified ligament
 * NEC), not of "unspecified ligament". A ligament with its own code (calcaneofibular, deltoid) is matched by its
 * title before this runs, so any ligament still left "unspecified" here is one of the others.
 */
const NAMES_A_LIGAMENT = /\b(?:atfl|ptfl|aitfl|pitfl|cfl|ucl|rcl|mcl|lcl|scapholunate|lunotriquetral|talofibular|tibiofibular|calcaneofibular|syndesmo\w*|spring ligament|(?:internal |ulnar |radial )?collateral ligament|interosseous ligament|[a-z]+(?:fibular|tibial|navicular|cuboid|calcaneal|metatarsal|lunate|carpal)\s+ligament)\b/i;

export function otherLigamentWhenNamed(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!/\bunspecified ligament\b/i.test(s.title) || !s.evidence.some((e) => NAMES_A_LIGAMENT.test(e.sentence))) continue;
    swapLigament(chosen, lexicon, excluded, s, 'other ligament', 'the ligament is named and has no code of its own → other ligament', 'the chart names the ligament');
  }
}

/**
 * The reverse: "R ankle sprain, lateral ligaments", "sprain of the left ankle ligament" write the word "ligament" and
 * so match "Sprain of other ligament …" word for word, but name no one ligament (a group or the bare word): that is
 * the unspecified ligament (Index: Sprain, ankle NOS).
 */
export function unspecifiedLigamentWhenNoneNamed(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!/\bother ligament\b/i.test(s.title) || !s.rule.startsWith('term:') || s.evidence.some((e) => NAMES_A_LIGAMENT.test(e.sentence))) continue;
    swapLigament(chosen, lexicon, excluded, s, 'unspecified ligament', 'no one ligament is named → unspecified ligament', 'the chart names no single ligament');
  }
}

/** Replaces a sprain code by the one of its category whose title says `wanted` ("other ligament") for its ligament. */
function swapLigament(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[], s: Suggestion, wanted: string, why: string, explanation: string): void {
  const title = s.title.replace(/\b(?:unspecified|other) ligament\b/i, wanted).toLowerCase();
  const twin = lexicon.codes.find((c) => c.billable && c.title.toLowerCase() === title && c.code.slice(0, 4) === s.code.slice(0, 4));
  if (!twin || chosen.has(twin.code)) return;
  chosen.delete(s.code);
  chosen.set(twin.code, { ...s, code: twin.code, title: twin.title, rule: `${s.rule}; ${why}` });
  excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `${explanation}: ${twin.code}`, evidence: s.evidence });
}
