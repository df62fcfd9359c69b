import { CodeSetFormatError } from './parse-icd10cm-order';
import type { CodeRecord, ModifierRecord } from './types';

/**
 * CPT codes: the built-in list of plain-language summaries we ship (assets/cpt/common-cpt.json) and
 * an organisation's licensed CPT file, which brings the official descriptors.
 *
 * CPT descriptors are AMA copyright, so nothing here (or in the asset) contains them; they only ever
 * arrive through {@link parseLicensedCptFile} from a file the user imports.
 */

/** One code of the built-in CPT list, as written in common-cpt.json. */
export interface BuiltinCptEntry {
  code: string;
  /** Our own plain-language summary (never AMA descriptor text), at most 160 characters. */
  summary: string;
  /** Setting or kind of service, e.g. "E/M office", "Lab", "Radiology". */
  category: string;
  /** Lay search words ("blood draw", "stitches"). */
  keywords?: string[];
  /** For timed or counted codes, what one unit is ("each 15 minutes"). */
  unit?: string;
}

/** One CPT modifier of the built-in list, described in our own words. */
export interface BuiltinCptModifier {
  code: string;
  summary: string;
}

/** The shape of assets/cpt/common-cpt.json. */
export interface BuiltinCptFile {
  formatVersion: 1;
  /** e.g. "cpt@builtin-2026". */
  id: string;
  /** Says the summaries are ours and how to get official descriptors. */
  note: string;
  codes: BuiltinCptEntry[];
  modifiers: BuiltinCptModifier[];
}

/** A licensed CPT file as read: its codes and the rows that were skipped (at most 5% of them). */
export interface LicensedCptFile {
  codes: CodeRecord[];
  /** Rows that were not code rows, with their 1-based line number and why. */
  skipped: { line: number; reason: string }[];
}

/** A CPT code: four digits then a digit (Category I), F (Category II), T (Category III) or U (PLA). */
export const CPT_CODE = /^\d{4}[0-9FTU]$/;

/** Longest summary the built-in list may hold. */
export const MAX_SUMMARY_LENGTH = 160;

/** Share of data rows that may be invalid before a licensed file is refused. */
export const MAX_INVALID_ROW_SHARE = 0.05;

/** Validates the built-in list and turns its codes into records ('builtin' summaries, keywords as synonyms). */
export function builtinCptCodes(json: unknown): CodeRecord[] {
  return readBuiltinCpt(json).codes.map((entry) => {
    const record: CodeRecord = {
      system: 'cpt',
      code: entry.code,
      title: entry.summary,
      billable: true,
      descriptorSource: 'builtin',
    };
    if (entry.keywords?.length) record.synonyms = [...entry.keywords];
    if (entry.unit) record.unit = entry.unit;
    return record;
  });
}

/** Validates the built-in list and returns its CPT modifiers, described in our own words. */
export function builtinCptModifiers(json: unknown): ModifierRecord[] {
  return readBuiltinCpt(json).modifiers.map((m) => ({ code: m.code, title: m.summary, source: 'builtin' }));
}

/**
 * Checks that a value has the shape of common-cpt.json and returns it typed. Unknown keys, bad codes,
 * duplicates and empty or over-long summaries are refused with an error naming the entry.
 */
