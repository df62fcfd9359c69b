import type { ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Guideline I.C.21.c.7: a routine visit after surgery, while the patient recovers, is coded with the aftercare code
 * of the body system operated on (Z48.81-), not with the condition the operation removed ("laparoscopic
 * cholecystectomy for symptomatic gallstones … Routine recovery"): that condition no longer exists. A complication
 * the note names keeps its own code, and a condition the visit still treats is not one the surgery took away.
 */

/** Words that make the visit a routine postoperative one. */
const POSTOP_VISIT = /\b(?:post-?op(?:erative)?\s+(?:visit|check|follow[- ]?up|appointment)|(?:routine|uneventful|uncomplicated)\s+(?:post-?op(?:erative)?\s+)?recovery|within\s+the\s+(?:\d+[- ]day\s+)?global\s+period|recovering\s+well\s+after)\b/i;
/** A sentence naming the operation that removed what it names: "cholecystectomy … for", "excision of", final pathology. */
const REMOVED_BY = /\b(?:[a-z]+ectomy|excision|resection|removal|removed|excised|resected)\b|\bpathology\b/i;
/** Complications that keep the visit from being routine aftercare. */
const COMPLICATED = /\b(?:wound infection|infected|dehiscence|abscess|seroma|hematoma|leak|complication)\b/i;

/** Aftercare code by the ICD-10-CM chapter of the condition removed (Z48.81-, "following surgery on the … system"). */
const AFTERCARE_BY_CHAPTER: Readonly<Record<number, string>> = { 6: 'Z48.811', 9: 'Z48.812', 10: 'Z48.813', 11: 'Z48.815', 12: 'Z48.817', 14: 'Z48.816' };

/** Replaces the conditions a routine postoperative visit's operation removed with the aftercare code; returns that code (it leads the claim). */
export function surgicalAftercare(
  document: ChartDocument,
  chosen: Map<string, Suggestion>,
  excluded: ExcludedCandidate[],
  chapterOf: (code: string) => number | undefined,
  billable: (code: string) => CodeRecord | undefined,
): string | undefined {
  if (!POSTOP_VISIT.test(document.text)) return undefined;
  const removed = [...chosen.values()].filter(
    (s) => !s.code.startsWith('Z') && s.evidence.length > 0 && s.evidence.every((e) => REMOVED_BY.test(e.sentence) && !COMPLICATED.test(e.sentence)),
  );
  const aftercare = removed.map((s) => AFTERCARE_BY_CHAPTER[chapterOf(s.code) ?? -1]).find((code): code is string => code !== undefined);
  const record = aftercare ? billable(aftercare) : undefined;
  if (!record) return undefined;
  for (const s of removed) {
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'historical', explanation: `removed by the operation this routine postoperative visit follows: coded as surgical aftercare ${record.code} (Guideline I.C.21.c.7)`, evidence: s.evidence });
  }
  if (!chosen.has(record.code)) {
    chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.7, rule: `routine postoperative visit after surgery on the system of ${removed.map((s) => s.code).join(', ')} → aftercare (Guideline I.C.21.c.7)`, evidence: removed.flatMap((s) => s.evidence).slice(0, 2), warnings: [] });
  }
  return record.code;
}
