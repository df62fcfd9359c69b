/**
 * CodedEncounter → ASC X12 837 Professional (005010X222A1) interchange, the file a clearinghouse takes.
 *
 * Layout: one ISA/GS envelope; one ST/SE transaction per billing provider + payer (clearinghouses route
 * by payer, and each transaction stays small); inside it 1000A submitter, 1000B receiver, one 2000A billing
 * provider HL, one 2000B subscriber HL per patient, each with its 2300 claims and 2400 lines.
 *
 * Simplification: the patient is always the subscriber (SBR02 = 18, no 2000C loop); CodedEncounter has no
 * separate insured person. The claim filing indicator (SBR09) is not in the model either, so it is an option.
 */
import type { Address, CodedEncounter, PersonName } from '../encounter/types';
import { assertClaimable, ExportError, ExportRefusal, encounterLabel, totalCents } from './claim-shape';

export interface X12Options {
  /** Interchange sender id (ISA06, ≤ 15) and the submitter's id in 1000A (usually the id the clearinghouse assigned). */
  senderId: string;
  /** Submitter name (1000A NM103). */
  senderName: string;
  /** ISA05 qualifier for senderId; default ZZ (mutually defined). */
  senderQualifier?: string;
  /** Interchange receiver id (ISA08, ≤ 15) and 1000B receiver id. */
  receiverId: string;
  /** Receiver name (1000B NM103), e.g. the clearinghouse. */
  receiverName: string;
  receiverQualifier?: string;
  /** Submitter contact for 1000A PER: a name and at least one of phone (digits) or email. */
  contact: { name: string; phone?: string; email?: string };
  /** ISA13/IEA02, 1–999999999; written as 9 digits. */
  interchangeControlNumber: number;
  /** GS06/GE02, 1–999999999; default the interchange control number. */
  groupControlNumber?: number;
  /** Creation date YYYY-MM-DD and time HH:MM (or HHMM); default now, local time. Pass both for repeatable output. */
  date?: string;
  time?: string;
  /** ISA15: T test (default, so a forgotten option never sends production claims) or P production. */
  usage?: 'T' | 'P';
  /** SBR09 claim filing indicator, e.g. CI commercial, MB Medicare Part B, MC Medicaid; default CI. */
  claimFilingIndicator?: string;
  /** BHT03 prefix; default "CC" + the interchange control number. Each transaction appends its ST02. */
  batchId?: string;
  /** ISA14: ask for a TA1 acknowledgment; default false. */
  acknowledgmentRequested?: boolean;
  /** A line break after each segment terminator (easier to read; clearinghouses accept it). Default false. */
  lineBreaks?: boolean;
}

export const X12_VERSION = '005010X222A1';
const ELEMENT = '*';
const COMPONENT = ':';
const REPETITION = '^';
const TERMINATOR = '~';

