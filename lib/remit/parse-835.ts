/**
 * Our own reader of X12 835 remittance advice (005010X221A1). It reads separators from the ISA, checks the
 * envelopes (control numbers, segment and group counts) and the numbers it keeps, and refuses a damaged or cut
 * file whole: a half-read remittance applied to encounters would mark claims paid or denied on missing data.
 *
 * Segments it does not use (N3, N4, PER, MIA amounts, QTY, …) are skipped; their presence never fails a file.
 */
import {
  ADJUSTMENT_GROUPS,
  type Adjustment,
  type AdjustmentGroup,
  type ProviderAdjustment,
  type Remittance,
  type RemittanceClaim,
  type RemittanceParty,
  type RemittancePayment,
  type RemittanceService,
  type RemittanceTransaction,
} from './types';

/** A refused 835: names the segment (1-based position in the file and its id) and what is wrong. */
export class Remit835Error extends Error {
  constructor(
    readonly reason: string,
    /** 1-based position of the segment in the interchange (ISA is 1); undefined for whole-file problems. */
    readonly segmentIndex?: number,
    readonly segmentId?: string,
  ) {
    super(segmentIndex === undefined ? `835: ${reason}` : `835 segment ${segmentIndex} (${segmentId || 'empty'}): ${reason}`);
    this.name = 'Remit835Error';
  }
}

/** The delimiters an interchange declares in its ISA. */
export interface X12Separators {
  element: string;
  component: string;
  segment: string;
  /** ISA11 when it is a delimiter (5010); undefined for 4010-style "U". */
  repetition?: string;
}

/** One segment: its id and elements (elements[0] is the id, so element n is elements[n]). */
interface Segment {
  index: number;
  id: string;
  elements: string[];
}

export const X12_835_VERSION = '005010X221A1';
const ISA_ELEMENTS = 16;

/** Reads the separators from the ISA: element is character 4, component is ISA16, the terminator follows it. */
export function detectSeparators(text: string): X12Separators {
  if (!text.startsWith('ISA')) throw new Remit835Error('missing ISA: an 835 interchange must start with an ISA segment');
  const element = text[3];
  if (element === undefined || /[A-Za-z0-9\s]/.test(element)) throw new Remit835Error('the ISA has no element separator after "ISA"', 1, 'ISA');
  let at = 3;
  for (let n = 1; n < ISA_ELEMENTS; n++) {
    at = text.indexOf(element, at + 1);
    if (at < 0) throw new Remit835Error(`truncated file: the ISA ends before its ${ISA_ELEMENTS} elements`, 1, 'ISA');
  }
  const component = text[at + 1];
  const segment = text[at + 2];
  if (component === undefined || segment === undefined) throw new Remit835Error('truncated file: the ISA ends before its segment terminator', 1, 'ISA');
  if (new Set([element, component, segment]).size < 3) throw new Remit835Error('element, component and segment separators must differ', 1, 'ISA');
  if (/[A-Za-z0-9 ]/.test(component) || /[A-Za-z0-9 ]/.test(segment)) throw new Remit835Error(`ISA16 "${component}" and the terminator "${segment}" must be delimiters, not letters, digits or spaces`, 1, 'ISA');
  const isa11 = text.slice(0, at).split(element)[11] ?? '';
  const repetition = isa11.length === 1 && !/[A-Za-z0-9 ]/.test(isa11) && ![element, component, segment].includes(isa11) ? isa11 : undefined;
  return { element, component, segment, ...(repetition ? { repetition } : {}) };
}

/** Splits text into segments, tolerating line breaks after terminators (and as terminators). */
function splitSegments(text: string, sep: X12Separators): Segment[] {
  const pieces = text.split(sep.segment);
  const tail = pieces.pop()!.replace(/[\r\n\t ]+/g, '');
  const segments: Segment[] = pieces.map((raw, i) => {
    const clean = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
    const elements = clean.split(sep.element);
    return { index: i + 1, id: elements[0]!.trim(), elements };
  });
  if (tail !== '') {
    const last = segments.at(-1);
    throw new Remit835Error(`truncated file: text after the last segment terminator ("${tail.slice(0, 20)}") is not a complete segment`, segments.length + 1, tail.split(sep.element)[0]!.slice(0, 3) || last?.id);
  }
  const empty = segments.find((s) => s.id === '');
  if (empty) throw new Remit835Error('empty segment (two terminators in a row)', empty.index, '');
  return segments;
}

