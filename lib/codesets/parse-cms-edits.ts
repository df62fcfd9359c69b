import { readCsv, readCsvObjects } from './csv';
import { withDot } from './icd-code';
import { CodeSetFormatError } from './parse-icd10cm-order';
import type { MceEntry, MueEdit, PlaceOfService } from './types';

/** Parses the CMS place-of-service table (code, status, name, description). */
export function parsePlaceOfService(text: string, sourceName = 'place of service file'): PlaceOfService[] {
  const rows = readCsvObjects(text);
  const codes = rows
    .filter((r) => /^\d{2}$/.test(r.code ?? ''))
    .map((r) => ({ code: r.code!, name: r.name ?? '', description: r.description ?? '', assigned: r.status === 'assigned' }));
  if (codes.length === 0) throw new CodeSetFormatError(sourceName, 'no two-digit place-of-service codes found');
  return codes;
}

/**
 * Parses a CMS NCCI MUE table (practitioner, outpatient hospital or DME). The file opens with the AMA notice
 * and a header whose first cell spans two lines; data rows are code, units, "N Label" adjudication indicator, rationale.
 */
export function parseMue(text: string, sourceName = 'MUE file'): MueEdit[] {
  const edits: MueEdit[] = [];
  for (const row of readCsv(text)) {
    const [code = '', units = '', mai = '', rationale = ''] = row.map((c) => c.trim());
    if (!/^[0-9A-Z]{5}$/.test(code) || !/^\d+$/.test(units)) continue;
    const indicator = Number(mai.charAt(0));
    if (indicator !== 1 && indicator !== 2 && indicator !== 3) {
      throw new CodeSetFormatError(sourceName, `code ${code} has an unknown MUE adjudication indicator "${mai}"`);
    }
    edits.push({ code, units: Number(units), mai: indicator, rationale });
  }
  if (edits.length === 0) throw new CodeSetFormatError(sourceName, 'no MUE rows found');
  return edits;
}

/** What each MUE adjudication indicator means, for messages a biller reads. */
export const MUE_ADJUDICATION_MEANING: Record<1 | 2 | 3, string> = {
  1: 'line edit: units over the limit on one claim line are denied',
  2: 'date-of-service edit (policy): the limit is absolute for all lines on the same date, appeals rarely succeed',
  3: 'date-of-service edit (clinical): the limit covers all lines on the same date; more may be paid on appeal with documentation',
};

/** Parses the long-format Medicare Code Editor list (edit_number, sublist, code, age_min, age_max…). ICD-10-CM rows only. */
export function parseMceLists(text: string, sourceName = 'Medicare Code Editor lists'): MceEntry[] {
  const entries: MceEntry[] = [];
  for (const r of readCsvObjects(text)) {
    if (r.code_system !== 'ICD-10-CM' || !r.code) continue;
    const entry: MceEntry = {
      edit: Number(r.edit_number),
      sublist: r.sublist ?? '',
      label: [r.edit_name, r.sublist_name].filter(Boolean).join(': '),
      code: withDot(r.code),
    };
    if (r.age_min) entry.ageMin = Number(r.age_min);
    if (r.age_max) entry.ageMax = Number(r.age_max);
    entries.push(entry);
  }
  if (entries.length === 0) throw new CodeSetFormatError(sourceName, 'no ICD-10-CM rows found');
  return entries;
}

/** Parses the historical MCE sex-conflict list (advisory only; CMS stopped the edit on 2024-10-01). */
export function parseSexConflict(text: string, sourceName = 'MCE sex-conflict list'): { code: string; sex: 'F' | 'M' }[] {
  const entries = readCsvObjects(text)
    .filter((r) => r.code_system === 'ICD-10-CM' && (r.sex === 'F' || r.sex === 'M') && r.code)
    .map((r) => ({ code: withDot(r.code!), sex: r.sex as 'F' | 'M' }));
  if (entries.length === 0) throw new CodeSetFormatError(sourceName, 'no ICD-10-CM sex-conflict rows found');
  return entries;
}
