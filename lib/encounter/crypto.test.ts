import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import {
  changePassphrase, createVault, DecryptionError, DEFAULT_PBKDF2_ITERATIONS, decryptJson, encryptJson, type EncounterVault, hasVault, readVault,
  unlockVault, VAULT_SETTING_KEY, VaultStateError, WeakPassphraseError, WrongPassphraseError,
} from './crypto';
import { MemoryKeyCustody } from './key-custody';

const fast = { iterations: 1000 };

describe('encounter vault', () => {
  let db: CoderDB;
  beforeEach(() => {
    db = new CoderDB(`vault-${Math.random()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('creates a vault that unlocks with the same passphrase to a key that opens what the first key sealed', async () => {
    const key = await createVault(db, 'correct horse battery', fast);
    const sealed = await encryptJson(key, { mrn: 'SYN-1' });
    const again = await unlockVault(db, 'correct horse battery');
    expect(await decryptJson(again, sealed.iv, sealed.data)).toEqual({ mrn: 'SYN-1' });
    expect(again.extractable).toBe(false);
    expect(again.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', again)).rejects.toThrow();
  });

  it('stores salt, iterations, wrapped key and nonce, and never the key itself', async () => {
    await createVault(db, 'correct horse battery', fast);
    const vault = (await db.settings.get(VAULT_SETTING_KEY))!.value as EncounterVault;
    expect(vault).toMatchObject({ formatVersion: 1, iterations: 1000 });
    expect(vault.salt).toHaveLength(16);
    expect(vault.iv).toHaveLength(12);
    expect(vault.wrappedKey).toHaveLength(32 + 16); // key + GCM tag
  });

  it('uses 600,000 PBKDF2 iterations by default', async () => {
    await createVault(db, 'correct horse battery');
    expect((await readVault(db)).iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);
    expect(DEFAULT_PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('refuses a wrong passphrase with WrongPassphraseError', async () => {
    await createVault(db, 'correct horse battery', fast);
    const attempt = unlockVault(db, 'correct horse battery!');
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockVault(db, 'wrong')).rejects.toThrow(/wrong passphrase/i);
  });

  it('refuses a short passphrase with a message naming the rule', async () => {
    await expect(createVault(db, 'short', fast)).rejects.toBeInstanceOf(WeakPassphraseError);
    await expect(createVault(db, 'short', fast)).rejects.toThrow('at least 8 characters');
    await expect(createVault(db, '         ', fast)).rejects.toThrow(/only spaces/);
    expect(await hasVault(db)).toBe(false);
  });

  it('never replaces an existing vault (that would orphan every stored encounter)', async () => {
    const key = await createVault(db, 'correct horse battery', fast);
    const sealed = await encryptJson(key, 'kept');
    await expect(createVault(db, 'another passphrase', fast)).rejects.toBeInstanceOf(VaultStateError);
    expect(await decryptJson(await unlockVault(db, 'correct horse battery'), sealed.iv, sealed.data)).toBe('kept');
  });

  it('says a vault must be created first when there is none', async () => {
    await expect(unlockVault(db, 'anything at all')).rejects.toThrow(/no encounter vault yet/);
  });

  it('changes the passphrase, keeping the data key, with a new salt and the iteration count asked for', async () => {
    const key = await createVault(db, 'first passphrase', fast);
    const sealed = await encryptJson(key, [1, 2, 3]);
    const before = await readVault(db);
    await changePassphrase(db, 'first passphrase', 'second passphrase', { iterations: 2000 });
    const after = await readVault(db);
    expect(after.iterations).toBe(2000);
    expect(after.salt).not.toEqual(before.salt);
    expect(after.changedAt).toBeDefined();
    await expect(unlockVault(db, 'first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await decryptJson(await unlockVault(db, 'second passphrase'), sealed.iv, sealed.data)).toEqual([1, 2, 3]);
  });

  it('leaves the vault alone when the old passphrase is wrong or the new one too short', async () => {
    await createVault(db, 'first passphrase', fast);
    const before = await readVault(db);
    await expect(changePassphrase(db, 'not the one', 'second passphrase', fast)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(changePassphrase(db, 'first passphrase', 'tiny', fast)).rejects.toBeInstanceOf(WeakPassphraseError);
    expect(await readVault(db)).toEqual(before);
  });

  it('refuses a damaged vault record and an absurd iteration count with clear errors', async () => {
    await db.settings.put({ key: VAULT_SETTING_KEY, value: { formatVersion: 9 } });
    await expect(unlockVault(db, 'correct horse battery')).rejects.toThrow(/unknown format/);
    await expect(createVault(new CoderDB(`v-${Math.random()}`), 'correct horse battery', { iterations: 0 })).rejects.toThrow(/whole number/);
  });

  it('hands the raw key to custody on unlock, which gives back a working key', async () => {
    const key = await createVault(db, 'correct horse battery', fast);
    const sealed = await encryptJson(key, 'for the worker');
    const custody = new MemoryKeyCustody();
    await unlockVault(db, 'correct horse battery', { custody });
    const held = await custody.get();
    expect(await decryptJson(held!, sealed.iv, sealed.data)).toBe('for the worker');
  });
});

describe('encryptJson / decryptJson', () => {
  const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

  it('uses a fresh 12-byte nonce for every encryption', async () => {
    const k = await key();
    const a = await encryptJson(k, { same: true });
    const b = await encryptJson(k, { same: true });
    expect(a.iv).toHaveLength(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(new Uint8Array(a.data)).not.toEqual(new Uint8Array(b.data));
  });

  it('refuses another key, altered bytes and another context with DecryptionError', async () => {
    const k = await key();
    const sealed = await encryptJson(k, { dob: '1970-01-01' }, 'encounter:a');
    await expect(decryptJson(await key(), sealed.iv, sealed.data, 'encounter:a')).rejects.toBeInstanceOf(DecryptionError);
    const altered = new Uint8Array(sealed.data.slice(0));
    altered[0]! ^= 1;
    await expect(decryptJson(k, sealed.iv, altered.buffer, 'encounter:a')).rejects.toBeInstanceOf(DecryptionError);
    await expect(decryptJson(k, sealed.iv, sealed.data, 'encounter:b')).rejects.toBeInstanceOf(DecryptionError);
    expect(await decryptJson(k, sealed.iv, sealed.data, 'encounter:a')).toEqual({ dob: '1970-01-01' });
  });

  it('refuses values with no JSON form', async () => {
    await expect(encryptJson(await key(), undefined)).rejects.toThrow(/no JSON form/);
    await expect(encryptJson(await key(), { n: 1n })).rejects.toThrow();
  });
});
