/**
 * Encrypted backup of the whole queue and its audit log in one JSON file, protected by its own backup
 * passphrase (its own PBKDF2 salt and iteration count), so a backup can be restored on another device or
 * after the browser profile is lost. Restore checks everything before it writes anything.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import type { StoredAuditEntry, StoredEncounter } from '../db/schema';
import type { AuditEntry } from './audit';
import { fromBase64, randomBytes, sameBytes, toBase64 } from './bytes';
import { DEFAULT_PBKDF2_ITERATIONS, derivePassphraseKey, MAX_PBKDF2_ITERATIONS, passphraseProblem, WeakPassphraseError, WrongPassphraseError } from './crypto';
import { ConcurrentUpdateError, type EncounterStore } from './store';
import type { CodedEncounter } from './types';
import { encounterProblems } from './validate';

export const BACKUP_FORMAT = 'chart-coder-encounter-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The backup file (JSON). Everything about patients is inside `data`. */
export interface EncounterBackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  createdAt: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  /** AES-GCM; `check` (a known text) tells a wrong passphrase from a damaged file. Base64 throughout. */
  cipher: { name: 'AES-GCM'; iv: string; checkIv: string; check: string };
  compression: 'gzip';
  /** Base64 AES-GCM ciphertext of gzip(JSON of {@link BackupContents}). */
  data: string;
}

/** What a backup holds once decrypted. */
export interface BackupContents {
  encounters: CodedEncounter[];
  audit: AuditEntry[];
}

export interface RestoreReport {
  /** Encounters not in the store before. */
  added: number;
  /** Stored encounters replaced because the backup's copy was saved later. */
  replaced: number;
  /** Stored encounters kept because they are as new as, or newer than, the backup's copy. */
  kept: number;
  /** Audit entries added from the backup (those already present are not added again; the 'restored' entries are extra). */
  auditAdded: number;
}

/** The file is not a backup this version can read. */
export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

/** The passphrase is right but the contents fail their integrity check or make no sense. */
export class BackupDamagedError extends Error {
  constructor(message = 'The backup file has been altered or damaged: its contents fail the integrity check. Nothing was restored.') {
    super(message);
    this.name = 'BackupDamagedError';
  }
}

const DATA_CONTEXT = strToU8(`${BACKUP_FORMAT}/v${BACKUP_FORMAT_VERSION}/data`);
const CHECK_CONTEXT = strToU8(`${BACKUP_FORMAT}/v${BACKUP_FORMAT_VERSION}/check`);
const CHECK_TEXT = strToU8('Chart Coder backup passphrase check');

/** The whole queue and audit log as backup file text. */
export async function createBackup(store: EncounterStore, passphrase: string, options: { iterations?: number } = {}): Promise<string> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new WeakPassphraseError(problem.replace('The passphrase', 'The backup passphrase'));
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  checkIterations(iterations);
  const contents: BackupContents = { encounters: await store.list(), audit: await store.allHistory() };
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const checkIv = randomBytes(12);
  const key = await derivePassphraseKey(passphrase, salt, iterations);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: DATA_CONTEXT }, key, gzipSync(strToU8(JSON.stringify(contents))));
  const check = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: checkIv, additionalData: CHECK_CONTEXT }, key, CHECK_TEXT);
  const file: EncounterBackupFile = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv), checkIv: toBase64(checkIv), check: toBase64(new Uint8Array(check)) },
    compression: 'gzip',
    data: toBase64(new Uint8Array(data)),
  };
  return JSON.stringify(file);
}

/** Opens a backup file: its contents, checked, or a clear error (nothing is written). */
export async function readBackup(text: string, passphrase: string): Promise<BackupContents> {
  const file = parseBackupFile(text);
  const key = await derivePassphraseKey(passphrase, fromBase64(file.kdf.salt, 'backup salt'), file.kdf.iterations);
  try {
    const check = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.cipher.checkIv, 'backup nonce'), additionalData: CHECK_CONTEXT }, key, fromBase64(file.cipher.check, 'backup check'));
    if (!sameBytes(new Uint8Array(check), CHECK_TEXT)) throw new Error('check text differs');
  } catch {
    throw new WrongPassphraseError('Wrong backup passphrase (or the backup file was altered). Nothing was restored.');
  }
  let contents: unknown;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.cipher.iv, 'backup nonce'), additionalData: DATA_CONTEXT }, key, fromBase64(file.data, 'backup data'));
    contents = JSON.parse(strFromU8(gunzipSync(new Uint8Array(plain))));
  } catch {
    throw new BackupDamagedError();
  }
  return checkContents(contents);
}

/**
 * Restores a backup into the store, re-encrypted with the store's (current vault) key, in one transaction.
 * Encounters missing here are added; one already here is replaced only when the backup's copy was saved
 * later. Audit entries already present are not added again, so restoring twice changes nothing.
 */
