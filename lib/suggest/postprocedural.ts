import type { DiagnosisLexicon } from './lexicon';

/**
 * Conditions a procedure caused (Index: "Hypothyroidism, postablative / postirradiation / postsurgical E89.0"):
 * "hypothyroidism after radioactive iodine ablation", "post-thyroidectomy hypothyroidism", "hypoparathyroidism
 * following thyroid surgery". When the condition is said with the procedure that caused it and the code set has a
 * "Postprocedural <condition>" code, that code replaces the plain one. Without the Index imported this reads the
 * Tabular titles themselves, so it covers every "Postprocedural …" condition the release holds.
 */

/** A procedure that can leave a condition behind: surgery, ablation, radiation, removal of an organ. */
const PROCEDURE = String.raw`(?:[\w-]+\s+){0,3}?(?:ablation|ablative|radioactive iodine|radioiodine|rai|i-131|radiation|radiotherapy|irradiation|surgery|surgical\w*|operation|resection|removal|excision|transplant\w*|procedure|[a-z]+ectomy)\b`;
const AFTER = new RegExp(String.raw`^[\s,(]*(?:[a-z-]+\s+){0,2}?(?:after|following|post|from|due to|secondary to|caused by|s/p|status post)\s+${PROCEDURE}`, 'i');
const BEFORE = /\b(?:post-?(?:ablative|ablation|surgical|operative|irradiation|radiation|thyroidectomy|rai|radioiodine|[a-z]+ectomy))[\s-]+$/i;

const byLexicon = new WeakMap<DiagnosisLexicon, Map<string, number>>();

/** "hypothyroidism" → index of "Postprocedural hypothyroidism", for every billable title of that shape. */
function postproceduralTitles(lexicon: DiagnosisLexicon): Map<string, number> {
  let map = byLexicon.get(lexicon);
  if (!map) {
    map = new Map();
    lexicon.codes.forEach((c, i) => {
      const condition = /^postprocedural ([a-z -]+)$/i.exec(c.title)?.[1];
      if (c.system === 'icd10cm' && c.billable && condition) map!.set(condition.toLowerCase(), i);
    });
    byLexicon.set(lexicon, map);
  }
  return map;
}

/**
 * The "Postprocedural …" code for the condition coded as `index`, when the text around the mention (`before` ends
 * where it starts, `after` starts where it ends) names a procedure as its cause; else undefined.
 */
export function postproceduralCode(lexicon: DiagnosisLexicon, index: number, before: string, after: string): number | undefined {
  const condition = lexicon.codes[index]!.title.split(',')[0]!.toLowerCase().trim();
  const post = postproceduralTitles(lexicon).get(condition);
  if (post === undefined) return undefined;
  return AFTER.test(after.slice(0, 120)) || BEFORE.test(before.slice(-40)) ? post : undefined;
}
