/**
 * Accuracy of lib/search on the development query set (test/search/queries.tsv): top-1 and top-5 hit
 * rates, overall and per kind of query, next to MiniSearch (prefix + fuzzy over code and title) on the
 * same records and queries.
 *
 * `npx tsx eval/search.ts [--misses] [--queries=file.tsv]` prints the table (and the queries missed at top 1);
 * `evaluateSearch()` returns the figures for `npm run eval:search` / eval/results.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import type { CodeRecord, CodeSystem } from '../lib/codesets/types';
import { CodeSearch, type CodeSearchResult, type SearchOptions } from '../lib/search';
import { loadFullCodeset } from '../test/search/load-full-codeset';

/** One labelled query of the development set. */
export interface QueryCase {
  kind: string;
  query: string;
  expected: { system: CodeSystem; code: string }[];
  /** 'any': one expected code counts; 'all': every expected code must be shown. */
  mode: 'any' | 'all';
  options: SearchOptions;
  note?: string;
}

/** Hit rates of one engine. */
export interface HitRates {
  queries: number;
  top1: number;
  top5: number;
  byKind: Record<string, { queries: number; top1: number; top5: number }>;
}

/** A query an engine did not answer first. */
export interface Miss {
  kind: string;
  query: string;
  expected: string;
  got: string[];
  inTop5: boolean;
}

/** What {@link evaluateSearch} returns. */
export interface SearchEvaluation {
  /** The query set and the records it ran on. */
  setup: { queryFile: string; queries: number; records: number; sources: string[]; dateOfService: string; unknownExpected: string[] };
  codeSearch: HitRates & { misses: Miss[] };
  miniSearch: HitRates;
  targets: { top1: number; top5: number; met: boolean };
}

/** Options for {@link evaluateSearch}. */
export interface EvaluateSearchOptions {
  /** Query file. Default: test/search/queries.tsv. */
  queryFile?: string;
  /** Records to search. Default: the full code set from shared/codesets. */
  records?: CodeRecord[];
  /** Print the table (and misses when `misses`). Default: false. */
  print?: boolean;
  misses?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The development query set. */
export const DEFAULT_QUERY_FILE = resolve(here, '../test/search/queries.tsv');

/** Reads the query set (see the header of queries.tsv for the format). */
export function readQuerySet(path = DEFAULT_QUERY_FILE): QueryCase[] {
  const out: QueryCase[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#') || line.startsWith('kind\t')) return;
    const [kind, query, expected, options = '', note] = line.split('\t');
    if (!kind || !query || !expected) throw new Error(`${path}:${i + 1}: needs kind, query and expected`);
    const mode = expected.includes('&') ? 'all' : 'any';
    const codes = expected.split(/\s*[|&]\s*/).map((item) => {
      const [system, code] = item.trim().split(':');
      if (!code || !['icd10cm', 'hcpcs', 'cpt'].includes(system!)) throw new Error(`${path}:${i + 1}: bad expected code "${item}"`);
      return { system: system as CodeSystem, code };
    });
    const opts: SearchOptions = {};
    for (const pair of options.split(/\s+/).filter(Boolean)) {
      const [key, value = ''] = pair.split('=');
      if (key === 'dos') opts.dateOfService = value;
      else if (key === 'systems') opts.systems = value.split(',') as CodeSystem[];
      else throw new Error(`${path}:${i + 1}: unknown option ${key}`);
    }
    out.push({ kind, query, expected: codes, mode, options: opts, ...(note ? { note } : {}) });
  });
  return out;
}

/** Whether a result row is (or offers, as a 7th-character choice) the expected code. */
export function resultMatches(result: Pick<CodeSearchResult, 'system' | 'code' | 'sevenths'>, expected: { system: CodeSystem; code: string }): boolean {
  if (result.system !== expected.system) return false;
  return result.code === expected.code || (result.sevenths?.some((s) => s.code === expected.code) ?? false);
}

/** Top-1 and top-5 verdicts for one answer. */
export function judge(c: QueryCase, results: Pick<CodeSearchResult, 'system' | 'code' | 'sevenths'>[]): { top1: boolean; top5: boolean } {
  const found = (list: typeof results) => (e: QueryCase['expected'][number]) => list.some((r) => resultMatches(r, e));
  if (c.mode === 'all') {
    return { top1: c.expected.every(found(results.slice(0, c.expected.length))), top5: c.expected.every(found(results.slice(0, 5))) };
  }
  return { top1: c.expected.some(found(results.slice(0, 1))), top5: c.expected.some(found(results.slice(0, 5))) };
}

/**
 * Runs the query set through CodeSearch and MiniSearch and returns top-1/top-5 hit rates, overall and per kind.
 *
 * @example const { codeSearch } = await evaluateSearch(); codeSearch.top1 // e.g. 0.93
 */
