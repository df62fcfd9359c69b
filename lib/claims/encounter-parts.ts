import { ICD10CM_CODE, withDot, withoutDot } from '../codesets/icd-code';
import { SYSTEM_NAMES } from '../codesets/types';
import type { CodedEncounter, ServiceLine } from '../encounter/types';
import type { CodeSetRelease } from './types';

/** A diagnosis with its place: index (0-based), claim letter (A–L) and JSON field. */
export interface PlacedDiagnosis {
  index: number;
  /** ICD-10-CM with the dot, upper case. */
  code: string;
  letter: string;
  field: string;
}

/** A service line with its place in the encounter. */
export interface PlacedLine {
  index: number;
  line: ServiceLine;
  field: string;
  /** The line's own date of service, else the encounter's. */
  date: string;
}

/** The diagnoses that carry a code (JSON from outside may hold gaps; the required-fields rule reports those). */
export function diagnosesOf(encounter: CodedEncounter): PlacedDiagnosis[] {
  const list = Array.isArray(encounter.diagnoses) ? encounter.diagnoses : [];
  return list.flatMap((d, index) =>
    typeof d?.code === 'string' && d.code.trim() !== '' ? [{ index, code: icdAsWritten(d.code), letter: diagnosisLetter(index), field: `diagnoses[${index}]` }] : [],
  );
}

/** ICD-10-CM codes with the dot and upper case; text that is no code stays as typed (trimmed) for messages. */
function icdAsWritten(code: string): string {
  return ICD10CM_CODE.test(withoutDot(code)) ? withDot(code) : code.trim();
}

/** The service lines that are objects. */
export function linesOf(encounter: CodedEncounter): PlacedLine[] {
  const list = Array.isArray(encounter.lines) ? encounter.lines : [];
  return list.flatMap((line, index) =>
    line && typeof line === 'object' ? [{ index, line, field: `lines[${index}]`, date: typeof line.dateOfService === 'string' && line.dateOfService ? line.dateOfService : encounter.dateOfService }] : [],
  );
}

/** The claim letter of a diagnosis: A for the first, L for the twelfth (CMS-1500 item 21). */
export function diagnosisLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `#${index + 1}`;
}

/** How a line is named in messages: "line 2 (99213)". */
export function lineName(line: ServiceLine): string {
  return `line ${line.id}${line.code ? ` (${line.code})` : ''}`;
}

/** The same, opening a sentence: "Line 2 (99213)". */
export function lineNameAtStart(line: ServiceLine): string {
  return `Line ${line.id}${line.code ? ` (${line.code})` : ''}`;
}

/** A release as cited: "ICD-10-CM FY2026, dates of service 2025-10-01 to 2026-09-30". */
export function releaseLabel(release: CodeSetRelease): string {
  const dates = release.effectiveTo ? `, dates of service ${release.effectiveFrom} to ${release.effectiveTo}` : `, from ${release.effectiveFrom}`;
  return `${SYSTEM_NAMES[release.system]} ${release.version}${release.system === 'cpt' ? '' : dates}`;
}
