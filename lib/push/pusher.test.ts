// The pusher against a real FHIR server (Medplum's router in memory, over HTTP), with its faults.
import { afterEach, describe, expect, it } from 'vitest';
import { startFhirServer, type FhirServer, type FhirServerOptions } from '../../test/support/fhir-server';
import { syntheticEncounter } from '../../test/support/encounters';
import { CoderDB } from '../db/schema';
import type { CodedEncounter } from '../encounter/types';
import { encounterToFhirBundle } from '../export/fhir-bundle';
import { createFhirClient } from './fhir-client';
import { enqueuePush, pushStatus } from './outbox';
import { backoffDelay, runPush, type PushDeps } from './pusher';
import { fakeClock, seededRandom, simpleClaimBundle } from '../../test/support/push';

const TOKEN = 'test-token';

/** Encounter `n`: the shared synthetic visit with its own id and claim id (the same patient throughout). */
function encounter(n: number): CodedEncounter {
  return syntheticEncounter({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, claimId: `CC${String(n).padStart(8, '0')}` });
}
const buildBundle = (e: CodedEncounter) => encounterToFhirBundle(e);
let server: FhirServer | undefined;
let db: CoderDB | undefined;
let dbCount = 0;

afterEach(async () => {
  await server?.close();
  await db?.delete();
  server = undefined;
  db = undefined;
});

/** A server, a fresh outbox with `n` encounters queued, and the deps to push them with a fake clock. */
async function setup(n: number, serverOptions: FhirServerOptions = {}, deps: Partial<PushDeps> & { timeoutMs?: number } = {}) {
  server = await startFhirServer({ token: TOKEN, ...serverOptions });
  db = new CoderDB(`push-pusher-test-${++dbCount}`);
  const encounters = Array.from({ length: n }, (_, i) => encounter(i + 1));
  const byId = new Map<string, CodedEncounter>(encounters.map((e) => [e.id, e]));
  const clock = fakeClock();
  await enqueuePush(db, encounters.map((e) => e.id), { now: clock.now });
  const makeDeps = (extra: Partial<PushDeps> = {}): PushDeps => ({
    client: createFhirClient({ baseUrl: server!.url, token: TOKEN, timeoutMs: deps.timeoutMs ?? 5000 }),
    loadEncounter: async (id) => byId.get(id),
    buildBundle,
    now: clock.now,
    sleep: clock.sleep,
    random: seededRandom(7),
    ...deps,
    ...extra,
  });
  return { server, db, encounters, byId, clock, makeDeps };
}

/** Claims on the server per claim id; checked once the server has finished every request it accepted. */
async function serverClaims(s: FhirServer): Promise<Map<string, number>> {
  await s.idle();
  return s.claimIdentifierCounts();
}

