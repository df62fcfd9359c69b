import Dexie from 'dexie';
import { X12Parser } from 'node-x12';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFromCatalog } from '../claims';
import { testCatalog } from '../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../test/support/encounters';
import { CoderDB } from '../db/schema';
import { importDataKey } from '../encounter/crypto';
import { EncounterStore } from '../encounter/store';
import type { CodedEncounter } from '../encounter/types';
import { exportEncounters, moveEncounters } from './actions';
import { DEFAULT_PRACTICE_SETTINGS, savePracticeSettings } from './practice-settings';

const source = contextFromCatalog(testCatalog());

describe('queue actions', () => {
  let db: CoderDB;
  let store: EncounterStore;
  beforeEach(async () => {
    db = new CoderDB(`queue-actions-${Math.random()}`);
    store = new EncounterStore(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))), { user: 'biller1' });
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const add = async (changes: Partial<CodedEncounter>) => {
    const { id: _i, claimId: _c, status: _s, statusHistory: _h, createdAt: _a, updatedAt: _u, ...rest } = claimCheckEncounter(changes);
    return store.create(rest);
  };
  const x12Settings = () => savePracticeSettings(db, { ...DEFAULT_PRACTICE_SETTINGS, user: 'biller1', x12: { senderId: 'SUBMITTER1', senderName: 'Synthetic Practice', receiverId: 'CLEARINGHS', receiverName: 'Synthetic Clearinghouse', contactName: 'Billing Desk', contactPhone: '5555550100', usage: 'T' } });

  it('marks ready only encounters whose checks pass, and refuses the rest with the reason', async () => {
    const clean = await add({});
    const broken = await add({ diagnoses: [{ code: 'E11' }] }); // a category header: not billable
    await expect(moveEncounters(store, [clean, broken], 'ready', { source, all: [clean, broken] })).rejects.toThrow();
    // One transaction: the clean one did not move either.
    expect((await store.get(clean.id))?.status).toBe('draft');
    await moveEncounters(store, [clean], 'ready', { source, all: [clean, broken] });
    expect((await store.get(clean.id))?.status).toBe('ready');
  });

  it('exports 837P that an independent parser reads, moves ready → exported and logs it', async () => {
    await x12Settings();
    const e = await moveEncounters(store, [await add({})], 'ready', { source, all: [] });
    const file = await exportEncounters(db, store, e, '837p', { source, all: e });
    const interchange = new X12Parser(true).parse(file.text) as { header: { elements: { value: string }[] } };
    expect(Number(interchange.header.elements[12]!.value)).toBe(1);
    expect(file.text).toContain('*000000001*');
    expect(file.moved).toEqual([{ id: e[0]!.id, to: 'exported' }]);
    expect((await store.get(e[0]!.id))?.status).toBe('exported');
    expect((await store.history(e[0]!.id)).map((h) => h.action)).toContain('exported');
    // The next file gets the next control number.
    const again = await exportEncounters(db, store, await store.list(), 'csv', { source, all: [] });
    expect(again.text.split('\r\n')[1]).toContain(e[0]!.claimId);
  });

  it('a failed export changes nothing in the queue', async () => {
    // No 837P envelope settings yet: the export is refused before any status moves.
    const e = await moveEncounters(store, [await add({})], 'ready', { source, all: [] });
    await expect(exportEncounters(db, store, e, '837p', { source, all: e })).rejects.toThrow(/submitter/);
    expect((await store.get(e[0]!.id))?.status).toBe('ready');
    expect((await store.history(e[0]!.id)).map((h) => h.action)).not.toContain('exported');
    // A claim that cannot be formed (pointer to a missing diagnosis) is refused too.
    await x12Settings();
    const bad = await store.update(e[0]!.id, (x) => void (x.lines[0]!.pointers = [9]));
    await expect(exportEncounters(db, store, [bad], '837p', { source, all: [bad] })).rejects.toThrow();
    expect((await store.get(bad.id))?.status).toBe('ready');
  });

  it('a corrected claim goes out again as resent, with the whole trail in the audit log', async () => {
    await x12Settings();
    let [e] = await moveEncounters(store, [await add({})], 'ready', { source, all: [] });
    await exportEncounters(db, store, [e!], 'fhir', { source, all: [] });
    [e] = await moveEncounters(store, [(await store.get(e!.id))!], 'rejected', { source, all: [], reason: 'CO-16 missing information' });
    [e] = await moveEncounters(store, [e!], 'corrected', { source, all: [] });
    await exportEncounters(db, store, [e!], '837p', { source, all: [] });
    const final = (await store.get(e!.id))!;
    expect(final.statusHistory.map((s) => s.status)).toEqual(['draft', 'ready', 'exported', 'rejected', 'corrected', 'resent']);
    expect(final.statusHistory[3]).toMatchObject({ reason: 'CO-16 missing information', by: 'biller1' });
  });
});
