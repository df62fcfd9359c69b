/**
 * Unacceptable principal diagnosis. Medicare Code Editor Edit 9 lists codes that describe a circumstance
 * influencing health status rather than a current illness, or that are not specific manifestations, and are
 * unacceptable as the principal diagnosis of an inpatient claim. Z51.89 (marked with an asterisk in the MCE
 * definitions) is acceptable when a secondary diagnosis is coded. The MCE edits inpatient claims: on this
 * professional claim it is only a warning, since many outpatient visits rightly list such a code first.
 */
import { withDot } from '../../codesets/icd-code';
import { diagnosesOf } from '../encounter-parts';
import { mceEntries } from '../mce';
import type { ClaimRule } from '../types';

const RULE = 'mce-unacceptable-first-listed';
/** "Acceptable" as principal when a secondary diagnosis is also coded (MCE v43.1 definitions, Edit 9). */
const ACCEPTABLE_WITH_SECONDARY = new Set(['Z51.89']);

export const mceUnacceptableFirst: ClaimRule = {
  id: RULE,
  description: 'The first-listed diagnosis is not on the MCE unacceptable principal diagnosis list (warning on professional claims)',
  check(encounter, ctx) {
    const edits = ctx.edits;
    const diagnoses = diagnosesOf(encounter);
    const first = diagnoses.find((d) => d.index === 0);
    if (!edits || !first || mceEntries(edits, 9, first.code).length === 0) return [];
    if (ACCEPTABLE_WITH_SECONDARY.has(withDot(first.code)) && diagnoses.length > 1) return [];
    return [
      {
        rule: RULE,
        severity: 'warning',
        codes: [first.code],
        message: `${first.code} is on the Medicare Code Editor list of unacceptable principal diagnoses. That edit applies to inpatient claims; on this professional claim it is a warning only, but check that the payer accepts it first-listed or list the condition treated first.`,
        source: `CMS ${edits.mce.version} — Edit 9 Unacceptable principal diagnosis (inpatient edit)`,
        field: first.field,
      },
    ];
  },
};
