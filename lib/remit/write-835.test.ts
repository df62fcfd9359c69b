import fc from 'fast-check';
import { X12Parser, type X12Interchange } from 'node-x12';
import { describe, expect, it } from 'vitest';
import type { CodedEncounter } from '../encounter/types';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { parse835 } from './parse-835';
import { reconcile } from './reconcile';
import type { AdjustmentGroup } from './types';
import { encountersTo835, type SyntheticOutcome } from './write-835';

/** node-x12 in strict mode: it throws on wrong SE/GE/IEA counts or control numbers. */
function parseWithNodeX12(edi: string): X12Interchange {
  const parser = new X12Parser(true);
  const result = parser.parse(edi);
  expect(parser.diagnostics).toEqual([]);
  expect(Array.isArray(result)).toBe(false);
  return result as X12Interchange;
}

/** CLP segments as node-x12 reads them: [CLP01, CLP02, CLP03, CLP04, CLP07]. */
function nodeX12Claims(interchange: X12Interchange): string[][] {
  return interchange.functionalGroups.flatMap((g) => g.transactions.flatMap((t) => t.segments.filter((s) => s.tag === 'CLP').map((s) => [1, 2, 3, 4, 7].map((n) => s.valueOf(n) ?? ''))));
}

const encounter = (n: number, overrides: Partial<CodedEncounter> = {}) => syntheticEncounter({ id: `enc-${n}`, claimId: `CC${String(n).padStart(8, '0')}`, status: 'sent', ...overrides });

