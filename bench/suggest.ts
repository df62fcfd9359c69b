/**
 * Suggestion latency: chart text → suggestions for 3,000-word charts, in Node. Target ≤ 50 ms.
 *
 * The engine is built once per code-set load and then warmed on its own synthetic note (lib/suggest/warm-up.ts),
 * as the extension's background does, so V8 has compiled the engine's code before a coder's first chart.
 * Every chart timed here is text the engine has not seen: 3,000-word charts joined from consecutive held-out
 * notes (several visits on one page), a different one each run, so no cache of earlier text flatters them.
 * Then four single long notes written for the bench (test/fixtures/long-notes), each once. The same chart run
 * again (the coder pressing Alt+Shift+C twice) is reported on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../cli/bundles';
import { chartFromText } from '../lib/chart';
import { createSuggestionEngine } from '../lib/suggest';
import { WARM_UP_ROUNDS, warmUpEngine } from '../lib/suggest/warm-up';

export interface SuggestBench {
  /** Smallest and largest word count of the timed charts (each at least 3,000). */
  minWords: number;
  maxWords: number;
  /** Engine build and lexicon build (the first chart after a code-set load). */
  lexiconBuildMs: number;
  /** The warm-up that follows it, off the coder's path. */
  warmUpMs: number;
  warmUpRounds: number;
  /** The first chart a coder opens after the warm-up. */
  firstChartMs: number;
  /** Charts the engine has not seen, one each run. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
  /** The four unseen long single notes of test/fixtures/long-notes (3,235–3,375 words), each timed once. */
  longNoteMs: number[];
  /** One chart (the long dev note) suggested again and again. */
  againP50Ms: number;
  againP95Ms: number;
  againRuns: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../test/fixtures');

/** Plain-text held-out notes in a fixed order (sets by number, notes by file name). */
function heldOutNotes(): string[] {
  const sets = readdirSync(FIXTURES)
    .filter((d) => /^notes-holdout-\d+$/.test(d))
    .sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
  return sets.flatMap((set) =>
    readdirSync(join(FIXTURES, set))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(join(FIXTURES, set, f), 'utf8')),
  );
}

/** Single long notes written for this bench (never scored, never used to develop the engine). */
function longNotes(): string[] {
  const dir = join(FIXTURES, 'long-notes');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** `count` charts of at least `words` words, each joined from the next consecutive notes. */
export function distinctCharts(notes: readonly string[], count: number, words = 3000): string[] {
  const charts: string[] = [];
  let next = 0;
  for (let i = 0; i < count && next < notes.length; i++) {
    const parts: string[] = [];
    let total = 0;
    while (total < words && next < notes.length) {
      parts.push(notes[next]!);
      total += wordCount(notes[next++]!);
    }
    if (total >= words) charts.push(parts.join('\n\n'));
  }
  return charts;
}

/** Times chart reading + suggestion on unseen 3,000-word charts, and on one chart repeated. */
export async function benchSuggest(runs = 60, againRuns = 50): Promise<SuggestBench> {
  const charts = distinctCharts(heldOutNotes(), runs + 1);
  if (charts.length < 2) throw new Error('bench/suggest: not enough held-out notes for 3,000-word charts');
  const longNote = readFileSync(join(FIXTURES, 'notes/33-im-new-patient-comprehensive-long.txt'), 'utf8');

  let started = performance.now();
  const engine = createSuggestionEngine(await loadCatalog());
  engine.suggest(chartFromText('Assessment: hypertension.'));
  const lexiconBuildMs = performance.now() - started;
  started = performance.now();
  warmUpEngine(engine);
  const warmUpMs = performance.now() - started;

  const time = (text: string) => {
    const start = performance.now();
    engine.suggest(chartFromText(text));
    return performance.now() - start;
  };
  const [first, ...rest] = charts as [string, ...string[]];
  const firstChartMs = time(first);
  const times = rest.map(time);
  const longNoteMs = longNotes().map(time);
  const again = Array.from({ length: againRuns }, () => time(longNote));
  const counts = charts.map(wordCount);
  return {
    minWords: Math.min(...counts),
    maxWords: Math.max(...counts),
    lexiconBuildMs,
    warmUpMs,
    warmUpRounds: WARM_UP_ROUNDS,
    firstChartMs,
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: Math.max(...times),
    runs: times.length,
    longNoteMs,
    againP50Ms: quantile(again, 0.5),
    againP95Ms: quantile(again, 0.95),
    againRuns,
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchSuggest(), null, 2));
}