export function readBuiltinCpt(json: unknown): BuiltinCptFile {
  const fail = (message: string): never => {
    throw new CodeSetFormatError(BUILTIN_SOURCE, message);
  };
  if (!isObject(json)) return fail('the file is not a JSON object');
  checkKeys(json, FILE_KEYS, 'the file', fail);
  if (json.formatVersion !== 1) fail(`formatVersion ${String(json.formatVersion)} is not supported (expected 1)`);
  if (typeof json.id !== 'string' || json.id === '') fail('"id" must be a non-empty string');
  if (typeof json.note !== 'string') fail('"note" must be a string');
  if (!Array.isArray(json.codes)) return fail('"codes" must be a list');
  if (!Array.isArray(json.modifiers)) return fail('"modifiers" must be a list');

  const seen = new Set<string>();
  json.codes.forEach((entry: unknown, i: number) => {
    const where = `codes[${i}]`;
    if (!isObject(entry)) return fail(`${where} is not an object`);
    checkKeys(entry, CODE_KEYS, where, fail);
    const { code, summary, category, keywords, unit } = entry;
    if (typeof code !== 'string' || !CPT_CODE.test(code)) return fail(`${where} has an invalid code ${JSON.stringify(code)}`);
    if (seen.has(code)) fail(`${where}: code ${code} is listed twice`);
    seen.add(code);
    if (typeof summary !== 'string' || summary.trim() === '') fail(`${code} has no summary`);
    else if (summary.length > MAX_SUMMARY_LENGTH) fail(`${code}: summary is longer than ${MAX_SUMMARY_LENGTH} characters`);
    if (typeof category !== 'string' || category === '') fail(`${code} has no category`);
    if (keywords !== undefined && !(Array.isArray(keywords) && keywords.every((k) => typeof k === 'string' && k !== ''))) {
      fail(`${code}: "keywords" must be a list of words`);
    }
    if (unit !== undefined && (typeof unit !== 'string' || unit === '')) fail(`${code}: "unit" must be a non-empty string`);
    return undefined;
  });

  const seenModifiers = new Set<string>();
  json.modifiers.forEach((entry: unknown, i: number) => {
    const where = `modifiers[${i}]`;
    if (!isObject(entry)) return fail(`${where} is not an object`);
    checkKeys(entry, MODIFIER_KEYS, where, fail);
    const { code, summary } = entry;
    if (typeof code !== 'string' || !MODIFIER_CODE.test(code)) return fail(`${where} has an invalid modifier ${JSON.stringify(code)}`);
    if (seenModifiers.has(code)) fail(`${where}: modifier ${code} is listed twice`);
    seenModifiers.add(code);
    if (typeof summary !== 'string' || summary.trim() === '') fail(`modifier ${code} has no summary`);
    return undefined;
  });
  return json as unknown as BuiltinCptFile;
}

/**
 * Reads an organisation's licensed CPT file and returns its codes with the official descriptors.
 *
 * Accepts tab- or comma-separated text (detected), quoted fields ("a, b" and doubled "" quotes), an
 * optional header row naming the columns ("code,descriptor", "CPT Code\tLong Descriptor"; a long
 * descriptor column wins over a short one, which becomes `shortTitle`) and extra columns. Without a
 * header the first column is the code and the second the descriptor.
 *
 * @throws CodeSetFormatError for an empty, HTML or binary file, a file with no code rows, or one where
 *   more than 5% of the rows are not code rows; the message names the first bad line.
 * @example parseLicensedCptFile(await file.text(), file.name)
 */
export function parseLicensedCptFile(text: string, sourceName = 'licensed CPT file'): CodeRecord[] {
  return readLicensedCptFile(text, sourceName).codes;
}

/** Like {@link parseLicensedCptFile}, but also reports the rows it skipped (for the import screen). */
export function readLicensedCptFile(text: string, sourceName = 'licensed CPT file'): LicensedCptFile {
  const fail = (message: string): never => {
    throw new CodeSetFormatError(sourceName, message);
  };
  if (text.length === 0) fail('the file is empty');
  // Drop a byte-order mark and a DOS end-of-file mark (Ctrl-Z), which old exports still carry.
  const body = text.replace(/^\uFEFF/, '').replace(/\u001A+\s*$/, '');
  if (body.trim() === '') fail('the file holds only blank lines');

  const lines = body.split(/\r\n|\r|\n/);
  const binary = binaryProblem(body, lines);
  if (binary) fail(binary);
  const firstLine = lines.findIndex((line) => line.trim() !== '');
  const first = lines[firstLine] ?? '';
  if (MARKUP_START.test(first)) fail(`this is a web page (HTML), not a CPT file (line ${firstLine + 1}: ${quote(first)})`);

  const delimiter = detectDelimiter(lines);
  const rows = splitRows(body, delimiter, fail);
  if (rows.length === 0) fail('the file holds no rows');

  // A header may follow a few title or copyright lines; those are reported but not held against the file.
  const { columns, headerIndex } = findHeader(rows);
  const preamble = columns ? rows.slice(0, headerIndex) : [];
  const dataRows = rows.slice(headerIndex + 1);
  const { code: codeCol, long: longCol, short: shortCol } = columns ?? { code: 0, long: 1, short: undefined };

  const codes: CodeRecord[] = [];
  const skipped: LicensedCptFile['skipped'] = preamble.map((row) => ({
    line: row.line,
    reason: `${quote(row.raw)} comes before the header row`,
  }));
  const invalid: LicensedCptFile['skipped'] = [];
  const seen = new Set<string>();
  for (const row of dataRows) {
    const code = normaliseCode(row.cells[codeCol] ?? '');
    const title = tidy(row.cells[longCol] ?? '');
    if (!CPT_CODE.test(code)) {
      invalid.push({ line: row.line, reason: `${quote(row.raw)} does not hold a CPT code` });
      continue;
    }
    if (title === '') {
      invalid.push({ line: row.line, reason: `code ${code} has no descriptor` });
      continue;
    }
    if (seen.has(code)) continue; // a repeated code keeps its first descriptor
    seen.add(code);
    const record: CodeRecord = { system: 'cpt', code, title, billable: true, descriptorSource: 'licensed' };
    const shortTitle = shortCol === undefined ? '' : tidy(row.cells[shortCol] ?? '');
    if (shortTitle && shortTitle !== title) record.shortTitle = shortTitle;
    codes.push(record);
  }

  const firstBad = invalid[0];
  if (codes.length === 0) {
    fail(`no row holds a CPT code and a descriptor${firstBad ? ` (first bad line ${firstBad.line}: ${firstBad.reason})` : ''}`);
  }
  const total = codes.length + invalid.length;
  if (firstBad && invalid.length > total * MAX_INVALID_ROW_SHARE) {
    fail(
      `${invalid.length} of ${total} rows are not CPT code rows (more than ${MAX_INVALID_ROW_SHARE * 100}%); ` +
        `first bad line ${firstBad.line}: ${firstBad.reason}`,
    );
  }
  return { codes, skipped: [...skipped, ...invalid] };
}

