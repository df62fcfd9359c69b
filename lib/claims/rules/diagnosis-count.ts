/**
 * Number of diagnoses. An 837P professional claim carries 1 to 12 diagnosis codes (the HI segment, letters A–L
 * on the CMS-1500, item 21); more must be split, and a claim with service lines needs at least one.
 */
import type { ClaimRule } from '../types';

const RULE = 'diagnosis-count';
const SOURCE = '837P (005010X222A1) HI health care diagnosis codes, 1 to 12; CMS-1500 item 21 (A–L)';

export const diagnosisCount: ClaimRule = {
  id: RULE,
  description: 'The claim has 1 to 12 diagnoses',
  check(encounter) {
    const count = Array.isArray(encounter.diagnoses) ? encounter.diagnoses.length : 0;
    if (count === 0) {
      return [{ rule: RULE, severity: 'error', codes: [], message: 'The encounter has no diagnosis; a claim needs at least one to support its services.', source: SOURCE, field: 'diagnoses' }];
    }
    if (count > 12) {
      return [
        {
          rule: RULE,
          severity: 'error',
          codes: encounter.diagnoses.slice(12).map((d) => d?.code).filter((c): c is string => typeof c === 'string'),
          message: `The encounter has ${count} diagnoses; a professional claim holds at most 12 (A–L). Keep the 12 that the services point to, or split the claim.`,
          source: SOURCE,
          field: 'diagnoses[12]',
        },
      ];
    }
    return [];
  },
};
