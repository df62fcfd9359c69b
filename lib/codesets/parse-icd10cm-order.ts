import { withDot } from './icd-code';
import { chapterOf } from './icd10cm-chapters';
import type { CodeRecord } from './types';

/** Error raised when an official file is not what it claims to be. */
export class CodeSetFormatError extends Error {
  constructor(
    /** Which file or format was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'CodeSetFormatError';
  }
}

/** Result of reading a CDC ICD-10-CM order file. */
export interface Icd10cmOrderFile {
  codes: CodeRecord[];
  billable: number;
  headers: number;
}

/**
 * Parses the CDC ICD-10-CM order file (icd10cm-order-YYYY.txt): fixed width, one code per line,
 * columns 1–5 order number, 7–13 code, 15 valid flag, 17–76 short title, 78– long title.
 * Parents are the longest existing prefix, so the hierarchy comes from the file itself.
 *
 * @example parseIcd10cmOrder(text).codes.find(c => c.code === 'E11.65')
 */
export function parseIcd10cmOrder(text: string, sourceName = 'ICD-10-CM order file'): Icd10cmOrderFile {
  const codes: CodeRecord[] = [];
  let billable = 0;
  let lineNo = 0;
  // Official files end every record with CRLF; a missing final newline means the download was cut short.
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new CodeSetFormatError(sourceName, 'the file ends in the middle of a record (truncated download?)');
  }
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const match = ORDER_LINE.exec(line);
    if (!match) {
      throw new CodeSetFormatError(sourceName, `line ${lineNo} is not an ICD-10-CM order-file record: "${line.slice(0, 60)}"`);
    }
    const [, order, bare, flag, short, long] = match as unknown as [string, string, string, string, string, string];
    if (Number(order) !== codes.length + 1) {
      throw new CodeSetFormatError(sourceName, `line ${lineNo}: order number ${order} out of sequence (rows missing?)`);
    }
    const code = withDot(bare);
    const isBillable = flag === '1';
    if (isBillable) billable++;
    const record: CodeRecord = {
      system: 'icd10cm',
      code,
      title: long.trim(),
      billable: isBillable,
      chapter: chapterOf(bare),
      descriptorSource: 'official',
    };
    const shortTitle = short.trim();
    if (shortTitle && shortTitle !== record.title) record.shortTitle = shortTitle;
    codes.push(record);
  }
  linkParents(codes);
  if (codes.length === 0) throw new CodeSetFormatError(sourceName, 'the file holds no codes');
  return { codes, billable, headers: codes.length - billable };
}

/**
 * Sets each code's parent to its longest existing prefix (E11.65 → E11.6 → E11), so the hierarchy
 * comes from the code list itself. Works on any order of records.
 */
export function linkParents(codes: CodeRecord[]): void {
  const known = new Set(codes.map((c) => c.code.replace('.', '')));
  for (const record of codes) {
    const parent = longestKnownPrefix(record.code.replace('.', ''), known);
    if (parent) record.parent = withDot(parent);
    else delete record.parent;
  }
}

// Order number, code (3–7), flag, 60-char short title, long title.
const ORDER_LINE = /^(\d{5}) ([A-Z][0-9A-Z]{2,6}) {1,5}([01]) (.{60}) (.+)$/;

/** The longest shorter prefix that is itself a code or header is the parent. */
function longestKnownPrefix(bare: string, known: Set<string>): string | undefined {
  for (let len = bare.length - 1; len >= 3; len--) {
    const prefix = bare.slice(0, len);
    if (known.has(prefix)) return prefix;
  }
  return undefined;
}
