/**
 * Encryption of coded encounters at rest ("PHI at rest"), with WebCrypto only (the same in Node 20 and browsers).
 *
 * One random 256-bit AES-GCM data key encrypts every encounter and audit entry. The data key is stored only
 * wrapped (AES-GCM) by a key derived from the user's passphrase with PBKDF2-SHA-256; the salt and iteration
 * count are stored beside it so the count can rise later (a passphrase change re-wraps with the current
 * default). Changing the passphrase therefore re-wraps one key instead of re-encrypting the queue.
 */
import type { CoderDB } from '../db/schema';
import { randomBytes } from './bytes';
import type { KeyCustody } from './key-custody';

/** Settings key of the vault record. */
export const VAULT_SETTING_KEY = 'encounterVault';
export const VAULT_FORMAT_VERSION = 1;
/** OWASP 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
/** Above this a stored count is treated as damage rather than run (it would freeze the page for minutes). */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;

/** The vault record in `db.settings` under {@link VAULT_SETTING_KEY}. */
export interface EncounterVault {
  formatVersion: typeof VAULT_FORMAT_VERSION;
  /** PBKDF2 salt, 16 random bytes. */
  salt: Uint8Array;
  iterations: number;
  /** AES-GCM ciphertext (with its tag) of the raw 32-byte data key; the tag is what detects a wrong passphrase. */
  wrappedKey: Uint8Array;
  /** Nonce of `wrappedKey`. */
  iv: Uint8Array;
  createdAt: string;
  changedAt?: string;
}

export interface VaultOptions {
  /** PBKDF2 iterations for a new wrapping. Default: {@link DEFAULT_PBKDF2_ITERATIONS}; tests pass a small count. */
  iterations?: number;
  /** When given, the raw data key is handed to it (so a service worker can use it) before it is wiped here. */
  custody?: KeyCustody;
}

/** The passphrase does not open the vault (or a backup). */
export class WrongPassphraseError extends Error {
  constructor(message = 'Wrong passphrase: the encounter queue could not be unlocked.') {
    super(message);
    this.name = 'WrongPassphraseError';
  }
}

/** A new passphrase breaks the length rule. */
export class WeakPassphraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeakPassphraseError';
  }
}

/** No vault yet (create one first), or a second one would replace the key of the stored encounters. */
export class VaultStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultStateError';
  }
}