describe('runPush', () => {
  it('a corrected claim sent again replaces the server copy instead of being ignored, still one Claim', async () => {
    const { server, db, encounters, byId, makeDeps } = await setup(1);
    await runPush(db, makeDeps());
    const original = encounters[0]!;
    const corrected = { ...original, diagnoses: [{ code: 'E11.9' }, ...original.diagnoses.slice(1)], lines: original.lines.map((l) => ({ ...l, modifiers: ['25'] })) };
    byId.set(original.id, corrected);
    await enqueuePush(db, [original.id], { resend: true });
    expect(await runPush(db, makeDeps())).toMatchObject({ sent: 1 });
    const claims = await server.claims();
    expect(claims).toHaveLength(1);
    expect(claims[0]!.item![0]!.modifier?.[0]?.coding?.[0]?.code).toBe('25');
    expect(JSON.stringify(claims[0]!.diagnosis)).toContain('E11.9');
  });

  it('pushes N encounters as N Claims, records their server ids, and a repeat adds none', async () => {
    const { server, db, encounters, makeDeps } = await setup(12);
    const summary = await runPush(db, makeDeps());
    expect(summary).toMatchObject({ sent: 12, failed: 0, retried: 0, pending: 0, attempts: 12 });
    const claims = await server.claims();
    expect(claims).toHaveLength(12);
    const status = await pushStatus(db);
    expect(status.counts).toEqual({ pending: 0, 'in-flight': 0, sent: 12, failed: 0 });
    const idByClaimId = new Map(claims.map((c) => [c.identifier![0]!.value, c.id]));
    for (const e of encounters) expect((await db.pushOutbox.get(e.id))?.serverId).toBe(idByClaimId.get(e.claimId));

    // Queuing again is a no-op for sent rows; an explicit resend sends again and finds the same Claims.
    expect(await enqueuePush(db, encounters.map((e) => e.id))).toMatchObject({ queued: 0, alreadySent: 12 });
    expect(await runPush(db, makeDeps())).toMatchObject({ sent: 0, attempts: 0 });
    await enqueuePush(db, encounters.map((e) => e.id), { resend: true });
    expect(await runPush(db, makeDeps())).toMatchObject({ sent: 12, attempts: 12 });
    expect(await server.claims()).toHaveLength(12);
    for (const e of encounters) expect((await db.pushOutbox.get(e.id))?.serverId).toBe(idByClaimId.get(e.claimId));
  });

  it('retries through a server that fails 3 times and then recovers', async () => {
    const { server, db, clock, makeDeps } = await setup(5, { faults: { failNext: 3 } });
    const summary = await runPush(db, makeDeps({ concurrency: 1 }));
    expect(summary).toMatchObject({ sent: 5, failed: 0, retried: 3, pending: 0, attempts: 8 });
    expect(clock.slept()).toBeGreaterThan(0);
    expect([...(await serverClaims(server)).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('fails a permanently refused encounter at once with the server message and still sends the others', async () => {
    // Medplum in strict transaction mode refuses more than 8 conditional entries (400); the small test
    // Bundle has 7 for two diagnoses, 10 for five.
    const { server, db, byId, encounters, makeDeps } = await setup(4, { transactions: true });
    const big = encounters[2]!;
    byId.set(big.id, { ...big, diagnoses: ['E11.9', 'I10', 'E78.5', 'J45.909', 'M54.50'].map((code) => ({ code })) });
    const summary = await runPush(db, makeDeps({ buildBundle: simpleClaimBundle }));
    expect(summary).toMatchObject({ sent: 3, failed: 1, retried: 0, pending: 0, attempts: 4 });
    const row = await db.pushOutbox.get(big.id);
    expect(row?.state).toBe('failed');
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBe('HTTP 400 Bad Request: Transaction requires strict isolation but has too many entries');
    expect((await serverClaims(server)).size).toBe(3);
  });

  it('retries a request that timed out, and the late commit does not duplicate the Claim', async () => {
    const { server, db, makeDeps } = await setup(3, { faults: { delayMs: 1000, delayNext: 1 } }, { timeoutMs: 200 });
    const summary = await runPush(db, makeDeps({ concurrency: 1 }));
    expect(summary).toMatchObject({ sent: 3, failed: 0, retried: 1, pending: 0, attempts: 4 });
    const counts = await serverClaims(server);
    expect(counts.size).toBe(3);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it('honours Retry-After on a 429', async () => {
    const { db, clock, makeDeps } = await setup(1, { faults: { throttleNext: 1, retryAfterSeconds: 120 } });
    const summary = await runPush(db, makeDeps());
    expect(summary).toMatchObject({ sent: 1, retried: 1 });
    expect(clock.slept()).toBeGreaterThanOrEqual(120_000);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { server, db, encounters, makeDeps } = await setup(1, { faults: { failRate: 1 } });
    const summary = await runPush(db, makeDeps({ maxAttempts: 3 }));
    expect(summary).toMatchObject({ sent: 0, failed: 1, retried: 2, attempts: 3, pending: 0 });
    expect(server.requests).toBe(3);
    const row = await db.pushOutbox.get(encounters[0]!.id);
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row?.lastError).toBe('Gave up after 3 attempts; last error: HTTP 500 Internal Server Error: Injected failure (500)');
  });

  it('fails with a clear message when the token is wrong, without retrying', async () => {
    const { db, makeDeps, server } = await setup(2);
    const summary = await runPush(db, makeDeps({ client: createFhirClient({ baseUrl: server.url, token: 'stale-token' }) }));
    expect(summary).toMatchObject({ sent: 0, failed: 2, retried: 0, attempts: 2 });
    const { rows } = await pushStatus(db);
    for (const row of rows) expect(row.lastError).toMatch(/refused the credentials \(HTTP 401 Unauthorized: Invalid or missing bearer token\); check the endpoint token/);
    expect(await server.claims()).toHaveLength(0);
  });

  it('fails an encounter missing from the store or unbuildable, and keeps going', async () => {
    const { db, byId, encounters, makeDeps } = await setup(3);
    byId.delete(encounters[0]!.id);
    byId.set(encounters[1]!.id, { ...encounters[1]!, diagnoses: [] });
    const summary = await runPush(db, makeDeps());
    expect(summary).toMatchObject({ sent: 1, failed: 2 });
    expect((await db.pushOutbox.get(encounters[0]!.id))?.lastError).toBe('The encounter is no longer in the local store');
    expect((await db.pushOutbox.get(encounters[1]!.id))?.lastError).toMatch(/^Could not build the FHIR Bundle: .*diagnos/i);
  });

  it('survives being killed mid-push: a fresh runner finishes with exactly N Claims', async () => {
    const n = 30;
    // Slow answers keep requests in flight when the worker dies; a few connections drop after the commit.
    const { server, db, makeDeps } = await setup(n, { faults: { delayMs: 150, dropAfterCommitRate: 0.15, seed: 3 } });
    const kill = new AbortController();
    let outcomes = 0;
    const first = await runPush(db, makeDeps({ signal: kill.signal, onProgress: () => ++outcomes === 10 && kill.abort() }));
    expect(first.aborted).toBe(true);
    expect(first.pending).toBeGreaterThan(0);
    const inFlight = (await pushStatus(db)).counts['in-flight'];
    expect(inFlight).toBeGreaterThan(0);
    // The abandoned requests still reach the server and commit: more Claims exist than rows say 'sent'.
    const committed = (await serverClaims(server)).size;
    expect(committed).toBeGreaterThan((await pushStatus(db)).counts.sent);

    const second = await runPush(db, makeDeps());
    expect(second.recovered).toBe(inFlight);
    expect(second.pending).toBe(0);
    expect((await pushStatus(db)).counts).toEqual({ pending: 0, 'in-flight': 0, sent: n, failed: 0 });
    const counts = await serverClaims(server);
    expect(counts.size).toBe(n);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(server.dropped).toBeGreaterThan(0);
  });

  it('refuses nonsensical options', async () => {
    const { db, makeDeps } = await setup(1);
    await expect(runPush(db, makeDeps({ concurrency: 0 }))).rejects.toThrow(/concurrency/);
  });
});

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling capped at 5 minutes', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(999);
    expect(backoffDelay(4, () => 0.5)).toBe(4000);
    expect(backoffDelay(30, () => 0.999)).toBe(299_700);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});
