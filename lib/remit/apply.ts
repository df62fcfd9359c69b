/**
 * Applies a parsed 835 to coded encounters, purely: it returns what would change and the new encounters, and
 * the caller stores them (with the audit log) in one go. Claims are applied in file order, so a reversal and
 * the re-adjudication after it in the same file end in the re-adjudicated state.
 *
 * Idempotent: each claim has a key `${fileHash}:${claimId}:${payerClaimControlNumber}` that the caller stores
 * once applied and passes back in `appliedKeys`; a key seen before, or a claim whose outcome the encounter
 * already carries exactly, is reported in `alreadyApplied` and changes nothing.
 */
import type { CodedEncounter, EncounterStatus, LineRemittance } from '../encounter/types';
import { canTransition } from '../encounter/workflow';
import { encounterWithRemittance } from './encounter-remittance';
import { indexEncounters, matchClaim, matchServiceLines, type ClaimMatch } from './match';
import { defaultReasons, describeAdjustment, type AdjustmentExplanation, type ReasonTable } from './reasons';
import { CLAIM_STATUS_CODES, type Adjustment, type Remittance, type RemittanceClaim } from './types';

export interface ApplyOptions {
  /** Who imported the file. */
  by: string;
  /** ISO time of the import. */
  at: string;
  /** Hex SHA-256 of the 835 file's bytes. */
  fileHash: string;
  /** Keys of claims applied before (from earlier updates' `key`). */
  appliedKeys?: Iterable<string>;
  /** Suggested matches the biller confirmed: claim key → encounter id. */
  confirmed?: Readonly<Record<string, string>>;
  reasons?: ReasonTable;
}

/** The claim as the update reports it (claim-level facts the encounter model has no field for). */
export interface ClaimSummary {
  claimId: string;
  statusCode: string;
  statusText: string;
  billed: number;
  paid: number;
  patientResponsibility: number;
  payerClaimControlNumber: string;
  payer: { name: string; id?: string };
  paymentDate?: string;
  traceNumber: string;
  /** Claim-level CAS. */
  adjustments: Adjustment[];
  /** Claim-level remark codes (MOA/MIA). */
  remarks: string[];
  /** Every refusing adjustment (claim and line level), explained, largest first. */
  denials: (AdjustmentExplanation & { amount: number; lineId?: string })[];
}

export interface RemittanceUpdate {
  /** Store it with the encounter: applying the same file again then changes nothing. */
  key: string;
  encounterId: string;
  claimId: string;
  matchedBy: 'claimId' | 'confirmed';
  before: EncounterStatus;
  after: EncounterStatus;
  /** The status history reason, e.g. "CO-16 …" for denials. */
  reason?: string;
  /** Encounter line id → what the payer said about it. */
  lineRemittance: Record<string, LineRemittance>;
  /** Services of the claim that matched no line of the encounter. */
  unmatchedServices: { index: number; code: string; modifiers: string[]; date?: string; billed: number; paid: number; lineId?: string }[];
  claim: ClaimSummary;
  /** The encounter after this update (the input is not changed). */
  encounter: CodedEncounter;
}

export interface ApplyResult {
  updates: RemittanceUpdate[];
  unmatched: { key: string; claimId: string; why: string; claim: ClaimSummary }[];
  /** Possible matches that need a biller to confirm them (pass them back in `confirmed`). */
  suggested: { key: string; claimId: string; encounterIds: string[]; why: string; claim: ClaimSummary }[];
  alreadyApplied: { key: string; claimId: string; encounterId: string }[];
  /** Matched, but the workflow does not allow the move (e.g. a draft that was never sent). */
  conflicts: { key: string; claimId: string; encounterId: string; before: EncounterStatus; after: EncounterStatus; problem: string }[];
}

/** The idempotency key of one claim of one file. */
export function remittanceKey(fileHash: string, claim: Pick<RemittanceClaim, 'claimId' | 'payerClaimControlNumber'>): string {
  return `${fileHash}:${claim.claimId}:${claim.payerClaimControlNumber}`;
}