/** An X12 text value: basic characters only, upper case, no delimiters, one space between words, cut to `max`. */
export function x12Text(value: string | undefined, max = 60): string {
  return (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[~*:^]/g, ' ')
    .replace(/[^\x20-\x7e]/g, ' ')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** A segment from its elements; trailing empty elements and components are dropped, as X12 requires. */
function segment(tag: string, ...elements: (string | string[] | undefined)[]): string {
  const values = elements.map((e) => (Array.isArray(e) ? trimEnd(e).join(COMPONENT) : (e ?? '')));
  return [tag, ...trimEnd(values)].join(ELEMENT) + TERMINATOR;
}

function trimEnd(values: (string | undefined)[]): string[] {
  const out = values.map((v) => v ?? '');
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** X12 decimal: no trailing zeros ("125", "12.5"), from whole cents. */
function decimalFromCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  const text = fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  return negative ? `-${text}` : text;
}

function quantity(units: number): string {
  return String(Math.round(units * 1000) / 1000);
}

function yyyymmdd(isoDate: string): string {
  return isoDate.slice(0, 10).replace(/-/g, '');
}

function controlNumber(value: number, option: string): string {
  if (!Number.isInteger(value) || value < 1 || value > 999_999_999) throw new ExportError(`837P option ${option} must be a whole number from 1 to 999999999, not ${value}`);
  return String(value).padStart(9, '0');
}

function now(): { date: string; time: string } {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}${two(d.getMinutes())}` };
}

/** Checks the options once, so a typo fails before any encounter is looked at. */
function readOptions(options: X12Options) {
  const fallback = now();
  const date = options.date ?? fallback.date;
  const time = (options.time ?? fallback.time).replace(':', '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ExportError(`837P option date must be YYYY-MM-DD, not "${date}"`);
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(time)) throw new ExportError(`837P option time must be HH:MM, not "${options.time}"`);
  const usage = options.usage ?? 'T';
  if (usage !== 'T' && usage !== 'P') throw new ExportError(`837P option usage must be T (test) or P (production), not "${usage}"`);
  const senderId = x12Text(options.senderId, 80);
  const receiverId = x12Text(options.receiverId, 80);
  if (!senderId || senderId.length > 15) throw new ExportError(`837P option senderId must be 1–15 characters (ISA06), not "${options.senderId}"`);
  if (!receiverId || receiverId.length > 15) throw new ExportError(`837P option receiverId must be 1–15 characters (ISA08), not "${options.receiverId}"`);
  if (!x12Text(options.senderName)) throw new ExportError('837P option senderName is empty');
  if (!x12Text(options.receiverName)) throw new ExportError('837P option receiverName is empty');
  const phone = (options.contact?.phone ?? '').replace(/\D/g, '');
  const email = (options.contact?.email ?? '').replace(/[~*:^\s]/g, '');
  if (!x12Text(options.contact?.name)) throw new ExportError('837P option contact.name is empty');
  if (!phone && !email) throw new ExportError('837P option contact needs a phone or an email');
  const interchange = controlNumber(options.interchangeControlNumber, 'interchangeControlNumber');
  const group = String(Number(controlNumber(options.groupControlNumber ?? options.interchangeControlNumber, 'groupControlNumber')));
  const qualifier = (q: string | undefined) => x12Text(q ?? 'ZZ', 2).padEnd(2, ' ');
  const filing = x12Text(options.claimFilingIndicator ?? 'CI', 80);
  if (!/^[0-9A-Z]{2}$/.test(filing)) throw new ExportError(`837P option claimFilingIndicator must be a two-character code, not "${options.claimFilingIndicator}"`);
  return { ...options, date, time, usage, senderId, receiverId, phone, email, interchange, group, senderQualifier: qualifier(options.senderQualifier), receiverQualifier: qualifier(options.receiverQualifier), filing };
}

/** The text checks the X12 layer adds to the structural ones: required names must survive sanitising. */
function requiredText(encounter: CodedEncounter, field: string, value: string | undefined, max: number): string {
  const text = x12Text(value, max);
  if (!text) throw new ExportRefusal(encounterLabel(encounter), field, `"${value ?? ''}" has no letters or digits an 837P can carry`);
  return text;
}

function personName(encounter: CodedEncounter, field: string, name: PersonName): [string, string, string] {
  return [requiredText(encounter, `${field}.family`, name.family, 60), x12Text(name.given, 35), x12Text(name.middle, 25)];
}

function addressSegments(address: Address): string[] {
  const zip = address.zip.replace(/\D/g, '');
  return [segment('N3', x12Text(address.line, 55), x12Text(address.line2, 55)), segment('N4', x12Text(address.city, 30), x12Text(address.state, 2), zip)];
}

/** Checks everything the 837P needs from one encounter (structure, then X12-only limits) and throws the first problem. */
export function assert837pReady(encounter: CodedEncounter): void {
  assertClaimable(encounter);
  const label = encounterLabel(encounter);
  const claimId = x12Text(encounter.claimId, 38);
  if (!claimId || claimId.length > 20) throw new ExportRefusal(label, 'claimId', `"${encounter.claimId}" must be 1–20 characters after removing ~ * : ^ (CLM01)`);
  if (!encounter.patient.memberId?.trim() || !x12Text(encounter.patient.memberId, 80)) throw new ExportRefusal(label, 'patient.memberId', 'is empty: the payer needs the member id (2010BA NM109)');
  requiredText(encounter, 'patient.name.family', encounter.patient.name.family, 60);
  requiredText(encounter, 'renderingProvider.name.family', encounter.renderingProvider.name.family, 60);
  requiredText(encounter, 'billingProvider.name', encounter.billingProvider.name, 60);
  requiredText(encounter, 'payer.name', encounter.payer.name, 60);
  if (!isCompleteAddress(encounter.billingProvider.address)) {
    throw new ExportRefusal(label, 'billingProvider.address', 'needs a street line, city, two-letter state and 5- or 9-digit ZIP (2010AA N3/N4)');
  }
  if (encounter.patient.address && !isCompleteAddress(encounter.patient.address)) {
    throw new ExportRefusal(label, 'patient.address', 'needs a street line, city, two-letter state and 5- or 9-digit ZIP (2010BA N3/N4), or no address at all');
  }
}

function isCompleteAddress(a: Address | undefined): boolean {
  return !!a && !!x12Text(a.line) && !!x12Text(a.city) && /^[A-Z]{2}$/i.test(a.state ?? '') && /^\d{5}(\d{4})?$/.test((a.zip ?? '').replace(/-/g, ''));
}

/** Claims grouped the way the interchange nests them: transaction (billing provider + payer) → subscriber → claims. */
function groupEncounters(encounters: readonly CodedEncounter[]): CodedEncounter[][][] {
  const transactions = new Map<string, Map<string, CodedEncounter[]>>();
  for (const e of encounters) {
    const b = e.billingProvider;
    const txKey = JSON.stringify([b.npi, b.taxId, b.name, b.address, b.taxonomy ?? '', e.payer.id, e.payer.name]);
    const p = e.patient;
    const subscriberKey = JSON.stringify([p.memberId, p.name, p.dob, p.sex, p.address ?? null]);
    const subscribers = transactions.get(txKey) ?? new Map<string, CodedEncounter[]>();
    transactions.set(txKey, subscribers);
    subscribers.set(subscriberKey, [...(subscribers.get(subscriberKey) ?? []), e]);
  }
  return [...transactions.values()].map((subscribers) => [...subscribers.values()]);
}

/** The 2300 claim loop and its 2310B/2400 loops for one encounter. */
function claimSegments(e: CodedEncounter): string[] {
  const out: string[] = [];
  const pos = e.placeOfService;
  out.push(segment('CLM', x12Text(e.claimId, 20), decimalFromCents(totalCents(e)), '', '', [pos, 'B', '1'], 'Y', 'A', 'Y', 'Y'));
  // HI: first diagnosis ABK (principal), the rest ABF; codes without the dot. At most 12 (checked), so one HI.
  const composites = e.diagnoses.map((d, i) => [i === 0 ? 'ABK' : 'ABF', d.code.replace('.', '').toUpperCase()].join(COMPONENT));
  out.push(['HI', ...composites].join(ELEMENT) + TERMINATOR);
  // 2310B only when the rendering provider differs from the billing provider (the guide says not to repeat it).
  const r = e.renderingProvider;
  if (r.npi !== e.billingProvider.npi) {
    const [family, given, middle] = personName(e, 'renderingProvider.name', r.name);
    out.push(segment('NM1', '82', '1', family, given, middle, '', '', 'XX', r.npi));
    if (r.taxonomy) out.push(segment('PRV', 'PE', 'PXC', x12Text(r.taxonomy, 50)));
  }
  e.lines.forEach((line, i) => {
    out.push(segment('LX', String(i + 1)));
    const procedure = ['HC', line.code.toUpperCase(), ...line.modifiers.map((m) => m.toUpperCase())];
    // SV105 stays empty: the line's place of service is always the claim's (CLM05-1), and the guide says
    // to send SV105 only when they differ.
    out.push(segment('SV1', procedure, decimalFromCents(Math.round(line.charge * 100)), 'UN', quantity(line.units), '', '', line.pointers.map(String)));
    out.push(segment('DTP', '472', 'D8', yyyymmdd(line.dateOfService ?? e.dateOfService)));
    // REF*6R: the line's id comes back in the 835 (SVC REF*6R), which is how remittance finds the line.
    const lineId = x12Text(line.id, 50);
    if (lineId) out.push(segment('REF', '6R', lineId));
  });
  return out;
}

/**
 * Writes one 837P interchange for `encounters`. Throws an ExportRefusal (naming the encounter and field)
 * when any encounter cannot form a claim, before writing anything; never changes the encounters.
 */
export function encountersTo837p(encounters: readonly CodedEncounter[], options: X12Options): string {
  const o = readOptions(options);
  if (encounters.length === 0) throw new ExportError('837P export needs at least one encounter');
  for (const e of encounters) assert837pReady(e);

  const [yyyy, mm, dd] = o.date.split('-') as [string, string, string];
  const segments: string[] = [];
  segments.push(
    [
      'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
      o.senderQualifier, o.senderId.padEnd(15, ' '), o.receiverQualifier, o.receiverId.padEnd(15, ' '),
      `${yyyy.slice(2)}${mm}${dd}`, o.time, REPETITION, '00501', o.interchange, o.acknowledgmentRequested ? '1' : '0', o.usage, COMPONENT,
    ].join(ELEMENT) + TERMINATOR,
  );
  segments.push(segment('GS', 'HC', o.senderId, o.receiverId, `${yyyy}${mm}${dd}`, o.time, o.group, 'X', X12_VERSION));

  const transactions = groupEncounters(encounters);
  transactions.forEach((subscribers, t) => {
    const st = String(t + 1).padStart(4, '0');
    const first = subscribers[0]![0]!;
    const billing = first.billingProvider;
    const body: string[] = [];
    body.push(segment('ST', '837', st, X12_VERSION));
    body.push(segment('BHT', '0019', '00', x12Text(`${o.batchId ?? `CC${o.interchange}`}-${st}`, 50), `${yyyy}${mm}${dd}`, o.time, 'CH'));
    // 1000A submitter and 1000B receiver.
    body.push(segment('NM1', '41', '2', x12Text(o.senderName), '', '', '', '', '46', o.senderId));
    const contact: string[] = ['IC', x12Text(o.contact.name)];
    if (o.phone) contact.push('TE', o.phone);
    if (o.email) contact.push('EM', o.email);
    body.push(segment('PER', ...contact));
    body.push(segment('NM1', '40', '2', x12Text(o.receiverName), '', '', '', '', '46', o.receiverId));
    // 2000A billing provider.
    let hl = 1;
    const billingHl = hl;
    body.push(segment('HL', String(billingHl), '', '20', '1'));
    if (billing.taxonomy) body.push(segment('PRV', 'BI', 'PXC', x12Text(billing.taxonomy, 50)));
    body.push(segment('NM1', '85', '2', x12Text(billing.name), '', '', '', '', 'XX', billing.npi));
    body.push(...addressSegments(billing.address));
    body.push(segment('REF', 'EI', billing.taxId));
    for (const claims of subscribers) {
      const e = claims[0]!;
      const p = e.patient;
      // 2000B subscriber: the patient is the subscriber (SBR02 18), so no child HL (HL04 0).
      body.push(segment('HL', String(++hl), String(billingHl), '22', '0'));
      body.push(segment('SBR', 'P', '18', '', '', '', '', '', '', o.filing));
      const [family, given, middle] = personName(e, 'patient.name', p.name);
      body.push(segment('NM1', 'IL', '1', family, given, middle, '', '', 'MI', x12Text(p.memberId, 80)));
      if (p.address) body.push(...addressSegments(p.address));
      body.push(segment('DMG', 'D8', yyyymmdd(p.dob), p.sex));
      // 2010BB payer.
      body.push(segment('NM1', 'PR', '2', x12Text(e.payer.name), '', '', '', '', 'PI', x12Text(e.payer.id, 80)));
      for (const claim of claims) body.push(...claimSegments(claim));
    }
    body.push(segment('SE', String(body.length + 1), st));
    segments.push(...body);
  });

  segments.push(segment('GE', String(transactions.length), o.group));
  segments.push(segment('IEA', '1', o.interchange));
  return segments.join(o.lineBreaks ? '\n' : '') + (o.lineBreaks ? '\n' : '');
}
