/**
 * Manifestation codes first. Medicare Code Editor Edit 6: a manifestation code describes the manifestation of an
 * underlying disease, not the disease itself, so it cannot be the principal (first-listed) diagnosis; the
 * etiology/manifestation convention (Official Guidelines Section I.A.13, "code first" and "in diseases
 * classified elsewhere") puts the underlying condition first. An error for diagnosis A; a warning when a line
 * points first to one, since payers read a line's first pointer as its primary diagnosis.
 */
import { diagnosesOf, lineNameAtStart, linesOf } from '../encounter-parts';
import { mceEntries } from '../mce';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'mce-manifestation-first-listed';

export const mceManifestationFirst: ClaimRule = {
  id: RULE,
  description: 'A manifestation code is not the first-listed diagnosis, nor first on a line',
  check(encounter, ctx) {
    const edits = ctx.edits;
    if (!edits) return [];
    const source = `CMS ${edits.mce.version} — Edit 6 Manifestation code as principal diagnosis; ICD-10-CM Official Guidelines Section I.A.13`;
    const diagnoses = diagnosesOf(encounter);
    const isManifestation = (code: string) => mceEntries(edits, 6, code).length > 0;
    const out: CheckResult[] = [];
    const first = diagnoses.find((d) => d.index === 0);
    if (first && isManifestation(first.code)) {
      out.push({
        rule: RULE,
        severity: 'error',
        codes: [first.code],
        message: `${first.code} is a manifestation code and cannot be the first-listed diagnosis: list the underlying condition first and ${first.code} after it.`,
        source,
        field: first.field,
      });
    }
    for (const { line, field } of linesOf(encounter)) {
      const pointer = Array.isArray(line.pointers) ? line.pointers[0] : undefined;
      if (pointer === 1 || typeof pointer !== 'number') continue;
      const d = diagnoses.find((x) => x.index === pointer - 1);
      if (!d || !isManifestation(d.code)) continue;
      out.push({
        rule: RULE,
        severity: 'warning',
        codes: [d.code],
        message: `${lineNameAtStart(line)} points first to ${d.code}, a manifestation code; point first to the underlying condition, which payers read as the line's primary diagnosis.`,
        source,
        line: line.id,
        field: `${field}.pointers`,
      });
    }
    return out;
  },
};
