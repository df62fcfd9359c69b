/**
 * Speed of lib/search against the two obvious alternatives, on the same records and queries:
 * naive Fuse.js (every record, keys code + title) and MiniSearch (prefix + fuzzy over code + title).
 * Measures query latency (the development query set, then every prefix of each query as if typed),
 * index build time, snapshot size and snapshot load time (cold start).
 *
 * `npx tsx bench/search.ts [--fuse-queries=N] [--rounds=N] [--no-chromium]` prints a table; `benchSearch()` returns the figures
 * (the lead writes them to bench/results.json).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'fflate';
import Fuse from 'fuse.js';
import type { CodeRecord } from '../lib/codesets/types';
import { CodeSearch } from '../lib/search';
import { buildMiniSearch, readQuerySet, type QueryCase } from '../eval/search';
import { loadFullCodeset } from '../test/search/load-full-codeset';
import { benchSearchInChromium, chromiumAvailable, type ChromiumSearchBench } from './search-chromium';

/** Latency summary in milliseconds. */
export interface Latency {
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** What {@link benchSearch} returns. */
export interface SearchBench {
  setup: { records: number; queries: number; typedPrefixes: number; node: string; cpus: number; note: string[] };
  codeSearch: {
    buildMs: number;
    snapshotBytes: number;
    snapshotGzipBytes: number;
    snapshotEncodeMs: number;
    /** Median of several loads of the snapshot (bytes already in memory), as at popup start. */
    snapshotLoadMs: number;
    /** First query right after a load (lazy structures, cold JIT). */
    firstQueryMs: number;
    queries: Latency;
    typing: Latency;
    stats: ReturnType<CodeSearch['stats']>;
  };
  miniSearch: { buildMs: number; queries: Latency; typing: Latency };
  fuse: { buildMs: number; queries: Latency; queriesRun: number };
  /** Fuse.js over the vocabulary only (the typo-lookup design alternative), on the typo queries' words. */
  fuseOverVocabulary: { terms: number; lookups: Latency };
  speedup: { vsMiniSearchP95: number; vsFuseP95: number; vsMiniSearchTypingP95: number };
  /** Cold start (IndexedDB read + load + first query) and latency in headless Chromium, when asked for and available. */
  chromium?: ChromiumSearchBench;
  targets: { p95Ms: number; vsMiniSearch: number; coldStartMs: number; met: boolean };
}

/** Options for {@link benchSearch}. */
export interface BenchSearchOptions {
  /** Records to search. Default: the full code set from shared/codesets. */
  records?: CodeRecord[];
  /** Passes over the query set for our engine and MiniSearch. Default: 5. */
  rounds?: number;
  /** Queries given to naive Fuse.js (each takes seconds). Default: 12, spread over the set. */
  fuseQueries?: number;
  /** Also measure in headless Chromium (bench/search-chromium.ts) when a Chromium binary is there. Default: false. */
  chromium?: boolean;
  /** Print the table. Default: false. */
  print?: boolean;
}

/**
 * Runs the benchmark.
 *
 * @example const bench = await benchSearch(); bench.codeSearch.queries.p95 // e.g. 1.2 (ms)
 */
export async function benchSearch(options: BenchSearchOptions = {}): Promise<SearchBench> {
  const rounds = options.rounds ?? 5;
  const full = options.records ? undefined : await loadFullCodeset();
  const records = options.records ?? full!.records;
  const cases = readQuerySet();
  const queries = cases.map((c) => c.query);
  const typed = typingPrefixes(queries);

  // Build, snapshot, load.
  let t = performance.now();
  const built = CodeSearch.build(records);
  const buildMs = performance.now() - t;
  t = performance.now();
  const snapshot = built.toSnapshot();
  const snapshotEncodeMs = performance.now() - t;
  const loads: number[] = [];
  let search = built;
  let firstQueryMs = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    search = CodeSearch.fromSnapshot(snapshot);
    loads.push(performance.now() - t);
    if (i === 0) {
      t = performance.now();
      search.search('pnuemonia');
      firstQueryMs = performance.now() - t;
    }
  }
  const optionsOf = new Map<string, QueryCase['options']>(cases.map((c) => [c.query, c.options]));
  const ours = (q: string) => search.search(q, { ...optionsOf.get(q), limit: 20 });
  for (const q of queries) ours(q); // warm-up
  const codeSearchQueries = measure(queries, ours, rounds);
  const codeSearchTyping = measure(typed, ours, 1);

