import type { DiagnosisLexicon } from './lexicon';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * A sprain the chart gives a ligament for ("R ankle sprain, ATFL", "sprain of the anterior talofibular ligament")
 * whose ligament has no code of its own is a sprain of "other ligament" (Index: Sprain, ankle, specified ligament
 * NEC), not of "unspecified ligament". A ligament with its own code (calcaneofibular, deltoid) is matched by its
 * title before this runs, so any ligament still left "unspecified" here is one of the others.
 */
const NAMES_A_LIGAMENT = /\bligaments?\b|\b(?:atfl|ptfl|aitfl|pitfl|cfl|ucl|rcl|scapholunate|lunotriquetral|talofibular|tibiofibular|calcaneofibular|spring ligament)\b/i;

export function otherLigamentWhenNamed(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!/\bunspecified ligament\b/i.test(s.title) || !s.evidence.some((e) => NAMES_A_LIGAMENT.test(e.sentence.replace(/\bunspecified ligament\b/gi, '')))) continue;
    const wanted = s.title.replace(/\bunspecified ligament\b/i, 'other ligament').toLowerCase();
    const other = lexicon.codes.find((c, i) => c.billable && c.title.toLowerCase() === wanted && lexicon.codes[i]!.code.slice(0, 4) === s.code.slice(0, 4));
    if (!other || chosen.has(other.code)) continue;
    chosen.delete(s.code);
    chosen.set(other.code, { ...s, code: other.code, title: other.title, rule: `${s.rule}; the ligament is named and has no code of its own → other ligament` });
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the chart names the ligament: ${other.code}`, evidence: s.evidence });
  }
}
