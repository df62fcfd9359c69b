import Dexie from 'dexie';
import type { CoderDB, StoredCodeBlock, StoredCodeSet, StoredEdits } from '../db/schema';
import { decodeBundle, isCodeSetBundle, type AnyBundle } from './bundle';
import { sha256Hex } from './hash';
import { withDot, withoutDot } from './icd-code';
import { inheritedNotes } from './notes';
import { buildBundles, type ReleaseFile } from './release';
import { SYSTEM_NAMES, type CodeRecord, type CodeSetBundle, type CodeSystem } from './types';

/** Progress of a code-set load, as shown by the progress bar (stored in settings under {@link LOAD_PROGRESS_KEY}). */
export interface LoadProgress {
  phase: 'reading' | 'writing' | 'switching' | 'done' | 'failed';
  /** Rows written so far across all bundles of this load. */
  done: number;
  total: number;
  /** One plain sentence for the user. */
  message: string;
  /** When this load started and when this report was written (ISO). */
  startedAt: string;
  at: string;
}

/** Settings key under which the latest load's progress is kept. */
export const LOAD_PROGRESS_KEY = 'codesetLoadProgress';

/** A code found by {@link CodeSetStore.lookup}, with the stored set it came from. */
export interface LookupHit {
  record: CodeRecord;
  set: StoredCodeSet;
}

/** Options for {@link CodeSetStore.loadBundles}. */
export interface LoadOptions {
  /** SHA-256 of each bundle file by bundle id, stored to skip unchanged bundles on update. Default: none. */
  bundleSha256?: Record<string, string>;
  /** Called after each chunk is written. Default: none. */
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per write transaction; larger is faster, smaller shows progress more often. Default: 5000. */
  chunkSize?: number;
  /** Test hook: throws after this many rows to simulate an interrupted load. Default: never. */
  failAfterRows?: number;
}

/**
 * Code sets in IndexedDB. Loads are atomic: rows go in under a new storeId marked 'loading', invisible to
 * lookups, and one transaction switches every new set to 'ready' and retires the sets they replace. A load
 * that fails or is interrupted leaves the previous sets in place and answering.
 */
export class CodeSetStore {
  constructor(private readonly db: CoderDB) {}

  /** Loads bundle files (gzip JSON as shipped or imported); refuses damaged files before touching the store. */
  async loadBundleFiles(files: { name: string; bytes: Uint8Array }[], options: LoadOptions = {}): Promise<AnyBundle[]> {
    const bundles: AnyBundle[] = [];
    const bundleSha256: Record<string, string> = { ...options.bundleSha256 };
    for (const file of files) {
      const bundle = decodeBundle(file.bytes, file.name);
      bundleSha256[bundle.id] = await sha256Hex(file.bytes);
      bundles.push(bundle);
    }
    await this.loadBundles(bundles, { ...options, bundleSha256 });
    return bundles;
  }

  /** Builds bundles from official release files (or their zips) and loads them; the options page's import. */
  async importRelease(files: ReleaseFile[], options: LoadOptions & { builtinCpt?: unknown } = {}): Promise<{ bundles: AnyBundle[]; report: string[] }> {
    const existing = await this.readyCodeSetBundles('icd10cm');
    const result = await buildBundles(files, { existing, builtinCpt: options.builtinCpt });
    await this.refuseOlderIcd(result.bundles);
    await this.loadBundles(result.bundles, options);
    return result;
  }

  /** Writes bundles under new storeIds, then switches them in with one transaction. */
  async loadBundles(bundles: AnyBundle[], options: LoadOptions = {}): Promise<void> {
    const chunkSize = options.chunkSize ?? 5000;
    const loadedAt = new Date().toISOString();
    const total = bundles.reduce((n, b) => n + (isCodeSetBundle(b) ? b.codes.length + (b.modifiers?.length ?? 0) : 1), 0);
    let done = 0;
    const report = async (phase: LoadProgress['phase'], message: string) => {
      const progress: LoadProgress = { phase, done, total, message, startedAt: loadedAt, at: new Date().toISOString() };
      options.onProgress?.(progress);
      await this.db.settings.put({ key: LOAD_PROGRESS_KEY, value: progress });
    };
    const newIds: string[] = [];
    try {
      for (const bundle of bundles) {
        const storeId = `${bundle.id}#${loadedAt}`;
        newIds.push(storeId);
        const sha = options.bundleSha256?.[bundle.id];
        if (!isCodeSetBundle(bundle)) {
          await this.db.edits.put({ ...bundle, storeId, status: 'loading', loadedAt, ...(sha ? { bundleSha256: sha } : {}) });
          done++;
          continue;
        }
        await this.db.codeSets.put(storedSet(bundle, storeId, loadedAt, sha));
        const blocks = toBlocks(storeId, bundle.codes);
        for (let i = 0; i < blocks.length; ) {
          // Chunks of about chunkSize codes, so progress moves evenly whatever the block sizes.
          const chunk: StoredCodeBlock[] = [];
          let codes = 0;
          while (i < blocks.length && (chunk.length === 0 || codes < chunkSize)) {
            codes += blocks[i]!.codes.length;
            chunk.push(blocks[i++]!);
          }
          await this.db.codeBlocks.bulkPut(chunk);
          done += codes;
          if (options.failAfterRows !== undefined && done >= options.failAfterRows) throw new Error('simulated interruption');
          await report('writing', `Loading ${SYSTEM_NAMES[bundle.system]} ${bundle.version}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} codes`);
        }
        if (bundle.modifiers?.length) await this.db.modifiers.put({ storeId, modifiers: bundle.modifiers });
        done += bundle.modifiers?.length ?? 0;
      }
      await report('switching', 'Switching to the new code sets');
      await this.switchTo(newIds);
      await report('done', `Code sets ready: ${bundles.map((b) => (isCodeSetBundle(b) ? `${SYSTEM_NAMES[b.system]} ${b.version}` : 'CMS edits')).join(', ')}`);
    } catch (error) {
      await this.discard(newIds);
      await report('failed', `The code-set load failed, so the previous code sets stay in use. Reason: ${(error as Error).message}`);
      throw error;
    }
    await this.removeRetired();
  }