describe('encountersTo835', () => {
  it('writes a balanced 835 that both our parser and node-x12 read the same way', () => {
    const items = [
      { encounter: encounter(1), outcome: { kind: 'paid' } as SyntheticOutcome },
      { encounter: encounter(2), outcome: { kind: 'denied', reason: '11' } as SyntheticOutcome },
      { encounter: encounter(3), outcome: { kind: 'partial', deniedLineIds: ['2'], reason: '97', remarks: ['N19'] } as SyntheticOutcome },
    ];
    const edi = encountersTo835(items, { interchangeControlNumber: 77, providerAdjustments: [{ reason: 'WO', reference: 'OVERPAY', amount: 10 }] });
    const ours = parse835(edi);
    const theirs = parseWithNodeX12(edi);
    expect(Number(theirs.header.valueOf(13))).toBe(77);
    expect(ours.interchangeControlNumber).toBe('000000077');
    expect(nodeX12Claims(theirs)).toEqual(ours.claims.map((c) => [c.claimId, c.statusCode, String(c.billed), String(c.paid), c.payerClaimControlNumber]));
    expect(reconcile(ours)).toEqual({ balanced: true, problems: [] });
    expect(ours.claims.map((c) => c.statusCode)).toEqual(['1', '4', '1']);
    expect(ours.claims[1]!.services.every((s) => s.paid === 0 && s.adjustments[0]!.reason === '11')).toBe(true);
    expect(ours.claims[2]!.services[1]).toMatchObject({ lineId: '2', paid: 0, remarks: ['N19'] });
    // 195 billed: 80% allowed = 156, patient 20% = 31.20 → 124.80 paid on the paid claim and 115.20 on the partial one, less 10 recovered.
    expect(ours.payment.amount).toBe(230);
    expect(ours.providerAdjustments).toEqual([expect.objectContaining({ reason: 'WO', reference: 'OVERPAY', amount: 10 })]);
  });

  it('turns a reversal larger than the payment into a forward balance, so the payment is never negative', () => {
    const edi = encountersTo835([{ encounter: encounter(1), outcome: { kind: 'reversed' } }], { lineBreaks: true });
    const ours = parse835(edi);
    parseWithNodeX12(edi);
    expect(ours.claims[0]).toMatchObject({ statusCode: '22', billed: -195, paid: -124.8 });
    expect(ours.payment.amount).toBe(0);
    expect(ours.providerAdjustments).toEqual([expect.objectContaining({ reason: 'FB', amount: -124.8 })]);
    expect(reconcile(ours).balanced).toBe(true);
  });

  it('writes any mix of encounters and outcomes so that both parsers accept it and it reconciles (property)', () => {
    const line = fc.record({
      code: fc.constantFrom('99213', '99214', '36415', '20610', 'J1100', 'G0439'),
      modifiers: fc.uniqueArray(fc.constantFrom('25', '59', 'RT', 'LT', 'XS'), { maxLength: 4 }),
      units: fc.integer({ min: 1, max: 12 }),
      cents: fc.integer({ min: 1, max: 500_000 }),
    });
    const outcome: fc.Arbitrary<(ids: string[]) => SyntheticOutcome> = fc.oneof(
      fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), p: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ a, p }) => (): SyntheticOutcome => ({ kind: 'paid', allowedShare: a, patientShare: p })),
      fc.record({ group: fc.constantFrom<AdjustmentGroup>('CO', 'OA', 'PI'), reason: fc.constantFrom('16', '50', '97', '151', '999') }).map(({ group, reason }) => (): SyntheticOutcome => ({ kind: 'denied', group, reason, remarks: ['M51'] })),
      fc.constantFrom('4', '11', '181').map((reason) => (ids: string[]): SyntheticOutcome => ({ kind: 'partial', deniedLineIds: ids.slice(0, 1), reason })),
      fc.constant(() => ({ kind: 'reversed' }) as SyntheticOutcome),
    );
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z' -]{0,20}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ lines: fc.array(line, { minLength: 1, maxLength: 6 }), outcome, family: name, given: name, omitLineIds: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.boolean(),
        (claims, control, lineBreaks) => {
          const items = claims.map((c, n) => {
            const lines = c.lines.map((l, i) => syntheticLine({ id: String(i + 1), code: l.code, modifiers: l.modifiers, units: l.units, charge: l.cents / 100 }));
            const e = encounter(n, { lines, patient: { ...syntheticEncounter().patient, name: { family: c.family, given: c.given } } });
            return { encounter: e, outcome: c.outcome(lines.map((l) => l.id)), omitLineIds: c.omitLineIds };
          });
          const edi = encountersTo835(items, { interchangeControlNumber: control, lineBreaks });
          const ours = parse835(edi);
          const theirs = parseWithNodeX12(edi);
          expect(ours.claims).toHaveLength(items.length);
          expect(nodeX12Claims(theirs).map((c) => c[0])).toEqual(ours.claims.map((c) => c.claimId));
          expect(reconcile(ours).problems).toEqual([]);
          ours.claims.forEach((c, n) => {
            expect(c.services.map((s) => [s.code, s.modifiers, s.units])).toEqual(items[n]!.encounter.lines.map((l) => [l.code, l.modifiers, l.units]));
            expect(c.services.every((s) => (s.lineId !== undefined) === !items[n]!.omitLineIds)).toBe(true);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes and reads back a 5,000-claim file (the benchmark size)', () => {
    const outcomes: SyntheticOutcome[] = [{ kind: 'paid' }, { kind: 'denied', reason: '16', remarks: ['N382'] }, { kind: 'partial', deniedLineIds: ['2'], reason: '97' }];
    const items = Array.from({ length: 5000 }, (_, n) => ({ encounter: encounter(n), outcome: outcomes[n % 3]! }));
    const edi = encountersTo835(items);
    const ours = parse835(edi);
    expect(ours.claims).toHaveLength(5000);
    expect(reconcile(ours).balanced).toBe(true);
    expect(nodeX12Claims(parseWithNodeX12(edi))).toHaveLength(5000);
  });

  it('refuses an empty list and a bad control number', () => {
    expect(() => encountersTo835([])).toThrow(/at least one encounter/);
    expect(() => encountersTo835([{ encounter: encounter(1), outcome: { kind: 'paid' } }], { interchangeControlNumber: 0 })).toThrow(/1–999999999/);
  });
});