/**
 * Lays licensed descriptors over the built-in list: codes in both take the licensed title (and short
 * title) and keep our keywords and summary as synonyms, so lay searches still find them; codes only in
 * the licensed file are added after the built-in ones. Inputs are not changed.
 */
export function mergeLicensedCpt(builtin: CodeRecord[], licensed: CodeRecord[]): CodeRecord[] {
  const byCode = new Map(licensed.map((r) => [r.code, r]));
  const merged = builtin.map((own): CodeRecord => {
    const official = byCode.get(own.code);
    if (!official) return own;
    byCode.delete(own.code);
    const synonyms = unique([...(own.synonyms ?? []), own.title, ...(official.synonyms ?? [])]).filter(
      (s) => s !== official.title,
    );
    const record: CodeRecord = { ...own, title: official.title, descriptorSource: 'licensed' };
    if (synonyms.length) record.synonyms = synonyms;
    else delete record.synonyms;
    delete record.shortTitle;
    if (official.shortTitle) record.shortTitle = official.shortTitle;
    return record;
  });
  return [...merged, ...byCode.values()];
}

// ---------------------------------------------------------------------------------------------------

const BUILTIN_SOURCE = 'built-in CPT list';
const FILE_KEYS = new Set(['formatVersion', 'id', 'note', 'codes', 'modifiers']);
const CODE_KEYS = new Set(['code', 'summary', 'category', 'keywords', 'unit']);
const MODIFIER_KEYS = new Set(['code', 'summary']);
const MODIFIER_CODE = /^[0-9A-Z]{2}$/;

// C0 controls other than tab, LF and CR, plus the replacement character a wrong decoding leaves.
// eslint-disable-next-line no-control-regex
const ODD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/;
// eslint-disable-next-line no-control-regex
const ODD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;
/** Share (and a floor for small files) of odd characters in the first 64 KB above which a file counts as binary. */
const MAX_ODD_SHARE = 0.01;
const MAX_ODD_CHARS = 4;
/** A CPT file never starts with a tag; web pages and XML do. */
const MARKUP_START = /^\s*<[!?a-z]/i;
/** How many rows may come before the header (titles, copyright lines). */
const MAX_PREAMBLE_ROWS = 5;

/** Header words that name the code column and the descriptor columns (substrings: "CPT_CODE" counts). */
const CODE_HEADER = /cpt|hcpcs|code/i;
const DESCRIPTOR_HEADER = /desc|title|text|name|definition|long|short|medium/i;
const SHORT_HEADER = /short|abbrev/i;

interface Row {
  /** 1-based line the row starts on. */
  line: number;
  cells: string[];
  /** The row as written, for messages. */
  raw: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(obj: Record<string, unknown>, allowed: Set<string>, where: string, fail: (m: string) => never) {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) fail(`${where} has an unknown key "${key}"`);
}

/** Tab when most of the first lines that hold a tab or comma hold a tab; comma otherwise. */
function detectDelimiter(lines: string[]): '\t' | ',' {
  let tabs = 0;
  let commas = 0;
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, 50)) {
    if (line.includes('\t')) tabs++;
    else if (line.includes(',')) commas++;
  }
  return tabs > 0 && tabs >= commas ? '\t' : ',';
}

