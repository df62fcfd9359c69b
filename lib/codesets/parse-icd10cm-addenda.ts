import { withDot } from './icd-code';
import { chapterOf } from './icd10cm-chapters';
import { CodeSetFormatError, linkParents } from './parse-icd10cm-order';
import type { CodeRecord } from './types';

/** One row of an order-file addenda: a code or header with its flag and titles. */
export interface AddendaRow {
  code: string;
  billable: boolean;
  shortTitle: string;
  title: string;
}

/** The changes from one ICD-10-CM fiscal year to the next, as the CDC order addenda list them. */
export interface OrderAddenda {
  added: AddendaRow[];
  deleted: AddendaRow[];
  revised: { from: AddendaRow; to: AddendaRow }[];
}

/** Parses icd10cm-order-addenda-YYYY.txt ("Add:", "Delete:", "Revise from:"/"Revise to:" lines in order-file layout). */
export function parseOrderAddenda(text: string, sourceName = 'ICD-10-CM order addenda'): OrderAddenda {
  const addenda: OrderAddenda = { added: [], deleted: [], revised: [] };
  let pendingFrom: AddendaRow | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = ADDENDA_LINE.exec(line);
    if (!match) continue;
    const [, action, flag, bare, short, long] = match as unknown as [string, string, string, string, string, string];
    const row: AddendaRow = { code: withDot(bare), billable: flag === '1', shortTitle: short.trim(), title: long.trim() };
    if (action === 'Add:') addenda.added.push(row);
    else if (action === 'Delete:') addenda.deleted.push(row);
    else if (action === 'Revise from:') pendingFrom = row;
    else if (pendingFrom) {
      addenda.revised.push({ from: pendingFrom, to: row });
      pendingFrom = undefined;
    }
  }
  if (addenda.added.length + addenda.deleted.length + addenda.revised.length === 0) {
    throw new CodeSetFormatError(sourceName, 'no Add/Delete/Revise lines found');
  }
  return addenda;
}

/**
 * Rebuilds the previous fiscal year's code list from this year's list and its addenda, so dates of service
 * before 1 October still validate against the codes in force then.
 */
export function previousYearCodes(current: CodeRecord[], addenda: OrderAddenda): CodeRecord[] {
  const byCode = new Map(current.map((c) => [c.code, c] as const));
  for (const row of addenda.added) byCode.delete(row.code);
  for (const row of addenda.deleted) {
    byCode.set(row.code, { system: 'icd10cm', code: row.code, title: row.title, billable: row.billable, chapter: chapterOf(row.code), descriptorSource: 'official' });
  }
  for (const { from } of addenda.revised) {
    const now = byCode.get(from.code);
    if (now) byCode.set(from.code, { ...now, title: from.title, billable: from.billable });
  }
  const codes = [...byCode.values()].map((c) => ({ ...c })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  linkParents(codes);
  return codes;
}

// "Add:         1 B8801   Infestation…" — action, flag, code, 60-char short title, long title.
const ADDENDA_LINE = /^(Add:|Delete:|Revise from:|Revise to:)\s+([01]) ([A-Z][0-9A-Z]{2,6}) +(.{60}) (.+)$/;
