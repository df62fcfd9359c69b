/**
 * `npm run eval`: every quality figure the issues name, on public material in ../shared/eval and the dev sets
 * under test/. Prints a table per evaluation and writes eval/results.json.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../cli/bundles';
import { createSuggestionEngine } from '../lib/suggest';
import { evaluateCcda } from './ccda';
import { evaluateCodiesp } from './codiesp';
import { evaluateNegation } from './negation';
import { evaluateNotes, HOLDOUT_2_NOTES_DIR, HOLDOUT_NOTES_DIR, NOTES_DIR } from './notes';
import { evaluateSearch } from './search';

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = process.env.EVAL_DIR ?? resolve(here, '../../shared/eval');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const results: Record<string, unknown> = { measuredAt: new Date().toISOString() };

function table(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

const search = await evaluateSearch();
results.search = { ...search, codeSearch: { ...search.codeSearch, misses: search.codeSearch.misses.length } };
table(`Code search, ${search.setup.queries} labelled queries (targets: top-1 ≥ 80%, top-5 ≥ 95%)`, [
  ['Chart Coder top-1 / top-5', `${pct(search.codeSearch.top1)} / ${pct(search.codeSearch.top5)}`],
  ['MiniSearch (prefix + fuzzy) top-1 / top-5', `${pct(search.miniSearch.top1)} / ${pct(search.miniSearch.top5)}`],
  ...Object.entries(search.codeSearch.byKind).map(([kind, r]) => [`  ${kind} (${r.queries})`, `${pct(r.top1)} / ${pct(r.top5)}`] as [string, string]),
]);

const catalog = await loadCatalog();
const engine = createSuggestionEngine(catalog);
const billable = (code: string) => catalog.lookup(code, { system: 'icd10cm', dateOfService: '2026-03-01' })[0]?.billable === true;

if (existsSync(join(NOTES_DIR, 'gold.json'))) {
  const { perNote, ...notes } = evaluateNotes(engine);
  results.notes = { ...notes, perNote };
  table(`Synthetic outpatient notes (${notes.notes}, test/fixtures/notes; targets: precision ≥ 0.90, recall ≥ 0.85, 0 forbidden codes)`, [
    ['diagnoses precision / recall / F1', `${notes.diagnoses.precision.toFixed(3)} / ${notes.diagnoses.recall.toFixed(3)} / ${notes.diagnoses.f1.toFixed(3)}`],
    ['procedures precision / recall', `${notes.procedures.precision.toFixed(3)} / ${notes.procedures.recall.toFixed(3)}`],
    ['codes from negated / family / ruled-out mentions', String(notes.forbiddenCodesSuggested)],
    ['first-listed diagnosis right', `${notes.firstListedCorrect} of ${notes.notes}`],
    ['units right', `${notes.unitsCorrect.right} of ${notes.unitsCorrect.of}`],
  ]);
}

if (existsSync(join(HOLDOUT_NOTES_DIR, 'gold.json'))) {
  const { perNote, ...heldOut } = evaluateNotes(engine, HOLDOUT_NOTES_DIR);
  results.notesHeldOut = { ...heldOut, perNote };
  table(`Dev notes (held-out, written before tuning) (${heldOut.notes}, test/fixtures/notes-holdout; same targets)`, [
    ['diagnoses precision / recall / F1', `${heldOut.diagnoses.precision.toFixed(3)} / ${heldOut.diagnoses.recall.toFixed(3)} / ${heldOut.diagnoses.f1.toFixed(3)}`],
    ['procedures precision / recall', `${heldOut.procedures.precision.toFixed(3)} / ${heldOut.procedures.recall.toFixed(3)}`],
    ['codes from negated / family / ruled-out mentions', String(heldOut.forbiddenCodesSuggested)],
    ['first-listed diagnosis right', `${heldOut.firstListedCorrect} of ${heldOut.notes}`],
    ['units right', `${heldOut.unitsCorrect.right} of ${heldOut.unitsCorrect.of}`],
  ]);
}

if (existsSync(join(HOLDOUT_2_NOTES_DIR, 'gold.json'))) {
  const { perNote, ...heldOut2 } = evaluateNotes(engine, HOLDOUT_2_NOTES_DIR);
  results.notesHeldOut2 = { ...heldOut2, perNote };
  table(`Held-out 2, written before round 2 (${heldOut2.notes}, test/fixtures/notes-holdout-2; same targets)`, [
    ['diagnoses precision / recall / F1', `${heldOut2.diagnoses.precision.toFixed(3)} / ${heldOut2.diagnoses.recall.toFixed(3)} / ${heldOut2.diagnoses.f1.toFixed(3)}`],
    ['procedures precision / recall', `${heldOut2.procedures.precision.toFixed(3)} / ${heldOut2.procedures.recall.toFixed(3)}`],
    ['codes from negated / family / ruled-out mentions', String(heldOut2.forbiddenCodesSuggested)],
    ['first-listed diagnosis right', `${heldOut2.firstListedCorrect} of ${heldOut2.notes}`],
    ['units right', `${heldOut2.unitsCorrect.right} of ${heldOut2.unitsCorrect.of}`],
  ]);
}

if (existsSync(evalDir)) {
  const negation = evaluateNegation(join(evalDir, 'negation/negex'));
  const heldOut = evaluateNegation(join(evalDir, 'negation/negex'), { reports: [61, 120] });
  results.negation = { all: negation, heldOutReports61to120: heldOut };
  table(`NegEx test set, ${negation.sentences} sentences (target: negation F1 ≥ 0.90; published NegEx: sensitivity 77.8%, PPV 84.5%)`, [
    ['negation precision / recall / F1', `${negation.negation.precision.toFixed(3)} / ${negation.negation.recall.toFixed(3)} / ${negation.negation.f1.toFixed(3)}`],
    ['held-out reports 61-120 negation F1', heldOut.negation.f1.toFixed(3)],
    ['historical / hypothetical / experiencer accuracy', `${pct(negation.historical.accuracy)} / ${pct(negation.hypothetical.accuracy)} / ${pct(negation.experiencer.accuracy)}`],
  ]);

  const { missed, ...ccda } = evaluateCcda(engine, evalDir, billable);
  results.ccda = { ...ccda, missed };
  table(`C-CDA pages (${ccda.pages} rendered pages vs gold.tsv; target: recall ≥ 0.90 on gold codes whose words appear on the page)`, [
    ['ICD-10-CM, words on page, code not printed', `${pct(ccda.icdWordsOnPage.recall)} exact, ${pct(ccda.icdWordsOnPage.recallCategory)} category (${ccda.icdWordsOnPage.gold} codes)`],
    ['ICD-10-CM, every code not printed', `${pct(ccda.icdAllNotPrinted.recall)} exact, ${pct(ccda.icdAllNotPrinted.recallCategory)} category (${ccda.icdAllNotPrinted.gold})`],
    ['ICD-10-CM, code printed on the page', `${pct(ccda.icdPrinted.recall)} exact (${ccda.icdPrinted.gold})`],
    ['gold codes that are headers or invalid', `${pct(ccda.goldNotBillable.recallCategory)} category (${ccda.goldNotBillable.gold})`],
    ['CPT (encounters and procedures)', `${pct(ccda.cpt.recall)} (${ccda.cpt.gold})`],
    ['gold rows left out: their line on the page says Resolved/Inactive', String(ccda.resolvedOnPage)],
  ]);

  const codiesp = evaluateCodiesp(engine, evalDir, billable);
  results.codiesp = codiesp;
  table(`CodiEsp test (${codiesp.notes} English MT notes, ${codiesp.goldCodes} CIE-10-ES 2018 codes, ${codiesp.goldNotInFy2026} not in FY2026)`, [
    ['exact recall@20 / MAP', `${codiesp.exact.recallAt20.toFixed(3)} / ${codiesp.exact.map.toFixed(3)}`],
    ['first 3 characters recall@20 / MAP', `${codiesp.category.recallAt20.toFixed(3)} / ${codiesp.category.map.toFixed(3)}`],
  ]);
} else {
  console.log(`\n(no evaluation material at ${evalDir}: NegEx, C-CDA and CodiEsp skipped)`);
}

writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote eval/results.json');
