/**
 * Sex conflict, advisory only. CMS deactivated Medicare Code Editor Edit 5 on 2024-10-01 and publishes no
 * current lists; the loaded list is a historical one, labelled with its year, and lacks every code created since.
 * A mismatch is shown as a hint to check the record, never as an error or warning.
 */
import { diagnosesOf } from '../encounter-parts';
import { sexConflictOf } from '../mce';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'mce-sex-conflict-historical';
const SEX_NAME = { F: 'female', M: 'male' } as const;

export const mceSexConflict: ClaimRule = {
  id: RULE,
  description: 'Advisory: diagnoses limited to one sex on the historical MCE lists',
  check(encounter, ctx) {
    const edits = ctx.edits;
    const sex = encounter.patient?.sex;
    if (!edits || (sex !== 'F' && sex !== 'M') || edits.mce.sexConflict.entries.length === 0) return [];
    const out: CheckResult[] = [];
    for (const d of diagnosesOf(encounter)) {
      const limited = sexConflictOf(edits, d.code);
      if (!limited || limited === sex) continue;
      out.push({
        rule: RULE,
        severity: 'advisory',
        codes: [d.code],
        message: `${d.code} (diagnosis ${d.letter}) was on the Medicare Code Editor's ${SEX_NAME[limited]}-only list (${edits.mce.sexConflict.version}), and the patient's sex is recorded as ${SEX_NAME[sex]}. CMS no longer applies this edit; check the record, since some payers still do.`,
        source: `${edits.mce.sexConflict.version} — Edit 5 Sex conflict (deactivated by CMS on 2024-10-01; advisory only)`,
        field: d.field,
      });
    }
    return out;
  },
};
