/**
 * Code-set benchmarks: bundle size on disk, and a full first-install load into IndexedDB in real Chromium
 * (time from the first row written to the switch, plus wall time from browser start), with storage and memory.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR, launchExtension } from '../test/e2e/harness';

export interface CodeSetBench {
  bundleBytes: number;
  extensionBytes: number;
  loadSeconds: number;
  wallSecondsFromBrowserStart: number;
  rowsLoaded: number;
  indexedDbBytes: number;
  pageHeapBytes: number;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

/** Runs the code-set benchmark (needs `npm run build:test` first). */
export async function benchCodeSets(): Promise<CodeSetBench> {
  const bundleBytes = folderBytes(resolve(dirname(fileURLToPath(import.meta.url)), '../public/codesets'));
  const extensionBytes = folderBytes(EXTENSION_DIR);
  const started = Date.now();
  const session = await launchExtension();
  try {
    const page = await session.openPage('queue.html');
    type Progress = { phase: string; done: number; startedAt: string; at: string };
    let progress: Progress | undefined;
    while (Date.now() - started < 120_000) {
      progress = await page.evaluate(
        () =>
          new Promise<Progress | undefined>((resolveProgress) => {
            const open = indexedDB.open('chart-coder');
            open.onsuccess = () => {
              const idb = open.result;
              if (!idb.objectStoreNames.contains('settings')) return resolveProgress(undefined);
              const get = idb.transaction('settings').objectStore('settings').get('codesetLoadProgress');
              get.onsuccess = () => resolveProgress(get.result?.value);
              get.onerror = () => resolveProgress(undefined);
            };
            open.onerror = () => resolveProgress(undefined);
          }),
      );
      if (progress?.phase === 'done' || progress?.phase === 'failed') break;
      await page.waitForTimeout(100);
    }
    if (progress?.phase !== 'done') throw new Error(`code sets did not load: ${JSON.stringify(progress)}`);
    const wall = (Date.now() - started) / 1000;
    const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    return {
      bundleBytes,
      extensionBytes,
      loadSeconds: (Date.parse(progress.at) - Date.parse(progress.startedAt)) / 1000,
      wallSecondsFromBrowserStart: wall,
      rowsLoaded: progress.done,
      indexedDbBytes: estimate,
      pageHeapBytes: heap,
    };
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchCodeSets().then((r) => console.log(JSON.stringify(r, null, 2)));
}
