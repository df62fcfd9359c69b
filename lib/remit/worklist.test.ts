import { describe, expect, it } from 'vitest';
import type { CodedEncounter, LineRemittance } from '../encounter/types';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { ageBucket, buildWorklist, worklistItems } from './worklist';

const TODAY = '2026-06-01T12:00:00.000Z';
const denial = (group: string, reason: string, amount: number, remarks: string[] = []): LineRemittance => ({ paid: 0, adjustments: [{ group, reason, amount }], remarks });

function denied(id: string, at: string, lines: { charge: number; remittance?: LineRemittance }[], overrides: Partial<CodedEncounter> = {}): CodedEncounter {
  const status = overrides.status ?? 'denied';
  return syntheticEncounter({
    id,
    claimId: id.toUpperCase(),
    status,
    lines: lines.map((l, i) => syntheticLine({ id: String(i + 1), charge: l.charge, ...(l.remittance ? { remittance: l.remittance } : {}) })),
    statusHistory: [{ status: 'sent', at: '2026-03-01T00:00:00Z', by: 'b' }, { status, at, by: 'b', reason: overrides.note ?? 'CO-16' }],
    ...overrides,
  });
}

describe('worklist', () => {
  const encounters = [
    denied('a', '2026-05-20T00:00:00Z', [{ charge: 100, remittance: denial('CO', '11', 100) }, { charge: 50, remittance: denial('CO', '16', 50, ['M51']) }]),
    denied('b', '2026-04-10T00:00:00Z', [{ charge: 200, remittance: denial('CO', '197', 200) }], { payer: { name: 'Other Plan', id: 'OTH1' } }),
    denied('c', '2026-01-15T00:00:00Z', [{ charge: 80, remittance: { paid: 60, adjustments: [{ group: 'CO', reason: '45', amount: 10 }, { group: 'PR', reason: '2', amount: 10 }], remarks: [] } }, { charge: 40, remittance: denial('CO', '151', 40) }], { status: 'partially-paid' }),
    syntheticEncounter({ id: 'paid', status: 'paid' }),
  ];

  it('makes one item per refusing reason with owner, next action, amount and age', () => {
    const items = worklistItems(encounters[0]!, { today: TODAY });
    expect(items.map((i) => [i.label, i.category, i.owner, i.nextAction, i.amount, i.lineIds, i.pointsAtCoding])).toEqual([
      ['CO-11', 'diagnosis-procedure-mismatch', 'coding', 'correct-and-resend', 100, ['1'], true],
      ['CO-16', 'invalid-code', 'coding', 'correct-and-resend', 50, ['2'], true],
    ]);
    expect(items[0]).toMatchObject({ ageDays: 12, ageBucket: '0-30', patient: 'Testperson, Avery', deniedAt: '2026-05-20T00:00:00Z' });
    // Contractual and patient share on a partly paid claim are not worklist items.
    expect(worklistItems(encounters[2]!, { today: TODAY }).map((i) => i.label)).toEqual(['CO-151']);
    expect(worklistItems(encounters[3]!, { today: TODAY })).toEqual([]);
  });

  it('groups by category, payer and age bucket with totals', () => {
    const w = buildWorklist(encounters, { today: TODAY });
    expect(w.items.map((i) => i.label)).toEqual(['CO-197', 'CO-11', 'CO-16', 'CO-151']);
    expect(w.total).toEqual({ count: 4, amount: 390 });
    expect(w.byCategory.map((g) => [g.key, g.count, g.amount])).toEqual([['authorization', 1, 200], ['diagnosis-procedure-mismatch', 1, 100], ['invalid-code', 1, 50], ['units-over-limit', 1, 40]]);
    expect(w.byPayer.map((g) => [g.key, g.count, g.amount])).toEqual([['Example Health Plan', 3, 190], ['Other Plan', 1, 200]].sort((a, b) => (b[2] as number) - (a[2] as number)));
    expect(w.byAge.map((g) => [g.key, g.count, g.amount])).toEqual([['0-30', 2, 150], ['31-60', 1, 200], ['61-90', 0, 0], ['90+', 1, 40]]);
  });

  it('falls back to the status reason for a claim denied without line detail', () => {
    const e = denied('d', '2026-05-01T00:00:00Z', [{ charge: 120 }, { charge: 30 }], { note: 'CO-29 filed late (N130)' });
    const [item] = worklistItems(e, { today: TODAY });
    expect(item).toMatchObject({ label: 'CO-29', category: 'timely-filing', owner: 'billing', nextAction: 'appeal', amount: 150, lineIds: ['1', '2'], remarks: ['N130'] });
    const unknown = worklistItems(denied('e', '2026-05-01T00:00:00Z', [{ charge: 10 }], { note: 'payer said no' }), { today: TODAY })[0]!;
    expect(unknown).toMatchObject({ label: 'unknown', category: 'other', amount: 10, description: 'payer said no' });
  });

  it('buckets ages at 30, 60 and 90 days', () => {
    expect([0, 30, 31, 60, 61, 90, 91].map(ageBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+']);
  });
});
