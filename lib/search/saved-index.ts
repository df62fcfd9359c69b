import type { CodeSetStore } from '../codesets/store';
import type { CodeRecord } from '../codesets/types';
import type { CoderDB, StoredCodeSet } from '../db/schema';
import { CodeSearch } from './code-search';

/** A search engine over the code sets in force, and the sets it covers. */
export interface OpenedSearch {
  search: CodeSearch;
  sets: StoredCodeSet[];
  /** 'snapshot' when a saved index was loaded, 'built' when it had to be built (and was saved). */
  source: 'snapshot' | 'built';
}

/**
 * Opens code search over the ICD-10-CM release in force on the date of service, the newest HCPCS quarter
 * and the CPT list. A saved index (keyed by the exact stored sets) is reused, so the popup opens in
 * milliseconds; after a code-set load the background builds and saves the new one.
 */
export async function openCodeSearch(db: CoderDB, store: CodeSetStore, dateOfService?: string): Promise<OpenedSearch> {
  const sets = (await Promise.all((['icd10cm', 'hcpcs', 'cpt'] as const).map((system) => store.setFor(system, dateOfService)))).filter((s): s is StoredCodeSet => Boolean(s));
  const key = sets.map((s) => s.storeId).join('|');
  const saved = await db.searchSnapshots.get(key);
  if (saved) {
    try {
      return { search: CodeSearch.fromSnapshot(saved.bytes), sets, source: 'snapshot' };
    } catch {
      // A snapshot from another format version: rebuild it below.
    }
  }
  const records: CodeRecord[] = (await Promise.all(sets.map((s) => store.codesOf(s.storeId)))).flat();
  const search = CodeSearch.build(records);
  await db.transaction('rw', db.searchSnapshots, async () => {
    // Only the newest snapshot is worth keeping: older ones cover sets that have been replaced.
    await db.searchSnapshots.clear();
    await db.searchSnapshots.put({ key, bytes: search.toSnapshot(), builtAt: new Date().toISOString() });
  });
  return { search, sets, source: 'built' };
}
