import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimCheckEncounter } from '../../test/support/encounters';
import { CoderDB } from '../db/schema';
import { importDataKey } from '../encounter/crypto';
import { EncounterStore } from '../encounter/store';
import type { CodedEncounter } from '../encounter/types';
import { encountersTo835 } from '../remit/write-835';
import { importRemittance } from './remittance';

describe('importing an 835 into the queue', () => {
  let db: CoderDB;
  let store: EncounterStore;
  let sent: CodedEncounter[];
  beforeEach(async () => {
    db = new CoderDB(`queue-remit-${Math.random()}`);
    store = new EncounterStore(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))), { user: 'biller1' });
    const file = [1, 2, 3].map((n) =>
      claimCheckEncounter({ id: `00000000-0000-4000-8000-00000000000${n}`, claimId: `CC-R-${n}`, status: 'sent', statusHistory: [{ status: 'sent', at: '2026-05-05T10:00:00.000Z', by: 'biller1' }] }),
    );
    await store.importEncounters({ formatVersion: 1, encounters: file });
    sent = await store.list();
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const remit = () =>
    encountersTo835([
      { encounter: sent[0]!, outcome: { kind: 'paid' } },
      { encounter: sent[1]!, outcome: { kind: 'denied', reason: '11', remarks: ['M76'] } },
      { encounter: sent[2]!, outcome: { kind: 'partial', deniedLineIds: ['2'], reason: '151' } },
    ]);

  it('updates statuses, line adjustments and the claim remittance, and logs each as a remittance', async () => {
    const result = await importRemittance(store, sent, remit(), { fileName: 'era-0001.835', at: '2026-06-01T12:00:00.000Z' });
    expect(result.applied.map((u) => [u.claimId, u.after])).toEqual([
      ['CC-R-1', 'paid'],
      ['CC-R-2', 'denied'],
      ['CC-R-3', 'partially-paid'],
    ]);
    expect(result.balance).toEqual([]);
    const denied = (await store.get(sent[1]!.id))!;
    expect(denied.status).toBe('denied');
    expect(denied.statusHistory.at(-1)!.reason).toMatch(/CO-11/);
    expect(denied.remittance).toMatchObject({ statusCode: '4', paid: 0, fileName: 'era-0001.835' });
    expect(denied.lines[0]!.remittance!.adjustments[0]).toMatchObject({ group: 'CO', reason: '11' });
    const history = await store.history(denied.id);
    expect(history.at(-1)).toMatchObject({ action: 'remittance', by: 'biller1' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const text = remit();
    await importRemittance(store, sent, text, { fileName: 'era-0001.835' });
    const after = await store.list();
    const auditCount = (await store.allHistory()).length;
    const again = await importRemittance(store, after, text, { fileName: 'era-0001.835 (again)' });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(3);
    expect(await store.list()).toEqual(after);
    expect((await store.allHistory()).length).toBe(auditCount);
  });

  it('refuses a cut-off file with the segment and reason, and nothing stored changes', async () => {
    const text = remit();
    const cut = text.slice(0, text.indexOf('CLP*CC-R-3'));
    await expect(importRemittance(store, sent, cut, { fileName: 'cut.835' })).rejects.toThrow(/segment|IEA|SE/i);
    expect(await store.list()).toEqual(sent);
  });
});
