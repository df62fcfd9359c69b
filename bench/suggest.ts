/**
 * Suggestion latency: chart text → suggestions for a 3,000-word note (the longest synthetic dev note, repeated
 * to at least 3,000 words), after the one-time lexicon build, in Node. Target ≤ 50 ms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../cli/bundles';
import { chartFromText } from '../lib/chart';
import { createSuggestionEngine } from '../lib/suggest';

export interface SuggestBench {
  words: number;
  lexiconBuildMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Times chart reading + suggestion on a ≥3,000-word note. */
export async function benchSuggest(runs = 30): Promise<SuggestBench> {
  const base = readFileSync(join(here, '../test/fixtures/notes/33-im-new-patient-comprehensive-long.txt'), 'utf8');
  // Top the 2,951-word note up to 3,000 words with the start of its own history.
  const missing = Math.max(0, 3000 - base.split(/\s+/).filter(Boolean).length);
  const text = missing ? `${base}\nAddendum: ${base.split(/\s+/).filter(Boolean).slice(0, missing).join(' ')}` : base;
  const words = text.split(/\s+/).filter(Boolean).length;
  const engine = createSuggestionEngine(await loadCatalog());
  let started = performance.now();
  engine.suggest(chartFromText('Assessment: hypertension.'));
  const lexiconBuildMs = performance.now() - started;
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    started = performance.now();
    engine.suggest(chartFromText(text));
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { words, lexiconBuildMs, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: times.at(-1)!, runs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchSuggest(), null, 2));
}
