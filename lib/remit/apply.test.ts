import { describe, expect, it } from 'vitest';
import type { CodedEncounter } from '../encounter/types';
import { deepFreeze, syntheticEncounter } from '../../test/support/encounters';
import { applyRemittance, claimOutcome, remittanceKey } from './apply';
import { encounterWithRemittance } from './encounter-remittance';
import { parse835 } from './parse-835';
import { interchange } from './testing/fixtures';
import { encountersTo835, type Synthetic835Item } from './write-835';

const OPTS = { by: 'biller1', at: '2026-04-02T09:00:00.000Z', fileHash: 'f00d' };
const enc = (n: number, overrides: Partial<CodedEncounter> = {}) => syntheticEncounter({ id: `e${n}`, claimId: `CLM${n}`, status: 'sent', ...overrides });
const remit = (items: Synthetic835Item[]) => parse835(encountersTo835(items));

/** A claim with the given CLP and line CAS, for outcome rules. */
function claim(clp: string, cas: string[]) {
  const body = ['BPR*H*0*C*NON************20260401', 'TRN*1*T1*1', 'N1*PR*P', 'N1*PE*Q', clp, 'SVC*HC:99213*100*0', ...cas];
  return parse835(interchange(body)).claims[0]!;
}

describe('claimOutcome', () => {
  it.each([
    ['CLP*A*1*100*80*20*12*I1', ['CAS*PR*2*20'], 'paid'],
    ['CLP*A*1*100*0*100*12*I1', ['CAS*PR*1*100'], 'paid'], // all to the deductible: processed, nothing refused
    ['CLP*A*1*100*0*0*12*I1', ['CAS*CO*45*100'], 'paid'], // contractual only
    ['CLP*A*1*100*0*0*12*I1', ['CAS*CO*50*100'], 'denied'],
    ['CLP*A*1*100*0*0*12*I1', ['CAS*OA*18*100'], 'denied'],
    ['CLP*A*4*100*0*0*12*I1', [], 'denied'],
    ['CLP*A*1*100*40*0*12*I1', ['CAS*CO*151*60'], 'partially-paid'],
    ['CLP*A*2*100*30*0*12*I1', ['CAS*OA*23*70'], 'paid'], // secondary: prior payer's share is not a denial
    ['CLP*A*22*-100*-80*-20*12*I1', ['CAS*PR*2*-20'], 'reversed'],
  ])('%s with %j → %s', (clp, cas, status) => {
    expect(claimOutcome(claim(clp, cas)).status).toBe(status);
  });

  it('gives denials a reason naming the group, code and remarks, largest first', () => {
    const o = claimOutcome(claim('CLP*A*4*100*0*0*12*I1', ['CAS*CO*16*70*1*4*30', 'LQ*HE*N382']));
    expect(o.reason).toBe('CO-16 Claim is missing information or has a billing error [N382]; also CO-4');
    expect(o.denials.map((d) => [d.label, d.amount, d.category])).toEqual([['CO-16', 70, 'missing-information'], ['CO-4', 30, 'modifier']]);
  });
});

