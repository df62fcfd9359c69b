import type { CoderDB, PushOutboxRow } from '../db/schema';
import type { CodedEncounter } from '../encounter/types';
import type { FhirBundle, FhirClient, PushOutcome } from './fhir-client';
import { recoverInFlight, type PushState } from './outbox';

/**
 * Works through the push outbox: sends each due encounter's transaction Bundle, records the outcome, and
 * schedules retries with exponential backoff and full jitter. A row is marked 'in-flight' in IndexedDB
 * before its request leaves, so a worker stopped mid-push leaves a trace the next run picks up again.
 * Sending twice is harmless: the Bundle's creates are conditional (ifNoneExist on their identifiers).
 */

export interface PushDeps {
  client: FhirClient;
  /** Reads the encounter (from the encrypted store); undefined when it no longer exists. */
  loadEncounter: (encounterId: string) => Promise<CodedEncounter | undefined>;
  /** The FHIR transaction Bundle for an encounter (lib/export/fhir-bundle.ts). */
  buildBundle: (encounter: CodedEncounter) => FhirBundle;
  now?: () => number;
  /** Waits for backoff; should return early when `signal` aborts. Tests pass a fake that moves `now`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1), for the jitter. */
  random?: () => number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Attempts before a retryable failure becomes 'failed' (default 8). */
  maxAttempts?: number;
  /** Backoff base and cap (defaults 1 s and 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Stops the run as if the worker were killed: no new request starts, requests in flight are abandoned and
   * no outcome is recorded after the abort; their rows stay 'in-flight' until the next run puts them back.
   */
  signal?: AbortSignal;
  onProgress?: (progress: PushProgress) => void;
}

export interface PushSummary {
  /** Rows sent during this run. */
  sent: number;
  /** Rows that became 'failed' during this run (permanent error or out of attempts). */
  failed: number;
  /** Retryable failures rescheduled for another attempt. */
  retried: number;
  /** Rows still pending or in flight when the run ended (only after an abort or with rows never due). */
  pending: number;
  /** Requests started (attempts made) during this run. */
  attempts: number;
  /** 'in-flight' rows found at start (left by a stopped worker) and put back to pending. */
  recovered: number;
  aborted: boolean;
}

export interface PushProgress {
  row: PushOutboxRow;
  summary: PushSummary;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BASE_DELAY_MS = 1000;
export const DEFAULT_MAX_DELAY_MS = 5 * 60 * 1000;

/** Full jitter: a uniform wait between 0 and min(cap, base·2^(attempt−1)) (attempt counts from 1). */
export function backoffDelay(attempt: number, random: () => number, baseMs = DEFAULT_BASE_DELAY_MS, capMs = DEFAULT_MAX_DELAY_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export async function runPush(db: CoderDB, deps: PushDeps): Promise<PushSummary> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelay = deps.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelay = deps.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const signal = deps.signal;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`Push concurrency must be a whole number ≥ 1 (got ${concurrency})`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`Push maxAttempts must be a whole number ≥ 1 (got ${maxAttempts})`);

  const summary: PushSummary = { sent: 0, failed: 0, retried: 0, pending: 0, attempts: 0, recovered: 0, aborted: false };
  summary.recovered = await recoverInFlight(db, now);
  const iso = (): string => new Date(now()).toISOString();

  const report = (row: PushOutboxRow): void => {
    try {
      deps.onProgress?.({ row, summary: { ...summary } });
    } catch {
      // A broken progress display must not stop the push.
    }
  };

  /** Marks the row in flight (counting the attempt) if it is still pending; undefined when someone else has it. */
  const claim = (encounterId: string): Promise<PushOutboxRow | undefined> =>
    db.transaction('rw', db.pushOutbox, async () => {
      const row = await db.pushOutbox.get(encounterId);
      if (!row || row.state !== 'pending') return undefined;
      const claimed: PushOutboxRow = { ...row, state: 'in-flight', attempts: row.attempts + 1, updatedAt: iso() };
      await db.pushOutbox.put(claimed);
      return claimed;
    });

  const attempt = async (row: PushOutboxRow): Promise<PushOutcome> => {
    let encounter: CodedEncounter | undefined;
    try {
      encounter = await deps.loadEncounter(row.encounterId);
    } catch (err) {
      // A locked or busy store may answer later.
      return { kind: 'retryable', error: `Could not read the encounter from the local store: ${errorText(err)}` };
    }
    if (!encounter) return { kind: 'permanent', error: 'The encounter is no longer in the local store' };
    let bundle: FhirBundle;
    try {
      bundle = deps.buildBundle(encounter);
    } catch (err) {
      return { kind: 'permanent', error: `Could not build the FHIR Bundle: ${errorText(err)}` };
    }
    if (signal?.aborted) return { kind: 'aborted' };
    try {
      return await deps.client.sendTransaction(bundle, signal);
    } catch (err) {
      return { kind: 'retryable', error: `The FHIR client failed: ${errorText(err)}` };
    }
  };