  // MiniSearch: prefix + fuzzy, as configured in eval/search.ts.
  t = performance.now();
  const mini = buildMiniSearch(records);
  const miniBuildMs = performance.now() - t;
  const miniQuery = (q: string) => mini.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, 20);
  for (const q of queries.slice(0, 30)) miniQuery(q);
  const miniQueries = measure(queries, miniQuery, Math.max(1, Math.floor(rounds / 2)));
  const miniTyping = measure(typed, miniQuery, 1);

  // Naive Fuse.js over every record: seconds per query, so a spread subset.
  t = performance.now();
  const fuse = new Fuse(records, { keys: ['code', 'title'] });
  const fuseBuildMs = performance.now() - t;
  const fuseCount = Math.min(options.fuseQueries ?? 12, queries.length);
  const fuseSubset = Array.from({ length: fuseCount }, (_, i) => queries[Math.floor((i * queries.length) / fuseCount)]!);
  const fuseQueries = measure(fuseSubset, (q) => fuse.search(q, { limit: 20 }), 1);

  // Fuse.js over the vocabulary only: what a Fuse-based typo lookup would cost per word.
  const terms = [...new Set(records.flatMap((r) => r.title.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length > 1))];
  const vocabularyFuse = new Fuse(terms, { threshold: 0.3 });
  const typoWords = cases.filter((c) => c.kind === 'typo').flatMap((c) => c.query.split(/\s+/));
  const fuseVocabulary = measure(typoWords, (w) => vocabularyFuse.search(w, { limit: 10 }), 1);

  const snapshotLoadMs = median(loads);
  const inChromium = options.chromium && chromiumAvailable() ? await benchSearchInChromium(records) : undefined;
  const bench: SearchBench = {
    setup: {
      records: records.length,
      queries: queries.length,
      typedPrefixes: typed.length,
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      note: [
        `our engine and MiniSearch: ${rounds} and ${Math.max(1, Math.floor(rounds / 2))} passes over ${queries.length} queries after a warm-up, limit 20`,
        `typing: every prefix of every query (${typed.length} searches), one pass`,
        `naive Fuse.js: ${fuseCount} of the ${queries.length} queries, one pass (about seconds each)`,
        ...(full?.sources ?? []),
      ],
    },
    codeSearch: {
      buildMs: round(buildMs),
      snapshotBytes: snapshot.byteLength,
      snapshotGzipBytes: gzipSync(snapshot, { level: 6 }).byteLength,
      snapshotEncodeMs: round(snapshotEncodeMs),
      snapshotLoadMs: round(snapshotLoadMs),
      firstQueryMs: round(firstQueryMs),
      queries: codeSearchQueries,
      typing: codeSearchTyping,
      stats: search.stats(),
    },
    miniSearch: { buildMs: round(miniBuildMs), queries: miniQueries, typing: miniTyping },
    fuse: { buildMs: round(fuseBuildMs), queries: fuseQueries, queriesRun: fuseCount },
    fuseOverVocabulary: { terms: terms.length, lookups: fuseVocabulary },
    speedup: {
      vsMiniSearchP95: round(miniQueries.p95 / codeSearchQueries.p95),
      vsFuseP95: round(fuseQueries.p95 / codeSearchQueries.p95),
      vsMiniSearchTypingP95: round(miniTyping.p95 / codeSearchTyping.p95),
    },
    ...(inChromium ? { chromium: inChromium } : {}),
    targets: {
      p95Ms: 5,
      vsMiniSearch: 10,
      coldStartMs: 300,
      met:
        codeSearchQueries.p95 <= 5 &&
        codeSearchTyping.p95 <= 5 &&
        miniQueries.p95 / codeSearchQueries.p95 >= 10 &&
        (inChromium ? inChromium.coldStartMs : snapshotLoadMs + firstQueryMs) <= 300,
    },
  };
  if (options.print) printBench(bench);
  return bench;
}