/** Ciphertext that does not open with this key: another key, or the stored bytes were changed. */
export class DecryptionError extends Error {
  constructor(message = 'Encrypted data could not be decrypted: it was made with another key or has been altered.') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Why a new passphrase is refused, or undefined when it is acceptable. */
export function passphraseProblem(passphrase: unknown): string | undefined {
  if (typeof passphrase !== 'string') return 'The passphrase must be text.';
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`;
  }
  if (passphrase.trim() === '') return 'The passphrase cannot be only spaces.';
  return undefined;
}

/** Creates the vault with a new random data key; refuses when one exists (that would orphan the encounters). */
export async function createVault(db: CoderDB, passphrase: string, options: VaultOptions = {}): Promise<CryptoKey> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new WeakPassphraseError(problem);
  const iterations = checkIterations(options.iterations ?? DEFAULT_PBKDF2_ITERATIONS, 'iteration count');
  const raw = randomBytes(32);
  try {
    const vault = await wrapDataKey(raw, passphrase, iterations, new Date().toISOString());
    await db.transaction('rw', db.settings, async () => {
      if (await db.settings.get(VAULT_SETTING_KEY)) throw new VaultStateError('The encounter vault already exists; unlock it or change its passphrase.');
      await db.settings.add({ key: VAULT_SETTING_KEY, value: vault });
    });
    return await releaseDataKey(raw, options.custody);
  } finally {
    raw.fill(0);
  }
}

/** True once a vault exists. */
export async function hasVault(db: CoderDB): Promise<boolean> {
  return (await db.settings.get(VAULT_SETTING_KEY)) !== undefined;
}

/** The stored vault record, checked; throws {@link VaultStateError} when missing or damaged. */
export async function readVault(db: CoderDB): Promise<EncounterVault> {
  const row = await db.settings.get(VAULT_SETTING_KEY);
  if (!row) throw new VaultStateError('There is no encounter vault yet: set a passphrase first.');
  const v = row.value as Partial<EncounterVault> | null;
  if (!v || typeof v !== 'object' || v.formatVersion !== VAULT_FORMAT_VERSION) {
    throw new VaultStateError(`The encounter vault has an unknown format (formatVersion ${String(v?.formatVersion)}).`);
  }
  if (!(v.salt instanceof Uint8Array) || !(v.wrappedKey instanceof Uint8Array) || !(v.iv instanceof Uint8Array) || v.iv.length !== 12) {
    throw new VaultStateError('The encounter vault record is damaged (salt, key or nonce missing).');
  }
  checkIterations(v.iterations, 'stored iteration count');
  return v as EncounterVault;
}

/**
 * Opens the vault: the data key as a non-extractable AES-GCM key. A wrong passphrase throws
 * {@link WrongPassphraseError}. With `custody`, the raw key bytes go to it and are then wiped here.
 */
export async function unlockVault(db: CoderDB, passphrase: string, options: Pick<VaultOptions, 'custody'> = {}): Promise<CryptoKey> {
  const raw = await unwrapDataKey(await readVault(db), passphrase);
  try {
    return await releaseDataKey(raw, options.custody);
  } finally {
    raw.fill(0);
  }
}

/** Re-wraps the same data key under a new passphrase, new salt and the current iteration count. */
export async function changePassphrase(db: CoderDB, oldPassphrase: string, newPassphrase: string, options: Pick<VaultOptions, 'iterations'> = {}): Promise<void> {
  const problem = passphraseProblem(newPassphrase);
  if (problem) throw new WeakPassphraseError(problem);
  const iterations = checkIterations(options.iterations ?? DEFAULT_PBKDF2_ITERATIONS, 'iteration count');
  const old = await readVault(db);
  const raw = await unwrapDataKey(old, oldPassphrase);
  try {
    const vault = await wrapDataKey(raw, newPassphrase, iterations, old.createdAt);
    vault.changedAt = new Date().toISOString();
    await db.transaction('rw', db.settings, async () => {
      const current = (await db.settings.get(VAULT_SETTING_KEY))?.value as EncounterVault | undefined;
      // Another page changed it meanwhile: writing ours would silently undo theirs.
      if (!current || current.iv.length !== old.iv.length || current.iv.some((b, i) => b !== old.iv[i])) {
        throw new VaultStateError('The passphrase was changed elsewhere meanwhile; try again.');
      }
      await db.settings.put({ key: VAULT_SETTING_KEY, value: vault });
    });
  } finally {
    raw.fill(0);
  }
}

/** Imports raw data-key bytes as a non-extractable AES-GCM key (what custody and unlock hand out). */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new Error(`A data key must be 32 bytes, not ${raw.length}.`);
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** An AES-GCM key from a passphrase (PBKDF2-SHA-256); also used for backup files. */
export async function derivePassphraseKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** An encrypted JSON value: a fresh 12-byte nonce and the AES-GCM ciphertext with its tag. */
export interface Encrypted {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/**
 * Encrypts a JSON value with a fresh random nonce. `context` (e.g. the encounter id) is bound as
 * additional data, so a ciphertext copied onto another row no longer decrypts there.
 */
export async function encryptJson(key: CryptoKey, value: unknown, context = ''): Promise<Encrypted> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error('Cannot encrypt a value that has no JSON form.');
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) }, key, new TextEncoder().encode(json));
  return { iv, data };
}

/** Decrypts what {@link encryptJson} made (same key and context) or throws {@link DecryptionError}. */
export async function decryptJson<T = unknown>(key: CryptoKey, iv: Uint8Array, data: ArrayBuffer | Uint8Array, context = ''): Promise<T> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(context) },
      key,
      data as ArrayBuffer,
    );
  } catch {
    throw new DecryptionError();
  }
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

// Bound into the wrapping so the wrapped key cannot be passed off as some other ciphertext of ours.
const WRAP_CONTEXT = new TextEncoder().encode('chart-coder/encounter-vault/v1');

async function wrapDataKey(raw: Uint8Array, passphrase: string, iterations: number, createdAt: string): Promise<EncounterVault> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrapping = await derivePassphraseKey(passphrase, salt, iterations);
  const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT }, wrapping, raw as Uint8Array<ArrayBuffer>);
  return { formatVersion: VAULT_FORMAT_VERSION, salt, iterations, wrappedKey: new Uint8Array(wrapped), iv, createdAt };
}

async function unwrapDataKey(vault: EncounterVault, passphrase: string): Promise<Uint8Array> {
  if (typeof passphrase !== 'string') throw new WrongPassphraseError();
  const wrapping = await derivePassphraseKey(passphrase, vault.salt, vault.iterations);
  try {
    const raw = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: vault.iv as Uint8Array<ArrayBuffer>, additionalData: WRAP_CONTEXT }, wrapping, vault.wrappedKey as Uint8Array<ArrayBuffer>);
    return new Uint8Array(raw);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Hands raw key bytes to custody (if any) and returns them imported non-extractable; the caller wipes `raw`. */
async function releaseDataKey(raw: Uint8Array, custody: KeyCustody | undefined): Promise<CryptoKey> {
  if (custody) await custody.set(raw);
  return importDataKey(raw);
}

function checkIterations(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PBKDF2_ITERATIONS) {
    throw new VaultStateError(`The PBKDF2 ${what} must be a whole number from 1 to ${MAX_PBKDF2_ITERATIONS.toLocaleString('en-US')}; got ${String(value)}.`);
  }
  return value;
}
