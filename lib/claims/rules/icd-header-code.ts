/**
 * Header (non-billable) ICD-10-CM codes. Official Guidelines Section I.B.2: a code is reported at its highest
 * number of characters available; a category or subcategory with codes below it is not valid on a claim
 * (the order file flags those as not valid for HIPAA transactions). Codes that lack only a 7th character are
 * reported by the 7th-character rule instead.
 */
import { diagnosesOf, releaseLabel } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'icd-header-not-billable';

export const icdHeaderCode: ClaimRule = {
  id: RULE,
  description: 'ICD-10-CM codes are billable, not category or subcategory headings',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    for (const d of diagnosesOf(encounter)) {
      const found = ctx.code('icd10cm', d.code, encounter.dateOfService)?.found;
      if (!found || found.record.billable || found.record.notes?.sevenChr) continue;
      out.push({
        rule: RULE,
        severity: 'error',
        codes: [found.record.code],
        message: `${found.record.code} (${found.record.title}) is a heading, not a billable code: report the most specific code under it (diagnosis ${d.letter}).`,
        source: `ICD-10-CM Official Guidelines Section I.B.2 (highest number of characters available); ${releaseLabel(found.release)}`,
        field: d.field,
      });
    }
    return out;
  },
};
