/**
 * A synthetic X12 835 (005010X221A1) from coded encounters and the outcome we want the payer to have decided:
 * for tests, the benchmark and end-to-end runs. Every claim balances (billed = paid + adjustments) and the
 * payment equals the sum of paid amounts less any provider-level adjustments, so the files reconcile.
 */
import type { CodedEncounter } from '../encounter/types';
import type { AdjustmentGroup } from './types';

/** What the synthetic payer decided for one encounter. */
export type SyntheticOutcome =
  | { kind: 'paid'; /** Share of the charge the payer allows; default 0.8. */ allowedShare?: number; /** Share of the allowed amount the patient owes (PR-2); default 0.2. */ patientShare?: number }
  | { kind: 'denied'; group?: AdjustmentGroup; reason: string; remarks?: string[] }
  | { kind: 'partial'; deniedLineIds: string[]; group?: AdjustmentGroup; reason: string; remarks?: string[]; allowedShare?: number; patientShare?: number }
  | { kind: 'reversed'; allowedShare?: number; patientShare?: number };

export interface Synthetic835Item {
  encounter: CodedEncounter;
  outcome: SyntheticOutcome;
  /** CLP07; default "SYN" + claim number in the file. */
  payerClaimControlNumber?: string;
  /** Leave REF*6R out, so lines must be matched by code, modifiers and date. */
  omitLineIds?: boolean;
}

export interface Synthetic835Options {
  /** ISA13/IEA02, 1–999999999. Default 1. */
  interchangeControlNumber?: number;
  /** Payment date YYYY-MM-DD (BPR16, DTM*405). Default 2026-04-01. */
  paymentDate?: string;
  /** TRN02 check/EFT number. Default "EFT" + the control number. */
  traceNumber?: string;
  /** Default the first encounter's payer. */
  payer?: { name: string; id: string };
  /** Default the first encounter's billing provider (name, NPI). */
  payee?: { name: string; npi: string };
  /** PLB adjustments (positive amounts reduce the payment), e.g. [{reason: 'WO', amount: 12.5}]. */
  providerAdjustments?: { reason: string; reference?: string; amount: number }[];
  /** A line break after each terminator. Default false. */
  lineBreaks?: boolean;
}

const E = '*';
const C = ':';
const T = '~';

