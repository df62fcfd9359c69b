/**
 * C-CDA pages (shared/eval/ehr-pages/cda-rendered) against shared/eval/ccda/gold.tsv: recall of the documents'
 * own ICD-10-CM codes, leaving out negated, family-history, planned and resolved rows. Rows whose page prints
 * the code itself are scored apart (copying a code is not reading the text), and so are rows whose words
 * do not appear on the page at all. CPT recall for encounter and procedure rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chartFromHtml } from '../lib/chart/from-html';
import type { SuggestionEngine } from '../lib/suggest';
import { textWords } from '../lib/suggest';

interface GoldRow {
  file: string;
  system: string;
  code: string;
  display: string;
  originalText: string;
  codeInNarrative: boolean;
}

/** Recall on one group of gold codes. */
export interface RecallFigure {
  gold: number;
  found: number;
  recall: number;
  /** Found on the first three characters (the category). */
  foundCategory: number;
  recallCategory: number;
}

/** All C-CDA figures. */
export interface CcdaEvaluation {
  pages: number;
  /** ICD-10-CM codes whose words appear on the page and whose code is not printed there: the headline figure. */
  icdWordsOnPage: RecallFigure;
  /** Every ICD-10-CM code of the gold not printed on its page, words on the page or not. */
  icdAllNotPrinted: RecallFigure;
  /** ICD-10-CM codes the page prints (scored apart). */
  icdPrinted: RecallFigure;
  cpt: RecallFigure;
  /** Gold codes that are not billable ICD-10-CM codes (headers such as T23.1, malformed or PCS codes): category recall only. */
  goldNotBillable: RecallFigure;
  /** Gold rows left out because their own line on the page says Resolved or Inactive. */
  resolvedOnPage: number;
  /** Diagnosis suggestions per page, on average (the gold lists only the codes the document carries). */
  suggestionsPerPage: number;
  missed: { file: string; code: string; display: string }[];
}

/** Reads gold.tsv and keeps the rows a page reader should find. */
export function readCcdaGold(evalDir: string): GoldRow[] {
  const [header, ...lines] = readFileSync(join(evalDir, 'ccda/gold.tsv'), 'utf8').split('\n').filter(Boolean);
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  const rows: GoldRow[] = [];
  for (const line of lines) {
    const f = line.split('\t');
    const get = (name: string) => f[at(name)] ?? '';
    const resolved = get('effective_high') !== '' || /resolved|inactive/i.test(get('problem_status')) || /completed/i.test(get('concern_status'));
    if (get('negated') === 'true' || get('family_history') === 'true' || get('mood') !== 'EVN') continue;
    if (get('code_system') === 'ICD-10-CM' && resolved) continue;
    rows.push({ file: get('file'), system: get('code_system'), code: get('code'), display: get('display_name'), originalText: get('original_text'), codeInNarrative: get('code_in_narrative') === 'true' });
  }
  return rows;
}

/** Runs the engine on every rendered page that has gold rows. */
export function evaluateCcda(engine: SuggestionEngine, evalDir: string, isBillable: (code: string) => boolean): CcdaEvaluation {
  const rows = readCcdaGold(evalDir);
  const byFile = new Map<string, GoldRow[]>();
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const tallies = { wordsOnPage: tally(), allNotPrinted: tally(), printed: tally(), cpt: tally(), notBillable: tally() };
  const missed: CcdaEvaluation['missed'] = [];
  let pages = 0;
  let suggestions = 0;
  let resolvedOnPage = 0;
  for (const [file, goldRows] of byFile) {
    const page = join(evalDir, 'ehr-pages/cda-rendered', file.replace(/\.(xml|XML)$/, '.html'));
    if (!existsSync(page)) continue;
    pages++;
    const document = chartFromHtml(readFileSync(page, 'utf8'));
    const result = engine.suggest(document, { setting: 'outpatient' });
    suggestions += result.diagnoses.length;
    const dx = new Set(result.diagnoses.map((d) => d.code));
    const px = new Set(result.procedures.map((p) => p.code));
    const pageKeys = new Set(textWords(document.text).map((w) => w.key));
    const seen = new Set<string>();
    for (const row of goldRows) {
      const key = `${row.system}:${row.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (row.system === 'CPT') {
        count(tallies.cpt, px.has(row.code), [...px].some((c) => c.slice(0, 3) === row.code.slice(0, 3)));
        continue;
      }
      if (row.system !== 'ICD-10-CM') continue;
      const code = withDot(row.code.trim());
      const found = dx.has(code);
      const foundCategory = [...dx].some((c) => c.slice(0, 3) === code.slice(0, 3));
      // Headers, malformed and non-ICD-10-CM codes in the gold can only be matched on their category.
      if (!isBillable(code)) {
        count(tallies.notBillable, found, foundCategory);
        continue;
      }
      if (row.codeInNarrative) {
        count(tallies.printed, found, foundCategory);
        continue;
      }
      // The page itself may mark the problem resolved (a status column) where the gold row does not: a reader
      // of the page must not code it, so such rows are left out and counted.
      const line = document.sentences.find((s) => s.text.toLowerCase().includes(row.display.toLowerCase()))?.text ?? '';
      if (/\t(resolved|inactive)\b/i.test(line)) {
        resolvedOnPage++;
        continue;
      }
      count(tallies.allNotPrinted, found, foundCategory);
      const words = textWords(row.display).map((w) => w.key).filter((k) => k.length > 2);
      if (words.length && words.every((k) => pageKeys.has(k))) {
        count(tallies.wordsOnPage, found, foundCategory);
        if (!found) missed.push({ file, code, display: row.display });
      }
    }
  }
  return {
    pages,
    icdWordsOnPage: figure(tallies.wordsOnPage),
    icdAllNotPrinted: figure(tallies.allNotPrinted),
    icdPrinted: figure(tallies.printed),
    cpt: figure(tallies.cpt),
    goldNotBillable: figure(tallies.notBillable),
    suggestionsPerPage: pages ? suggestions / pages : 0,
    resolvedOnPage,
    missed,
  };
}

function withDot(code: string): string {
  const bare = code.replace('.', '').toUpperCase();
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

function tally() {
  return { gold: 0, found: 0, foundCategory: 0 };
}

function count(t: ReturnType<typeof tally>, found: boolean, foundCategory: boolean): void {
  t.gold++;
  if (found) t.found++;
  if (found || foundCategory) t.foundCategory++;
}

function figure(t: ReturnType<typeof tally>): RecallFigure {
  return { gold: t.gold, found: t.found, recall: t.gold ? t.found / t.gold : 0, foundCategory: t.foundCategory, recallCategory: t.gold ? t.foundCategory / t.gold : 0 };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { loadCatalog } = await import('../cli/bundles');
  const { createSuggestionEngine } = await import('../lib/suggest');
  const evalDir = resolve(new URL('.', import.meta.url).pathname, '../../shared/eval');
  const catalog = await loadCatalog();
  const billable = (code: string) => catalog.lookup(code, { system: 'icd10cm', dateOfService: '2026-03-01' })[0]?.billable === true;
  const { missed, ...figures } = evaluateCcda(createSuggestionEngine(catalog), evalDir, billable);
  console.log(JSON.stringify(figures, null, 2));
  if (process.argv.includes('--verbose')) for (const m of missed) console.log('MISSED', m.code, m.display, '|', m.file);
}
