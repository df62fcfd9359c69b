/**
 * Minimal shape checks for a coded encounter before it is stored: enough that every reader (queue, export,
 * push) can rely on the structure. Whether the codes, NPIs and dates make a clean claim is the claim
 * checks' job, not this one's: a draft may be incomplete.
 */
import { isEncounterStatus } from './workflow';

/** A stored encounter failed the shape checks; `problems` lists each one in plain words. */
export class InvalidEncounterError extends Error {
  constructor(readonly problems: string[], what = 'The encounter') {
    super(`${what} cannot be stored: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`);
    this.name = 'InvalidEncounterError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// CLM01 goes into an X12 file: no control characters and none of the usual separators.
const CLAIM_ID = /^[^\u0000-\u001f\u007f~*:^|]{1,20}$/;

/** Every shape problem of `value` as a stored encounter (empty when fine). */
export function encounterProblems(value: unknown): string[] {
  const p: string[] = [];
  if (!isObject(value)) return ['it is not an object'];
  const e = value;
  str(e, 'id', p, true);
  if (typeof e.claimId !== 'string' || !CLAIM_ID.test(e.claimId)) p.push('claimId must be 1–20 characters without control characters or ~ * : ^ |');
  if (!isEncounterStatus(e.status)) p.push(`status "${String(e.status)}" is not an encounter status`);
  if (!isObject(e.patient)) p.push('patient is missing');
  else {
    const patient = e.patient;
    if (!isObject(patient.name)) p.push('patient.name is missing');
    else {
      str(patient.name, 'family', p, false, 'patient.name.');
      str(patient.name, 'given', p, false, 'patient.name.');
    }
    if (typeof patient.dob !== 'string' || (patient.dob !== '' && !ISO_DATE.test(patient.dob))) p.push('patient.dob must be a YYYY-MM-DD date (or empty in a draft)');
    if (patient.sex !== 'F' && patient.sex !== 'M' && patient.sex !== 'U') p.push('patient.sex must be F, M or U');
    str(patient, 'mrn', p, false, 'patient.');
  }
  if (typeof e.dateOfService !== 'string' || !ISO_DATE.test(e.dateOfService)) p.push('dateOfService must be a YYYY-MM-DD date');
  str(e, 'placeOfService', p, false);
  for (const key of ['renderingProvider', 'billingProvider', 'payer'] as const) if (!isObject(e[key])) p.push(`${key} is missing`);
  if (!Array.isArray(e.diagnoses)) p.push('diagnoses must be a list');
  else e.diagnoses.forEach((d, i) => {
    if (!isObject(d) || typeof d.code !== 'string') p.push(`diagnoses[${i}] needs a code`);
  });
  if (!Array.isArray(e.lines)) p.push('lines must be a list');
  else e.lines.forEach((l, i) => {
    if (!isObject(l)) return void p.push(`lines[${i}] is not an object`);
    if (typeof l.id !== 'string' || !l.id) p.push(`lines[${i}].id is missing`);
    if (l.system !== 'cpt' && l.system !== 'hcpcs') p.push(`lines[${i}].system must be cpt or hcpcs`);
    if (typeof l.code !== 'string') p.push(`lines[${i}].code is missing`);
    if (!Array.isArray(l.modifiers) || !l.modifiers.every((m) => typeof m === 'string')) p.push(`lines[${i}].modifiers must be a list of codes`);
    if (typeof l.units !== 'number' || !Number.isFinite(l.units)) p.push(`lines[${i}].units must be a number`);
    if (typeof l.charge !== 'number' || !Number.isFinite(l.charge)) p.push(`lines[${i}].charge must be a number`);
    if (!Array.isArray(l.pointers) || !l.pointers.every((n) => Number.isInteger(n))) p.push(`lines[${i}].pointers must be a list of whole numbers`);
  });
  str(e, 'coder', p, false);
  str(e, 'createdAt', p, true);
  str(e, 'updatedAt', p, true);
  if (!Array.isArray(e.statusHistory)) p.push('statusHistory must be a list');
  return p;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(o: Record<string, unknown>, key: string, problems: string[], nonEmpty: boolean, prefix = ''): void {
  const v = o[key];
  if (typeof v !== 'string' || (nonEmpty && !v)) problems.push(`${prefix}${key} must be ${nonEmpty ? 'non-empty ' : ''}text`);
}
