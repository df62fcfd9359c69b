import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { BackupDamagedError, BackupFormatError, createBackup, type EncounterBackupFile, readBackup, restoreBackup } from './backup';
import { fromBase64, toBase64 } from './bytes';
import { importDataKey, WeakPassphraseError, WrongPassphraseError } from './crypto';
import { EncounterStore } from './store';
import { draftEncounter } from '../../test/support/encounters';

const fast = { iterations: 1000 };
const PASS = 'backup passphrase 1';
const newKey = () => importDataKey(crypto.getRandomValues(new Uint8Array(32)));

describe('encrypted backup', () => {
  const dbs: CoderDB[] = [];
  let source: EncounterStore;

  async function freshStore(user = 'coder1') {
    const db = new CoderDB(`backup-${Math.random()}`);
    dbs.push(db);
    return new EncounterStore(db, await newKey(), { user });
  }

  beforeEach(async () => {
    source = await freshStore();
    await source.create(draftEncounter({ id: 'a', claimId: 'A1' }));
    await source.create(draftEncounter({ id: 'b', claimId: 'B1' }));
    await source.update('a', { note: 'Needs modifier review' }, { by: 'reviewer' });
    await source.setStatus('b', 'ready', { checksPass: true });
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });

  it('writes one JSON file with no patient data in the clear', async () => {
    const text = await createBackup(source, PASS, fast);
    const file = JSON.parse(text) as EncounterBackupFile;
    expect(file).toMatchObject({ format: 'chart-coder-encounter-backup', formatVersion: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000 }, cipher: { name: 'AES-GCM' } });
    expect(text).not.toMatch(/Testperson|SYN-0001|E11\.9/);
  });

  it('restores the queue and audit log into another store under its own vault key', async () => {
    const text = await createBackup(source, PASS, fast);
    const target = await freshStore('restorer');
    const report = await restoreBackup(target, text, PASS);
    expect(report).toEqual({ added: 2, replaced: 0, kept: 0, auditAdded: 4 });
    expect(await target.list()).toEqual(await source.list());
    const history = await target.history('a');
    expect(history.map((e) => [e.action, e.by])).toEqual([['created', 'coder1'], ['edited', 'reviewer'], ['restored', 'restorer']]);
    expect(history[1]!.changes).toEqual([{ field: 'note', new: 'Needs modifier review' }]);
  });

  it('does not duplicate anything when restored twice', async () => {
    const text = await createBackup(source, PASS, fast);
    const target = await freshStore();
    await restoreBackup(target, text, PASS);
    const rows = await target.database.auditLog.count();
    expect(await restoreBackup(target, text, PASS)).toEqual({ added: 0, replaced: 0, kept: 2, auditAdded: 0 });
    expect(await target.database.auditLog.count()).toBe(rows);
    expect(await target.count()).toBe(2);
  });

  it('replaces only encounters that the backup holds in a later version', async () => {
    const text = await createBackup(source, PASS, fast);
    const target = await freshStore();
    await target.create(draftEncounter({ id: 'a', claimId: 'A1', note: 'older copy' })); // updatedAt set now: later than the backup's
    await target.database.encounters.update('a', { updatedAt: '2000-01-01T00:00:00.000Z' });
    const report = await restoreBackup(target, text, PASS);
    expect(report).toMatchObject({ added: 1, replaced: 1, kept: 0 });
    expect((await target.get('a'))?.note).toBe('Needs modifier review');
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    const text = await createBackup(source, PASS, fast);
    const target = await freshStore();
    await expect(restoreBackup(target, text, 'not the passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(readBackup(text, 'not the passphrase')).rejects.toThrow(/Wrong backup passphrase/);
    expect(await target.count()).toBe(0);
    expect(await target.database.auditLog.count()).toBe(0);
  });

  it('refuses tampered ciphertext with BackupDamagedError and changes nothing', async () => {
    const file = JSON.parse(await createBackup(source, PASS, fast)) as EncounterBackupFile;
    const bytes = fromBase64(file.data);
    bytes[10]! ^= 0xff;
    file.data = toBase64(bytes);
    const target = await freshStore();
    await expect(restoreBackup(target, JSON.stringify(file), PASS)).rejects.toBeInstanceOf(BackupDamagedError);
    expect(await target.count()).toBe(0);
  });

  it('refuses files that are not backups, or of another version, with format errors', async () => {
    const file = JSON.parse(await createBackup(source, PASS, fast)) as EncounterBackupFile;
    const target = await freshStore();
    await expect(restoreBackup(target, 'not json', PASS)).rejects.toBeInstanceOf(BackupFormatError);
    await expect(restoreBackup(target, JSON.stringify({ formatVersion: 1, encounters: [] }), PASS)).rejects.toThrow(/not a Chart Coder encounter backup/);
    await expect(restoreBackup(target, JSON.stringify({ ...file, formatVersion: 2 }), PASS)).rejects.toThrow(/format version 2/);
    await expect(restoreBackup(target, JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: -5 } }), PASS)).rejects.toThrow(/iteration count/);
    await expect(restoreBackup(target, JSON.stringify({ ...file, data: 'not base64!' }), PASS)).rejects.toThrow(/damaged: The backup data is not valid base64/);
    expect(await target.count()).toBe(0);
  });

  it('refuses a short backup passphrase', async () => {
    await expect(createBackup(source, 'short', fast)).rejects.toBeInstanceOf(WeakPassphraseError);
  });
});