/** Every prefix of every query, as typed one character at a time (trailing spaces skipped). */
export function typingPrefixes(queries: readonly string[]): string[] {
  const out: string[] = [];
  for (const q of queries) for (let i = 1; i <= q.length; i++) if (q[i - 1] !== ' ') out.push(q.slice(0, i));
  return out;
}

function measure(queries: readonly string[], run: (q: string) => unknown, rounds: number): Latency {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return {
    queries: times.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(times[times.length - 1]!),
    mean: round(times.reduce((s, x) => s + x, 0) / times.length),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function printBench(b: SearchBench): void {
  const ms = (x: number) => `${x.toFixed(2)}`.padStart(9);
  const row = (name: string, l: Latency) => console.log(`${name.padEnd(34)} ${String(l.queries).padStart(6)} ${ms(l.p50)} ${ms(l.p95)} ${ms(l.p99)} ${ms(l.max)}`);
  console.log(`Search latency over ${b.setup.records} records (${b.setup.node}, ${b.setup.cpus} CPUs)`);
  for (const n of b.setup.note) console.log(`  ${n}`);
  console.log('');
  console.log(`${'engine / workload'.padEnd(34)} ${'runs'.padStart(6)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'max ms'.padStart(9)}`);
  row('CodeSearch, query set', b.codeSearch.queries);
  row('CodeSearch, typing (every prefix)', b.codeSearch.typing);
  row('MiniSearch prefix+fuzzy, query set', b.miniSearch.queries);
  row('MiniSearch prefix+fuzzy, typing', b.miniSearch.typing);
  row(`naive Fuse.js, ${b.fuse.queriesRun} queries`, b.fuse.queries);
  row(`Fuse.js over ${b.fuseOverVocabulary.terms} words (typo)`, b.fuseOverVocabulary.lookups);
  console.log('');
  console.log(`speed-up at p95: ${b.speedup.vsMiniSearchP95}x vs MiniSearch (typing ${b.speedup.vsMiniSearchTypingP95}x), ${b.speedup.vsFuseP95}x vs naive Fuse.js`);
  const c = b.codeSearch;
  console.log(`index: build ${c.buildMs.toFixed(0)} ms; snapshot ${(c.snapshotBytes / 1e6).toFixed(2)} MB (${(c.snapshotGzipBytes / 1e6).toFixed(2)} MB gzip), encode ${c.snapshotEncodeMs.toFixed(0)} ms, load ${c.snapshotLoadMs.toFixed(1)} ms, first query ${c.firstQueryMs.toFixed(1)} ms`);
  console.log(`       ${c.stats.rows} rows from ${c.stats.records} records, ${c.stats.terms} terms, ${c.stats.postings} postings, ${c.stats.fields} fields`);
  console.log(`other builds: MiniSearch ${b.miniSearch.buildMs.toFixed(0)} ms, Fuse.js ${b.fuse.buildMs.toFixed(0)} ms`);
  if (b.chromium) {
    const k = b.chromium;
    console.log(`Chromium ${k.chromium}: cold start ${k.coldStartMs} ms (IndexedDB read ${k.readFromIndexedDbMs} + load ${k.loadMs} + first query ${k.firstQueryMs}); query set p50 ${k.queries.p50} ms, p95 ${k.queries.p95} ms`);
  }
  console.log(`targets: p95 ≤ ${b.targets.p95Ms} ms, ≥ ${b.targets.vsMiniSearch}x MiniSearch, cold start ≤ ${b.targets.coldStartMs} ms: ${b.targets.met ? 'met' : 'NOT met'}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  await benchSearch({
    print: true,
    chromium: !process.argv.includes('--no-chromium'),
    ...(arg('rounds') ? { rounds: Number(arg('rounds')) } : {}),
    ...(arg('fuse-queries') ? { fuseQueries: Number(arg('fuse-queries')) } : {}),
  });
}
