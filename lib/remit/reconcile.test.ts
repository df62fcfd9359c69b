import { describe, expect, it } from 'vitest';
import { parse835 } from './parse-835';
import { reconcile } from './reconcile';
import { interchange, SAMPLE_BODY } from './testing/fixtures';

const withBody = (edit: (body: string[]) => string[]) => parse835(interchange(edit([...SAMPLE_BODY])));

describe('reconcile', () => {
  it('finds a balanced remittance balanced (claim + line adjustments incl. patient share, PLB counted)', () => {
    expect(reconcile(parse835(interchange(SAMPLE_BODY)))).toEqual({ balanced: true, problems: [] });
  });

  it('flags a claim and its line when an adjustment is off, with the numbers', () => {
    const r = reconcile(withBody((b) => b.map((s) => (s === 'CAS*CO*45*50' ? 'CAS*CO*45*49.99' : s))));
    expect(r.balanced).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ level: 'claim', claimId: 'CLM-A', expected: 300, actual: 299.99, difference: 0.01 }),
      expect.objectContaining({ level: 'line', claimId: 'CLM-A', serviceIndex: 0, lineId: '1', expected: 200, actual: 199.99, difference: 0.01 }),
    ]);
    expect(r.problems[0]!.message).toMatch(/billed 300\.00 but paid 170\.00 \+ adjustments 129\.99 = 299\.99/);
  });

  it('counts claim-level adjustments toward the claim, not the lines', () => {
    // Move CLM-B's denial from the line to the claim: the claim still balances, the line no longer does.
    const r = reconcile(withBody((b) => b.filter((s) => s !== 'CAS*CO*16*80').flatMap((s) => (s === 'MOA***MA130' ? [s, 'CAS*CO*16*80'] : [s]))));
    expect(r.problems).toEqual([expect.objectContaining({ level: 'line', claimId: 'CLM-B', expected: 80, actual: 0 })]);
  });

  it('flags a payment that is not the claims paid less provider adjustments', () => {
    const r = reconcile(withBody((b) => b.map((s) => s.replace('BPR*I*171.5', 'BPR*I*170'))));
    expect(r.problems).toEqual([expect.objectContaining({ level: 'payment', transaction: 0, expected: 170, actual: 171.5, difference: -1.5 })]);
    expect(r.problems[0]!.message).toMatch(/EFT7781: BPR says 170\.00 but claims paid 170\.00 less provider adjustments -1\.50 = 171\.50/);
  });
});
