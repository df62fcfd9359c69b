/**
 * What the billing queue shows: filter, search and sort over encounters already decrypted in memory.
 * Pure functions so the 10k-row page and the tests share them; the page re-runs them on every keystroke.
 */
import type { CodedEncounter, EncounterStatus } from '../encounter/types';

/** An encounter as a queue row: the encounter plus what its claim checks found. */
export interface QueueRow {
  encounter: CodedEncounter;
  errors: number;
  warnings: number;
  /** Lower-cased text the search box matches against (built once per row). */
  haystack: string;
  total: number;
}

export interface QueueFilter {
  statuses?: EncounterStatus[];
  /** Inclusive ISO dates of service. */
  from?: string;
  to?: string;
  payer?: string;
  coder?: string;
  hasErrors?: boolean;
  /** Free text: patient name, MRN, claim id, codes, payer, coder. */
  search?: string;
}

export type QueueSortKey = 'dateOfService' | 'patient' | 'payer' | 'status' | 'total' | 'updatedAt' | 'errors' | 'claimId' | 'coder';
export interface QueueSort {
  key: QueueSortKey;
  direction: 'asc' | 'desc';
}

export function patientLabel(e: CodedEncounter): string {
  return `${e.patient.name.family}, ${e.patient.name.given}`;
}

export function totalCharge(e: CodedEncounter): number {
  return Math.round(e.lines.reduce((sum, l) => sum + l.charge, 0) * 100) / 100;
}

export function toQueueRow(encounter: CodedEncounter, checks: { severity: string }[] = []): QueueRow {
  const codes = [...encounter.diagnoses.map((d) => d.code), ...encounter.lines.map((l) => l.code)];
  const haystack = [patientLabel(encounter), encounter.patient.mrn, encounter.patient.memberId ?? '', encounter.claimId, encounter.payer.name, encounter.coder, ...codes]
    .join(' ')
    .toLowerCase();
  return {
    encounter,
    errors: checks.filter((c) => c.severity === 'error').length,
    warnings: checks.filter((c) => c.severity === 'warning').length,
    haystack,
    total: totalCharge(encounter),
  };
}

/** Rows that pass every set part of the filter. Search words must all appear (any order). */
export function filterRows(rows: readonly QueueRow[], filter: QueueFilter): QueueRow[] {
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : undefined;
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const payer = filter.payer?.toLowerCase();
  const coder = filter.coder?.toLowerCase();
  return rows.filter((row) => {
    const e = row.encounter;
    if (statuses && !statuses.has(e.status)) return false;
    if (filter.from && e.dateOfService < filter.from) return false;
    if (filter.to && e.dateOfService > filter.to) return false;
    if (payer && e.payer.name.toLowerCase() !== payer) return false;
    if (coder && e.coder.toLowerCase() !== coder) return false;
    if (filter.hasErrors !== undefined && row.errors > 0 !== filter.hasErrors) return false;
    return words.every((w) => row.haystack.includes(w));
  });
}

const sortValue: Record<QueueSortKey, (r: QueueRow) => string | number> = {
  dateOfService: (r) => r.encounter.dateOfService,
  patient: (r) => patientLabel(r.encounter).toLowerCase(),
  payer: (r) => r.encounter.payer.name.toLowerCase(),
  status: (r) => r.encounter.status,
  total: (r) => r.total,
  updatedAt: (r) => r.encounter.updatedAt,
  errors: (r) => r.errors,
  claimId: (r) => r.encounter.claimId,
  coder: (r) => r.encounter.coder.toLowerCase(),
};

/** A stable sort (ties keep the claim id order), returning a new array. */
export function sortRows(rows: readonly QueueRow[], sort: QueueSort): QueueRow[] {
  const value = sortValue[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return order * sign || a.encounter.claimId.localeCompare(b.encounter.claimId);
  });
}

/** The distinct payers and coders, for the filter drop-downs. */
export function filterChoices(rows: readonly QueueRow[]): { payers: string[]; coders: string[] } {
  const payers = new Set<string>();
  const coders = new Set<string>();
  for (const r of rows) {
    payers.add(r.encounter.payer.name);
    coders.add(r.encounter.coder);
  }
  return { payers: [...payers].sort(), coders: [...coders].sort() };
}

/** Counts per status, for the status tabs. */
export function statusCounts(rows: readonly QueueRow[]): Partial<Record<EncounterStatus, number>> {
  const counts: Partial<Record<EncounterStatus, number>> = {};
  for (const r of rows) counts[r.encounter.status] = (counts[r.encounter.status] ?? 0) + 1;
  return counts;
}
