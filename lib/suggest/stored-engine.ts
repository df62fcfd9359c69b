import { CodeSetCatalog } from '../codesets/catalog';
import type { CodeSetStore } from '../codesets/store';
import type { AnyBundle } from '../codesets/bundle';
import type { CoderDB } from '../db/schema';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/**
 * The suggestion engine over the code sets stored in IndexedDB, built once per set of loaded releases
 * (the background keeps it; a new load gives a new one).
 */
export async function engineFromStore(db: CoderDB, store: CodeSetStore): Promise<{ engine: SuggestionEngine; key: string }> {
  const bundles: AnyBundle[] = [...(await store.readyCodeSetBundles('icd10cm')), ...(await store.readyCodeSetBundles('hcpcs')), ...(await store.readyCodeSetBundles('cpt'))];
  const edits = await store.edits();
  if (edits) bundles.push(edits);
  const sets = await db.codeSets.where('status').equals('ready').primaryKeys();
  return { engine: createSuggestionEngine(new CodeSetCatalog(bundles)), key: sets.sort().join('|') };
}
