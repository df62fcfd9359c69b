/**
 * CodiEsp test notes (shared/eval/notes/codiesp/test, English machine translation) against their human
 * ICD-10 diagnosis codes (CIE-10-ES 2018): recall@20 and mean average precision, on exact codes and on the
 * first three characters. The ranked list is the suggested diagnoses in order, then the candidates the
 * engine set aside as less specific, integral or uncertain (a coder reviewing a ranked list sees those too).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chartFromText } from '../lib/chart';
import type { SuggestionEngine } from '../lib/suggest';

/** Ranking figures on one split. */
export interface CodiespEvaluation {
  notes: number;
  goldCodes: number;
  exact: { recallAt20: number; map: number };
  category: { recallAt20: number; map: number };
  /** Gold codes (exact) that are not billable ICD-10-CM FY2026 codes: Spanish-edition or since-changed codes. */
  goldNotInFy2026: number;
}

/** Runs the engine on every note of a split. */
export function evaluateCodiesp(engine: SuggestionEngine, evalDir: string, isKnownCode: (code: string) => boolean, split = 'test'): CodiespEvaluation {
  const dir = join(evalDir, 'notes/codiesp', split);
  const gold = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, `${split}D.tsv`), 'utf8').split('\n')) {
    const [id, code] = line.trim().split('\t');
    if (id && code) gold.set(id, [...(gold.get(id) ?? []), code.toUpperCase()]);
  }
  const exact = { recall: 0, ap: 0 };
  const category = { recall: 0, ap: 0 };
  let notes = 0;
  let goldCodes = 0;
  let unknown = 0;
  for (const file of readdirSync(join(dir, 'text_files_en')).sort()) {
    const id = file.replace(/\.txt$/, '');
    const wanted = [...new Set(gold.get(id) ?? [])];
    if (wanted.length === 0) continue;
    notes++;
    goldCodes += wanted.length;
    unknown += wanted.filter((c) => !isKnownCode(c)).length;
    const result = engine.suggest(chartFromText(readFileSync(join(dir, 'text_files_en', file), 'utf8')), { setting: 'inpatient', dateOfService: '2026-03-01' });
    const ranked = [
      ...result.diagnoses.map((d) => d.code),
      ...result.excluded.filter((e) => e.system === 'icd10cm' && ['less-specific', 'integral-symptom', 'uncertain'].includes(e.reason)).map((e) => e.code),
    ];
    const unique = (codes: string[]) => [...new Set(codes)];
    add(exact, unique(ranked), wanted);
    add(category, unique(ranked.map((c) => c.slice(0, 3))), unique(wanted.map((c) => c.slice(0, 3))));
  }
  return {
    notes,
    goldCodes,
    exact: { recallAt20: exact.recall / notes, map: exact.ap / notes },
    category: { recallAt20: category.recall / notes, map: category.ap / notes },
    goldNotInFy2026: unknown,
  };
}

/** Adds one note's recall@20 and average precision (over the whole ranked list). */
function add(total: { recall: number; ap: number }, ranked: string[], gold: string[]): void {
  const wanted = new Set(gold);
  total.recall += ranked.slice(0, 20).filter((c) => wanted.has(c)).length / wanted.size;
  let hits = 0;
  let sum = 0;
  ranked.forEach((code, i) => {
    if (wanted.has(code)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  total.ap += sum / wanted.size;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { loadCatalog } = await import('../cli/bundles');
  const { createSuggestionEngine } = await import('../lib/suggest');
  const evalDir = resolve(new URL('.', import.meta.url).pathname, '../../shared/eval');
  if (!existsSync(evalDir)) throw new Error(`no evaluation material at ${evalDir}`);
  const catalog = await loadCatalog();
  const known = (code: string) => catalog.lookup(code, { system: 'icd10cm', dateOfService: '2026-03-01' })[0]?.billable === true;
  console.log(JSON.stringify(evaluateCodiesp(createSuggestionEngine(catalog), evalDir, known, process.argv[2] ?? 'test'), null, 2));
}
