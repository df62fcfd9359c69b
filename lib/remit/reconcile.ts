/**
 * Balancing checks on a parsed 835, in whole cents: each claim and line must account for every billed dollar
 * (paid + adjustments), and each payment must equal its claims' payments less provider-level adjustments.
 * A remittance that does not balance is still shown, but the biller is told exactly which numbers disagree.
 */
import type { Adjustment, Remittance } from './types';

export interface BalanceProblem {
  level: 'claim' | 'line' | 'payment';
  /** CLP01, for claim and line problems. */
  claimId?: string;
  /** 0-based index into the claim's services, for line problems. */
  serviceIndex?: number;
  /** REF*6R of the line, when sent. */
  lineId?: string;
  /** 0-based transaction index, for payment problems. */
  transaction?: number;
  /** What the total should be (billed, or the BPR payment). */
  expected: number;
  /** What the parts add up to. */
  actual: number;
  /** expected − actual, in dollars. */
  difference: number;
  message: string;
}

export interface Reconciliation {
  balanced: boolean;
  problems: BalanceProblem[];
}

const cents = (dollars: number) => Math.round(dollars * 100);
const dollars = (c: number) => c / 100;
const sum = (adjustments: readonly Adjustment[]) => adjustments.reduce((s, a) => s + cents(a.amount), 0);
const fmt = (c: number) => (c / 100).toFixed(2);

/** Checks claim, line and payment balances (within a cent: amounts are compared in whole cents). */
export function reconcile(remittance: Remittance): Reconciliation {
  const problems: BalanceProblem[] = [];
  for (const claim of remittance.claims) {
    const lineAdjustments = claim.services.reduce((s, svc) => s + sum(svc.adjustments), 0);
    const accounted = cents(claim.paid) + sum(claim.adjustments) + lineAdjustments;
    const billed = cents(claim.billed);
    if (accounted !== billed) {
      problems.push({
        level: 'claim',
        claimId: claim.claimId,
        expected: dollars(billed),
        actual: dollars(accounted),
        difference: dollars(billed - accounted),
        message: `Claim ${claim.claimId}: billed ${fmt(billed)} but paid ${fmt(cents(claim.paid))} + adjustments ${fmt(accounted - cents(claim.paid))} = ${fmt(accounted)} (off by ${fmt(billed - accounted)}).`,
      });
    }
    claim.services.forEach((svc, i) => {
      const lineTotal = cents(svc.paid) + sum(svc.adjustments);
      if (lineTotal === cents(svc.billed)) return;
      const where = svc.lineId ? `line ${svc.lineId}` : `service ${i + 1}`;
      problems.push({
        level: 'line',
        claimId: claim.claimId,
        serviceIndex: i,
        ...(svc.lineId ? { lineId: svc.lineId } : {}),
        expected: svc.billed,
        actual: dollars(lineTotal),
        difference: dollars(cents(svc.billed) - lineTotal),
        message: `Claim ${claim.claimId} ${where} (${svc.code}): billed ${fmt(cents(svc.billed))} but paid ${fmt(cents(svc.paid))} + adjustments ${fmt(sum(svc.adjustments))} = ${fmt(lineTotal)}.`,
      });
    });
  }
  remittance.transactions.forEach((t, index) => {
    const paid = t.claims.reduce((s, c) => s + cents(c.paid), 0);
    const plb = t.providerAdjustments.reduce((s, p) => s + cents(p.amount), 0);
    const expected = cents(t.payment.amount);
    if (paid - plb === expected) return;
    problems.push({
      level: 'payment',
      transaction: index,
      expected: dollars(expected),
      actual: dollars(paid - plb),
      difference: dollars(expected - (paid - plb)),
      message: `Payment ${t.payment.traceNumber || `(transaction ${index + 1})`}: BPR says ${fmt(expected)} but claims paid ${fmt(paid)} less provider adjustments ${fmt(plb)} = ${fmt(paid - plb)}.`,
    });
  });
  return { balanced: problems.length === 0, problems };
}
