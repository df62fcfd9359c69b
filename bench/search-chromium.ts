/**
 * Cold start and query latency of lib/search inside headless Chromium, the way the popup meets it: the
 * snapshot bytes are read back from IndexedDB in a fresh page, loaded with `CodeSearch.fromSnapshot`, then
 * the first query runs, then the query set.
 *
 * `npx tsx bench/search-chromium.ts` prints the figures; `benchSearchInChromium()` returns them.
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium), as the e2e tests do.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { CodeRecord } from '../lib/codesets/types';
import { CodeSearch } from '../lib/search';
import { readQuerySet } from '../eval/search';
import { loadFullCodeset } from '../test/search/load-full-codeset';

/** What {@link benchSearchInChromium} returns (milliseconds). */
export interface ChromiumSearchBench {
  chromium: string;
  snapshotBytes: number;
  /** Reading the snapshot back from IndexedDB in a new page. */
  readFromIndexedDbMs: number;
  /** `CodeSearch.fromSnapshot` on those bytes. */
  loadMs: number;
  /** The first search after loading. */
  firstQueryMs: number;
  /** Read + load + first query: what the popup waits before showing a first answer. */
  coldStartMs: number;
  queries: { runs: number; p50: number; p95: number; max: number };
}

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a Chromium binary is there to run the benchmark with. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Runs lib/search in headless Chromium over the full code set (or `records`). */
export async function benchSearchInChromium(records?: CodeRecord[]): Promise<ChromiumSearchBench> {
  const snapshot = CodeSearch.build(records ?? (await loadFullCodeset()).records).toSnapshot();
  const queries = readQuerySet().map((c) => c.query);
  const bundle = await build({
    stdin: { contents: "import { CodeSearch } from './lib/search/index.ts'; (globalThis as any).CodeSearch = CodeSearch;", resolveDir: resolve(here, '..'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    minify: true,
  });
  const script = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const context = await browser.newContext();
    await context.route('http://search.bench/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/snapshot.bin') return route.fulfill({ body: Buffer.from(snapshot), contentType: 'application/octet-stream' });
      if (path === '/search.js') return route.fulfill({ body: script, contentType: 'text/javascript' });
      return route.fulfill({ body: '<!doctype html><script src="/search.js"></script>', contentType: 'text/html' });
    });
    // First page: store the snapshot in IndexedDB, as the extension does after building or downloading it.
    const setup = await context.newPage();
    await setup.goto('http://search.bench/');
    await setup.evaluate(async () => {
      const bytes = new Uint8Array(await (await fetch('/snapshot.bin')).arrayBuffer());
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('search-bench', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('snapshots');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction('snapshots', 'readwrite');
        tx.objectStore('snapshots').put(bytes, 'codes');
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    });
    await setup.close();

    // Second page: a cold popup.
    const page = await context.newPage();
    await page.goto('http://search.bench/');
    const figures = await page.evaluate(async (queryList) => {
      const t0 = performance.now();
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('search-bench', 1);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const bytes = await new Promise<Uint8Array>((ok, fail) => {
        const get = db.transaction('snapshots').objectStore('snapshots').get('codes');
        get.onsuccess = () => ok(get.result as Uint8Array);
        get.onerror = () => fail(get.error);
      });
      const t1 = performance.now();
      const Search = (globalThis as unknown as { CodeSearch: typeof CodeSearch }).CodeSearch;
      const search = Search.fromSnapshot(bytes);
      const t2 = performance.now();
      search.search('pnuemonia');
      const t3 = performance.now();
      for (const q of queryList) search.search(q);
      const times: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const q of queryList) {
          const t = performance.now();
          search.search(q);
          times.push(performance.now() - t);
        }
      }
      times.sort((a, b) => a - b);
      return {
        snapshotBytes: bytes.byteLength,
        readFromIndexedDbMs: t1 - t0,
        loadMs: t2 - t1,
        firstQueryMs: t3 - t2,
        coldStartMs: t3 - t0,
        queries: { runs: times.length, p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! },
      };
    }, queries);
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      chromium: browser.version(),
      snapshotBytes: figures.snapshotBytes,
      readFromIndexedDbMs: round(figures.readFromIndexedDbMs),
      loadMs: round(figures.loadMs),
      firstQueryMs: round(figures.firstQueryMs),
      coldStartMs: round(figures.coldStartMs),
      queries: { runs: figures.queries.runs, p50: round(figures.queries.p50), p95: round(figures.queries.p95), max: round(figures.queries.max) },
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (!chromiumAvailable()) {
    console.log(`No Chromium at ${CHROMIUM}; set CHROMIUM_PATH.`);
  } else {
    const b = await benchSearchInChromium();
    console.log(`Chromium ${b.chromium}, snapshot ${(b.snapshotBytes / 1e6).toFixed(2)} MB`);
    console.log(`cold start ${b.coldStartMs} ms = IndexedDB read ${b.readFromIndexedDbMs} + fromSnapshot ${b.loadMs} + first query ${b.firstQueryMs}`);
    console.log(`query set: ${b.queries.runs} runs, p50 ${b.queries.p50} ms, p95 ${b.queries.p95} ms, max ${b.queries.max} ms`);
  }
}
