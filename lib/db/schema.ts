import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CodeRecord, CodeSetBundle, CodeSystem, EditsBundle, ModifierRecord } from '../codesets/types';

/** A code set as stored: one row per load, so a new load never overwrites the set in use. */
export type StoredCodeSet = Pick<CodeSetBundle, 'id' | 'system' | 'version' | 'fiscalYear' | 'effectiveFrom' | 'effectiveTo' | 'sources' | 'counts' | 'builtAt' | 'index' | 'sections' | 'changes'> & {
  /** Storage key: the bundle id plus the load time, e.g. "icd10cm@FY2026#2026-11-26T10:00:00.000Z". */
  storeId: string;
  loadedAt: string;
  /** SHA-256 of the bundle file, to skip reloading an unchanged bundle on update. */
  bundleSha256?: string;
  /** 'loading' rows are invisible to lookups until the switch; 'retired' ones wait for deletion. */
  status: 'loading' | 'ready' | 'retired';
};

/**
 * The codes of one stored set that share a block (the first three characters: an ICD-10-CM category,
 * a HCPCS or CPT range). One row per block instead of per code makes a 200k-code load ~20x fewer writes.
 */
export interface StoredCodeBlock {
  storeId: string;
  block: string;
  codes: CodeRecord[];
}
/** All modifiers of one stored set. */
export interface StoredModifiers {
  storeId: string;
  modifiers: ModifierRecord[];
}
/** The CMS edit tables, stored whole (one row per load). */
export type StoredEdits = EditsBundle & { storeId: string; status: 'loading' | 'ready' | 'retired'; loadedAt: string; bundleSha256?: string };

/** A code the coder starred. */
export interface Favourite {
  system: CodeSystem;
  code: string;
  title: string;
  addedAt: string;
}

/** A code the coder recently picked. */
export interface Recent {
  system: CodeSystem;
  code: string;
  title: string;
  usedAt: string;
}

/** A saved code-search index for one combination of stored sets, so the popup opens without rebuilding it. */
export interface SearchSnapshot {
  /** The storeIds it covers, joined with "|", in order. */
  key: string;
  bytes: Uint8Array;
  builtAt: string;
}

/**
 * A coded encounter at rest: only what the queue must index is in the clear (no patient data); the
 * encounter itself is AES-GCM ciphertext (see lib/encounter/crypto.ts).
 */
export interface StoredEncounter {
  id: string;
  status: string;
  updatedAt: string;
  /** 12-byte AES-GCM nonce, new for every write. */
  iv: Uint8Array;
  /** Ciphertext of the CodedEncounter JSON. */
  data: ArrayBuffer;
}

/** One append-only audit entry: who did what when in the clear, old and new values encrypted. */
export interface StoredAuditEntry {
  /** Auto-increment; entries are never updated or deleted. */
  seq?: number;
  encounterId: string;
  at: string;
  by: string;
  /** What happened, e.g. "created", "edited", "status", "exported", "pushed", "remittance". */
  action: string;
  iv: Uint8Array;
  /** Ciphertext of { changes: { field, old, new }[], detail? }. */
  data: ArrayBuffer;
}

/** Where one encounter stands in the push to the billing team's FHIR server (survives worker restarts). */
export interface PushOutboxRow {
  encounterId: string;
  state: 'pending' | 'in-flight' | 'sent' | 'failed';
  attempts: number;
  /** ISO time before which no retry is made (backoff). */
  nextAttemptAt: string;
  lastError?: string;
  /** The server's id for the Claim once created or found. */
  serverId?: string;
  updatedAt: string;
}

/** A key/value setting or status row (code-set load progress lives here too). */
export interface Setting {
  key: string;
  value: unknown;
}

/**
 * The one Chart Coder database. Each version lists the full schema; add a version with an `.upgrade()`
 * whenever stored rows change shape, and a migration test that opens the old shape.
 */
export class CoderDB extends Dexie {
  codeSets!: EntityTable<StoredCodeSet, 'storeId'>;
  codeBlocks!: Table<StoredCodeBlock, [string, string]>;
  modifiers!: EntityTable<StoredModifiers, 'storeId'>;
  edits!: EntityTable<StoredEdits, 'storeId'>;
  favourites!: Table<Favourite, [CodeSystem, string]>;
  recents!: Table<Recent, [CodeSystem, string]>;
  settings!: EntityTable<Setting, 'key'>;
  searchSnapshots!: EntityTable<SearchSnapshot, 'key'>;
  encounters!: EntityTable<StoredEncounter, 'id'>;
  auditLog!: EntityTable<StoredAuditEntry, 'seq'>;
  pushOutbox!: EntityTable<PushOutboxRow, 'encounterId'>;

  constructor(name = 'chart-coder') {
    // Relaxed durability: code-set rows are written under a new storeId and only switched in afterwards,
    // so an unflushed write can never be seen half-done; it makes the ~200k-row load several times faster.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores(SCHEMA_V1);
    // v2: saved search indexes (a new table; existing rows are untouched, so no upgrade function).
    this.version(2).stores({ ...SCHEMA_V1, searchSnapshots: 'key' });
    // v3: coded encounters (encrypted), their audit log, and the push outbox. New tables only.
    this.version(3).stores({
      ...SCHEMA_V1,
      searchSnapshots: 'key',
      encounters: 'id, status, updatedAt',
      auditLog: '++seq, encounterId, at',
      pushOutbox: 'encounterId, state, nextAttemptAt',
    });
  }
}

/** The version 1 schema, which later versions extend. */
const SCHEMA_V1 = {
  codeSets: 'storeId, id, system, status',
  // A range over [storeId+block] lists one set, so no other index is kept.
  codeBlocks: '[storeId+block]',
  modifiers: 'storeId',
  edits: 'storeId, status',
  favourites: '[system+code], addedAt',
  recents: '[system+code], usedAt',
  settings: 'key',
};