  /** Deletes rows left by a load that never finished (the browser closed mid-load). Run at start-up. */
  async recoverInterrupted(): Promise<number> {
    const stale = await this.db.codeSets.where('status').equals('loading').primaryKeys();
    const staleEdits = await this.db.edits.where('status').equals('loading').primaryKeys();
    await this.discard([...stale, ...staleEdits]);
    await this.removeRetired();
    return stale.length + staleEdits.length;
  }

  /** SHA-256 of every ready bundle file (code sets and edits), to skip reloading unchanged ones. */
  async storedBundleHashes(): Promise<string[]> {
    const sets = await this.db.codeSets.where('status').equals('ready').toArray();
    const edits = await this.db.edits.where('status').equals('ready').toArray();
    return [...sets, ...edits].map((s) => s.bundleSha256).filter((h): h is string => Boolean(h));
  }

  /** All ready code sets, newest first. */
  async readySets(system?: CodeSystem): Promise<StoredCodeSet[]> {
    const sets = await this.db.codeSets.where('status').equals('ready').toArray();
    return sets.filter((s) => !system || s.system === system).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.loadedAt.localeCompare(a.loadedAt));
  }

  /**
   * The set for a date of service (ISO): the one in force (ICD-10-CM by fiscal year, HCPCS by the latest
   * quarter started), else the newest that started before it — check {@link isInForce} to warn that a
   * newer release is needed.
   */
  async setFor(system: CodeSystem, dateOfService = today()): Promise<StoredCodeSet | undefined> {
    const sets = await this.readySets(system);
    return sets.find((s) => isInForce(s, dateOfService)) ?? sets.find((s) => s.effectiveFrom <= dateOfService);
  }

  /** Looks a code up in every system (or one), in the sets in force on the date of service. */
  async lookup(code: string, options: { system?: CodeSystem; dateOfService?: string } = {}): Promise<LookupHit[]> {
    const hits: LookupHit[] = [];
    const systems: CodeSystem[] = options.system ? [options.system] : ['icd10cm', 'hcpcs', 'cpt'];
    for (const system of systems) {
      const set = await this.setFor(system, options.dateOfService);
      if (!set) continue;
      const key = system === 'icd10cm' ? withDot(code) : withoutDot(code);
      const record = await this.getCode(set.storeId, key);
      if (record) {
        const ancestors = await this.ancestorsOf(set.storeId, record);
        const notes = inheritedNotes(record, (c) => ancestors.get(c));
        hits.push({ record: notes ? { ...record, notes } : record, set });
      }
    }
    return hits;
  }

  /** The parent chain of a record, keyed by code (for inherited notes and the hierarchy). */
  async ancestorsOf(storeId: string, record: CodeRecord): Promise<Map<string, CodeRecord>> {
    const chain = new Map<string, CodeRecord>();
    for (let code = record.parent; code; ) {
      const parent = await this.getCode(storeId, code);
      if (!parent) break;
      chain.set(code, parent);
      code = parent.parent;
    }
    return chain;
  }

  /** All code records of a stored set (for building the search index). */
  async codesOf(storeId: string): Promise<CodeRecord[]> {
    const blocks = await this.db.codeBlocks.where('[storeId+block]').between([storeId, Dexie.minKey], [storeId, Dexie.maxKey]).toArray();
    return blocks.flatMap((b) => b.codes);
  }

  /** One code of a stored set, or undefined. */
  async getCode(storeId: string, code: string): Promise<CodeRecord | undefined> {
    const block = await this.db.codeBlocks.get([storeId, blockOf(code)]);
    return block?.codes.find((c) => c.code === code);
  }

  /** The ready CMS edit tables. */
  async edits(): Promise<StoredEdits | undefined> {
    return this.db.edits.where('status').equals('ready').first();
  }

  /** Ready code sets rebuilt as bundles (used when an import brings only part of a release). */
  async readyCodeSetBundles(system: CodeSystem): Promise<CodeSetBundle[]> {
    const sets = await this.readySets(system);
    return Promise.all(
      sets.map(async (s) => ({
        formatVersion: 1,
        id: s.id,
        system: s.system,
        version: s.version,
        fiscalYear: s.fiscalYear,
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo,
        sources: s.sources,
        builtAt: s.builtAt,
        counts: s.counts,
        codes: await this.codesOf(s.storeId),
        ...(s.index ? { index: s.index } : {}),
        ...(s.sections ? { sections: s.sections } : {}),
      })),
    );
  }

  /** Refuses an ICD-10-CM release older than every year already loaded (an old file picked by mistake). */
  private async refuseOlderIcd(bundles: AnyBundle[]): Promise<void> {
    const loaded = await this.readySets('icd10cm');
    const newest = Math.max(0, ...loaded.map((s) => s.fiscalYear ?? 0));
    for (const b of bundles) {
      if (isCodeSetBundle(b) && b.system === 'icd10cm' && !b.version.includes('rebuilt') && (b.fiscalYear ?? 0) < newest - 1) {
        throw new Error(`This is the ICD-10-CM FY${b.fiscalYear} release, older than the FY${newest} code set already loaded; nothing was changed. Import the current year's files.`);
      }
    }
  }

  private async writeRows<T>(rows: T[], write: (rows: T[]) => Promise<unknown>, chunkSize: number, after: (n: number) => Promise<void>): Promise<void> {
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize);
      await write(chunk);
      await after(chunk.length);
    }
  }

  /** One transaction: new sets become ready, sets with the same bundle id (or same system and version) retire. */
  private async switchTo(storeIds: string[]): Promise<void> {
    await this.db.transaction('rw', this.db.codeSets, this.db.edits, async () => {
      for (const storeId of storeIds) {
        const set = await this.db.codeSets.get(storeId);
        if (set) {
          const replaced = await this.db.codeSets.where('id').equals(set.id).filter((s) => s.status === 'ready').primaryKeys();
          // A licensed CPT file replaces the built-in list (different ids, same system).
          const cptReplaced = set.system === 'cpt' ? await this.db.codeSets.where('system').equals('cpt').filter((s) => s.status === 'ready').primaryKeys() : [];
          for (const old of new Set([...replaced, ...cptReplaced])) await this.db.codeSets.update(old, { status: 'retired' });
          await this.db.codeSets.update(storeId, { status: 'ready' });
          continue;
        }
        const edits = await this.db.edits.get(storeId);
        if (edits) {
          await this.db.edits.where('status').equals('ready').modify({ status: 'retired' });
          await this.db.edits.update(storeId, { status: 'ready' });
        }
      }
    });
  }

  private async discard(storeIds: string[]): Promise<void> {
    for (const storeId of storeIds) {
      await this.db.codeBlocks.where('[storeId+block]').between([storeId, Dexie.minKey], [storeId, Dexie.maxKey]).delete();
      await this.db.modifiers.delete(storeId);
      await this.db.codeSets.delete(storeId);
      await this.db.edits.delete(storeId);
    }
  }

  private async removeRetired(): Promise<void> {
    const retired = await this.db.codeSets.where('status').equals('retired').primaryKeys();
    const retiredEdits = await this.db.edits.where('status').equals('retired').primaryKeys();
    await this.discard([...retired, ...retiredEdits]);
  }
}

