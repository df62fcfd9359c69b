/**
 * Missing 7th character. Official Guidelines Section I.A.5: where the Tabular List calls for a 7th character,
 * the code is invalid without it; I.A.4: a placeholder "X" fills the empty positions of a shorter code
 * (S02.5 → S02.5XXA). The allowed characters come from the Tabular List 7th-character note, which codes
 * inherit from the category that declares it.
 */
import { diagnosesOf, releaseLabel } from '../encounter-parts';
import { seventhCharacterForms } from '../context';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'icd-missing-7th-character';

export const icdSeventhCharacter: ClaimRule = {
  id: RULE,
  description: 'ICD-10-CM codes that require a 7th character have one',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    for (const d of diagnosesOf(encounter)) {
      const found = ctx.code('icd10cm', d.code, encounter.dateOfService)?.found;
      const sevenChr = found?.record.notes?.sevenChr;
      if (!found || found.record.billable || !sevenChr) continue;
      const code = found.record.code;
      const allowed = Object.entries(sevenChr).map(([c, meaning]) => `${c} (${meaning})`).join('; ');
      const complete = seventhCharacterForms(code, Object.keys(sevenChr)).filter((form) => ctx.code('icd10cm', form, encounter.dateOfService)?.found);
      // Name every complete code when there are a few; with 16 fracture characters one example reads better.
      const named = complete.length <= 4 ? `one of ${complete.join(', ')}` : `the code for the encounter, e.g. ${complete[0]} or ${complete.at(-1)}`;
      const how = complete.length
        ? `Complete it as ${named}${complete[0]!.includes('X') && !code.includes('X') ? ' (X is the placeholder for the empty positions)' : ''}.`
        : `Choose the specific code under ${code} first, then add the 7th character.`;
      out.push({
        rule: RULE,
        severity: 'error',
        codes: [code],
        message: `${code} (diagnosis ${d.letter}) needs a 7th character and is not valid without one. ${how} Allowed 7th characters: ${allowed}.`,
        source: `ICD-10-CM Official Guidelines Sections I.A.4–I.A.5 (placeholder and 7th characters); Tabular List FY${found.record.notes!.fiscalYear} 7th-character note; ${releaseLabel(found.release)}`,
        field: d.field,
      });
    }
    return out;
  },
};
