/**
 * Medicare Code Editor Edit 4, age conflict: diagnoses that are clinically impossible, or all but, outside an age
 * range. Four lists: perinatal/newborn (age 0), pediatric (0–17), maternity (9–64), adult (15–124). The age is
 * the patient's age in completed years on the date of service. Either the code or the date of birth is wrong.
 */
import { ageInYears } from '../age';
import { diagnosesOf } from '../encounter-parts';
import { mceEntries, sublistName } from '../mce';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'mce-age-conflict';

export const mceAgeConflict: ClaimRule = {
  id: RULE,
  description: 'Diagnoses fit the patient age on the date of service (MCE age lists)',
  check(encounter, ctx) {
    const edits = ctx.edits;
    const age = ageInYears(encounter.patient?.dob, encounter.dateOfService);
    if (!edits || age === undefined) return [];
    const out: CheckResult[] = [];
    for (const d of diagnosesOf(encounter)) {
      for (const entry of mceEntries(edits, 4, d.code)) {
        const min = entry.ageMin ?? 0;
        const max = entry.ageMax ?? 124;
        if (age >= min && age <= max) continue;
        const range = min === max ? `age ${min} only` : `ages ${min} through ${max}`;
        out.push({
          rule: RULE,
          severity: 'error',
          codes: [d.code],
          message: `${d.code} (diagnosis ${d.letter}) is on the Medicare Code Editor ${sublistName(entry).replace(/ \(age.*\)$/, '').toLowerCase()} list (${range}), but the patient is ${age} on the date of service. Either the code or the date of birth is wrong.`,
          source: `CMS ${edits.mce.version} — Edit 4 Age conflict (${sublistName(entry).replace(/ \((age [^)]*)\)$/, ', $1')})`,
          field: d.field,
        });
      }
    }
    return out;
  },
};