/** What a claim's adjudication means for the encounter's status, with the reason for the history. */
export interface ClaimOutcome {
  status: Extract<EncounterStatus, 'paid' | 'partially-paid' | 'denied' | 'reversed'>;
  reason?: string;
  denials: ClaimSummary['denials'];
}

const cents = (d: number) => Math.round(d * 100);

/**
 * paid: processed with money or only patient share/contractual adjustments; partially-paid: some money but also
 * refusing adjustments; denied: CLP02 4, or nothing paid with refusing CO/OA/PI adjustments; reversed: CLP02 22.
 */
export function claimOutcome(claim: RemittanceClaim, reasons: ReasonTable = defaultReasons): ClaimOutcome {
  const denials: ClaimSummary['denials'] = [];
  for (const adj of claim.adjustments) {
    const e = describeAdjustment(adj, claim.remarks, reasons);
    if (e.denial && adj.amount > 0) denials.push({ ...e, amount: adj.amount });
  }
  for (const svc of claim.services) {
    for (const adj of svc.adjustments) {
      const e = describeAdjustment(adj, [...svc.remarks, ...claim.remarks], reasons);
      if (e.denial && adj.amount > 0) denials.push({ ...e, amount: adj.amount, ...(svc.lineId ? { lineId: svc.lineId } : {}) });
    }
  }
  denials.sort((a, b) => b.amount - a.amount);
  if (claim.statusCode === '22') return { status: 'reversed', reason: `Payer reversed claim ${claim.payerClaimControlNumber || claim.claimId}`, denials };
  const reason = denials.length ? denialReason(denials) : undefined;
  if (claim.statusCode === '4') return { status: 'denied', reason: reason ?? `Denied by the payer (CLP02 4)${claim.remarks.length ? ` [${claim.remarks.join(', ')}]` : ''}`, denials };
  if (cents(claim.paid) <= 0) return denials.length ? { status: 'denied', reason, denials } : { status: 'paid', denials };
  return denials.length ? { status: 'partially-paid', reason, denials } : { status: 'paid', denials };
}

/** "CO-16 Claim is missing information or has a billing error [M51]", plus how many other reasons. */
function denialReason(denials: ClaimSummary['denials']): string {
  const top = denials[0]!;
  const labels = new Set(denials.map((d) => d.label));
  const more = labels.size > 1 ? `; also ${[...labels].filter((l) => l !== top.label).join(', ')}` : '';
  return `${top.label} ${top.description}${top.remarks.length ? ` [${top.remarks.join(', ')}]` : ''}${more}`;
}

function summary(claim: RemittanceClaim, remittance: Remittance, denials: ClaimSummary['denials']): ClaimSummary {
  const t = remittance.transactions[claim.transaction];
  const payer = t?.payer ?? remittance.payer;
  const payment = t?.payment ?? remittance.payment;
  return {
    claimId: claim.claimId,
    statusCode: claim.statusCode,
    statusText: CLAIM_STATUS_CODES[claim.statusCode] ?? `status ${claim.statusCode}`,
    billed: claim.billed,
    paid: claim.paid,
    patientResponsibility: claim.patientResponsibility,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    payer: { name: payer.name, ...(payer.id ? { id: payer.id } : {}) },
    ...(payment.date ? { paymentDate: payment.date } : {}),
    traceNumber: payment.traceNumber,
    adjustments: claim.adjustments.map((a) => ({ ...a })),
    remarks: [...claim.remarks],
    denials,
  };
}