export async function evaluateSearch(options: EvaluateSearchOptions = {}): Promise<SearchEvaluation> {
  const queryFile = options.queryFile ?? DEFAULT_QUERY_FILE;
  const cases = readQuerySet(queryFile);
  const full = options.records ? undefined : await loadFullCodeset();
  const records = options.records ?? full!.records;
  const search = CodeSearch.build(records);
  const mini = buildMiniSearch(records);
  const today = new Date().toISOString().slice(0, 10);

  const ours = rates(cases, (c) => search.search(c.query, { ...c.options, limit: 5 }));
  const baseline = rates(cases, (c) => miniSearchQuery(mini, records, c.query, c.options, today, 5));
  const misses: Miss[] = [];
  for (const c of cases) {
    const got = search.search(c.query, { ...c.options, limit: 5 });
    const verdict = judge(c, got);
    if (!verdict.top1) {
      misses.push({
        kind: c.kind,
        query: c.query,
        expected: c.expected.map((e) => `${e.system}:${e.code}`).join(c.mode === 'all' ? ' & ' : ' | '),
        got: got.slice(0, 3).map((r) => `${r.system}:${r.code} ${r.title.slice(0, 50)}`),
        inTop5: verdict.top5,
      });
    }
  }
  // Labels must name codes that exist, or the set measures nothing.
  const known = new Set(records.map((r) => `${r.system}:${r.code}`));
  const unknownExpected = [...new Set(cases.flatMap((c) => c.expected.map((e) => `${e.system}:${e.code}`)).filter((k) => !known.has(k)))];
  const evaluation: SearchEvaluation = {
    setup: {
      queryFile: queryFile.replace(`${resolve(here, '..')}/`, ''),
      queries: cases.length,
      records: records.length,
      sources: full?.sources ?? ['records given by the caller'],
      dateOfService: today,
      unknownExpected,
    },
    codeSearch: { ...ours, misses },
    miniSearch: baseline,
    targets: { top1: 0.8, top5: 0.95, met: ours.top1 >= 0.8 && ours.top5 >= 0.95 },
  };
  if (options.print) printEvaluation(evaluation, options.misses ?? false);
  return evaluation;
}

/** MiniSearch as a coder would first set it up: prefix + fuzzy over code and title. */
export function buildMiniSearch(records: readonly CodeRecord[]): MiniSearch<{ id: number; code: string; title: string }> {
  const mini = new MiniSearch<{ id: number; code: string; title: string }>({ fields: ['code', 'title'], idField: 'id' });
  mini.addAll(records.map((r, id) => ({ id, code: r.code, title: r.title })));
  return mini;
}

/** One MiniSearch query, with the same system and date-of-service filters as ours. */
export function miniSearchQuery(
  mini: MiniSearch<{ id: number; code: string; title: string }>,
  records: readonly CodeRecord[],
  query: string,
  options: SearchOptions,
  today: string,
  limit: number,
): Pick<CodeSearchResult, 'system' | 'code'>[] {
  const day = options.dateOfService ?? today;
  const systems = options.systems ?? ['icd10cm', 'hcpcs', 'cpt'];
  return mini
    .search(query, {
      prefix: true,
      fuzzy: 0.2,
      filter: (hit) => {
        const r = records[hit.id as number]!;
        return systems.includes(r.system) && !(r.terminatedOn && r.terminatedOn < day) && !(r.effectiveFrom && r.effectiveFrom > day);
      },
    })
    .slice(0, limit)
    .map((hit) => {
      const r = records[hit.id as number]!;
      return { system: r.system, code: r.code };
    });
}

function rates(cases: QueryCase[], run: (c: QueryCase) => Pick<CodeSearchResult, 'system' | 'code' | 'sevenths'>[]): HitRates {
  const byKind: HitRates['byKind'] = {};
  let top1 = 0;
  let top5 = 0;
  for (const c of cases) {
    const verdict = judge(c, run(c));
    const k = (byKind[c.kind] ??= { queries: 0, top1: 0, top5: 0 });
    k.queries++;
    if (verdict.top1) (k.top1++, top1++);
    if (verdict.top5) (k.top5++, top5++);
  }
  for (const k of Object.values(byKind)) {
    k.top1 = round(k.top1 / k.queries);
    k.top5 = round(k.top5 / k.queries);
  }
  return { queries: cases.length, top1: round(top1 / cases.length), top5: round(top5 / cases.length), byKind };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function printEvaluation(e: SearchEvaluation, showMisses: boolean): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`Search accuracy on ${e.setup.queryFile}: ${e.setup.queries} queries over ${e.setup.records} records (date of service ${e.setup.dateOfService})`);
  for (const s of e.setup.sources) console.log(`  ${s}`);
  if (e.setup.unknownExpected.length) console.log(`  WARNING: expected codes not in the records: ${e.setup.unknownExpected.join(', ')}`);
  console.log('');
  console.log(`${'kind'.padEnd(14)} ${'n'.padStart(4)}  ${'top-1'.padStart(7)} ${'top-5'.padStart(7)}   ${'Mini top-1'.padStart(10)} ${'Mini top-5'.padStart(10)}`);
  const kinds = Object.keys(e.codeSearch.byKind);
  for (const kind of kinds) {
    const o = e.codeSearch.byKind[kind]!;
    const m = e.miniSearch.byKind[kind]!;
    console.log(`${kind.padEnd(14)} ${String(o.queries).padStart(4)}  ${pct(o.top1)} ${pct(o.top5)}   ${pct(m.top1).padStart(10)} ${pct(m.top5).padStart(10)}`);
  }
  console.log(`${'ALL'.padEnd(14)} ${String(e.codeSearch.queries).padStart(4)}  ${pct(e.codeSearch.top1)} ${pct(e.codeSearch.top5)}   ${pct(e.miniSearch.top1).padStart(10)} ${pct(e.miniSearch.top5).padStart(10)}`);
  console.log(`targets: top-1 ≥ ${e.targets.top1}, top-5 ≥ ${e.targets.top5}: ${e.targets.met ? 'met' : 'NOT met'}`);
  if (showMisses) {
    console.log(`\nMissed at top 1 (${e.codeSearch.misses.length}):`);
    for (const m of e.codeSearch.misses) console.log(`  [${m.kind}] "${m.query}" want ${m.expected}${m.inTop5 ? ' (in top 5)' : ''}\n      got ${m.got.join(' ; ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = process.argv.find((a) => a.startsWith('--queries='))?.split('=')[1];
  await evaluateSearch({ print: true, misses: process.argv.includes('--misses'), ...(file ? { queryFile: resolve(file) } : {}) });
}