/** Cents → X12 decimal ("125", "12.5", "-3.05"). */
function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}${frac === 0 ? '' : frac % 10 === 0 ? `.${frac / 10}` : `.${String(frac).padStart(2, '0')}`}`;
}

function text(value: string, max = 60): string {
  return value.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[~*:^]/g, ' ').toUpperCase().replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

function seg(tag: string, ...elements: (string | undefined)[]): string {
  const values = elements.map((e) => e ?? '');
  while (values.length && values.at(-1) === '') values.pop();
  return [tag, ...values].join(E) + T;
}

const ymd = (iso: string) => iso.replaceAll('-', '');
const pad = (value: string, width: number) => value.padEnd(width).slice(0, width);

interface LinePlan {
  lineId: string;
  code: string;
  modifiers: string[];
  units: number;
  date: string;
  billed: number;
  paid: number;
  allowed?: number;
  cas: { group: AdjustmentGroup; reason: string; amount: number }[];
  remarks: string[];
}

/** Cents for each part of a paid line: allowed, contractual (CO-45) and patient share (PR-2). */
function paidLine(charge: number, allowedShare = 0.8, patientShare = 0.2): { allowed: number; paid: number; cas: LinePlan['cas'] } {
  const allowed = Math.round(charge * allowedShare);
  const patient = Math.round(allowed * patientShare);
  const cas: LinePlan['cas'] = [];
  if (charge - allowed !== 0) cas.push({ group: 'CO', reason: '45', amount: charge - allowed });
  if (patient !== 0) cas.push({ group: 'PR', reason: '2', amount: patient });
  return { allowed, paid: allowed - patient, cas };
}

function planLines(item: Synthetic835Item): LinePlan[] {
  const { encounter, outcome } = item;
  return encounter.lines.map((line) => {
    const billed = Math.round(line.charge * 100);
    const base = { lineId: line.id, code: line.code, modifiers: line.modifiers, units: line.units, date: line.dateOfService ?? encounter.dateOfService, billed };
    const denied = outcome.kind === 'denied' || (outcome.kind === 'partial' && outcome.deniedLineIds.includes(line.id));
    if (denied) {
      const o = outcome as Extract<SyntheticOutcome, { reason: string }>;
      return { ...base, paid: 0, allowed: 0, cas: [{ group: o.group ?? 'CO', reason: o.reason, amount: billed }], remarks: o.remarks ?? [] };
    }
    const shares = outcome as { allowedShare?: number; patientShare?: number };
    const p = paidLine(billed, shares.allowedShare, shares.patientShare);
    if (outcome.kind === 'reversed') {
      // A reversal takes back the earlier payment: every amount negated, group CR on the adjustments' reasons.
      return { ...base, billed: -billed, paid: -p.paid, allowed: -p.allowed, cas: p.cas.map((c) => ({ group: c.group, reason: c.reason, amount: -c.amount })), remarks: [] };
    }
    return { ...base, paid: p.paid, allowed: p.allowed, cas: p.cas, remarks: [] };
  });
}

/** Writes a synthetic 835 interchange (one ST/SE transaction) for the items, in order. */
export function encountersTo835(items: Synthetic835Item[], options: Synthetic835Options = {}): string {
  if (items.length === 0) throw new Error('encountersTo835 needs at least one encounter');
  const control = options.interchangeControlNumber ?? 1;
  if (!Number.isInteger(control) || control < 1 || control > 999_999_999) throw new Error(`interchangeControlNumber ${control} must be 1–999999999`);
  const isa13 = String(control).padStart(9, '0');
  const paymentDate = options.paymentDate ?? '2026-04-01';
  const first = items[0]!.encounter;
  const payer = options.payer ?? first.payer;
  const payee = options.payee ?? { name: first.billingProvider.name, npi: first.billingProvider.npi };
  const trace = options.traceNumber ?? `EFT${isa13}`;

  const body: string[] = [];
  let totalPaid = 0;
  items.forEach((item, n) => {
    const { encounter, outcome } = item;
    const lines = planLines(item);
    const billed = lines.reduce((s, l) => s + l.billed, 0);
    const paid = lines.reduce((s, l) => s + l.paid, 0);
    const patient = lines.reduce((s, l) => s + l.cas.filter((c) => c.group === 'PR').reduce((a, c) => a + c.amount, 0), 0);
    totalPaid += paid;
    const status = outcome.kind === 'denied' ? '4' : outcome.kind === 'reversed' ? '22' : '1';
    const icn = item.payerClaimControlNumber ?? `SYN${String(n + 1).padStart(8, '0')}`;
    body.push(seg('LX', String(n + 1)));
    body.push(seg('CLP', text(encounter.claimId, 38), status, money(billed), money(paid), patient ? money(patient) : '0', '12', icn, `${encounter.placeOfService}${C}B${C}1`));
    const name = encounter.patient.name;
    body.push(seg('NM1', 'QC', '1', text(name.family, 60), text(name.given, 35), name.middle ? text(name.middle, 25) : '', '', '', encounter.patient.memberId ? 'MI' : '', encounter.patient.memberId ? text(encounter.patient.memberId, 80) : ''));
    body.push(seg('DTM', '232', ymd(encounter.dateOfService)));
    for (const line of lines) {
      body.push(seg('SVC', ['HC', line.code, ...line.modifiers].join(C), money(line.billed), money(line.paid), '', String(line.units)));
      body.push(seg('DTM', '472', ymd(line.date)));
      // One CAS per group, up to six reasons each, as the guide asks.
      const byGroup = new Map<string, LinePlan['cas']>();
      for (const c of line.cas) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
      for (const [group, list] of byGroup) body.push(seg('CAS', group, ...list.slice(0, 6).flatMap((c) => [c.reason, money(c.amount)])));
      if (!item.omitLineIds) body.push(seg('REF', '6R', text(line.lineId, 50)));
      if (line.allowed !== undefined) body.push(seg('AMT', 'B6', money(line.allowed)));
      for (const r of line.remarks) body.push(seg('LQ', 'HE', r));
    }
  });
  const plb = [...(options.providerAdjustments ?? [])].slice(0, 5);
  const owed = totalPaid - plb.reduce((s, p) => s + Math.round(p.amount * 100), 0);
  // A payment cannot be negative: what the payer takes back beyond this file's payments is a forward balance.
  if (owed < 0) plb.push({ reason: 'FB', reference: 'SYNTHETIC', amount: owed / 100 });
  if (plb.length) {
    const pairs = plb.flatMap((p) => [p.reference ? `${p.reason}${C}${text(p.reference, 50)}` : p.reason, money(Math.round(p.amount * 100))]);
    body.push(seg('PLB', payee.npi, `${paymentDate.slice(0, 4)}1231`, ...pairs));
  }
  const plbCents = plb.reduce((s, p) => s + Math.round(p.amount * 100), 0);
  const total = totalPaid - plbCents;

  const header = [
    seg('ST', '835', '0001', '005010X221A1'),
    seg('BPR', total > 0 ? 'I' : 'H', money(Math.max(total, 0)), 'C', total > 0 ? 'ACH' : 'NON', '', '', '', '', '', '', '', '', '', '', '', ymd(paymentDate)),
    seg('TRN', '1', text(trace, 50), `1${payer.id.replace(/\W/g, '').padStart(9, '0').slice(-9)}`),
    seg('DTM', '405', ymd(paymentDate)),
    seg('N1', 'PR', text(payer.name), 'XV', text(payer.id, 80)),
    seg('N1', 'PE', text(payee.name), 'XX', payee.npi),
  ];
  const transaction = [...header, ...body];
  transaction.push(seg('SE', String(transaction.length + 1), '0001'));
  const d = ymd(paymentDate);
  const isa = `ISA${E}00${E}${pad('', 10)}${E}00${E}${pad('', 10)}${E}ZZ${E}${pad(text(payer.id, 15), 15)}${E}ZZ${E}${pad(text(payee.npi, 15), 15)}${E}${d.slice(2)}${E}1200${E}^${E}00501${E}${isa13}${E}0${E}T${E}${C}${T}`;
  const segments = [
    isa,
    seg('GS', 'HP', text(payer.id, 15), text(payee.npi, 15), d, '1200', String(control), 'X', '005010X221A1'),
    ...transaction,
    seg('GE', '1', String(control)),
    seg('IEA', '1', isa13),
  ];
  return segments.join(options.lineBreaks ? '\n' : '') + (options.lineBreaks ? '\n' : '');
}