describe('applyRemittance', () => {
  const encounters = deepFreeze([enc(1), enc(2), enc(3), enc(4, { status: 'draft' })]);
  const remittance = remit([
    { encounter: encounters[0]!, outcome: { kind: 'paid' } },
    { encounter: encounters[1]!, outcome: { kind: 'denied', reason: '16', remarks: ['M51'] } },
    { encounter: encounters[2]!, outcome: { kind: 'partial', deniedLineIds: ['2'], reason: '97' } },
    { encounter: encounters[3]!, outcome: { kind: 'paid' } },
    { encounter: enc(9, { claimId: 'NOBODY', patient: { ...enc(1).patient, name: { family: 'Else', given: 'Someone' } } }), outcome: { kind: 'paid' } },
  ]);

  it('updates matched encounters with status, line remittance and history, without changing the input', () => {
    const r = applyRemittance(encounters, remittance, OPTS);
    expect(r.updates.map((u) => [u.encounterId, u.before, u.after])).toEqual([
      ['e1', 'sent', 'paid'],
      ['e2', 'sent', 'denied'],
      ['e3', 'sent', 'partially-paid'],
    ]);
    const denied = r.updates[1]!;
    expect(denied.key).toBe(remittanceKey('f00d', remittance.claims[1]!));
    expect(denied.key).toBe('f00d:CLM2:SYN00000002');
    expect(denied.reason).toMatch(/^CO-16 .*\[M51\]/);
    expect(denied.lineRemittance['2']).toEqual({ paid: 0, allowed: 0, adjustments: [{ group: 'CO', reason: '16', amount: 15 }], remarks: ['M51'] });
    expect(denied.encounter.statusHistory.at(-1)).toEqual({ status: 'denied', at: OPTS.at, by: 'biller1', reason: denied.reason });
    expect(denied.encounter.lines.map((l) => l.remittance?.paid)).toEqual([0, 0]);
    expect(r.updates[0]!.encounter.lines[0]!.remittance).toEqual({ paid: 115.2, allowed: 144, adjustments: [{ group: 'CO', reason: '45', amount: 36 }, { group: 'PR', reason: '2', amount: 28.8 }], remarks: [] });
    expect(r.updates[2]!.claim.denials).toEqual([expect.objectContaining({ label: 'CO-97', category: 'bundled', lineId: '2', amount: 15 })]);
    expect(r.conflicts).toEqual([expect.objectContaining({ encounterId: 'e4', before: 'draft', after: 'paid' })]);
    expect(r.unmatched).toEqual([expect.objectContaining({ claimId: 'NOBODY' })]);
    expect(encounters[0]!.lines[0]!.remittance).toBeUndefined();
  });

  it('changes nothing when the same file is applied again, by stored key or by what the encounter already shows', () => {
    const first = applyRemittance(encounters, remittance, OPTS);
    const byKey = applyRemittance(encounters, remittance, { ...OPTS, appliedKeys: first.updates.map((u) => u.key) });
    expect(byKey.updates).toEqual([]);
    expect(byKey.alreadyApplied.map((a) => a.encounterId)).toEqual(['e1', 'e2', 'e3']);
    const updated = encounters.map((e) => first.updates.find((u) => u.encounterId === e.id)?.encounter ?? e);
    const byState = applyRemittance(updated, remittance, { ...OPTS, fileHash: 'other-copy' });
    expect(byState.updates).toEqual([]);
    expect(byState.alreadyApplied.map((a) => a.encounterId)).toEqual(['e1', 'e2', 'e3']);
  });

  it('leaves a suggested match for the biller, and applies it once confirmed', () => {
    const lost = enc(5, { claimId: 'CLM5' });
    const r1 = remit([{ encounter: { ...lost, claimId: 'TYPO5' }, outcome: { kind: 'paid' } }]);
    const suggested = applyRemittance([lost], r1, OPTS);
    expect(suggested.updates).toEqual([]);
    expect(suggested.suggested).toEqual([expect.objectContaining({ claimId: 'TYPO5', encounterIds: ['e5'] })]);
    const confirmed = applyRemittance([lost], r1, { ...OPTS, confirmed: { [suggested.suggested[0]!.key]: 'e5' } });
    expect(confirmed.updates).toEqual([expect.objectContaining({ encounterId: 'e5', matchedBy: 'confirmed', after: 'paid' })]);
  });

  it('applies a reversal and the re-adjudication after it in file order', () => {
    const paid = enc(6, { status: 'paid' });
    const r = remit([
      { encounter: paid, outcome: { kind: 'reversed' }, payerClaimControlNumber: 'ICN-OLD' },
      { encounter: paid, outcome: { kind: 'partial', deniedLineIds: ['2'], reason: '151' }, payerClaimControlNumber: 'ICN-NEW' },
    ]);
    const result = applyRemittance([paid], r, OPTS);
    expect(result.updates.map((u) => [u.before, u.after])).toEqual([['paid', 'reversed'], ['reversed', 'partially-paid']]);
    expect(result.updates[0]!.lineRemittance).toEqual({});
    expect(result.updates[1]!.encounter.statusHistory.slice(-2).map((h) => h.status)).toEqual(['reversed', 'partially-paid']);
  });

  it('reports services that match no line of the encounter', () => {
    const sent = enc(7);
    const r = remit([{ encounter: { ...sent, lines: [...sent.lines, { ...sent.lines[1]!, id: '9', code: '81002' }] }, outcome: { kind: 'paid' } }]);
    const u = applyRemittance([sent], r, OPTS).updates[0]!;
    expect(u.unmatchedServices).toEqual([expect.objectContaining({ index: 2, code: '81002', lineId: '9' })]);
    expect(Object.keys(u.lineRemittance)).toEqual(['1', '2']);
  });

  it('needs who imports and the file hash', () => {
    expect(() => applyRemittance(encounters, remittance, { ...OPTS, by: ' ' })).toThrow(/who imports/);
    expect(() => applyRemittance(encounters, remittance, { ...OPTS, fileHash: '' })).toThrow(/file hash/);
  });
});

describe('encounterWithRemittance', () => {
  it('fills named lines, appends history on a status change only, and never mutates', () => {
    const e = deepFreeze(enc(1));
    const remittance = { paid: 10, adjustments: [{ group: 'CO', reason: '45', amount: 5 }], remarks: ['N130'] };
    const next = encounterWithRemittance(e, { status: 'paid', lineRemittance: { '1': remittance }, by: 'b', at: '2026-04-02T00:00:00Z' });
    expect(next.lines[0]!.remittance).toEqual(remittance);
    expect(next.lines[0]!.remittance).not.toBe(remittance);
    expect(next.lines[1]).toBe(e.lines[1]);
    expect(next.statusHistory.at(-1)).toEqual({ status: 'paid', at: '2026-04-02T00:00:00Z', by: 'b' });
    expect(next.updatedAt).toBe('2026-04-02T00:00:00Z');
    const again = encounterWithRemittance(next, { status: 'paid', lineRemittance: {}, by: 'b', at: '2026-04-03T00:00:00Z' });
    expect(again.statusHistory).toHaveLength(next.statusHistory.length);
  });
});
