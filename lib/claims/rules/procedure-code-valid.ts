/**
 * CPT and HCPCS codes valid on the line's date of service. HCPCS Level II comes from the CMS quarterly file,
 * whose records carry the date a code was added and, once terminated, its termination date: a code used after
 * it ends, or before it starts, is an error. CPT is checked against the CPT list loaded: Chart Coder's built-in
 * list holds only common codes, so a code missing from it is a warning (the organisation may hold a licensed
 * file with it); a code missing from an imported licensed file is an error.
 */
import { isLicensedCpt } from '../context';
import { lineName, lineNameAtStart, linesOf, releaseLabel } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'procedure-code-not-valid-for-date';
const CPT_SHAPE = /^\d{4}[0-9FTU]$/;
const HCPCS_SHAPE = /^[A-Z]\d{4}$/;

export const procedureCodeValid: ClaimRule = {
  id: RULE,
  description: 'Each CPT/HCPCS code exists and is active on the line date of service',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    for (const { line, field, date } of linesOf(encounter)) {
      const code = typeof line.code === 'string' ? line.code.trim().toUpperCase() : '';
      const at = { rule: RULE, codes: code ? [code] : [], line: line.id, field: `${field}.code` };
      if (line.system !== 'cpt' && line.system !== 'hcpcs') {
        out.push({ ...at, severity: 'error', message: `${lineNameAtStart(line)} has system "${String(line.system)}"; a service line is CPT or HCPCS.`, source: '837P (005010X222A1) SV101 procedure code qualifier (HC)', field: `${field}.system` });
        continue;
      }
      const shape = line.system === 'cpt' ? CPT_SHAPE : HCPCS_SHAPE;
      if (!shape.test(code)) {
        const other = line.system === 'cpt' ? HCPCS_SHAPE.test(code) && 'It looks like a HCPCS code: set the line system to HCPCS.' : CPT_SHAPE.test(code) && 'It looks like a CPT code: set the line system to CPT.';
        out.push({
          ...at,
          severity: 'error',
          message: `${lineNameAtStart(line)}: "${code}" is not written as a ${line.system === 'cpt' ? 'CPT code (five characters: four digits, then a digit, F, T or U)' : 'HCPCS Level II code (a letter and four digits)'}.${other ? ` ${other}` : ''}`,
          source: line.system === 'cpt' ? 'CPT code structure' : 'HCPCS Level II code structure (CMS)',
        });
        continue;
      }
      const c = ctx.code(line.system, code, date);
      if (!c) continue;
      if (!c.release) {
        out.push({ ...at, severity: 'warning', message: `No ${line.system === 'cpt' ? 'CPT' : 'HCPCS'} code set is loaded, so ${code} on ${lineName(line)} was not checked.`, source: 'Chart Coder code sets' });
        continue;
      }
      const source = releaseLabel(c.release);
      const record = c.found?.record;
      if (line.system === 'cpt') {
        if (record) continue;
        const licensed = isLicensedCpt(c.release);
        out.push({
          ...at,
          severity: licensed ? 'error' : 'warning',
          message: licensed
            ? `${code} on ${lineName(line)} is not in the organisation's licensed CPT file.`
            : `${code} on ${lineName(line)} is not in Chart Coder's built-in list of common CPT codes, so it was not checked. Import the organisation's licensed CPT file to check every CPT code.`,
          source,
        });
        continue;
      }
      if (!record) {
        out.push({
          ...at,
          severity: c.inForce ? 'error' : 'warning',
          message: c.inForce
            ? `${code} on ${lineName(line)} is not a HCPCS code in the ${c.release.version} release.`
            : `${code} on ${lineName(line)} is not in the HCPCS ${c.release.version} release, the only one loaded, which starts after the date of service ${date}; it may have been valid then.`,
          source,
        });
      } else if (record.terminatedOn && record.terminatedOn < date) {
        out.push({ ...at, severity: 'error', message: `${code} on ${lineName(line)} was terminated on ${record.terminatedOn}, before the date of service ${date}. Use the code that replaced it.`, source });
      } else if (record.effectiveFrom && record.effectiveFrom > date) {
        out.push({ ...at, severity: 'error', message: `${code} on ${lineName(line)} is not effective until ${record.effectiveFrom}, after the date of service ${date}.`, source });
      }
    }
    return out;
  },
};
