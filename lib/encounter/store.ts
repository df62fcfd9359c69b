/**
 * The encrypted store of coded encounters and their append-only audit log.
 *
 * Rows keep only `id`, `status` and `updatedAt` in the clear (for indexes and live queries; no patient data);
 * the encounter is AES-GCM ciphertext bound to its id. WebCrypto calls cannot run inside an IndexedDB
 * transaction (it would commit while we wait), so every write encrypts first and then, in ONE transaction,
 * checks the rows are still those it read (their nonce is new on every write) and writes the encounter and
 * its audit entry together; if another page wrote meanwhile, it starts again from the new version.
 */
import type { CoderDB, StoredAuditEntry, StoredEncounter } from '../db/schema';
import { diffEncounters, type AuditEntry, type FieldChange } from './audit';
import { sameBytes } from './bytes';
import { decryptJson, encryptJson } from './crypto';
import { newClaimId, newEncounterId } from './ids';
import { ENCOUNTER_FILE_FORMAT_VERSION, type CodedEncounter, type EncounterFile, type EncounterStatus } from './types';
import { encounterProblems, InvalidEncounterError } from './validate';
import { canTransition, InvalidTransitionError, transition, transitionProblem } from './workflow';

export interface EncounterStoreOptions {
  /** Who is working (recorded in audit entries when a call does not name someone else). */
  user: string;
  /** Rows decrypted at once by `list()`. Default: 500. */
  batchSize?: number;
  /** Clock (ISO time). Default: now. */
  now?: () => string;
}

/** A new encounter: what the store fills in (id, claimId, status draft, times, history) may be left out. */
export type NewEncounter = Omit<CodedEncounter, 'id' | 'claimId' | 'status' | 'createdAt' | 'updatedAt' | 'statusHistory'> &
  Partial<Pick<CodedEncounter, 'id' | 'claimId' | 'status' | 'createdAt' | 'updatedAt' | 'statusHistory'>>;

export interface WriteOptions {
  /** Who made the change. Default: the store's user. */
  by?: string;
}

export interface UpdateOptions extends WriteOptions {
  /** Audit action. Default: 'edited' (other modules use e.g. 'remittance'). */
  action?: string;
  /** Extra encrypted detail kept with the audit entry. */
  detail?: unknown;
}

export interface StatusOptions extends WriteOptions {
  reason?: string;
  /** Whether the claim checks passed (needed for draft → ready, corrected → resent); a function is asked per encounter. */
  checksPass?: boolean | ((encounter: CodedEncounter) => boolean);
  /** Audit detail, e.g. the export file name or push id. */
  detail?: unknown;
}

export interface ImportReport {
  imported: number;
  /** Ids already in the store (or repeated in the file): left as they are. */
  skipped: number;
  importedIds: string[];
  skippedIds: string[];
}