function sameRemittance(a: LineRemittance | undefined, b: LineRemittance): boolean {
  return a !== undefined && JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

const normal = (r: LineRemittance) => ({ paid: r.paid, allowed: r.allowed ?? null, adjustments: r.adjustments.map((a) => [a.group, a.reason, a.amount, a.units ?? null]), remarks: r.remarks });

/** Applies every claim of `remittance` to `encounters` (see the module comment). */
export function applyRemittance(encounters: readonly CodedEncounter[], remittance: Remittance, options: ApplyOptions): ApplyResult {
  if (!options.by?.trim()) throw new Error('applyRemittance needs the name of who imports the remittance (by)');
  if (!options.fileHash?.trim()) throw new Error('applyRemittance needs the file hash (fileHash) for idempotency');
  const reasons = options.reasons ?? defaultReasons;
  const applied = new Set(options.appliedKeys ?? []);
  const index = indexEncounters(encounters);
  const current = new Map(encounters.map((e) => [e.id, e]));
  const result: ApplyResult = { updates: [], unmatched: [], suggested: [], alreadyApplied: [], conflicts: [] };

  for (const claim of remittance.claims) {
    const key = remittanceKey(options.fileHash, claim);
    const outcome = claimOutcome(claim, reasons);
    const info = summary(claim, remittance, outcome.denials);
    const confirmedId = options.confirmed?.[key];
    let match: ClaimMatch = confirmedId !== undefined ? { kind: 'matched', encounterId: confirmedId, by: 'confirmed' } : matchClaim(claim, index);
    if (match.kind === 'matched' && !current.has(match.encounterId)) match = { kind: 'unmatched', why: `the confirmed encounter ${match.encounterId} is not among the encounters given` };
    if (match.kind === 'unmatched') {
      result.unmatched.push({ key, claimId: claim.claimId, why: match.why, claim: info });
      continue;
    }
    if (match.kind === 'suggested') {
      result.suggested.push({ key, claimId: claim.claimId, encounterIds: match.encounterIds, why: match.why, claim: info });
      continue;
    }
    const encounter = current.get(match.encounterId)!;
    if (applied.has(key)) {
      result.alreadyApplied.push({ key, claimId: claim.claimId, encounterId: encounter.id });
      continue;
    }

    // A reversal takes back the money but leaves the lines' last adjudication in place for reference.
    const lines = matchServiceLines(claim, encounter);
    const lineRemittance: Record<string, LineRemittance> = {};
    if (outcome.status !== 'reversed') {
      for (const [i, lineId] of lines.lines) {
        const svc = claim.services[i]!;
        lineRemittance[lineId] = {
          paid: svc.paid,
          ...(svc.allowed !== undefined ? { allowed: svc.allowed } : {}),
          adjustments: svc.adjustments.map((a) => ({ group: a.group, reason: a.reason, amount: a.amount, ...(a.units !== undefined ? { units: a.units } : {}) })),
          remarks: [...svc.remarks],
        };
      }
    }
    const before = encounter.status;
    const after = outcome.status;
    const unchanged = before === after && Object.entries(lineRemittance).every(([id, r]) => sameRemittance(encounter.lines.find((l) => l.id === id)?.remittance, r));
    if (unchanged) {
      result.alreadyApplied.push({ key, claimId: claim.claimId, encounterId: encounter.id });
      continue;
    }
    if (before !== after && !canTransition(before, after)) {
      result.conflicts.push({ key, claimId: claim.claimId, encounterId: encounter.id, before, after, problem: `The remittance says ${after}, but an encounter cannot go from ${before} to ${after}; move it on (e.g. mark it sent) and import again.` });
      continue;
    }
    const next = encounterWithRemittance(encounter, { status: after, lineRemittance, ...(outcome.reason ? { reason: outcome.reason } : {}), by: options.by, at: options.at });
    current.set(next.id, next);
    result.updates.push({
      key,
      encounterId: encounter.id,
      claimId: claim.claimId,
      matchedBy: match.by,
      before,
      after,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      lineRemittance,
      unmatchedServices: lines.unmatchedServices.map((i) => {
        const s = claim.services[i]!;
        return { index: i, code: s.code, modifiers: s.modifiers, ...(s.date ? { date: s.date } : {}), billed: s.billed, paid: s.paid, ...(s.lineId ? { lineId: s.lineId } : {}) };
      }),
      claim: info,
      encounter: next,
    });
  }
  return result;
}
