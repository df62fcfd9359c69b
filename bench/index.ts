/**
 * `npm run bench`: every performance figure the issues name, measured on the full official code sets and in
 * real headless Chromium. Prints a table per area and writes bench/results.json.
 */
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCodeSets } from './codesets';
import { benchPopup } from './popup';
import { benchQueue, printQueueBench } from './queue';
import { benchRemittance, printRemittanceBench } from './remittance';
import { benchSidebar, printSidebarBench } from './sidebar';
import { benchSearch } from './search';
import { benchSuggest } from './suggest';
import { benchTabular } from './tabular';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), machine: machineSummary() };

if (!existsSync(join(root, '.output/chrome-mv3-test/manifest.json')) || process.argv.includes('--rebuild')) {
  execSync('npm run build:test', { cwd: root, stdio: 'inherit' });
}

const tabular = benchTabular();
results.tabular = tabular;
table('ICD-10-CM Tabular List parse (FY2021 XML)', [
  ['file bytes', tabular.bytes.toLocaleString('en-US')],
  ['parse time (cold / warm)', `${tabular.parseMs} ms / ${tabular.warmParseMs} ms`],
  ['codes', tabular.codes.toLocaleString('en-US')],
  ['codes with inclusion terms', tabular.codesWithInclusionTerms.toLocaleString('en-US')],
  ['codes with notes of their own', tabular.codesWithAnyNotes.toLocaleString('en-US')],
  ['codes with 7th characters (own or inherited)', tabular.codesWithSevenChr.toLocaleString('en-US')],
]);

const codesets = await benchCodeSets();
results.codesets = codesets;
table('Code sets in Chromium (goal: load ≤ 10 s, bundle ≤ 15 MB)', [
  ['bundle size (public/codesets)', `${(codesets.bundleBytes / 1e6).toFixed(2)} MB`],
  ['extension package', `${(codesets.extensionBytes / 1e6).toFixed(2)} MB`],
  ['full load into IndexedDB', `${codesets.loadSeconds.toFixed(2)} s (${codesets.rowsLoaded.toLocaleString('en-US')} codes and modifiers)`],
  ['browser start → code sets ready', `${codesets.wallSecondsFromBrowserStart.toFixed(2)} s`],
  ['IndexedDB usage after load', `${(codesets.indexedDbBytes / 1e6).toFixed(1)} MB`],
  ['extension page JS heap', `${(codesets.pageHeapBytes / 1e6).toFixed(1)} MB`],
]);

console.log('\nCode search (issue 3; targets: p95 ≤ 5 ms, ≥ 10× faster than MiniSearch at p95, cold start ≤ 300 ms)');
const search = await benchSearch({ print: true, chromium: true });
results.search = search;

const popup = await benchPopup();
results.popup = popup;
table('Popup cold start in Chromium (saved index in IndexedDB)', [
  ['open → index ready (p50 / max)', `${popup.indexReadyMs.p50.toFixed(0)} ms / ${popup.indexReadyMs.max.toFixed(0)} ms`],
  ['open → first results of "afib" on screen (p50 / max)', `${popup.firstResultsMs.p50.toFixed(0)} ms / ${popup.firstResultsMs.max.toFixed(0)} ms`],
]);

const suggest = await benchSuggest();
results.suggest = suggest;
table(`Suggestions for unseen 3,000-word charts (${suggest.minWords}–${suggest.maxWords} words; target ≤ 50 ms)`, [
  ['chart reading + suggestions p50 / p95 / max', `${suggest.p50Ms.toFixed(1)} / ${suggest.p95Ms.toFixed(1)} / ${suggest.maxMs.toFixed(1)} ms (${suggest.runs} charts, each new to the engine)`],
  ['first chart after the warm-up', `${suggest.firstChartMs.toFixed(1)} ms`],
  ['four unseen long single notes (test/fixtures/long-notes)', `${suggest.longNoteMs.map((ms) => ms.toFixed(1)).join(' / ')} ms`],
  ['one chart again (caches warm) p50 / p95', `${suggest.againP50Ms.toFixed(1)} / ${suggest.againP95Ms.toFixed(1)} ms (${suggest.againRuns} runs)`],
  ['one-time lexicon build / warm-up (at code-set load)', `${suggest.lexiconBuildMs.toFixed(0)} ms / ${suggest.warmUpMs.toFixed(0)} ms (${suggest.warmUpRounds} rounds)`],
]);

console.log('\nSidebar in Chromium: Alt+Shift+C → suggestions on screen (goals: demo chart ≤ 150 ms, 20k-node page ≤ 300 ms)');
const sidebar = await benchSidebar();
printSidebarBench(sidebar);
results.sidebar = sidebar;

const queue = await benchQueue();
printQueueBench(queue);
results.queue = queue;

const remittance = await benchRemittance();
printRemittanceBench(remittance);
results.remittance = remittance;

writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');

function table(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

function machineSummary(): string {
  return `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
