import { defaultHeaderFieldRules } from './rules';
import type { HeaderFieldRule } from './rules';
import type { HeaderField, HeaderFieldName, PatientHeader } from './types';

/** Options for {@link extractPatientHeader}. */
export interface HeaderOptions {
  /** Label rules. Default: `assets/rules/header-fields.json` ({@link defaultHeaderFieldRules}). */
  rules?: readonly HeaderFieldRule[];
  /** Lines longer than this are prose or junk and are not searched for labels. Default: 2000. */
  maxLineLength?: number;
}

/**
 * Reads patient/visit header fields (name, DOB, sex, MRN, date of service, provider, new vs
 * established) from "Label: value" text, including C-CDA rendered headers where a table cell holds
 * the label ("Patient⇥Legal: Jane Doe Date of Birth: …"). A label counts at the start of a line,
 * after a tab, '|' or ", ", or anywhere on a line that starts with a label; its value runs to the
 * next label, tab or line end. When a field appears under several labels the one listed first in the
 * rules wins, then the first occurrence.
 *
 * @example extractPatientHeader('Name: Jane Doe\nDOB: 01/02/1980').dobIso // '1980-01-02'
 */
export function extractPatientHeader(text: string, options: HeaderOptions = {}): PatientHeader {
  const opts = { ...defaultHeaderOptions, ...options };
  const rules = opts.rules ?? defaultHeaderFieldRules;
  const matcher = labelMatcher(rules);
  const best = new Map<HeaderFieldName, { rank: number; field: HeaderField }>();

  let lineStart = 0;
  while (lineStart < text.length && matcher) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart <= opts.maxLineLength) {
      for (const found of [...readLine(text, lineStart, lineEnd, matcher), ...readColumns(text, lineStart, lineEnd, matcher)]) {
        const prev = best.get(found.field.field);
        if (!prev || found.rank < prev.rank) best.set(found.field.field, found);
      }
    }
    lineStart = lineEnd + 1;
  }

  const header: PatientHeader = { fields: [] };
  for (const { field } of [...best.values()].sort((a, b) => a.field.start - b.field.start)) {
    if (applyField(header, field)) header.fields.push(field);
  }
  if (!header.patientStatus) {
    const status = findStatusPhrase(text);
    if (status) {
      header.patientStatus = status.value.toLowerCase().startsWith('new') ? 'new' : 'established';
      header.fields.push(status);
    }
  }
  return header;
}

/**
 * Reads a written date as YYYY-MM-DD: ISO, M/D/YYYY, M-D-YYYY, YYYYMMDD, "Month D, YYYY", "D Month YYYY".
 * Two-digit years up to 30 are 20xx, others 19xx.
 *
 * @example parseDate('August  11, 1975 (42yr)') // '1975-08-11'
 */