export class EncounterNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No encounter with id ${id}.`);
    this.name = 'EncounterNotFoundError';
  }
}

/** Several encounters could not change status; nothing was written. */
export class BulkTransitionError extends Error {
  constructor(readonly problems: { id: string; claimId?: string; from: EncounterStatus; message: string }[]) {
    super(`${problems.length} encounter(s) cannot change status, so none did: ${problems.slice(0, 3).map((p) => `${p.claimId ?? p.id}: ${p.message}`).join(' ')}`);
    this.name = 'BulkTransitionError';
  }
}

/** The rows kept changing under us (another page writing the same encounters); nothing was written. */
export class ConcurrentUpdateError extends Error {
  constructor() {
    super('The encounter was being changed elsewhere at the same time; nothing was saved. Try again.');
    this.name = 'ConcurrentUpdateError';
  }
}

class Conflict extends Error {}

/** A planned write: encounters to put, ids to delete, audit entries to append. */
interface Plan {
  put: CodedEncounter[];
  remove?: string[];
  audit: { encounterId: string; action: string; changes: FieldChange[]; detail?: unknown }[];
}

const MAX_ATTEMPTS = 5;

export class EncounterStore {
  private readonly now: () => string;

  constructor(private readonly db: CoderDB, private readonly key: CryptoKey, private readonly options: EncounterStoreOptions) {
    if (!options?.user?.trim()) throw new Error('EncounterStore needs the name of the user working (options.user).');
    this.now = options.now ?? (() => new Date().toISOString());
  }

  /** Stores a new draft (id, claimId, status and times filled in when missing); returns it as stored. */
  async create(input: NewEncounter, options: WriteOptions = {}): Promise<CodedEncounter> {
    const by = this.by(options);
    const encounter = this.complete(input, by, true);
    // New work starts as a draft; encounters further along arrive through importEncounters.
    if (encounter.status !== 'draft') throw new InvalidTransitionError(`A new encounter starts as a draft, not ${encounter.status}; use importEncounters for encounters from a file.`, encounter.status, encounter.status);
    const row = await this.seal(encounter);
    const audit = await this.sealAudit({ encounterId: encounter.id, action: 'created', changes: [], detail: { status: encounter.status } }, by);
    await this.db.transaction('rw', this.db.encounters, this.db.auditLog, async () => {
      if (await this.db.encounters.get(encounter.id)) throw new Error(`An encounter with id ${encounter.id} already exists.`);
      await this.db.encounters.add(row);
      await this.db.auditLog.add(audit);
    });
    return encounter;
  }

  async get(id: string): Promise<CodedEncounter | undefined> {
    const row = await this.db.encounters.get(id);
    return row && this.open(row);
  }

  /** Every encounter, decrypted in parallel batches (primary-key order). */
  async list(): Promise<CodedEncounter[]> {
    return this.openAll(await this.db.encounters.toArray());
  }

  /** Decrypts rows already read (the queue page's live query), without reading them again. */
  async openRows(rows: StoredEncounter[]): Promise<CodedEncounter[]> {
    return this.openAll(rows);
  }

  /** Encounters in the given statuses (uses the clear status index, so only those are decrypted). */
  async listByStatus(statuses: EncounterStatus[]): Promise<CodedEncounter[]> {
    return this.openAll(await this.db.encounters.where('status').anyOf(statuses).toArray());
  }

  async count(): Promise<number> {
    return this.db.encounters.count();
  }

  /**
   * Changes an encounter: `change` is either fields to replace or a function that edits (or returns) a copy.
   * Status changes go through {@link setStatus}; id, createdAt and statusHistory cannot be edited. Writes
   * nothing (and no audit entry) when nothing changed.
   */
  async update(id: string, change: Partial<CodedEncounter> | ((encounter: CodedEncounter) => CodedEncounter | void), options: UpdateOptions = {}): Promise<CodedEncounter> {
    const by = this.by(options);
    const [result] = await this.write([id], by, ([current]) => {
      const draft = structuredClone(current!);
      // As JSON, since that is what gets stored (a Date becomes its ISO text here, not only after a reload).
      const edited = jsonCopy(typeof change === 'function' ? (change(draft) ?? draft) : { ...draft, ...change });
      for (const field of ['id', 'status', 'createdAt', 'statusHistory'] as const) {
        if (JSON.stringify(edited[field]) !== JSON.stringify(current![field])) {
          throw new Error(field === 'status' ? 'Change the status with setStatus, which checks the workflow.' : `The encounter's ${field} cannot be edited.`);
        }
      }
      const changes = diffEncounters(current, edited);
      if (!changes.length) return { put: [], audit: [] };
      const next = { ...edited, updatedAt: this.now() };
      return { put: [next], audit: [{ encounterId: id, action: options.action ?? 'edited', changes, detail: options.detail }] };
    });
    return result ?? (await this.get(id))!;
  }

  /**
   * Applies changes another module computed (e.g. a remittance) to many encounters in one transaction: all
   * of them or none. `change` returns the new encounter; a status change must be one the workflow allows and
   * be recorded in its statusHistory. Encounters `change` leaves equal get no write and no audit entry.
   */
  async bulkApply(ids: string[], change: (encounter: CodedEncounter) => CodedEncounter, options: UpdateOptions & { detailFor?: (encounter: CodedEncounter) => unknown } = {}): Promise<CodedEncounter[]> {
    const by = this.by(options);
    return this.write([...new Set(ids)], by, (current) => {
      const put: CodedEncounter[] = [];
      const audit: Plan['audit'] = [];
      for (const before of current) {
        const after = jsonCopy(change(structuredClone(before)));
        for (const field of ['id', 'createdAt'] as const) {
          if (after[field] !== before[field]) throw new Error(`The encounter's ${field} cannot be changed.`);
        }
        if (after.status !== before.status) {
          if (!canTransition(before.status, after.status)) throw new InvalidTransitionError(`${before.claimId} cannot move from ${before.status} to ${after.status}.`, before.status, after.status);
          if (after.statusHistory.at(-1)?.status !== after.status) throw new Error(`${before.claimId}: a status change must be recorded in its status history.`);
        }
        const changes = diffEncounters(before, after);
        if (!changes.length) continue;
        const next = { ...after, updatedAt: this.now() };
        put.push(next);
        audit.push({ encounterId: next.id, action: options.action ?? 'edited', changes, detail: options.detailFor ? options.detailFor(next) : options.detail });
      }
      return { put, audit };
    });
  }

  /** Moves one encounter along the workflow (see workflow.ts) and records it in the audit log. */
  async setStatus(id: string, to: EncounterStatus, options: StatusOptions = {}): Promise<CodedEncounter> {
    try {
      const [result] = await this.bulkSetStatus([id], to, options);
      return result!;
    } catch (error) {
      // One encounter: the plain transition error reads better than the bulk summary.
      if (error instanceof BulkTransitionError) throw new InvalidTransitionError(error.problems[0]!.message, error.problems[0]!.from, to);
      throw error;
    }
  }

  /** Moves several encounters in one transaction: all of them, or (when any cannot move) none. */
  async bulkSetStatus(ids: string[], to: EncounterStatus, options: StatusOptions = {}): Promise<CodedEncounter[]> {
    const by = this.by(options);
    const unique = [...new Set(ids)];
    return this.write(unique, by, (current) => {
      const at = this.now();
      const problems: BulkTransitionError['problems'] = [];
      const put: CodedEncounter[] = [];
      for (const encounter of current) {
        const checksPass = typeof options.checksPass === 'function' ? options.checksPass(encounter) : options.checksPass;
        const problem = transitionProblem(encounter, to, { reason: options.reason, checksPass, by });
        if (problem) problems.push({ id: encounter.id, claimId: encounter.claimId, from: encounter.status, message: problem });
        else put.push(transition(encounter, to, { by, at, reason: options.reason, checksPass }));
      }
      if (problems.length) throw new BulkTransitionError(problems);
      const audit = put.map((next, i) => {
        const detail = options.reason || options.detail !== undefined ? { reason: options.reason?.trim() || undefined, ...(options.detail !== undefined ? { detail: options.detail } : {}) } : undefined;
        return { encounterId: next.id, action: 'status', changes: [{ field: 'status', old: current[i]!.status, new: to }], detail };
      });
      return { put, audit };
    });
  }

  /** Deletes a draft (only drafts: anything further along is part of the billing record). The audit keeps a copy. */
  async remove(id: string, options: WriteOptions = {}): Promise<void> {
    const by = this.by(options);
    await this.write([id], by, ([current]) => {
      if (current!.status !== 'draft') throw new Error(`Only draft encounters can be removed; this one is ${current!.status}.`);
      return { put: [], remove: [id], audit: [{ encounterId: id, action: 'removed', changes: [], detail: { removed: current } }] };
    });
  }

  /** Appends an audit entry without changing the encounter (e.g. 'exported' with the file name). */
  async recordEvent(id: string, action: string, options: WriteOptions & { detail?: unknown } = {}): Promise<void> {
    const by = this.by(options);
    if (!action.trim()) throw new Error('An audit entry needs an action.');
    const audit = await this.sealAudit({ encounterId: id, action, changes: [], detail: options.detail }, by);
    await this.db.transaction('rw', this.db.encounters, this.db.auditLog, async () => {
      if (!(await this.db.encounters.get(id))) throw new EncounterNotFoundError(id);
      await this.db.auditLog.add(audit);
    });
  }

  /** The audit entries of one encounter, decrypted, oldest first (also after it was removed). */
  async history(id: string): Promise<AuditEntry[]> {
    const rows = await this.db.auditLog.where('encounterId').equals(id).toArray();
    return this.openAudit(rows);
  }

  /** Every audit entry, decrypted, oldest first (for backups). */
  async allHistory(): Promise<AuditEntry[]> {
    return this.openAudit(await this.db.auditLog.toArray());
  }

  /**
   * Adds the encounters of an EncounterFile (or a plain list). Every one is checked first: one bad
   * encounter refuses the whole file with the reasons. Ids already stored (or repeated) are skipped.
   */
  async importEncounters(input: EncounterFile | CodedEncounter[] | unknown, options: WriteOptions = {}): Promise<ImportReport> {
    const by = this.by(options);
    const list = encounterList(input);
    const problems: string[] = [];
    const encounters = list.map((item, i) => {
      try {
        return this.complete(item as NewEncounter, by, false);
      } catch (error) {
        problems.push(`encounter ${i + 1}: ${error instanceof InvalidEncounterError ? error.problems.join(', ') : (error as Error).message}`);
        return undefined;
      }
    });
    if (problems.length) throw new InvalidEncounterError(problems, 'The file');
    const seen = new Set<string>();
    const present = new Set((await this.db.encounters.bulkGet(encounters.map((e) => e!.id))).filter((r) => r).map((r) => r!.id));
    const fresh: CodedEncounter[] = [];
    const skippedIds: string[] = [];
    for (const e of encounters as CodedEncounter[]) {
      if (present.has(e.id) || seen.has(e.id)) skippedIds.push(e.id);
      else fresh.push(e);
      seen.add(e.id);
    }
    const rows = await this.sealAll(fresh);
    const audits = await Promise.all(fresh.map((e) => this.sealAudit({ encounterId: e.id, action: 'imported', changes: [], detail: { status: e.status } }, by)));
    const importedIds: string[] = [];
    await this.db.transaction('rw', this.db.encounters, this.db.auditLog, async () => {
      // Another page may have added some since we looked.
      const now = await this.db.encounters.bulkGet(rows.map((r) => r.id));
      const keep = rows.map((_, i) => !now[i]);
      await this.db.encounters.bulkAdd(rows.filter((_, i) => keep[i]));
      await this.db.auditLog.bulkAdd(audits.filter((_, i) => keep[i]));
      rows.forEach((r, i) => (keep[i] ? importedIds : skippedIds).push(r.id));
    });
    return { imported: importedIds.length, skipped: skippedIds.length, importedIds, skippedIds };
  }

  /** Encrypts an encounter as a stored row (for backup restore). */
  async seal(encounter: CodedEncounter): Promise<StoredEncounter> {
    const { iv, data } = await encryptJson(this.key, encounter, encounterContext(encounter.id));
    return { id: encounter.id, status: encounter.status, updatedAt: encounter.updatedAt, iv, data };
  }

  /** Encrypts an audit entry as a stored row (seq is given by the database). */
  async sealAudit(entry: Omit<AuditEntry, 'seq' | 'at' | 'by'> & { at?: string; by?: string }, by: string): Promise<StoredAuditEntry> {
    const { iv, data } = await encryptJson(this.key, { changes: entry.changes, detail: entry.detail }, auditContext(entry.encounterId));
    return { encounterId: entry.encounterId, at: entry.at ?? this.now(), by: entry.by ?? by, action: entry.action, iv, data };
  }

  /** Who the store records as making changes when a call names no one. */
  get user(): string {
    return this.options.user;
  }

  /** The database this store writes (backup restore writes through the same one). */
  get database(): CoderDB {
    return this.db;
  }

  private by(options: WriteOptions): string {
    const by = (options.by ?? this.options.user).trim();
    if (!by) throw new Error('A change needs the name of who made it.');
    return by;
  }

  /** A JSON copy of `input` with the store's fields filled in, checked, or an {@link InvalidEncounterError}. */
  private complete(input: NewEncounter, by: string, isNew: boolean): CodedEncounter {
    const e = jsonCopy(input as CodedEncounter);
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new InvalidEncounterError(['it is not an object']);
    const now = this.now();
    e.id ||= newEncounterId();
    e.claimId ||= newClaimId();
    e.status ??= 'draft';
    e.coder ??= by;
    e.createdAt ||= now;
    e.updatedAt = isNew ? now : e.updatedAt || now;
    e.statusHistory ??= [];
    if (Array.isArray(e.statusHistory) && !e.statusHistory.length) e.statusHistory.push({ status: e.status, at: e.createdAt, by });
    const problems = encounterProblems(e);
    if (problems.length) throw new InvalidEncounterError(problems);
    return e;
  }

  private async open(row: StoredEncounter): Promise<CodedEncounter> {
    return decryptJson<CodedEncounter>(this.key, row.iv, row.data, encounterContext(row.id));
  }

  private async openAll(rows: StoredEncounter[]): Promise<CodedEncounter[]> {
    const size = this.options.batchSize ?? 500;
    const out: CodedEncounter[] = [];
    for (let i = 0; i < rows.length; i += size) out.push(...(await Promise.all(rows.slice(i, i + size).map((r) => this.open(r)))));
    return out;
  }

  private async sealAll(encounters: CodedEncounter[]): Promise<StoredEncounter[]> {
    const size = this.options.batchSize ?? 500;
    const out: StoredEncounter[] = [];
    for (let i = 0; i < encounters.length; i += size) out.push(...(await Promise.all(encounters.slice(i, i + size).map((e) => this.seal(e)))));
    return out;
  }

  private async openAudit(rows: StoredAuditEntry[]): Promise<AuditEntry[]> {
    rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));
    return Promise.all(rows.map(async (row) => {
      const body = await decryptJson<{ changes: FieldChange[]; detail?: unknown }>(this.key, row.iv, row.data, auditContext(row.encounterId));
      const entry: AuditEntry = { seq: row.seq!, encounterId: row.encounterId, at: row.at, by: row.by, action: row.action, changes: body.changes ?? [] };
      if (body.detail !== undefined) entry.detail = body.detail;
      return entry;
    }));
  }

  /**
   * Reads `ids`, lets `plan` decide the write (it may throw: nothing is written), encrypts outside any
   * transaction, then writes in one transaction if no row changed meanwhile; otherwise starts again.
   */
  private async write(ids: string[], by: string, plan: (current: CodedEncounter[]) => Plan): Promise<CodedEncounter[]> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const rows = await this.db.encounters.bulkGet(ids);
      rows.forEach((row, i) => {
        if (!row) throw new EncounterNotFoundError(ids[i]!);
      });
      const read = rows as StoredEncounter[];
      const current = await this.openAll(read);
      const { put, remove = [], audit } = plan(current);
      for (const e of put) {
        const problems = encounterProblems(e);
        if (problems.length) throw new InvalidEncounterError(problems);
      }
      const sealed = await this.sealAll(put);
      const auditRows = await Promise.all(audit.map((a) => this.sealAudit(a, by)));
      try {
        await this.db.transaction('rw', this.db.encounters, this.db.auditLog, async () => {
          const now = await this.db.encounters.bulkGet(ids);
          if (now.some((row, i) => !row || !sameBytes(row.iv, read[i]!.iv))) throw new Conflict();
          await this.db.encounters.bulkPut(sealed);
          await this.db.encounters.bulkDelete(remove);
          await this.db.auditLog.bulkAdd(auditRows);
        });
        return put;
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
      }
    }
    throw new ConcurrentUpdateError();
  }
}

/** A JSON copy of an encounter, or an {@link InvalidEncounterError} saying why it has none. */
function jsonCopy(value: CodedEncounter): CodedEncounter {
  try {
    return JSON.parse(JSON.stringify(value) ?? 'null') as CodedEncounter;
  } catch (error) {
    throw new InvalidEncounterError([`it cannot be written as JSON (${(error as Error).message})`]);
  }
}

function encounterContext(id: string): string {
  return `encounter:${id}`;
}

function auditContext(encounterId: string): string {
  return `audit:${encounterId}`;
}

function encounterList(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (typeof input === 'object' && input !== null && 'encounters' in input) {
    const file = input as Partial<EncounterFile>;
    if (file.formatVersion !== ENCOUNTER_FILE_FORMAT_VERSION) {
      throw new Error(`This encounter file has formatVersion ${String(file.formatVersion)}; Chart Coder reads version ${ENCOUNTER_FILE_FORMAT_VERSION}.`);
    }
    if (Array.isArray(file.encounters)) return file.encounters;
  }
  throw new Error('Not an encounter file: expected { "formatVersion": 1, "encounters": [...] }.');
}
