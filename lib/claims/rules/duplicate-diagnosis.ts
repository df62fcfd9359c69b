/**
 * Duplicate diagnoses. Each code is reported once on a claim (CMS-1500 item 21); a repeat is rejected by
 * clearinghouses and is the same defect as Medicare Code Editor Edit 3, "duplicate of PDX".
 */
import { diagnosesOf } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'duplicate-diagnosis';

export const duplicateDiagnosis: ClaimRule = {
  id: RULE,
  description: 'Each diagnosis code appears once',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    const first = new Map<string, string>();
    for (const d of diagnosesOf(encounter)) {
      const earlier = first.get(d.code);
      if (!earlier) {
        first.set(d.code, d.letter);
        continue;
      }
      out.push({
        rule: RULE,
        severity: 'error',
        codes: [d.code],
        message: `${d.code} is listed twice (diagnoses ${earlier} and ${d.letter}); remove diagnosis ${d.letter} and point its lines to ${earlier}.`,
        source: `CMS-1500 item 21 / 837P HI segment, each diagnosis once; CMS ${ctx.edits?.mce.version ?? 'MCE'} — Edit 3 Duplicate of PDX`,
        field: d.field,
      });
    }
    return out;
  },
};