export function parseDate(value: string): string | undefined {
  const v = value.trim().slice(0, 80).replace(/^(?:from|at|on|since)\s+/i, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(v);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/.exec(v);
  if (m) return isoDate(year(m[3]!), +m[1]!, +m[2]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:\d{0,6})\b/.exec(v);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(v);
  if (m && monthOf(m[1]!)) return isoDate(+m[3]!, monthOf(m[1]!)!, +m[2]!);
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(v);
  if (m && monthOf(m[2]!)) return isoDate(+m[3]!, monthOf(m[2]!)!, +m[1]!);
  return undefined;
}

/**
 * A date as `parseDate` reads it, or one written without its year ("3/2", "March 2nd", "Mar 2"): the latest such
 * day on or before the date of service, since a note dates what already happened.
 *
 * @example parseDateBefore('March 2nd', '2026-03-30') // '2026-03-02'
 * @example parseDateBefore('12/30', '2026-01-05') // '2025-12-30'
 */
export function parseDateBefore(value: string, dateOfService: string): string | undefined {
  const full = parseDate(value);
  if (full) return full;
  const v = value.trim().slice(0, 40);
  const numeric = /^(\d{1,2})\/(\d{1,2})$/.exec(v);
  const named = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/.exec(v);
  const month = numeric ? +numeric[1]! : named ? monthOf(named[1]!) : undefined;
  const day = numeric ? +numeric[2]! : named ? +named[2]! : undefined;
  if (month === undefined || day === undefined) return undefined;
  const serviceYear = +dateOfService.slice(0, 4);
  const sameYear = isoDate(serviceYear, month, day);
  return sameYear && sameYear <= dateOfService ? sameYear : isoDate(serviceYear - 1, month, day);
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface LabelMatcher {
  regex: RegExp;
  /** Date labels followed straight by a numeric date, no colon ("Date of service 2026-05-27", "DOB 2021-08-08"). */
  dated: RegExp | null;
  /** Lower-cased label → [rule index, rule]. */
  byLabel: Map<string, [number, HeaderFieldRule]>;
}

const matcherCache = new WeakMap<readonly HeaderFieldRule[], LabelMatcher | null>();

function labelMatcher(rules: readonly HeaderFieldRule[]): LabelMatcher | null {
  const cached = matcherCache.get(rules);
  if (cached !== undefined) return cached;
  const byLabel = new Map<string, [number, HeaderFieldRule]>();
  rules.forEach((rule, i) => {
    const key = normalizeLabel(rule.literal);
    if (!byLabel.has(key)) byLabel.set(key, [i, rule]);
  });
  const alternatives = [...byLabel.keys()].sort((a, b) => b.length - a.length).map(labelPattern);
  // A label not glued to a word before it, then ':' or '#' (spaces allowed).
  const dateLabels = [...byLabel.entries()]
    .filter(([, [, rule]]) => DATE_FIELDS.has(rule.field))
    .map(([l]) => l)
    .sort((a, b) => b.length - a.length)
    .map(labelPattern);
  const dated = dateLabels.length === 0 ? null : new RegExp(`(?<![A-Za-z0-9])(${dateLabels.join('|')})[ \\t]{1,3}(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}/\\d{2,4})\\b`, 'gi');
  const matcher =
    alternatives.length === 0 ? null : { regex: new RegExp(`(?<![A-Za-z0-9])(${alternatives.join('|')})[ ]{0,3}[:#]`, 'gi'), dated, byLabel };
  matcherCache.set(rules, matcher);
  return matcher;
}

/** A label as a pattern: literal, any run of spaces or tabs between its words. */
function labelPattern(label: string): string {
  return label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+');
}

/** Fields whose value is a date: their label may go without a colon when a numeric date follows. */
const DATE_FIELDS: ReadonlySet<string> = new Set(['dob', 'dateOfService']);

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}

interface Found {
  rank: number;
  field: HeaderField;
}

interface Hit {
  index: number;
  /** Where the value may start. */
  end: number;
  label: string;
  /** Where the value ends, when the label's pattern read it (a date after a colon-less date label). */
  valueEnd?: number;
}

function readLine(text: string, lineStart: number, lineEnd: number, matcher: LabelMatcher): Found[] {
  const line = text.slice(lineStart, lineEnd);
  matcher.regex.lastIndex = 0;
  const colonHits: Hit[] = [];
  for (let m = matcher.regex.exec(line); m; m = matcher.regex.exec(line)) {
    colonHits.push({ index: m.index, end: m.index + m[0].length, label: m[1]! });
  }
  // "Date of service 2026-06-16. Provider …": a date label a dictation writes without its colon.
  if (matcher.dated) {
    matcher.dated.lastIndex = 0;
    for (let m = matcher.dated.exec(line); m; m = matcher.dated.exec(line)) {
      if (colonHits.some((h) => h.index === m!.index)) continue;
      colonHits.push({ index: m.index, end: m.index + m[1]!.length, label: m[1]!, valueEnd: m.index + m[0].length });
    }
    colonHits.sort((a, b) => a.index - b.index);
  }
  // Bar fields count in a header-like line: at least two labelled fields in all ("Patient | doing well" is prose).
  const barHits = pipeLabels(line, matcher);
  const cellHits = [...cellLabels(line, matcher), ...(barHits.length + colonHits.length >= 2 ? barHits : [])];
  if (colonHits.length === 0 && cellHits.length === 0) return [];
  const first = Math.min(colonHits[0]?.index ?? Infinity, cellHits[0]?.index ?? Infinity);
  const startsWithLabel = line.slice(0, first).trim() === '';
  // A colon-less date label also counts after a sentence's stop ("Patient Hana Reid. DOB 2021-08-08.").
  const accepted = (h: Hit) => startsWithLabel || acceptedMidLine(line, h.index) || (h.valueEnd !== undefined && /\.\s$/.test(line.slice(Math.max(0, h.index - 2), h.index)));
  const hits = [...cellHits, ...colonHits.filter(accepted)].sort((a, b) => a.index - b.index);
  const found: Found[] = [];
  hits.forEach((hit, i) => {
    const entry = matcher.byLabel.get(normalizeLabel(hit.label));
    if (!entry) return;
    let valueStart = hit.end;
    while (valueStart < line.length && (line[valueStart] === ' ' || line[valueStart] === '\t')) valueStart++;
    let valueEnd = hit.valueEnd ?? hits[i + 1]?.index ?? line.length;
    const tab = line.indexOf('\t', valueStart);
    if (tab >= 0 && tab < valueEnd) valueEnd = tab;
    // "DOB 11/19/1996 | F | MRN …": a bar ends the value.
    const bar = line.indexOf(' | ', valueStart);
    if (bar >= 0 && bar < valueEnd) valueEnd = bar;
    // ", Authored On: …" — an unknown label after a comma ends the value too.
    const unknownLabel = /,\s+[A-Z][A-Za-z /-]{1,30}:/.exec(line.slice(valueStart, valueEnd));
    if (unknownLabel) valueEnd = valueStart + unknownLabel.index;
    while (valueEnd > valueStart && /[\s,;|]/.test(line[valueEnd - 1]!)) valueEnd--;
    if (valueEnd <= valueStart) return;
    const value = line.slice(valueStart, valueEnd).replace(/\s+/g, ' ');
    if (value.length > 120) return;
    found.push({
      rank: entry[0],
      field: { field: entry[1].field, value, label: hit.label.replace(/\s+/g, ' '), start: lineStart + valueStart, end: lineStart + valueEnd },
    });
  });
  return found;
}

/**
 * A table whose header row is all labels and whose next row holds the values, column by column:
 * "Name⇥DOB⇥Sex⇥MRN" over "Ann Lee⇥02/08/1952⇥F⇥SYN-1". At least three labelled columns, three quarters of them
 * known, and a value row with the same number of cells.
 */
function readColumns(text: string, lineStart: number, lineEnd: number, matcher: LabelMatcher): Found[] {
  const line = text.slice(lineStart, lineEnd);
  if (!line.includes('\t') || lineEnd >= text.length) return [];
  let nextEnd = text.indexOf('\n', lineEnd + 1);
  if (nextEnd < 0) nextEnd = text.length;
  const labels = line.split('\t');
  const values = text.slice(lineEnd + 1, nextEnd).split('\t');
  if (labels.length !== values.length || labels.length > 16) return [];
  const known = labels.map((l) => matcher.byLabel.get(normalizeLabel(l.trim().replace(/\s*:$/, ''))));
  const count = known.filter(Boolean).length;
  if (count < 3 || count < labels.length * 0.75) return [];
  const found: Found[] = [];
  let pos = lineEnd + 1;
  values.forEach((cell, i) => {
    const entry = known[i];
    const value = cell.trim().replace(/\s+/g, ' ');
    const start = pos + cell.indexOf(cell.trim());
    pos += cell.length + 1;
    if (!entry || value === '' || value.length > 120) return;
    found.push({ rank: entry[0], field: { field: entry[1].field, value, label: labels[i]!.trim(), start, end: start + cell.trim().length } });
  });
  return found;
}

/**
 * Labels in table cells: "Date of Birth⇥01/02/1980⇥Sex⇥F". Only rows laid out as label/value pairs
 * count (every other cell a known label), so a medication table headed "Name⇥Dose⇥Route" does not.
 */
function cellLabels(line: string, matcher: LabelMatcher): Hit[] {
  if (!line.includes('\t')) return [];
  const cells: Array<{ start: number; text: string }> = [];
  let pos = 0;
  for (const cell of line.split('\t')) {
    cells.push({ start: pos, text: cell });
    pos += cell.length + 1;
  }
  if (cells.length % 2 !== 0 || cells.length > 16) return [];
  const hits: Hit[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const label = cells[i]!.text.trim().replace(/\s*:$/, '');
    if (label === '') continue;
    if (!matcher.byLabel.has(normalizeLabel(label))) return [];
    const lead = cells[i]!.text.indexOf(label);
    hits.push({ index: cells[i]!.start + lead, end: cells[i + 1]!.start, label });
  }
  return hits;
}

/**
 * Labels without a colon in a line of bar-separated fields: "Patient: Ann Lee | DOB 11/19/1996 | F | MRN SYN-1 |
 * DOS 04/28/2026". A field counts when it starts with a known label (up to four words) followed by its value.
 */
function pipeLabels(line: string, matcher: LabelMatcher): Hit[] {
  if (!line.includes(' | ')) return [];
  const hits: Hit[] = [];
  let pos = 0;
  for (const cell of line.split(' | ')) {
    const lead = cell.length - cell.trimStart().length;
    const words = cell.trim().split(/\s+/);
    for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
      const label = words.slice(0, n).join(' ');
      if (label.endsWith(':') || !matcher.byLabel.has(normalizeLabel(label))) continue;
      const index = pos + lead;
      hits.push({ index, end: index + cell.trim().indexOf(words[n - 1]!) + words[n - 1]!.length, label });
      break;
    }
    pos += cell.length + 3;
  }
  return hits;
}