  const record = (claimed: PushOutboxRow, outcome: Exclude<PushOutcome, { kind: 'aborted' }>): Promise<PushOutboxRow | undefined> =>
    db.transaction('rw', db.pushOutbox, async () => {
      const current = await db.pushOutbox.get(claimed.encounterId);
      // The row was re-queued or deleted meanwhile (or another run sent it): only a success is still worth keeping.
      const stillOurs = current?.state === 'in-flight' && current.attempts === claimed.attempts;
      if (!stillOurs && (outcome.kind !== 'success' || !current)) return undefined;
      const base = current ?? claimed;
      const at = iso();
      let next: PushOutboxRow;
      if (outcome.kind === 'success') {
        const { lastError: _cleared, ...rest } = base;
        next = { ...rest, state: 'sent', serverId: outcome.serverId, nextAttemptAt: at, updatedAt: at };
        summary.sent++;
      } else if (outcome.kind === 'permanent') {
        next = { ...base, state: 'failed', lastError: outcome.error, nextAttemptAt: at, updatedAt: at };
        summary.failed++;
      } else if (base.attempts >= maxAttempts) {
        next = { ...base, state: 'failed', lastError: `Gave up after ${base.attempts} attempts; last error: ${outcome.error}`, nextAttemptAt: at, updatedAt: at };
        summary.failed++;
      } else {
        const wait = Math.max(backoffDelay(base.attempts, random, baseDelay, maxDelay), outcome.retryAfterMs ?? 0);
        next = { ...base, state: 'pending', lastError: outcome.error, nextAttemptAt: new Date(now() + wait).toISOString(), updatedAt: at };
        summary.retried++;
      }
      await db.pushOutbox.put(next);
      return next;
    });

  const pushOne = async (encounterId: string): Promise<void> => {
    const claimed = await claim(encounterId);
    if (!claimed) return;
    summary.attempts++;
    const outcome = await attempt(claimed);
    // Stopped: write nothing more, as a killed worker could not. The row stays 'in-flight' and the next run
    // sends it again (a conditional create, so a Claim the server already committed is found, not doubled).
    if (outcome.kind === 'aborted' || signal?.aborted) return;
    const saved = await record(claimed, outcome);
    if (saved) report(saved);
  };

  const active = new Map<string, Promise<void>>();
  let fatal: unknown;
  const start = (encounterId: string): void => {
    const job = pushOne(encounterId)
      .catch((err: unknown) => {
        fatal ??= err;
      })
      .finally(() => active.delete(encounterId));
    active.set(encounterId, job);
  };

  while (!signal?.aborted && fatal === undefined) {
    const free = concurrency - active.size;
    const due = free > 0 ? await dueRows(db, iso(), free, active) : [];
    for (const id of due) start(id);
    if (due.length > 0 && due.length === free) continue;
    // Nothing more to start now. With requests in flight, wait for one to finish (a slot opens and due rows
    // are looked for again); otherwise sleep until the earliest pending row comes due, or stop if there is none.
    if (active.size > 0) {
      await Promise.race(active.values());
      continue;
    }
    if (due.length > 0) continue;
    const nextAt = await nextPendingAt(db);
    if (nextAt === undefined) break;
    await sleep(Math.max(0, nextAt - now()), signal);
  }
  summary.aborted = !!signal?.aborted;
  await Promise.allSettled([...active.values()]);
  if (fatal !== undefined) throw fatal;
  summary.pending = await db.pushOutbox.where('state').anyOf(['pending', 'in-flight'] satisfies PushState[]).count();
  return summary;
}

/** Pending rows due by `nowIso` that this run is not already sending. */
async function dueRows(db: CoderDB, nowIso: string, limit: number, active: Map<string, unknown>): Promise<string[]> {
  const rows = await db.pushOutbox
    .where('state')
    .equals('pending')
    .filter((row) => row.nextAttemptAt <= nowIso && !active.has(row.encounterId))
    .limit(limit)
    .toArray();
  return rows.map((row) => row.encounterId);
}

/** When the earliest pending row comes due (ms), or undefined when none is pending. */
async function nextPendingAt(db: CoderDB): Promise<number | undefined> {
  let earliest: string | undefined;
  await db.pushOutbox
    .where('state')
    .equals('pending')
    .each((row) => {
      if (earliest === undefined || row.nextAttemptAt < earliest) earliest = row.nextAttemptAt;
    });
  return earliest === undefined ? undefined : Date.parse(earliest);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
