/**
 * ICD-10-CM code valid on the date of service. HIPAA (45 CFR 162.1002) requires the code set in force on the
 * date the service was provided; ICD-10-CM releases run by fiscal year, October 1 to September 30, and the
 * checks pick the release by the encounter's date. A code missing from that release is explained: added in a
 * later year (not yet effective), deleted since an earlier year, or unknown (with the nearest existing code,
 * or the 7th characters its category allows).
 */
import { withoutDot, ICD10CM_CODE } from '../../codesets/icd-code';
import { diagnosesOf, releaseLabel } from '../encounter-parts';
import type { CheckResult, ClaimRule, CodeCheck } from '../types';

const RULE = 'icd-code-not-valid-for-date';
const HIPAA = '45 CFR 162.1002 (the code set valid on the date of service)';

export const icdCodeValid: ClaimRule = {
  id: RULE,
  description: 'Each ICD-10-CM code exists in the release in force on the date of service',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    const notInForce: string[] = [];
    let staleCheck: CodeCheck | undefined;
    for (const d of diagnosesOf(encounter)) {
      if (!ICD10CM_CODE.test(withoutDot(d.code))) {
        out.push({
          rule: RULE,
          severity: 'error',
          codes: [d.code],
          message: `Diagnosis ${d.letter} "${d.code}" is not written as an ICD-10-CM code (a letter, two characters, then up to four more).`,
          source: 'ICD-10-CM code structure',
          field: d.field,
        });
        continue;
      }
      const c = ctx.code('icd10cm', d.code, encounter.dateOfService);
      if (!c) continue;
      if (!c.release) {
        out.push({
          rule: RULE,
          severity: 'warning',
          codes: [d.code],
          message: `No ICD-10-CM release loaded covers the date of service ${c.dateOfService}, so ${d.code} could not be checked against the code set in force that day. Load that fiscal year's release.`,
          source: `ICD-10-CM fiscal years run October 1 to September 30; ${HIPAA}`,
          field: d.field,
        });
        continue;
      }
      if (!c.inForce) {
        notInForce.push(d.code);
        staleCheck = c;
      }
      if (c.found) continue;
      out.push({ ...explainMissing(c, d.letter), rule: RULE, codes: [d.code], field: d.field });
    }
    if (staleCheck?.release) {
      out.push({
        rule: RULE,
        severity: 'warning',
        codes: notInForce,
        message: `The date of service ${staleCheck.dateOfService} is after the newest loaded ICD-10-CM release (${staleCheck.release.version}, valid through ${staleCheck.release.effectiveTo ?? 'its end date'}), so the codes were checked against it instead of the year in force. Load the current release to be sure.`,
        source: `${releaseLabel(staleCheck.release)}; ${HIPAA}`,
        field: 'dateOfService',
      });
    }
    return out;
  },
};

function explainMissing(c: CodeCheck, letter: string): Pick<CheckResult, 'severity' | 'message' | 'source'> {
  const release = c.release!;
  const source = `${releaseLabel(release)}; ${HIPAA}`;
  const later = c.elsewhere.filter((r) => r.effectiveFrom > release.effectiveFrom).at(-1);
  const earlier = c.elsewhere.find((r) => r.effectiveFrom < release.effectiveFrom);
  if (later) {
    return {
      severity: 'error',
      message: `${c.code} (diagnosis ${letter}) is not yet effective on ${c.dateOfService}: it first appears in ICD-10-CM ${later.version}, for dates of service from ${later.effectiveFrom}. Use the code valid in ${release.version}.`,
      source,
    };
  }
  if (earlier) {
    return {
      severity: 'error',
      message: `${c.code} (diagnosis ${letter}) was deleted: it was valid in ICD-10-CM ${earlier.version}${earlier.effectiveTo ? ` (through ${earlier.effectiveTo})` : ''} but is not in ${release.version}, in force on ${c.dateOfService}. Pick its replacement in ${release.version}.`,
      source,
    };
  }
  const hint = nearestHint(c);
  if (!c.inForce) {
    return {
      severity: 'warning',
      message: `${c.code} (diagnosis ${letter}) is not in ICD-10-CM ${release.version}, the newest release loaded; the date of service ${c.dateOfService} falls after it, so it may be a new code. Load the current release to check it.${hint}`,
      source,
    };
  }
  return { severity: 'error', message: `${c.code} (diagnosis ${letter}) is not an ICD-10-CM code in ${release.version}, in force on ${c.dateOfService}.${hint}`, source };
}

/** " Its 7th character Z is not one S72.001 allows (A, B, D)." or " The nearest code is E11.9 (…)." */
function nearestHint(c: CodeCheck): string {
  const nearest = c.nearest?.record;
  if (!nearest) return '';
  const bare = withoutDot(c.code);
  const sevenChr = nearest.notes?.sevenChr;
  if (sevenChr && bare.length === 7) {
    const stem = withoutDot(nearest.code).padEnd(6, 'X');
    if (bare.startsWith(stem) && !(bare[6]! in sevenChr)) return ` Its 7th character ${bare[6]} is not one ${nearest.code} allows (${Object.keys(sevenChr).join(', ')}).`;
  }
  return ` The nearest existing code is ${nearest.code} (${nearest.title})${nearest.billable ? '' : ', a heading'}.`;
}
