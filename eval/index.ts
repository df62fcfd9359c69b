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
import { evaluateNotes, NOTE_SETS, poolNoteEvaluations } from './notes';
import type { NotesEvaluation } from './notes';
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

const notesRows = (n: Omit<NotesEvaluation, 'perNote'>): [string, string][] => [
  ['diagnoses precision / recall / F1', `${n.diagnoses.precision.toFixed(3)} / ${n.diagnoses.recall.toFixed(3)} / ${n.diagnoses.f1.toFixed(3)}`],
  ['procedures precision / recall', `${n.procedures.precision.toFixed(3)} / ${n.procedures.recall.toFixed(3)}`],
  ['codes from negated / family / ruled-out mentions', String(n.forbiddenCodesSuggested)],
  ['first-listed diagnosis right', `${n.firstListedCorrect} of ${n.notes}`],
  ['units right', `${n.unitsCorrect.right} of ${n.unitsCorrect.of}`],
];
const heldOutSets: NotesEvaluation[] = [];
const noteResults: Record<string, unknown> = {};
results.notes = noteResults;
for (const set of NOTE_SETS) {
  if (!existsSync(join(set.dir, 'gold.json')) || set.sealed) continue;
  const { perNote, ...figures } = evaluateNotes(engine, set.dir);
  noteResults[set.id] = { ...figures, perNote };
  if (set.heldOut) heldOutSets.push({ ...figures, perNote });
  table(`${set.title}: ${figures.notes} notes; targets: precision ≥ 0.90, recall ≥ 0.85, 0 forbidden codes`, notesRows(figures));
}
if (heldOutSets.length > 1) {
  const pooled = poolNoteEvaluations(heldOutSets);
  noteResults.heldOutPooled = pooled;
  table(`All held-out sets pooled (${pooled.notes} notes)`, notesRows(pooled));
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
