import { afterEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { enqueuePush, pushStatus, recoverInFlight } from './outbox';

let db: CoderDB | undefined;
let n = 0;
const open = () => (db = new CoderDB(`push-outbox-test-${++n}`));
afterEach(async () => {
  await db?.delete();
  db = undefined;
});
const now = () => Date.parse('2026-11-27T09:00:00Z');

describe('enqueuePush', () => {
  it('queues each encounter once, however often it is asked', async () => {
    const db = open();
    expect(await enqueuePush(db, ['a', 'b', 'a'], { now })).toEqual({ queued: 2, alreadyQueued: 0, alreadySent: 0 });
    expect(await enqueuePush(db, ['a', 'b', 'c'], { now })).toEqual({ queued: 1, alreadyQueued: 2, alreadySent: 0 });
    expect(await db.pushOutbox.count()).toBe(3);
    expect(await db.pushOutbox.get('a')).toEqual({ encounterId: 'a', state: 'pending', attempts: 0, nextAttemptAt: '2026-11-27T09:00:00.000Z', updatedAt: '2026-11-27T09:00:00.000Z' });
  });

  it('leaves sent rows alone unless asked to resend, and gives failed rows a fresh start', async () => {
    const db = open();
    await db.pushOutbox.bulkPut([
      { encounterId: 's', state: 'sent', attempts: 1, nextAttemptAt: 'x', updatedAt: 'x', serverId: 'c1' },
      { encounterId: 'f', state: 'failed', attempts: 8, nextAttemptAt: 'x', updatedAt: 'x', lastError: 'HTTP 500' },
      { encounterId: 'i', state: 'in-flight', attempts: 2, nextAttemptAt: 'x', updatedAt: 'x' },
    ]);
    expect(await enqueuePush(db, ['s', 'f', 'i'], { now })).toEqual({ queued: 1, alreadyQueued: 1, alreadySent: 1 });
    expect(await db.pushOutbox.get('s')).toMatchObject({ state: 'sent', serverId: 'c1' });
    const failed = await db.pushOutbox.get('f');
    expect(failed).toMatchObject({ state: 'pending', attempts: 0 });
    expect(failed?.lastError).toBeUndefined();
    expect(await db.pushOutbox.get('i')).toMatchObject({ state: 'in-flight', attempts: 2 });
    expect(await enqueuePush(db, ['s'], { now, resend: true })).toEqual({ queued: 1, alreadyQueued: 0, alreadySent: 0 });
    expect(await db.pushOutbox.get('s')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('refuses an empty id with a clear message', async () => {
    await expect(enqueuePush(open(), ['a', ''])).rejects.toThrow(/without an id/);
  });
});

describe('recoverInFlight and pushStatus', () => {
  it('puts rows a stopped worker left in flight back to pending and counts by state', async () => {
    const db = open();
    await db.pushOutbox.bulkPut([
      { encounterId: 'a', state: 'in-flight', attempts: 3, nextAttemptAt: '2026-11-27T08:00:00.000Z', updatedAt: '2026-11-27T08:00:00.000Z' },
      { encounterId: 'b', state: 'sent', attempts: 1, nextAttemptAt: 'x', updatedAt: '2026-11-27T08:30:00.000Z', serverId: 'c' },
      { encounterId: 'c', state: 'failed', attempts: 1, nextAttemptAt: 'x', updatedAt: '2026-11-27T07:00:00.000Z', lastError: 'HTTP 400' },
    ]);
    expect(await recoverInFlight(db, now)).toBe(1);
    expect(await db.pushOutbox.get('a')).toMatchObject({ state: 'pending', attempts: 3, nextAttemptAt: '2026-11-27T09:00:00.000Z' });
    const status = await pushStatus(db);
    expect(status.counts).toEqual({ pending: 1, 'in-flight': 0, sent: 1, failed: 1 });
    expect(status.total).toBe(3);
    expect(status.rows.map((r) => r.encounterId)).toEqual(['a', 'b', 'c']);
  });
});