/** Parses an 835 interchange; throws {@link Remit835Error} (never a partial result) when it is malformed. */
export function parse835(input: string): Remittance {
  const text = input.replace(/^\uFEFF/, '').replace(/^[\s]+/, '');
  if (text === '') throw new Remit835Error('the file is empty');
  const sep = detectSeparators(text);
  const segments = splitSegments(text, sep);
  const isa = segments[0]!;
  if (isa.id !== 'ISA') throw new Remit835Error('missing ISA', isa.index, isa.id);
  if (isa.elements.length !== ISA_ELEMENTS + 1) throw new Remit835Error(`the ISA has ${isa.elements.length - 1} elements, not ${ISA_ELEMENTS}`, isa.index, 'ISA');
  const interchangeControlNumber = isa.elements[13]!.trim();
  if (!/^\d{9}$/.test(interchangeControlNumber)) throw new Remit835Error(`ISA13 "${interchangeControlNumber}" is not a 9-digit control number`, isa.index, 'ISA');

  const transactions: RemittanceTransaction[] = [];
  let groups = 0;
  let i = 1;
  for (;;) {
    const seg = segments[i];
    if (!seg) {
      const last = segments.at(-1)!;
      throw new Remit835Error('truncated file: the interchange ends without an IEA', last.index, last.id);
    }
    if (seg.id === 'IEA') break;
    if (seg.id !== 'GS') throw new Remit835Error(`expected GS or IEA, found ${seg.id}`, seg.index, seg.id);
    groups++;
    const gs = seg;
    let count = 0;
    i++;
    for (;;) {
      const inner = segments[i];
      if (!inner) throw new Remit835Error('truncated file: the functional group has no GE', segments.at(-1)!.index, segments.at(-1)!.id);
      if (inner.id === 'GE') break;
      if (inner.id !== 'ST') throw new Remit835Error(`expected ST or GE, found ${inner.id}`, inner.index, inner.id);
      const end = segments.findIndex((s, k) => k > i && (s.id === 'SE' || s.id === 'GE' || s.id === 'IEA' || s.id === 'ST'));
      const se = end < 0 ? undefined : segments[end]!;
      if (!se || se.id !== 'SE') {
        const at = se ?? segments.at(-1)!;
        throw new Remit835Error(`truncated transaction: ST at segment ${inner.index} has no SE`, at.index, at.id);
      }
      const body = segments.slice(i, end + 1);
      const declared = se.elements[1];
      if (!/^\d+$/.test(declared ?? '') || Number(declared) !== body.length) {
        throw new Remit835Error(`SE01 says ${declared ?? 'nothing'} segments but the transaction has ${body.length}`, se.index, 'SE');
      }
      if (se.elements[2] !== inner.elements[2]) throw new Remit835Error(`SE02 "${se.elements[2] ?? ''}" does not match ST02 "${inner.elements[2] ?? ''}"`, se.index, 'SE');
      transactions.push(readTransaction(body, sep, transactions.length));
      count++;
      i = end + 1;
    }
    const ge = segments[i]!;
    if (ge.elements[1] !== String(count)) throw new Remit835Error(`GE01 says ${ge.elements[1] ?? 'nothing'} transactions but the group has ${count}`, ge.index, 'GE');
    if (ge.elements[2] !== gs.elements[6]) throw new Remit835Error(`GE02 "${ge.elements[2] ?? ''}" does not match GS06 "${gs.elements[6] ?? ''}"`, ge.index, 'GE');
    i++;
  }
  const iea = segments[i]!;
  if (iea.elements[1] !== String(groups)) throw new Remit835Error(`IEA01 says ${iea.elements[1] ?? 'nothing'} functional groups but the interchange has ${groups}`, iea.index, 'IEA');
  if (iea.elements[2] !== interchangeControlNumber) throw new Remit835Error(`IEA02 "${iea.elements[2] ?? ''}" does not match ISA13 "${interchangeControlNumber}"`, iea.index, 'IEA');
  const after = segments[i + 1];
  if (after) throw new Remit835Error('segment after the IEA (a second interchange is not read)', after.index, after.id);
  if (transactions.length === 0) throw new Remit835Error('the interchange holds no 835 transaction', iea.index, 'IEA');

  const first = transactions[0]!;
  return {
    interchangeControlNumber,
    senderId: isa.elements[6]!.trim(),
    receiverId: isa.elements[8]!.trim(),
    usage: isa.elements[15]!.trim(),
    payer: first.payer,
    payee: first.payee,
    payment: first.payment,
    providerAdjustments: transactions.flatMap((t) => t.providerAdjustments),
    claims: transactions.flatMap((t) => t.claims),
    transactions,
  };
}

const AMOUNT = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** Element `n` of a segment as text ("" when absent). */
function el(seg: Segment, n: number): string {
  return (seg.elements[n] ?? '').trim();
}

function fail(seg: Segment, reason: string): never {
  throw new Remit835Error(reason, seg.index, seg.id);
}

