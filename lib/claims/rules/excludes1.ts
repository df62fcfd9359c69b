/**
 * Excludes1 pairs. An Excludes1 note in the ICD-10-CM Tabular List means "not coded here": the two conditions
 * should not be reported together (Official Guidelines Section I.A.12.a). A note written at a category applies
 * to every code below it, so the notes of each code's ancestors count too. The guideline allows both codes when
 * the conditions are unrelated to each other, so this is a warning for the coder to confirm, never an error.
 */
import { codeReferences, referenceCovers } from '../code-refs';
import { diagnosesOf } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'icd-excludes1-pair';

export const excludes1: ClaimRule = {
  id: RULE,
  description: 'No two diagnoses form an Excludes1 pair (warning)',
  check(encounter, ctx) {
    const diagnoses = diagnosesOf(encounter);
    const out: CheckResult[] = [];
    const reported = new Set<string>();
    for (const d of diagnoses) {
      const found = ctx.code('icd10cm', d.code, encounter.dateOfService)?.found;
      if (!found) continue;
      // The code's own notes, then each ancestor's (E11.65 inherits the Excludes1 note written at E11).
      for (const holder of [found.record, ...found.ancestors]) {
        for (const note of holder.notes?.excludes1 ?? []) {
          for (const ref of codeReferences(note)) {
            for (const other of diagnoses) {
              if (other.index === d.index || other.code === d.code || !referenceCovers(ref, other.code)) continue;
              const pair = [d.code, other.code].sort().join('|');
              if (reported.has(pair)) continue;
              reported.add(pair);
              out.push({
                rule: RULE,
                severity: 'warning',
                codes: [d.code, other.code],
                message: `${d.code} and ${other.code} form an Excludes1 pair: the note at ${holder.code} excludes "${note}". Report both only if the two conditions are unrelated; otherwise keep the one the record supports.`,
                source: `ICD-10-CM Tabular List FY${holder.notes!.fiscalYear} Excludes1 note at ${holder.code}; Official Guidelines Section I.A.12.a`,
                field: other.field,
              });
            }
          }
        }
      }
    }
    return out;
  },
};
