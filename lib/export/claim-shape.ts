/**
 * The structure every claim export needs, checked before anything is written: an 837P or a FHIR Claim
 * built from a half-finished encounter would be rejected by the payer anyway, and a clear refusal naming
 * the encounter and field lets the biller fix it. Code validity (billable codes, edits) is the claim
 * checks' job, not this one's.
 */
import type { CodedEncounter } from '../encounter/types';

/** Most diagnoses a professional claim carries (A–L), and pointers per line. */
export const MAX_DIAGNOSES = 12;
export const MAX_POINTERS = 4;
export const MAX_MODIFIERS = 4;

/** Input an export cannot use (bad options, encounters that disagree); callers show the message as is. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** An encounter that cannot become a claim; the message names the encounter and the field. */
export class ExportRefusal extends ExportError {
  constructor(
    readonly encounterLabel: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Encounter ${encounterLabel}: ${field} ${problem}`);
    this.name = 'ExportRefusal';
  }
}

/** How refusals name an encounter: its claim id, and its id when the claim id is missing. */
export function encounterLabel(encounter: CodedEncounter): string {
  return encounter.claimId ? `claim ${encounter.claimId}` : `id ${encounter.id}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws an ExportRefusal for the first structural problem that stops `encounter` forming a claim. */
export function assertClaimable(encounter: CodedEncounter): void {
  const refuse = (field: string, problem: string): never => {
    throw new ExportRefusal(encounterLabel(encounter), field, problem);
  };
  if (!encounter.claimId?.trim()) refuse('claimId', 'is empty (it is the claim number the payer sends back)');
  if (!ISO_DATE.test(encounter.dateOfService ?? '')) refuse('dateOfService', `"${encounter.dateOfService}" is not a YYYY-MM-DD date`);
  if (!/^\d{2}$/.test(encounter.placeOfService ?? '')) refuse('placeOfService', `"${encounter.placeOfService}" is not a two-digit place-of-service code`);
  if (!ISO_DATE.test(encounter.patient.dob ?? '')) refuse('patient.dob', `"${encounter.patient.dob}" is not a YYYY-MM-DD date`);
  if (!/^\d{10}$/.test(encounter.renderingProvider.npi ?? '')) refuse('renderingProvider.npi', `"${encounter.renderingProvider.npi}" is not a 10-digit NPI`);
  if (!/^\d{10}$/.test(encounter.billingProvider.npi ?? '')) refuse('billingProvider.npi', `"${encounter.billingProvider.npi}" is not a 10-digit NPI`);
  if (!/^\d{9}$/.test(encounter.billingProvider.taxId ?? '')) refuse('billingProvider.taxId', `"${encounter.billingProvider.taxId}" is not a 9-digit tax id`);
  if (!encounter.payer.id?.trim()) refuse('payer.id', 'is empty (the electronic payer id routes the claim)');

  const diagnoses = encounter.diagnoses;
  if (diagnoses.length === 0) refuse('diagnoses', 'is empty: a claim needs at least one diagnosis');
  if (diagnoses.length > MAX_DIAGNOSES) refuse('diagnoses', `has ${diagnoses.length} codes; a professional claim carries at most ${MAX_DIAGNOSES} (A–L)`);
  diagnoses.forEach((d, i) => {
    if (!/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/i.test(d.code ?? '')) refuse(`diagnoses[${i}].code`, `"${d.code}" is not shaped like an ICD-10-CM code`);
  });

  if (encounter.lines.length === 0) refuse('lines', 'is empty: a claim needs at least one service line');
  encounter.lines.forEach((line, i) => {
    const at = `lines[${i}] (${line.code || 'no code'})`;
    if (!/^[A-Z0-9]{5}$/i.test(line.code ?? '')) refuse(`${at}.code`, `"${line.code}" is not a 5-character CPT/HCPCS code`);
    if (line.modifiers.length > MAX_MODIFIERS) refuse(`${at}.modifiers`, `has ${line.modifiers.length}; at most ${MAX_MODIFIERS}`);
    for (const m of line.modifiers) if (!/^[A-Z0-9]{2}$/i.test(m)) refuse(`${at}.modifiers`, `"${m}" is not a two-character modifier`);
    if (!(Number.isFinite(line.units) && line.units > 0)) refuse(`${at}.units`, `${line.units} is not a positive number`);
    if (!(Number.isFinite(line.charge) && line.charge >= 0)) refuse(`${at}.charge`, `${line.charge} is not an amount of zero or more`);
    if (line.pointers.length === 0) refuse(`${at}.pointers`, 'is empty: each line points to at least one diagnosis');
    if (line.pointers.length > MAX_POINTERS) refuse(`${at}.pointers`, `has ${line.pointers.length}; a line points to at most ${MAX_POINTERS} diagnoses`);
    for (const p of line.pointers) {
      if (!Number.isInteger(p) || p < 1 || p > diagnoses.length) refuse(`${at}.pointers`, `points to diagnosis ${p}, but the encounter has ${diagnoses.length} (1–${diagnoses.length})`);
    }
    if (line.dateOfService !== undefined && !ISO_DATE.test(line.dateOfService)) refuse(`${at}.dateOfService`, `"${line.dateOfService}" is not a YYYY-MM-DD date`);
  });
}

/** Sum of line charges in whole cents, so 0.1 + 0.2 adds up the way a biller adds it. */
export function totalCents(encounter: CodedEncounter): number {
  return encounter.lines.reduce((sum, line) => sum + Math.round(line.charge * 100), 0);
}

/** A diagnosis pointer (1-based) as its claim-form letter: 1 → A … 12 → L. */
export function pointerLetter(pointer: number): string {
  return pointer >= 1 && pointer <= 26 ? String.fromCharCode(64 + pointer) : '?';
}
