/**
 * Importing an 835 remittance into the queue: read the whole file first (a malformed or partial file is
 * refused with its segment and reason before anything is written), match each claim payment to its
 * encounter, then write every matched encounter's new status, line adjustments and claim-level
 * remittance in one transaction. Each applied claim's key is kept on the encounter, so importing the same
 * file again changes nothing.
 */
import type { EncounterStore } from '../encounter/store';
import type { ClaimRemittance, CodedEncounter } from '../encounter/types';
import { applyRemittance, type ApplyResult, type RemittanceUpdate } from '../remit/apply';
import { parse835 } from '../remit/parse-835';
import { reconcile, type BalanceProblem } from '../remit/reconcile';

export interface RemittanceImport {
  fileName: string;
  fileHash: string;
  claims: number;
  applied: RemittanceUpdate[];
  alreadyApplied: ApplyResult['alreadyApplied'];
  /** Matched only by patient, date and charge: shown for the biller to confirm, then imported again. */
  suggested: ApplyResult['suggested'];
  unmatched: ApplyResult['unmatched'];
  conflicts: ApplyResult['conflicts'];
  /** Totals that do not add up (billed ≠ paid + adjustments + patient share): flagged, not refused. */
  balance: BalanceProblem[];
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function claimRemittance(update: RemittanceUpdate, at: string, fileName: string): ClaimRemittance {
  const c = update.claim;
  return {
    statusCode: c.statusCode,
    billed: c.billed,
    paid: c.paid,
    patientResponsibility: c.patientResponsibility,
    payerClaimControlNumber: c.payerClaimControlNumber,
    ...(c.paymentDate ? { paymentDate: c.paymentDate } : {}),
    traceNumber: c.traceNumber,
    adjustments: c.adjustments.map((a) => ({ group: a.group, reason: a.reason, amount: a.amount, ...(a.units !== undefined ? { units: a.units } : {}) })),
    remarks: c.remarks,
    importedAt: at,
    fileName,
  };
}

/**
 * Imports one 835. `encounters` is the queue as the page holds it (decrypted); `confirmed` maps suggested
 * claim keys to the encounter the biller picked.
 */
export async function importRemittance(
  store: EncounterStore,
  encounters: readonly CodedEncounter[],
  text: string,
  options: { fileName: string; by?: string; at?: string; confirmed?: Record<string, string> },
): Promise<RemittanceImport> {
  const remittance = parse835(text);
  const fileHash = await sha256Hex(text);
  const at = options.at ?? new Date().toISOString();
  const by = options.by ?? store.user;
  const appliedKeys = encounters.flatMap((e) => e.remittanceKeys ?? []);
  const result = applyRemittance(encounters, remittance, { by, at, fileHash, appliedKeys, ...(options.confirmed ? { confirmed: options.confirmed } : {}) });
  const byId = new Map(result.updates.map((u) => [u.encounterId, u]));
  if (byId.size) {
    await store.bulkApply(
      [...byId.keys()],
      (current) => {
        const u = byId.get(current.id)!;
        return { ...u.encounter, remittance: claimRemittance(u, at, options.fileName), remittanceKeys: [...(current.remittanceKeys ?? []), u.key] };
      },
      {
        by,
        action: 'remittance',
        detailFor: (e) => {
          const u = byId.get(e.id)!;
          return `${options.fileName}: ${u.before} → ${u.after}${u.reason ? ` (${u.reason})` : ''}`;
        },
      },
    );
  }
  return {
    fileName: options.fileName,
    fileHash,
    claims: remittance.claims.length,
    applied: result.updates,
    alreadyApplied: result.alreadyApplied,
    suggested: result.suggested,
    unmatched: result.unmatched,
    conflicts: result.conflicts,
    balance: reconcile(remittance).problems,
  };
}
