/**
 * Duplicate encounters. Two claims for the same patient, date of service and rendering provider are denied as
 * duplicates (claim adjustment reason code 18, "exact duplicate claim/service") unless they are truly separate
 * services. A warning: a second visit the same day can be legitimate.
 */
import type { ClaimRule } from '../types';

const RULE = 'duplicate-encounter';

export const duplicateEncounter: ClaimRule = {
  id: RULE,
  description: 'No other encounter has the same patient MRN, date of service and rendering NPI',
  check(encounter, ctx) {
    const mrn = encounter.patient?.mrn;
    const npi = encounter.renderingProvider?.npi;
    if (!mrn || !npi) return [];
    const twins = ctx.otherEncounters.filter((o) => o.id !== encounter.id && o.mrn === mrn && o.dateOfService === encounter.dateOfService && o.renderingNpi === npi);
    if (twins.length === 0) return [];
    return [
      {
        rule: RULE,
        severity: 'warning',
        codes: [],
        message: `${twins.length === 1 ? 'Another encounter' : `${twins.length} other encounters`} (${twins.map((t) => t.id).join(', ')}) ${twins.length === 1 ? 'has' : 'have'} the same patient (MRN ${mrn}), date of service ${encounter.dateOfService} and rendering NPI ${npi}. Make sure this is a separate service, not the same visit entered twice: duplicates are denied.`,
        source: 'Claim adjustment reason code 18 (exact duplicate claim/service)',
        field: 'dateOfService',
      },
    ];
  },
};