export async function restoreBackup(store: EncounterStore, text: string, passphrase: string, options: { by?: string } = {}): Promise<RestoreReport> {
  const contents = await readBackup(text, passphrase);
  const db = store.database;
  const ids = contents.encounters.map((e) => e.id);
  const before = await db.encounters.bulkGet(ids);
  const report: RestoreReport = { added: 0, replaced: 0, kept: 0, auditAdded: 0 };
  const chosen: CodedEncounter[] = [];
  contents.encounters.forEach((e, i) => {
    const here = before[i];
    if (!here) report.added++;
    else if (e.updatedAt > here.updatedAt) report.replaced++;
    else return void report.kept++;
    chosen.push(e);
  });
  const present = new Set((await store.allHistory()).map(auditFingerprint));
  const newAudit = contents.audit.filter((entry) => {
    const fingerprint = auditFingerprint(entry);
    if (present.has(fingerprint)) return false;
    present.add(fingerprint);
    return true;
  });
  const by = options.by ?? store.user;
  const rows: StoredEncounter[] = await Promise.all(chosen.map((e) => store.seal(e)));
  const auditRows: StoredAuditEntry[] = await Promise.all([
    ...newAudit.map((a) => store.sealAudit(a, a.by)),
    ...chosen.map((e) => store.sealAudit({ encounterId: e.id, action: 'restored', changes: [], detail: { updatedAt: e.updatedAt } }, by)),
  ]);
  await db.transaction('rw', db.encounters, db.auditLog, async () => {
    const now = await db.encounters.bulkGet(ids);
    const unchanged = now.every((row, i) => (row === undefined ? before[i] === undefined : before[i] !== undefined && sameBytes(row.iv, before[i]!.iv)));
    if (!unchanged) throw new ConcurrentUpdateError();
    await db.encounters.bulkPut(rows);
    await db.auditLog.bulkAdd(auditRows);
  });
  report.auditAdded = newAudit.length;
  return report;
}

function parseBackupFile(text: string): EncounterBackupFile {
  let file: Partial<EncounterBackupFile>;
  try {
    file = JSON.parse(text) as Partial<EncounterBackupFile>;
  } catch {
    throw new BackupFormatError('This is not a Chart Coder backup file (it is not JSON).');
  }
  if (typeof file !== 'object' || file === null || file.format !== BACKUP_FORMAT) {
    throw new BackupFormatError('This is not a Chart Coder encounter backup file.');
  }
  if (file.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupFormatError(`This backup has format version ${String(file.formatVersion)}; this Chart Coder reads version ${BACKUP_FORMAT_VERSION}.`);
  }
  const { kdf, cipher } = file;
  if (kdf?.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || typeof kdf.salt !== 'string' || cipher?.name !== 'AES-GCM' || file.compression !== 'gzip' || typeof file.data !== 'string') {
    throw new BackupFormatError('The backup file names a key derivation, cipher or compression this Chart Coder does not use.');
  }
  checkIterations(kdf.iterations);
  try {
    for (const [value, what] of [[kdf.salt, 'salt'], [cipher.iv, 'nonce'], [cipher.checkIv, 'check nonce'], [cipher.check, 'check'], [file.data, 'data']] as const) {
      fromBase64(value, `backup ${what}`);
    }
  } catch (error) {
    throw new BackupFormatError(`The backup file is damaged: ${(error as Error).message}`);
  }
  return file as EncounterBackupFile;
}

function checkIterations(iterations: unknown): void {
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new BackupFormatError(`The backup's PBKDF2 iteration count must be a whole number from 1 to ${MAX_PBKDF2_ITERATIONS}; got ${String(iterations)}.`);
  }
}

function checkContents(value: unknown): BackupContents {
  const c = value as Partial<BackupContents> | null;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.encounters) || !Array.isArray(c.audit)) {
    throw new BackupDamagedError('The backup decrypts but holds no encounter list and audit log. Nothing was restored.');
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  c.encounters.forEach((e, i) => {
    const p = encounterProblems(e);
    if (p.length) problems.push(`encounter ${i + 1}: ${p.join(', ')}`);
    else if (ids.has(e.id)) problems.push(`encounter ${i + 1}: id ${e.id} appears twice`);
    else ids.add(e.id);
  });
  c.audit.forEach((a, i) => {
    const ok = typeof a === 'object' && a !== null && typeof a.encounterId === 'string' && typeof a.at === 'string' && typeof a.by === 'string' && typeof a.action === 'string' && Array.isArray(a.changes);
    if (!ok) problems.push(`audit entry ${i + 1} is incomplete`);
  });
  if (problems.length) throw new BackupDamagedError(`The backup's contents are not valid (${problems.slice(0, 3).join('; ')}). Nothing was restored.`);
  return c as BackupContents;
}

/** What makes two audit entries the same event (the local seq differs between databases). */
function auditFingerprint(entry: AuditEntry): string {
  return JSON.stringify([entry.encounterId, entry.at, entry.by, entry.action, entry.changes, entry.detail ?? null]);
}