/** A label in the middle of a line counts after a tab, '|', ", " or two spaces. */
function acceptedMidLine(line: string, index: number): boolean {
  const before = line.slice(Math.max(0, index - 2), index);
  return /(?:\t|\|\s?|,\s|\s{2})$/.test(before) || index === 0;
}

/** Copies a field into the header, normalised; false when the value is not plausible. */
function applyField(header: PatientHeader, field: HeaderField): boolean {
  const value = field.value;
  switch (field.field) {
    case 'name': {
      const name = value.replace(/^(?:legal|official|usual|preferred)\s*:\s*/i, '').trim();
      if (!/[A-Za-z]/.test(name) || name.length > 80) return false;
      header.name = name;
      return true;
    }
    case 'dob': {
      if (!/\d/.test(value)) return false;
      header.dob = value;
      const iso = parseDate(value);
      if (iso) header.dobIso = iso;
      return true;
    }
    case 'sex': {
      const v = value.toLowerCase();
      if (/^(?:f|female|woman|girl)\b/.test(v)) header.sex = 'female';
      else if (/^(?:m|male|man|boy)\b/.test(v)) header.sex = 'male';
      else if (/^(?:u|unk|unknown|undifferentiated|not specified|unspecified)\b/.test(v)) header.sex = 'unknown';
      else header.sex = 'other';
      return true;
    }
    case 'mrn':
      if (!/[A-Za-z0-9]/.test(value)) return false;
      header.mrn = value;
      return true;
    case 'dateOfService': {
      if (!/\d/.test(value)) return false;
      header.dateOfService = value;
      const iso = parseDate(value);
      if (iso) header.dateOfServiceIso = iso;
      return true;
    }
    case 'provider':
      if (!/[A-Za-z]/.test(value)) return false;
      header.provider = value;
      return true;
    case 'patientStatus':
      if (/\bnew\b/i.test(value)) header.patientStatus = 'new';
      else if (/\b(?:established|est)\b/i.test(value)) header.patientStatus = 'established';
      else return false;
      return true;
  }
}

function findStatusPhrase(text: string): HeaderField | undefined {
  const m = /\b(new|established|est\.?)[ \t]+(?:patient|pt)\b/i.exec(text);
  if (!m) return undefined;
  return { field: 'patientStatus', value: m[0], label: m[0], start: m.index, end: m.index + m[0].length };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

function year(y: string): number {
  if (y.length === 4) return +y;
  const n = +y;
  return n <= 30 ? 2000 + n : 1900 + n;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Defaults for {@link HeaderOptions}. */
export const defaultHeaderOptions: Required<Omit<HeaderOptions, 'rules'>> & Pick<HeaderOptions, 'rules'> = {
  rules: undefined,
  maxLineLength: 2000,
};