/**
 * Splits delimited text into rows of cells. A cell that starts with a double quote runs to the next
 * lone quote ("" is a literal quote) and may hold delimiters and line breaks. Blank lines are dropped.
 */
function splitRows(text: string, delimiter: string, fail: (m: string) => never): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let rowStart = 0;
  let i = 0;
  const endRow = (end: number) => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells, raw: text.slice(rowStart, end) });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell.trim() === '') {
      // Quoted cell: read to the closing quote.
      const openedOn = line;
      cell = '';
      i++;
      for (;;) {
        if (i >= text.length) fail(`line ${openedOn} opens a quoted field that never closes`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
        i++;
      }
      continue; // anything after the closing quote is kept as written
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow(i);
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      rowStart = i;
    } else {
      cell += ch;
      i++;
    }
  }
  endRow(text.length);
  return rows;
}

/**
 * Why the text looks binary, or undefined. NUL means binary (or UTF-16 read as UTF-8); a few stray
 * control characters (a form feed) or letters mis-decoded from another code page are tolerated.
 */
function binaryProblem(text: string, lines: string[]): string | undefined {
  const head = text.slice(0, 65_536);
  const odd = head.match(ODD_CHARS)?.length ?? 0;
  if (!head.includes('\u0000') && odd <= Math.max(MAX_ODD_CHARS, head.length * MAX_ODD_SHARE)) return undefined;
  const line = lines.findIndex((l) => ODD_CHAR.test(l)) + 1;
  const nuls = head.match(/\u0000/g)?.length ?? 0;
  if (nuls > head.length / 4) {
    return `this looks like UTF-16 ("Unicode text") or a binary file (line ${line}); save it as UTF-8 CSV or tab-delimited text`;
  }
  return `this looks like a binary file, not text (line ${line} has control characters)`;
}

/** The header among the first rows (before any code row), or none; headerIndex is -1 without one. */
function findHeader(rows: Row[]): { columns?: { code: number; long: number; short?: number }; headerIndex: number } {
  for (let i = 0; i < Math.min(rows.length, MAX_PREAMBLE_ROWS + 1); i++) {
    const cells = rows[i]!.cells;
    if (cells.some((c) => CPT_CODE.test(normaliseCode(c)))) break;
    const columns = readHeader(cells);
    if (columns) return { columns, headerIndex: i };
  }
  return { headerIndex: -1 };
}

/** Column positions named by a header row, or undefined when the row is not a header. */
function readHeader(cells: string[]): { code: number; long: number; short?: number } | undefined {
  const trimmed = cells.map((c) => c.trim());
  const code = trimmed.findIndex((c) => CODE_HEADER.test(c) && !DESCRIPTOR_HEADER.test(c));
  const descriptors = trimmed
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => i !== code && DESCRIPTOR_HEADER.test(c));
  if (code < 0 || descriptors.length === 0) return undefined;
  const ranked = [...descriptors].sort((a, b) => descriptorRank(a.c) - descriptorRank(b.c));
  const long = ranked[0]!.i;
  const short = descriptors.find(({ c, i }) => i !== long && SHORT_HEADER.test(c))?.i;
  return short === undefined ? { code, long } : { code, long, short };
}

/** Lower is better: long/full descriptors, then plain ones, then medium, consumer or clinician, then short. */
function descriptorRank(header: string): number {
  if (/long|full/i.test(header)) return 0;
  if (SHORT_HEADER.test(header)) return 3;
  if (/medium|consumer|clinician|\blay\b/i.test(header)) return 2;
  return 1;
}

/** Trims and upper-cases a code; restores the leading zeros a spreadsheet strips from anesthesia codes (00100–01999). */
function normaliseCode(cell: string): string {
  const code = cell.trim().toUpperCase();
  if (/^\d{3,4}$/.test(code) && Number(code) >= 100 && Number(code) <= 1999) return code.padStart(5, '0');
  return code;
}

/** Collapses white space and drops stray control characters (a mis-decoded \uFFFD is kept, so it shows). */
function tidy(cell: string): string {
  // eslint-disable-next-line no-control-regex
  return cell.replace(/[\u0000-\u001F]/g, ' ').replace(/\s+/g, ' ').trim();
}

function quote(line: string): string {
  const shown = line.trim();
  return JSON.stringify(shown.length > 60 ? `${shown.slice(0, 60)}…` : shown);
}

function unique(items: string[]): string[] {
  return [...new Set(items.filter((s) => s !== ''))];
}
