import type { CoderDB } from '../db/schema';
import type { PushOutboxRow } from '../db/schema';

/**
 * The push outbox: one row per encounter in db.pushOutbox saying where its push stands. Rows live in
 * IndexedDB so a push survives the service worker being stopped at any moment.
 */

export type PushState = PushOutboxRow['state'];
export const PUSH_STATES: readonly PushState[] = ['pending', 'in-flight', 'sent', 'failed'];

export interface EnqueueOptions {
  /** Queue again encounters already sent (a deliberate resend). Without it a 'sent' row is left alone. */
  resend?: boolean;
  now?: () => number;
}

export interface EnqueueResult {
  /** New rows, plus failed (or, with resend, sent) rows put back to pending. */
  queued: number;
  /** Already pending or in flight: left as they are. */
  alreadyQueued: number;
  /** Already sent and not asked to resend. */
  alreadySent: number;
}

/**
 * Queues encounters for pushing. Idempotent: queuing the same ids again changes nothing for rows that are
 * pending or in flight; a failed row starts over with fresh attempts; a sent row only with `resend`.
 */
export async function enqueuePush(db: CoderDB, encounterIds: Iterable<string>, options: EnqueueOptions = {}): Promise<EnqueueResult> {
  const ids = [...new Set(encounterIds)];
  for (const id of ids) {
    if (typeof id !== 'string' || id.length === 0) throw new Error(`Cannot queue an encounter without an id (got ${JSON.stringify(id)})`);
  }
  const nowIso = new Date((options.now ?? Date.now)()).toISOString();
  const result: EnqueueResult = { queued: 0, alreadyQueued: 0, alreadySent: 0 };
  await db.transaction('rw', db.pushOutbox, async () => {
    const existing = await db.pushOutbox.bulkGet(ids);
    const writes: PushOutboxRow[] = [];
    existing.forEach((row, i) => {
      const encounterId = ids[i]!;
      if (row && (row.state === 'pending' || row.state === 'in-flight')) result.alreadyQueued++;
      else if (row && row.state === 'sent' && !options.resend) result.alreadySent++;
      else {
        result.queued++;
        writes.push({ encounterId, state: 'pending', attempts: 0, nextAttemptAt: nowIso, updatedAt: nowIso });
      }
    });
    await db.pushOutbox.bulkPut(writes);
  });
  return result;
}

/**
 * Puts rows left 'in-flight' (the worker stopped mid-push) back to 'pending', due now. Safe because every
 * create in the Bundle is conditional: if the server did commit, sending again finds the same Claim.
 */
export async function recoverInFlight(db: CoderDB, now: () => number = Date.now): Promise<number> {
  const nowIso = new Date(now()).toISOString();
  return db.pushOutbox.where('state').equals('in-flight').modify({ state: 'pending', nextAttemptAt: nowIso, updatedAt: nowIso });
}

export interface PushStatus {
  counts: Record<PushState, number>;
  total: number;
  /** Every row, most recently changed first. */
  rows: PushOutboxRow[];
}

/** What the UI shows: counts by state and each encounter's row (attempts, next try, last error, server id). */
export async function pushStatus(db: CoderDB): Promise<PushStatus> {
  const rows = await db.pushOutbox.toArray();
  const counts: Record<PushState, number> = { pending: 0, 'in-flight': 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.state]++;
  rows.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.encounterId.localeCompare(b.encounterId)));
  return { counts, total: rows.length, rows };
}
