import type { ChartSentence } from '../chart';
import type { ContextResult } from '../context';
import type { CodeRecord } from '../codesets';

/**
 * Guideline I.C.21.c.8: a visit to follow up a condition whose treatment is complete and which is gone is an
 * encounter for follow-up examination (Z09), first-listed, with the personal history code of the condition
 * ("Follow-up of provoked L femoral DVT, treatment completed" → Z09, Z86.718; "AKI …, now resolved" at a visit
 * "for follow-up of acute kidney injury" → Z09, Z87.448). A condition found again at the visit is coded instead.
 * Cancers have their own follow-up code (Z08, in encounter-reasons.ts); injuries are followed up by their own code
 * with the subsequent-encounter character.
 */

/** A reading told resolved or its treatment finished ("now resolved", "treatment completed", "back to baseline"). */
const RESOLVED = /\b(?:resolved|resolution|healed|cleared|back to baseline|treatment (?:is |was )?complete[d]?|complet(?:ed|ing|ion of) (?:\w+\s+){0,3}(?:treatment|course|therapy|antibiotics?|anticoagulation))\b/i;
/**
 * The visit follows the condition up: "here for follow-up of …", "6-week follow-up after pneumonia", "Follow-up exam
 * after completed treatment of …", "returns after completing anticoagulation for …", said before the condition in
 * its clause. ("6-month follow-up of COPD" follows the COPD up; "resolved, follow-up CXR clear" names a test.)
 */
const FOLLOW_UP_OF = /\b(?:follow[- ]?up|f\/u|recheck|re-check)(?:\s+(?:visit|exam|examination|appointment|appt))?\s+(?:of|after|for)\b|\breturns?\s+after\b/gi;
/** How far the condition may come after the follow-up words (past "completed antibiotic treatment of bilateral"). */
const FOLLOW_UP_REACH = 70;
/** Where a coder reads the visit's purpose and its outcome. */
const PURPOSE_SECTIONS: ReadonlySet<string> = new Set(['chief_complaint', 'reason_for_visit', 'history_of_present_illness', 'assessment', 'assessment_and_plan', 'diagnoses']);
const OUTCOME_SECTIONS: ReadonlySet<string> = new Set(['assessment', 'assessment_and_plan', 'diagnoses']);
/** Chapters with follow-up codes of their own (neoplasms: Z08; injuries: 7th character D; pregnancy), symptoms and factors. */
const OWN_FOLLOW_UP = /^(?:C|D0|D3[7-9]|D4|S|T|O|Z|R)/;

export interface FollowUpReading {
  /** Where the condition is named, in chart offsets. */
  match: { start: number; end: number };
  record: CodeRecord;
  context: ContextResult;
  sentence: ChartSentence;
  section?: string;
}

/**
 * The conditions this visit follows up after completed treatment, one reading per code: told resolved (or treated to
 * the end) in the assessment, and followed up by name in the chief complaint, HPI or the assessment, with no active
 * reading of the same category left in the assessment. Empty when there are none.
 */
export function followUpAfterTreatment<R extends FollowUpReading>(readings: readonly R[], activeInAssessment: (category: string) => boolean): R[] {
  const resolved = readings.filter(
    (r) =>
      r.section !== undefined &&
      OUTCOME_SECTIONS.has(r.section) &&
      !OWN_FOLLOW_UP.test(r.record.code) &&
      (r.context.historical || r.context.negated) &&
      !(r.context.family || r.context.otherExperiencer || r.context.hypothetical || r.context.uncertain) &&
      r.context.modifiers.some((m) => RESOLVED.test(m.text ?? m.literal)),
  );
  const followed = resolved.filter((r) => {
    const category = r.record.code.slice(0, 3);
    if (activeInAssessment(category)) return false;
    return readings.some((o) => o.record.code.slice(0, 3) === category && o.section !== undefined && PURPOSE_SECTIONS.has(o.section) && followsUp(o));
  });
  return [...new Map(followed.map((r) => [r.record.code, r])).values()];
}

/** Whether the reading's sentence says, before it and in its clause, that the visit follows it up. */
function followsUp(reading: FollowUpReading): boolean {
  const at = reading.match.start - reading.sentence.start;
  for (const m of reading.sentence.text.matchAll(FOLLOW_UP_OF)) {
    const end = m.index + m[0].length;
    if (end > at) break;
    const between = reading.sentence.text.slice(end, at);
    if (between.length <= FOLLOW_UP_REACH && !/[;.]/.test(between)) return true;
  }
  return false;
}
