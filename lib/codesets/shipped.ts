import type { BundleManifest } from './types';
import type { CodeSetStore, LoadOptions } from './store';

/** Reads a file shipped inside the extension (the background passes a fetch of `runtime.getURL`). */
export type ShippedFileReader = (path: string) => Promise<Uint8Array>;

/**
 * Loads the code-set bundles shipped with the extension into IndexedDB, skipping bundles whose file hash
 * matches what is already stored (so an update reloads only what changed). Returns the ids it loaded.
 */
export async function loadShippedBundles(store: CodeSetStore, read: ShippedFileReader, options: LoadOptions & { force?: boolean } = {}): Promise<string[]> {
  const manifest = JSON.parse(new TextDecoder().decode(await read('codesets/manifest.json'))) as BundleManifest;
  const stored = new Set(options.force ? [] : await store.storedBundleHashes());
  const wanted = manifest.files.filter((f) => !stored.has(f.sha256));
  if (wanted.length === 0) return [];
  const files = await Promise.all(wanted.map(async (f) => ({ name: f.file, bytes: await read(`codesets/${f.file}`) })));
  const bundles = await store.loadBundleFiles(files, options);
  return bundles.map((b) => b.id);
}
