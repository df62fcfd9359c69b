import { describe, expect, it } from 'vitest';
import { claimCheckEncounter } from '../../test/support/encounters';
import type { CodedEncounter } from '../encounter/types';
import { filterChoices, filterRows, sortRows, statusCounts, toQueueRow, totalCharge } from './view';

const rows = [
  toQueueRow(claimCheckEncounter({ id: 'a', claimId: 'C1', dateOfService: '2026-05-01', payer: { name: 'Acme Health', id: 'A1' }, coder: 'TC' })),
  toQueueRow(claimCheckEncounter({ id: 'b', claimId: 'C2', status: 'ready', dateOfService: '2026-05-03', patient: { ...claimCheckEncounter().patient, name: { family: 'Zed', given: 'Ann' }, mrn: 'MRN-9' }, coder: 'JB' }), [
    { severity: 'error' },
    { severity: 'warning' },
  ]),
  toQueueRow(claimCheckEncounter({ id: 'c', claimId: 'C3', status: 'rejected', dateOfService: '2026-05-02', diagnoses: [{ code: 'J45.909' }] })),
];
const ids = (list: { encounter: CodedEncounter }[]) => list.map((r) => r.encounter.id);

describe('queue view', () => {
  it('counts check errors and warnings per row and totals the line charges', () => {
    expect(rows[1]).toMatchObject({ errors: 1, warnings: 1 });
    expect(totalCharge(claimCheckEncounter())).toBe(160);
  });

  it('filters by status, date range, payer, coder and errors', () => {
    expect(ids(filterRows(rows, { statuses: ['ready', 'rejected'] }))).toEqual(['b', 'c']);
    expect(ids(filterRows(rows, { from: '2026-05-02', to: '2026-05-02' }))).toEqual(['c']);
    expect(ids(filterRows(rows, { payer: 'acme health' }))).toEqual(['a']);
    expect(ids(filterRows(rows, { coder: 'JB' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { hasErrors: true }))).toEqual(['b']);
    expect(ids(filterRows(rows, { hasErrors: false }))).toEqual(['a', 'c']);
  });

  it('searches patient, MRN, claim id and codes, every word required', () => {
    expect(ids(filterRows(rows, { search: 'zed' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { search: 'mrn-9' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { search: 'j45.909' }))).toEqual(['c']);
    expect(ids(filterRows(rows, { search: 'C3 j45' }))).toEqual(['c']);
    expect(ids(filterRows(rows, { search: 'C3 e11.65' }))).toEqual([]);
  });

  it('sorts both ways on any column, ties by claim id', () => {
    expect(ids(sortRows(rows, { key: 'dateOfService', direction: 'asc' }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortRows(rows, { key: 'dateOfService', direction: 'desc' }))).toEqual(['b', 'c', 'a']);
    expect(ids(sortRows(rows, { key: 'errors', direction: 'desc' }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortRows(rows, { key: 'patient', direction: 'asc' }))).toEqual(['a', 'c', 'b']);
  });

  it('lists payers, coders and status counts for the filter controls', () => {
    expect(filterChoices(rows)).toEqual({ payers: ['Acme Health', 'Synthetic Health Plan'], coders: ['JB', 'TC'] });
    expect(statusCounts(rows)).toEqual({ draft: 1, ready: 1, rejected: 1 });
  });
});
