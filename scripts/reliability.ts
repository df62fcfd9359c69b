// Push reliability: does every queued encounter reach the billing team's FHIR server exactly once, when the
// worker is killed mid-push and when the server fails? Runs against a real FHIR server (Medplum's router in
// memory, over HTTP) and IndexedDB from fake-indexeddb. Prints a table and writes bench/reliability.json.
// Backoff waits run on a virtual clock (reported as "backoff waited"); request timeouts are real.
import 'fake-indexeddb/auto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoderDB } from '../lib/db/schema';
import type { CodedEncounter } from '../lib/encounter/types';
import { encounterToFhirBundle } from '../lib/export/fhir-bundle';
import { createFhirClient } from '../lib/push/fhir-client';
import { enqueuePush, pushStatus } from '../lib/push/outbox';
import { runPush, type PushDeps, type PushSummary } from '../lib/push/pusher';
import { fakeClock, seededRandom } from '../test/support/push';
import { syntheticEncounter } from '../test/support/encounters';
import { startFhirServer, type FhirServer, type FhirServerFaults } from '../test/support/fhir-server';

const TOKEN = 'reliability-token';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'reliability.json');

interface Count {
  queued: number;
  sent: number;
  failed: number;
  /** Queued encounters that are neither on the server nor clearly failed. */
  lost: number;
  /** Claim identifiers the server holds more than once. */
  duplicated: number;
  /** Failed rows whose Claim did reach the server (a resend would find it). */
  failedButOnServer: number;
  /** Patients, Encounters, Conditions… stored twice under one identifier. */
  duplicatedOtherResources: number;
}

async function count(db: CoderDB, server: FhirServer, encounters: CodedEncounter[]): Promise<Count> {
  await server.idle();
  const onServer = await server.claimIdentifierCounts();
  const rows = new Map((await db.pushOutbox.toArray()).map((r) => [r.encounterId, r]));
  const c: Count = { queued: encounters.length, sent: 0, failed: 0, lost: 0, duplicated: 0, failedButOnServer: 0, duplicatedOtherResources: 0 };
  for (const e of encounters) {
    const row = rows.get(e.id);
    const found = onServer.has(e.claimId);
    if (row?.state === 'sent' && found) c.sent++;
    else if (row?.state === 'failed' && row.lastError) {
      c.failed++;
      if (found) c.failedButOnServer++;
    } else if (!found) c.lost++;
    // Sent per the server but not per the outbox (or the reverse) is lost to the coder's view of it.
    else c.lost++;
  }
  c.duplicated = [...onServer.values()].filter((n) => n > 1).length;
  c.duplicatedOtherResources = await duplicatedResources(server);
  return c;
}

/** Resources other than Claims stored twice under one identifier (every entry of the Bundle is conditional). */
async function duplicatedResources(server: FhirServer): Promise<number> {
  let duplicates = 0;
  for (const resourceType of ['Patient', 'Practitioner', 'Organization', 'Coverage', 'Encounter', 'Condition'] as const) {
    const seen = new Map<string, number>();
    for (const r of await server.repo.searchResources({ resourceType, count: 1_000_000 })) {
      const ids = 'identifier' in r && Array.isArray(r.identifier) ? (r.identifier as { system?: string; value?: string }[]) : [];
      for (const id of ids) seen.set(`${id.system}|${id.value}`, (seen.get(`${id.system}|${id.value}`) ?? 0) + 1);
    }
    duplicates += [...seen.values()].filter((n) => n > 1).length;
  }
  return duplicates;
}

/** Synthetic encounter `n`: its own id, claim id and patient (MRN), so the server holds n of everything. */
function encounter(n: number): CodedEncounter {
  const base = syntheticEncounter();
  return { ...base, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, claimId: `CC${String(n).padStart(8, '0')}`, patient: { ...base.patient, mrn: `MRN${n}` } };
}

function setupEncounters(n: number, offset: number): { encounters: CodedEncounter[]; byId: Map<string, CodedEncounter> } {
  const encounters = Array.from({ length: n }, (_, i) => encounter(offset + i));
  return { encounters, byId: new Map(encounters.map((e) => [e.id, e])) };
}

