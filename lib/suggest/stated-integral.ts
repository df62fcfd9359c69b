import type { ExcludedCandidate, Suggestion } from './types';

/**
 * "The hypercalcemia is part of that diagnosis", "the anemia is a manifestation of her CKD": the clinician says the
 * finding belongs to a diagnosis already coded, so it is not coded on its own (Guideline I.B.5: signs and symptoms
 * routinely associated with a disease process are not coded separately). Read only where the finding itself is the
 * subject of the statement, in every sentence the finding is coded from.
 */
const PART_OF = /^\s*(?:,\s*)?(?:is|are|was|were)\s+(?:(?:all|simply|just|likely|probably)\s+)?(?:part of|integral to|a (?:feature|manifestation|consequence) of|explained by|accounted for by)\s+(?:that|the|this|his|her|their|same|the same|the underlying)\s+(?:\w+\s+)?(?:diagnosis|disease|condition|process|disorder|picture|syndrome)\b/i;

/** Drops the chosen codes whose every mention is the subject of such a statement. */
export function dropStatedIntegral(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (chosen.size < 2 || s.evidence.length === 0) continue;
    const stated = s.evidence.every((e) => {
      const at = e.sentence.indexOf(e.text);
      return at >= 0 && PART_OF.test(e.sentence.slice(at + e.text.length));
    });
    if (!stated) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'integral-symptom', explanation: 'the note says it is part of a diagnosis already coded', evidence: s.evidence });
  }
}
