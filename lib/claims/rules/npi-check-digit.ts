/**
 * Provider NPIs. The rendering and billing provider NPIs must be 10 digits whose last digit is the Luhn check
 * digit computed with the prefix 80840 (CMS NPI check-digit standard); a typo here rejects the whole claim.
 */
import { npiProblem } from '../npi';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'npi-check-digit';

export const npiCheckDigitRule: ClaimRule = {
  id: RULE,
  description: 'Rendering and billing NPIs are 10 digits with a valid check digit',
  check(encounter) {
    const out: CheckResult[] = [];
    for (const [who, npi, field] of [
      ['rendering provider', encounter.renderingProvider?.npi, 'renderingProvider.npi'],
      ['billing provider', encounter.billingProvider?.npi, 'billingProvider.npi'],
    ] as const) {
      const problem = npiProblem(npi);
      if (!problem) continue;
      out.push({
        rule: RULE,
        severity: 'error',
        codes: typeof npi === 'string' && npi ? [npi] : [],
        message: `The ${who} NPI is not valid: ${problem}.`,
        source: 'CMS NPI standard: 10 digits, Luhn check digit with prefix 80840',
        field,
      });
    }
    return out;
  },
};
