/**
 * CodedEncounter → CSV for the billing team's spreadsheets: one row per service line, each row repeating
 * its encounter's fields and diagnoses, so a filter or pivot on any column still sees the whole claim.
 */
import Papa from 'papaparse';
import type { CodedEncounter, ServiceLine } from '../encounter/types';
import { MAX_DIAGNOSES, MAX_MODIFIERS, pointerLetter } from './claim-shape';

const DIAGNOSIS_COLUMNS = Array.from({ length: MAX_DIAGNOSES }, (_, i) => `dx${i + 1}`);
const MODIFIER_COLUMNS = Array.from({ length: MAX_MODIFIERS }, (_, i) => `modifier${i + 1}`);

/** The header row, in order. */
export const CSV_COLUMNS: readonly string[] = [
  'claimId',
  'encounterId',
  'status',
  'patientFamily',
  'patientGiven',
  'patientMiddle',
  'patientDob',
  'patientSex',
  'patientMrn',
  'memberId',
  'dateOfService',
  'placeOfService',
  'renderingNpi',
  'billingNpi',
  'payerName',
  'payerId',
  ...DIAGNOSIS_COLUMNS,
  'lineId',
  'lineSystem',
  'lineCode',
  ...MODIFIER_COLUMNS,
  'units',
  'charge',
  'pointers',
];

/**
 * Papa Parse's own `escapeFormulae: true` pattern ends in `.*$` without the s flag, so a formula followed
 * by a line break ("=HYPERLINK(…)\nx") slips through; testing only the first character does not.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function money(amount: number): string {
  return Number.isFinite(amount) ? amount.toFixed(2) : String(amount);
}

function row(e: CodedEncounter, line: ServiceLine | undefined): string[] {
  const p = e.patient;
  const diagnoses = DIAGNOSIS_COLUMNS.map((_, i) => e.diagnoses[i]?.code ?? '');
  // More than 12 diagnoses cannot go on a claim; the spreadsheet keeps them all rather than lose any.
  if (e.diagnoses.length > MAX_DIAGNOSES) diagnoses[MAX_DIAGNOSES - 1] = e.diagnoses.slice(MAX_DIAGNOSES - 1).map((d) => d.code).join(' ');
  const modifiers = MODIFIER_COLUMNS.map((_, i) => line?.modifiers[i] ?? '');
  if (line && line.modifiers.length > MAX_MODIFIERS) modifiers[MAX_MODIFIERS - 1] = line.modifiers.slice(MAX_MODIFIERS - 1).join(' ');
  return [
    e.claimId,
    e.id,
    e.status,
    p.name.family,
    p.name.given,
    p.name.middle ?? '',
    p.dob,
    p.sex,
    p.mrn,
    p.memberId ?? '',
    line?.dateOfService ?? e.dateOfService,
    e.placeOfService,
    e.renderingProvider.npi,
    e.billingProvider.npi,
    e.payer.name,
    e.payer.id,
    ...diagnoses,
    line?.id ?? '',
    line?.system ?? '',
    line?.code ?? '',
    ...modifiers,
    line ? String(line.units) : '',
    line ? money(line.charge) : '',
    // Claim-form letters (A–L), in pointer order, as box 24E of the CMS-1500 shows them: "AB".
    line ? line.pointers.map(pointerLetter).join('') : '',
  ];
}

/**
 * One CSV (RFC 4180, CRLF after every record, header row) with a row per service line; an encounter without lines
 * still gets one row so nothing disappears from the sheet. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) get a leading apostrophe.
 */
export function encountersToCsv(encounters: readonly CodedEncounter[]): string {
  const data = encounters.flatMap((e) => (e.lines.length > 0 ? e.lines.map((line) => row(e, line)) : [row(e, undefined)]));
  const csv = Papa.unparse({ fields: [...CSV_COLUMNS], data }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
  // Papa Parse ends the text with a line break only when there are no rows; always end with one.
  return `${csv.replace(/\r\n$/, '')}\r\n`;
}
