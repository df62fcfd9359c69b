import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { DecryptionError, importDataKey } from './crypto';
import { BulkTransitionError, EncounterNotFoundError, EncounterStore } from './store';
import { draftEncounter } from '../../test/support/encounters';
import { ENCOUNTER_FILE_FORMAT_VERSION, type CodedEncounter } from './types';
import { InvalidEncounterError } from './validate';
import { InvalidTransitionError } from './workflow';

function newEncounter(overrides: Partial<CodedEncounter> = {}) {
  const { id: _id, claimId: _claimId, status: _status, statusHistory: _history, createdAt: _c, updatedAt: _u, ...rest } = draftEncounter(overrides);
  return { ...rest };
}

describe('EncounterStore', () => {
  let db: CoderDB;
  let store: EncounterStore;
  let tick: number;

  beforeEach(async () => {
    db = new CoderDB(`encounters-${Math.random()}`);
    tick = 0;
    const now = () => new Date(Date.UTC(2026, 2, 5, 12, 0, tick++)).toISOString();
    store = new EncounterStore(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))), { user: 'coder1', now });
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const rowOf = (id: string) => db.encounters.get(id);

  describe('create and read', () => {
    it('fills id, claim id, draft status and history, and keeps only id, status and time in the clear', async () => {
      const created = await store.create(newEncounter());
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.claimId).toMatch(/^[A-Z0-9]{1,20}$/);
      expect(created.status).toBe('draft');
      expect(created.statusHistory).toEqual([{ status: 'draft', at: created.createdAt, by: 'coder1' }]);
      const row = (await rowOf(created.id))!;
      expect(Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'status', 'updatedAt']);
      expect(row).toMatchObject({ status: 'draft', updatedAt: created.updatedAt });
      expect(new TextDecoder().decode(row.data)).not.toContain('Testperson');
      expect(await store.get(created.id)).toEqual(created);
      expect((await store.history(created.id)).map((e) => [e.action, e.by])).toEqual([['created', 'coder1']]);
    });

    it('gives every new encounter its own claim id', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) ids.add((await store.create(newEncounter())).claimId);
      expect(ids.size).toBe(20);
    });

    it('refuses a malformed encounter with the reasons and stores nothing', async () => {
      const bad = { ...newEncounter(), dateOfService: '03/02/2026', lines: [{ id: '1', system: 'icd10cm' }] } as unknown as CodedEncounter;
      const attempt = store.create(bad);
      await expect(attempt).rejects.toBeInstanceOf(InvalidEncounterError);
      await expect(store.create(bad)).rejects.toThrow(/dateOfService must be a YYYY-MM-DD date; lines\[0\]\.system must be cpt or hcpcs/);
      expect(await db.encounters.count()).toBe(0);
      expect(await db.auditLog.count()).toBe(0);
    });

    it('starts new encounters as drafts only', async () => {
      await expect(store.create(draftEncounter({ status: 'paid' }))).rejects.toThrow(/starts as a draft, not paid/);
      expect(await store.count()).toBe(0);
    });

    it('refuses an id already stored', async () => {
      await store.create(draftEncounter());
      await expect(store.create(draftEncounter({ note: 'other' }))).rejects.toThrow(/already exists/);
      expect((await store.get('enc-1'))?.note).toBeUndefined();
    });

    it('lists every encounter decrypted, across batches', async () => {
      const small = new EncounterStore(db, (store as unknown as { key: CryptoKey }).key, { user: 'coder1', batchSize: 7 });
      for (let i = 0; i < 30; i++) await small.create(draftEncounter({ id: `e${String(i).padStart(2, '0')}`, claimId: `C${i}` }));
      const all = await small.list();
      expect(all.map((e) => e.claimId)).toEqual(Array.from({ length: 30 }, (_, i) => `C${i}`));
      expect(await small.count()).toBe(30);
    });

    it('lists by status through the clear index', async () => {
      await store.importEncounters([draftEncounter({ id: 'a' }), draftEncounter({ id: 'b', status: 'sent' })]);
      expect((await store.listByStatus(['sent'])).map((e) => e.id)).toEqual(['b']);
    });

    it('will not open a ciphertext moved onto another encounter row', async () => {
      await store.create(draftEncounter({ id: 'a' }));
      const row = (await rowOf('a'))!;
      await db.encounters.put({ ...row, id: 'b' });
      await expect(store.get('b')).rejects.toBeInstanceOf(DecryptionError);
    });
  });

  describe('update', () => {
    it('writes a new ciphertext and an audit entry with the field changes', async () => {
      await store.create(draftEncounter());
      const before = (await rowOf('enc-1'))!;
      const updated = await store.update('enc-1', (e) => {
        e.diagnoses[1]!.code = 'I12.9';
        e.lines[0]!.modifiers.push('25');
      }, { by: 'reviewer' });
      expect(updated.diagnoses[1]!.code).toBe('I12.9');
      expect(updated.updatedAt > before.updatedAt).toBe(true);
      const after = (await rowOf('enc-1'))!;
      expect(after.iv).not.toEqual(before.iv);
      expect(after.updatedAt).toBe(updated.updatedAt);
      const last = (await store.history('enc-1')).at(-1)!;
      expect(last).toMatchObject({ action: 'edited', by: 'reviewer', encounterId: 'enc-1' });
      expect(last.changes).toEqual([
        { field: 'diagnoses[1].code', old: 'I10', new: 'I12.9' },
        { field: 'lines[0].modifiers', old: [], new: ['25'] },
      ]);
    });

    it('takes a partial encounter too, and writes nothing when nothing changes', async () => {
      await store.create(draftEncounter());
      await store.update('enc-1', { note: 'Check the DOS' });
      expect((await store.get('enc-1'))?.note).toBe('Check the DOS');
      const row = (await rowOf('enc-1'))!;
      await store.update('enc-1', { note: 'Check the DOS' });
      expect((await rowOf('enc-1'))!.iv).toEqual(row.iv);
      expect((await store.history('enc-1')).map((e) => e.action)).toEqual(['created', 'edited']);
    });

    it('sends status changes to setStatus and protects id and history', async () => {
      await store.create(draftEncounter());
      await expect(store.update('enc-1', { status: 'sent' })).rejects.toThrow(/setStatus/);
      await expect(store.update('enc-1', { id: 'other' })).rejects.toThrow(/id cannot be edited/);
      await expect(store.update('missing', { note: 'x' })).rejects.toBeInstanceOf(EncounterNotFoundError);
    });

    it('leaves the stored encounter and audit untouched when validation, encryption or the edit fails', async () => {
      await store.create(draftEncounter());
      const row = (await rowOf('enc-1'))!;
      await expect(store.update('enc-1', (e) => void (e.patient.sex = 'X' as 'F'))).rejects.toThrow(/patient.sex must be F, M or U/);
      await expect(store.update('enc-1', { note: 10n as unknown as string })).rejects.toThrow(/BigInt/);
      await expect(store.update('enc-1', () => {
        throw new Error('edit failed');
      })).rejects.toThrow('edit failed');
      expect(await rowOf('enc-1')).toEqual(row);
      expect(await db.auditLog.count()).toBe(1);
    });

    it('writes the encounter and its audit entry together or not at all', async () => {
      await store.create(draftEncounter());
      const row = (await rowOf('enc-1'))!;
      const failAudit = () => {
        throw new Error('disk full');
      };
      db.auditLog.hook('creating', failAudit);
      await expect(store.update('enc-1', { note: 'lost?' })).rejects.toThrow('disk full');
      db.auditLog.hook('creating').unsubscribe(failAudit);
      expect(await rowOf('enc-1')).toEqual(row);
      expect((await store.get('enc-1'))?.note).toBeUndefined();
    });

    it('loses neither of two edits made at the same time', async () => {
      await store.create(draftEncounter());
      await Promise.all([
        store.update('enc-1', { note: 'from the queue page' }),
        store.update('enc-1', (e) => void (e.placeOfService = '22')),
        store.update('enc-1', (e) => void (e.lines[0]!.units = 3)),
      ]);
      const final = (await store.get('enc-1'))!;
      expect([final.note, final.placeOfService, final.lines[0]!.units]).toEqual(['from the queue page', '22', 3]);
      expect((await store.history('enc-1')).filter((e) => e.action === 'edited')).toHaveLength(3);
    });
  });

  describe('status', () => {
    it('moves along the workflow with an audit entry, refusing invalid moves', async () => {
      await store.create(draftEncounter());
      await expect(store.setStatus('enc-1', 'ready')).rejects.toThrow(/claim checks pass/);
      await expect(store.setStatus('enc-1', 'sent', { checksPass: true })).rejects.toBeInstanceOf(InvalidTransitionError);
      await store.setStatus('enc-1', 'ready', { checksPass: true });
      await store.setStatus('enc-1', 'sent', { by: 'biller', detail: { pushId: 'Claim/1' } });
      await expect(store.setStatus('enc-1', 'denied')).rejects.toThrow(/needs a reason/);
      const denied = await store.setStatus('enc-1', 'denied', { reason: 'CO-16' });
      expect(denied.statusHistory.map((s) => s.status)).toEqual(['draft', 'ready', 'sent', 'denied']);
      expect((await rowOf('enc-1'))!.status).toBe('denied');
      const statusEntries = (await store.history('enc-1')).filter((e) => e.action === 'status');
      expect(statusEntries.map((e) => [e.by, e.changes[0]?.new])).toEqual([['coder1', 'ready'], ['biller', 'sent'], ['coder1', 'denied']]);
      expect(statusEntries[1]!.detail).toEqual({ detail: { pushId: 'Claim/1' } });
      expect(statusEntries[2]!.detail).toEqual({ reason: 'CO-16' });
    });

    it('moves many encounters in one go, or none when any cannot move', async () => {
      await store.create(draftEncounter({ id: 'a', claimId: 'A' }));
      await store.create(draftEncounter({ id: 'b', claimId: 'B' }));
      await store.importEncounters([draftEncounter({ id: 'c', claimId: 'C', status: 'sent' })]);
      const error = await store.bulkSetStatus(['a', 'b', 'c'], 'ready', { checksPass: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BulkTransitionError);
      expect((error as BulkTransitionError).problems.map((p) => p.claimId)).toEqual(['C']);
      expect((await db.encounters.toArray()).map((r) => r.status)).toEqual(['draft', 'draft', 'sent']);

      const checked = await store.bulkSetStatus(['a', 'b'], 'ready', { checksPass: (e) => e.id === 'a' }).catch((e: unknown) => e);
      expect((checked as BulkTransitionError).problems.map((p) => p.id)).toEqual(['b']);

      const moved = await store.bulkSetStatus(['a', 'b', 'a'], 'ready', { checksPass: true });
      expect(moved.map((e) => e.status)).toEqual(['ready', 'ready']);
      expect((await db.encounters.toArray()).map((r) => r.status)).toEqual(['ready', 'ready', 'sent']);
    });
  });

  describe('remove, events and history', () => {
    it('removes drafts only, keeping their history and a copy in the audit log', async () => {
      await store.create(draftEncounter({ id: 'a' }));
      await store.importEncounters([draftEncounter({ id: 'b', status: 'ready' })]);
      await expect(store.remove('b')).rejects.toThrow(/Only draft encounters can be removed; this one is ready/);
      await store.remove('a', { by: 'lead' });
      expect(await store.get('a')).toBeUndefined();
      const history = await store.history('a');
      expect(history.map((e) => [e.action, e.by])).toEqual([['created', 'coder1'], ['removed', 'lead']]);
      expect((history[1]!.detail as { removed: CodedEncounter }).removed.patient.mrn).toBe('SYN-0001');
    });

    it('records events without changing the encounter, in order', async () => {
      await store.create(draftEncounter());
      const row = (await rowOf('enc-1'))!;
      await store.recordEvent('enc-1', 'exported', { detail: { file: 'claims-2026-03-05.837' } });
      expect(await rowOf('enc-1')).toEqual(row);
      const history = await store.history('enc-1');
      expect(history.map((e) => e.action)).toEqual(['created', 'exported']);
      expect(history[0]!.seq).toBeLessThan(history[1]!.seq);
      await expect(store.recordEvent('nope', 'exported')).rejects.toBeInstanceOf(EncounterNotFoundError);
    });
  });

  describe('importEncounters', () => {
    it('adds new encounters from an encounter file and skips ids already present or repeated', async () => {
      await store.create(draftEncounter({ id: 'a', note: 'mine' }));
      const report = await store.importEncounters({
        formatVersion: ENCOUNTER_FILE_FORMAT_VERSION,
        encounters: [draftEncounter({ id: 'a', note: 'theirs' }), draftEncounter({ id: 'b' }), draftEncounter({ id: 'b' }), { ...draftEncounter(), id: '', claimId: '' }],
      }, { by: 'importer' });
      expect(report).toMatchObject({ imported: 2, skipped: 2, skippedIds: ['a', 'b'] });
      expect((await store.get('a'))?.note).toBe('mine');
      expect(await store.count()).toBe(3);
      const generated = report.importedIds.find((id) => id !== 'b')!;
      expect((await store.get(generated))?.claimId).toMatch(/^[A-Z0-9]{12}$/);
      expect((await store.history('b')).map((e) => [e.action, e.by])).toEqual([['imported', 'importer']]);
      expect((await store.get('b'))?.updatedAt).toBe('2026-03-02T10:00:00.000Z');
    });

    it('refuses a file with a bad encounter or the wrong version, storing nothing', async () => {
      const bad = { ...draftEncounter({ id: 'x' }), patient: undefined };
      await expect(store.importEncounters({ formatVersion: 1, encounters: [draftEncounter({ id: 'ok' }), bad] })).rejects.toThrow(/encounter 2: patient is missing/);
      await expect(store.importEncounters({ formatVersion: 2, encounters: [] })).rejects.toThrow(/formatVersion 2/);
      await expect(store.importEncounters('hello')).rejects.toThrow(/Not an encounter file/);
      expect(await store.count()).toBe(0);
    });
  });
});