function amount(seg: Segment, n: number, what: string): number {
  const value = el(seg, n);
  if (value === '') fail(seg, `${seg.id}${String(n).padStart(2, '0')} (${what}) is missing`);
  if (!AMOUNT.test(value)) fail(seg, `${seg.id}${String(n).padStart(2, '0')} (${what}) "${value}" is not a number`);
  return Number(value);
}

function optionalAmount(seg: Segment, n: number, what: string): number | undefined {
  return el(seg, n) === '' ? undefined : amount(seg, n, what);
}

function date(seg: Segment, n: number): string {
  const value = el(seg, n);
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) fail(seg, `${seg.id}${String(n).padStart(2, '0')} "${value}" is not a date CCYYMMDD`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function adjustments(seg: Segment): Adjustment[] {
  const group = el(seg, 1);
  if (!(ADJUSTMENT_GROUPS as readonly string[]).includes(group)) fail(seg, `CAS01 "${group}" is not a group code (${ADJUSTMENT_GROUPS.join(', ')})`);
  const out: Adjustment[] = [];
  for (let k = 0; k < 6; k++) {
    const r = 2 + k * 3;
    const reason = el(seg, r);
    if (reason === '') {
      if (el(seg, r + 1) !== '') fail(seg, `CAS${String(r + 1).padStart(2, '0')} has an amount without a reason code`);
      continue;
    }
    const adj: Adjustment = { group: group as AdjustmentGroup, reason, amount: amount(seg, r + 1, `adjustment amount for reason ${reason}`) };
    const units = optionalAmount(seg, r + 2, 'adjustment quantity');
    if (units !== undefined) adj.units = units;
    out.push(adj);
  }
  if (out.length === 0) fail(seg, 'CAS has no reason code');
  return out;
}

/** Reads one ST…SE transaction (envelope counts already checked). */
function readTransaction(body: Segment[], sep: X12Separators, transaction: number): RemittanceTransaction {
  const st = body[0]!;
  if (el(st, 1) !== '835') fail(st, `ST01 is "${el(st, 1)}": this is not an 835 remittance`);
  const version = el(st, 3);
  if (version !== '' && !version.startsWith('005010X221')) fail(st, `ST03 "${version}" is not ${X12_835_VERSION}`);
  const bpr = body[1];
  if (!bpr || bpr.id !== 'BPR') fail(bpr ?? st, 'missing BPR: the transaction must start with the payment (BPR) after ST');

  const payment: RemittancePayment = {
    amount: amount(bpr, 2, 'total payment'),
    handling: el(bpr, 1),
    creditDebit: el(bpr, 3),
    method: el(bpr, 4),
    traceNumber: '',
  };
  if (el(bpr, 16) !== '') payment.date = date(bpr, 16);
  let payer: RemittanceParty | undefined;
  let payee: RemittanceParty | undefined;
  let party: 'PR' | 'PE' | undefined;
  let sawTrn = false;
  const claims: RemittanceClaim[] = [];
  const providerAdjustments: ProviderAdjustment[] = [];
  let claim: RemittanceClaim | undefined;
  let service: RemittanceService | undefined;

  for (const seg of body.slice(2, -1)) {
    switch (seg.id) {
      case 'TRN':
        if (claim) fail(seg, 'TRN inside a claim');
        if (el(seg, 2) === '') fail(seg, 'TRN02 (check or EFT trace number) is missing');
        payment.traceNumber = el(seg, 2);
        if (el(seg, 3)) payment.originatorId = el(seg, 3);
        sawTrn = true;
        break;
      case 'N1': {
        if (claim) break; // N1 never belongs to a claim in 5010; ignore rather than misfile it
        const who = el(seg, 1);
        const p: RemittanceParty = { name: el(seg, 2) };
        if (el(seg, 4)) {
          p.id = el(seg, 4);
          p.idQualifier = el(seg, 3);
        }
        if (who === 'PR') (payer = p), (party = 'PR');
        else if (who === 'PE') (payee = p), (party = 'PE');
        else party = undefined;
        break;
      }
      case 'REF':
        if (service && el(seg, 1) === '6R') service.lineId = el(seg, 2);
        else if (!claim && party === 'PR' && payer && !payer.id && el(seg, 1) === '2U') (payer.id = el(seg, 2)), (payer.idQualifier = '2U');
        else if (!claim && party === 'PE' && payee && !payee.id && ['TJ', 'PQ'].includes(el(seg, 1))) (payee.id = el(seg, 2)), (payee.idQualifier = el(seg, 1));
        break;
      case 'CLP': {
        service = undefined;
        if (!payer) fail(seg, 'claim before the payer (N1*PR)');
        if (!payee) fail(seg, 'claim before the payee (N1*PE)');
        if (el(seg, 1) === '') fail(seg, 'CLP01 (patient control number) is missing');
        if (el(seg, 2) === '') fail(seg, 'CLP02 (claim status) is missing');
        if (!/^\d{1,2}$/.test(el(seg, 2))) fail(seg, `CLP02 "${el(seg, 2)}" is not a claim status code`);
        claim = {
          claimId: el(seg, 1),
          statusCode: el(seg, 2),
          billed: amount(seg, 3, 'billed charge'),
          paid: amount(seg, 4, 'paid amount'),
          patientResponsibility: optionalAmount(seg, 5, 'patient responsibility') ?? 0,
          payerClaimControlNumber: el(seg, 7),
          adjustments: [],
          remarks: [],
          services: [],
          transaction,
        };
        if (el(seg, 6)) claim.filingIndicator = el(seg, 6);
        claims.push(claim);
        break;
      }
      case 'CAS':
        if (!claim) fail(seg, 'CAS outside a claim');
        (service ?? claim).adjustments.push(...adjustments(seg));
        break;
      case 'NM1':
        if (claim && !service && el(seg, 1) === 'QC') {
          claim.patient = { family: el(seg, 3), given: el(seg, 4) };
          if (el(seg, 5)) claim.patient.middle = el(seg, 5);
          if (el(seg, 9)) claim.patient.memberId = el(seg, 9);
        }
        break;
      case 'MOA':
      case 'MIA':
        if (!claim) fail(seg, `${seg.id} outside a claim`);
        // Remark codes: MOA03–07, MIA05 and MIA20–24.
        for (const n of seg.id === 'MOA' ? [3, 4, 5, 6, 7] : [5, 20, 21, 22, 23, 24]) if (el(seg, n)) claim.remarks.push(el(seg, n));
        break;
      case 'DTM': {
        const qualifier = el(seg, 1);
        if (service) {
          if (qualifier === '472' || qualifier === '150') service.date ??= date(seg, 2);
        } else if (claim) {
          if (qualifier === '232' || qualifier === '472') claim.serviceDate ??= date(seg, 2);
          else if (qualifier === '050') claim.receivedDate = date(seg, 2);
        }
        break;
      }
      case 'SVC': {
        if (!claim) fail(seg, 'SVC outside a claim');
        const composite = el(seg, 1).split(sep.component);
        const code = (composite[1] ?? '').trim();
        if (code === '') fail(seg, `SVC01 "${el(seg, 1)}" has no procedure code`);
        service = {
          qualifier: composite[0]!.trim(),
          code,
          modifiers: composite.slice(2, 6).map((m) => m.trim()).filter(Boolean),
          billed: amount(seg, 2, 'line charge'),
          paid: amount(seg, 3, 'line paid amount'),
          units: optionalAmount(seg, 5, 'units paid') ?? 1,
          adjustments: [],
          remarks: [],
        };
        if (el(seg, 6)) service.submittedCode = (el(seg, 6).split(sep.component)[1] ?? '').trim();
        claim.services.push(service);
        break;
      }
      case 'AMT':
        if (service && el(seg, 1) === 'B6') service.allowed = amount(seg, 2, 'allowed amount');
        break;
      case 'LQ':
        if (!service) fail(seg, 'LQ outside a service line');
        if (el(seg, 1) === 'HE') service.remarks.push(el(seg, 2));
        break;
      case 'PLB': {
        service = undefined;
        claim = undefined;
        const providerId = el(seg, 1);
        const when = el(seg, 2) ? date(seg, 2) : undefined;
        for (let k = 0; k < 6; k++) {
          const c = 3 + k * 2;
          if (el(seg, c) === '') continue;
          const [reason, reference] = el(seg, c).split(sep.component);
          const adj: ProviderAdjustment = { providerId, reason: reason!.trim(), amount: amount(seg, c + 1, `provider adjustment amount for ${reason}`) };
          if (when) adj.date = when;
          if (reference?.trim()) adj.reference = reference.trim();
          providerAdjustments.push(adj);
        }
        break;
      }
      case 'LX':
      case 'TS3':
      case 'TS2':
        service = undefined;
        claim = undefined;
        break;
      default:
        break;
    }
  }
  if (!sawTrn) fail(bpr, 'missing TRN (check or EFT trace number) after the BPR');
  if (!payer) fail(body.at(-1)!, 'missing payer (N1*PR) in the transaction');
  if (!payee) fail(body.at(-1)!, 'missing payee (N1*PE) in the transaction');
  return { controlNumber: el(st, 2), payer, payee, payment, providerAdjustments, claims };
}