function deps(server: FhirServer, byId: Map<string, CodedEncounter>, clock: ReturnType<typeof fakeClock>, extra: Partial<PushDeps> & { timeoutMs?: number } = {}): PushDeps {
  const { timeoutMs = 5000, ...rest } = extra;
  return {
    client: createFhirClient({ baseUrl: server.url, token: TOKEN, timeoutMs }),
    loadEncounter: async (id) => byId.get(id),
    buildBundle: (e) => encounterToFhirBundle(e),
    now: clock.now,
    sleep: clock.sleep,
    random: seededRandom(11),
    concurrency: 8,
    ...rest,
  };
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

async function queueScale(): Promise<Record<string, unknown>> {
  const db = new CoderDB('reliability-queue');
  const ids = Array.from({ length: 10_000 }, (_, i) => encounter(i).id);
  let t = performance.now();
  const first = await enqueuePush(db, ids);
  const queueMs = performance.now() - t;
  t = performance.now();
  const again = await enqueuePush(db, ids);
  const requeueMs = performance.now() - t;
  t = performance.now();
  const status = await pushStatus(db);
  const statusMs = performance.now() - t;
  await db.delete();
  return { queued: first.queued, requeuedAgain: again.queued, alreadyQueued: again.alreadyQueued, rows: status.total, pending: status.counts.pending, queueSeconds: seconds(queueMs), requeueSeconds: seconds(requeueMs), statusSeconds: seconds(statusMs) };
}

async function killMidPush(): Promise<Record<string, unknown>> {
  const n = 500;
  // Some answers are slow so requests are in flight at the kill; 5% of connections drop after the commit.
  const faults: FhirServerFaults = { delayMs: 150, delayRate: 0.6, dropAfterCommitRate: 0.05, seed: 21 };
  const server = await startFhirServer({ token: TOKEN, faults });
  const db = new CoderDB('reliability-kill');
  const { encounters, byId } = setupEncounters(n, 100_000);
  const clock = fakeClock();
  await enqueuePush(db, encounters.map((e) => e.id), { now: clock.now });
  const started = performance.now();

  const kill = new AbortController();
  let recorded = 0;
  const first = await runPush(db, deps(server, byId, clock, { signal: kill.signal, onProgress: () => ++recorded >= n * 0.4 && kill.abort() }));
  const atKill = await pushStatus(db);
  await server.idle();
  const committedAtKill = (await server.claimIdentifierCounts()).size;
  const droppedAtKill = server.dropped;

  const second = await runPush(db, deps(server, byId, clock));
  const wallMs = performance.now() - started;
  const result = await count(db, server, encounters);
  const requests = server.requests;
  await server.close();
  await db.delete();
  return {
    ...result,
    killedAfterOutcomes: recorded,
    atKill: { ...atKill.counts, committedOnServer: committedAtKill, droppedAfterCommit: droppedAtKill },
    recoveredInFlight: second.recovered,
    droppedAfterCommit: server.dropped,
    attempts: first.attempts + second.attempts,
    retries: first.retried + second.retried,
    serverRequests: requests,
    wallSeconds: seconds(wallMs),
    backoffWaitedSeconds: seconds(clock.slept()),
  };
}

async function failingServer(): Promise<Record<string, unknown>> {
  const n = 200;
  // 30% answered 500 (uncommitted); 4% answered after 1 s, past the client's 250 ms timeout (committed late).
  const faults: FhirServerFaults = { failRate: 0.3, delayMs: 1000, delayRate: 0.04, seed: 5 };
  const server = await startFhirServer({ token: TOKEN, faults });
  const db = new CoderDB('reliability-failing');
  const { encounters, byId } = setupEncounters(n, 200_000);
  const clock = fakeClock();
  await enqueuePush(db, encounters.map((e) => e.id), { now: clock.now });
  const started = performance.now();
  const retryCauses = { timeout: 0, http5xx: 0, other: 0 };
  const onProgress: PushDeps['onProgress'] = ({ row }) => {
    if (row.state !== 'pending') return;
    if (row.lastError?.includes('timed out')) retryCauses.timeout++;
    else if (/^HTTP 5\d\d/.test(row.lastError ?? '')) retryCauses.http5xx++;
    else retryCauses.other++;
  };
  const summary: PushSummary = await runPush(db, deps(server, byId, clock, { timeoutMs: 250, onProgress }));
  const wallMs = performance.now() - started;
  const result = await count(db, server, encounters);
  const status = await pushStatus(db);
  const requests = server.requests;
  await server.close();
  await db.delete();
  return {
    ...result,
    attempts: summary.attempts,
    retries: summary.retried,
    maxAttemptsUsed: Math.max(...status.rows.map((r) => r.attempts)),
    retryCauses,
    failedErrors: status.rows.filter((r) => r.state === 'failed').map((r) => r.lastError),
    serverRequests: requests,
    wallSeconds: seconds(wallMs),
    backoffWaitedSeconds: seconds(clock.slept()),
  };
}

async function main(): Promise<void> {
  const queue = await queueScale();
  const kill = await killMidPush();
  const failing = await failingServer();
  const results = { generatedAt: new Date().toISOString(), node: process.version, queue10k: queue, killMidPush500: kill, failingServer200: failing };

  console.log('\nOutbox: queue 10,000 encounters');
  console.table({ queue: queue });
  console.log('\nPush: lost and duplicated must both be 0');
  const row = (r: Record<string, unknown>) => ({
    queued: r.queued, sent: r.sent, failed: r.failed, lost: r.lost, duplicated: r.duplicated, 'dup. other': r.duplicatedOtherResources,
    attempts: r.attempts, retries: r.retries, 'wall s': r.wallSeconds, 'backoff s (virtual)': r.backoffWaitedSeconds,
  });
  console.table({ 'kill mid-push (500)': row(kill), 'failing server (200)': row(failing) });
  console.log('At the kill:', kill.atKill, '— recovered in-flight rows:', kill.recoveredInFlight);

  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nWrote ${OUT}`);
  const bad = [kill, failing].some((r) => r.lost !== 0 || r.duplicated !== 0 || r.duplicatedOtherResources !== 0);
  if (bad) {
    console.error('FAIL: an encounter was lost or duplicated');
    process.exitCode = 1;
  }
}

await main();
