/**
 * External cause codes first. ICD-10-CM Official Guidelines Section I.C.20: an external cause code (V00–Y99)
 * describes how an injury happened, never the condition itself, and can never be the first-listed diagnosis
 * (Medicare Code Editor Edit 2 applies the same rule to the principal diagnosis).
 */
import { diagnosesOf } from '../encounter-parts';
import type { ClaimRule } from '../types';

const RULE = 'external-cause-first-listed';

export const externalCauseFirst: ClaimRule = {
  id: RULE,
  description: 'An external cause code (V00–Y99) is not the first-listed diagnosis',
  check(encounter, ctx) {
    const first = diagnosesOf(encounter).find((d) => d.index === 0);
    if (!first || !/^[VWXY]/.test(first.code)) return [];
    return [
      {
        rule: RULE,
        severity: 'error',
        codes: [first.code],
        message: `${first.code} is an external cause code (how the injury happened) and can never be the first-listed diagnosis: list the injury or condition first.`,
        source: `ICD-10-CM Official Guidelines Section I.C.20; CMS ${ctx.edits?.mce.version ?? 'MCE'} — Edit 2 External causes of morbidity codes as principal diagnosis`,
        field: first.field,
      },
    ];
  },
};