/** The block a code is stored in: its first three characters (the ICD-10-CM category). */
export function blockOf(code: string): string {
  return code.slice(0, 3);
}

function toBlocks(storeId: string, codes: CodeRecord[]): StoredCodeBlock[] {
  const blocks = new Map<string, CodeRecord[]>();
  for (const code of codes) {
    const key = blockOf(code.code);
    const list = blocks.get(key);
    if (list) list.push(code);
    else blocks.set(key, [code]);
  }
  return [...blocks].map(([block, list]) => ({ storeId, block, codes: list }));
}

function storedSet(bundle: CodeSetBundle, storeId: string, loadedAt: string, sha: string | undefined): StoredCodeSet {
  const set: StoredCodeSet = {
    storeId,
    id: bundle.id,
    system: bundle.system,
    version: bundle.version,
    effectiveFrom: bundle.effectiveFrom,
    sources: bundle.sources,
    counts: bundle.counts,
    builtAt: bundle.builtAt,
    loadedAt,
    status: 'loading',
  };
  if (bundle.fiscalYear !== undefined) set.fiscalYear = bundle.fiscalYear;
  if (bundle.effectiveTo) set.effectiveTo = bundle.effectiveTo;
  if (sha) set.bundleSha256 = sha;
  if (bundle.index) set.index = bundle.index;
  if (bundle.sections) set.sections = bundle.sections;
  if (bundle.changes) set.changes = bundle.changes;
  return set;
}

/** Whether a stored set's effective dates cover a date of service. */
export function isInForce(set: Pick<StoredCodeSet, 'effectiveFrom' | 'effectiveTo'>, dateOfService: string): boolean {
  return set.effectiveFrom <= dateOfService && (!set.effectiveTo || dateOfService <= set.effectiveTo);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
