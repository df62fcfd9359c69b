// NegEx/ConText evaluation: runs lib/context over the NegEx test set (Chapman et al., 120 de-identified
// reports, one sentence per annotated condition; chapmanbe/negex rsAnnotations-1-120-random.txt) and
// scores negation (precision/recall/F1), historical, hypothetical and experiencer.
//
//   npx tsx eval/negation.ts [dir] [--errors] [--reports 1-60] [--max-scope N]
//
// dir defaults to ../shared/eval/negation/negex (beside the repository). The rules are general; the
// held-out check tunes on reports 1–60 and reports 61–120 separately.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectSections, sectionAt } from '../lib/chart';
import { contextOf } from '../lib/context';
import type { ContextOptions, ContextResult } from '../lib/context';

/** One annotated condition of the NegEx test set. */
export interface NegexRow {
  /** Line number in the annotation file. */
  line: number;
  /** Report number (1–120) from the report-grouped file, or 0 when it could not be matched. */
  report: number;
  condition: string;
  sentence: string;
  negated: boolean;
  temporality: 'recent' | 'historical' | 'hypothetical';
  experiencer: 'patient' | 'other';
}

/** Confusion counts and scores for one binary property. */
export interface BinaryScores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** What {@link evaluateNegation} returns. */
export interface NegationEvaluation {
  dataset: string;
  /** Report range evaluated, inclusive. */
  reports: [number, number];
  sentences: number;
  /** Conditions that could not be found in their sentence (the whole sentence is then the target). */
  targetsNotFound: number;
  negation: BinaryScores;
  historical: BinaryScores;
  hypothetical: BinaryScores;
  /** Positive class: not the patient (family member or other). */
  experiencer: BinaryScores;
  /** Published NegEx figures on this set, for comparison (Chapman et al. 2001: sensitivity 77.8%, PPV 84.5%). */
  published: { negexSensitivity: number; negexPpv: number };
}

/** Options for {@link evaluateNegation}. */
export interface NegationEvalOptions {
  /** Only reports in this range (inclusive). Default: [1, 120]. */
  reports?: [number, number];
  /** ConText options. Default: the library defaults. */
  context?: ContextOptions;
  /** Called for each misclassified row (for error analysis). Default: none. */
  onError?: (row: NegexRow, result: ContextResult, kind: 'negation' | 'historical' | 'hypothetical' | 'experiencer') => void;
}

/**
 * Scores lib/context on the NegEx test set in `dir` (the folder holding rsAnnotations-1-120-random.txt
 * and negex.python_Annotations-1-120.txt).
 *
 * @example evaluateNegation('../shared/eval/negation/negex').negation.f1
 */
export function evaluateNegation(dir: string, options: NegationEvalOptions = {}): NegationEvaluation {
  const [from, to] = options.reports ?? [1, 120];
  const rows = readNegexRows(dir).filter((r) => r.report >= from && r.report <= to);
  const counts = { negation: zero(), historical: zero(), hypothetical: zero(), experiencer: zero() };
  let notFound = 0;
  for (const row of rows) {
    const target = locateCondition(row.sentence, row.condition);
    if (!target.found) notFound++;
    const sections = detectSections(row.sentence);
    const section = sectionAt(sections, target.start)?.category;
    const result = contextOf({ text: row.sentence, ...(section ? { section } : {}), targets: [target] }, options.context)[0]!;
    const tally = (kind: keyof typeof counts, gold: boolean, system: boolean) => {
      count(counts[kind], gold, system);
      if (gold !== system) options.onError?.(row, result, kind);
    };
    tally('negation', row.negated, result.negated);
    tally('historical', row.temporality === 'historical', result.temporality === 'historical');
    tally('hypothetical', row.temporality === 'hypothetical', result.temporality === 'hypothetical');
    tally('experiencer', row.experiencer !== 'patient', result.experiencer !== 'patient');
  }
  return {
    dataset: 'NegEx test set (chapmanbe/negex rsAnnotations-1-120-random.txt)',
    reports: [from, to],
    sentences: rows.length,
    targetsNotFound: notFound,
    negation: scores(counts.negation),
    historical: scores(counts.historical),
    hypothetical: scores(counts.hypothetical),
    experiencer: scores(counts.experiencer),
    published: { negexSensitivity: 0.778, negexPpv: 0.845 },
  };
}

/**
 * Reads the 2,376 annotated rows and gives each its report number. rsAnnotations is shuffled, so the
 * report comes from negex.python_Annotations-1-120.txt (same rows grouped by report), matched on
 * condition + sentence + negation; identical rows of different reports are handed out in file order.
 */
export function readNegexRows(dir: string): NegexRow[] {
  const lines = readFileSync(join(dir, 'rsAnnotations-1-120-random.txt'), 'utf8').split(/\r?\n/).slice(1);
  const grouped = readFileSync(join(dir, 'negex.python_Annotations-1-120.txt'), 'utf8').split(/\r?\n/).slice(1);
  const reports = new Map<string, number[]>();
  for (const line of grouped) {
    const cols = line.split('\t');
    if (cols.length < 4) continue;
    const key = rowKey(cols[1]!, cols[2]!, cols[3]!);
    const list = reports.get(key) ?? [];
    list.push(Number(cols[0]));
    reports.set(key, list);
  }
  const rows: NegexRow[] = [];
  for (const line of lines) {
    const cols = line.split('\t');
    if (cols.length < 6) continue;
    const [num, condition, sentence, negation, temporality, experiencer] = cols as [string, string, string, string, string, string];
    const report = reports.get(rowKey(condition, sentence, negation))?.shift() ?? 0;
    rows.push({
      line: Number(num),
      report,
      condition: condition.trim(),
      sentence: unquote(sentence),
      negated: /^negated/i.test(negation.trim()),
      temporality: /^historical/i.test(temporality.trim()) ? 'historical' : /^not particular|^hypothetical/i.test(temporality.trim()) ? 'hypothetical' : 'recent',
      experiencer: /^patient/i.test(experiencer.trim()) ? 'patient' : 'other',
    });
  }
  return rows;
}

/**
 * Finds the annotated condition in its sentence: case-insensitive with flexible spaces; when it occurs
 * more than once, the occurrence the annotator upper-cased. Falls back to the upper-cased run, then to
 * the whole sentence.
 */
export function locateCondition(sentence: string, condition: string): { start: number; end: number; text: string; found: boolean } {
  const words = condition.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const hits: Array<{ start: number; end: number }> = [];
  if (words.length > 0) {
    const re = new RegExp(words.join('\\s+'), 'gi');
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      hits.push({ start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  const hasLower = /[a-z]/.test(sentence);
  const upper = hits.find((h) => hasLower && !/[a-z]/.test(sentence.slice(h.start, h.end)));
  const hit = upper ?? hits[0];
  if (hit) return { ...hit, text: sentence.slice(hit.start, hit.end), found: true };
  const caps = hasLower ? /[A-Z][A-Z0-9 ,'/-]*[A-Z0-9]/.exec(sentence) : null;
  if (caps) return { start: caps.index, end: caps.index + caps[0].length, text: caps[0], found: false };
  return { start: 0, end: sentence.length, text: sentence, found: false };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/""/g, '"') : t;
}

function rowKey(condition: string, sentence: string, negation: string): string {
  const norm = (s: string) => unquote(s).replace(/\s+/g, ' ').trim().toLowerCase();
  return `${norm(condition)}|${norm(sentence)}|${norm(negation)}`;
}

function zero(): Omit<BinaryScores, 'precision' | 'recall' | 'f1' | 'accuracy'> {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

function count(c: ReturnType<typeof zero>, gold: boolean, system: boolean): void {
  if (gold && system) c.tp++;
  else if (!gold && system) c.fp++;
  else if (gold && !system) c.fn++;
  else c.tn++;
}

function scores(c: ReturnType<typeof zero>): BinaryScores {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const total = c.tp + c.fp + c.fn + c.tn;
  return { ...c, precision: round(precision), recall: round(recall), f1: round(f1), accuracy: round(total === 0 ? 0 : (c.tp + c.tn) / total) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function formatScores(name: string, s: BinaryScores): string {
  return `${name.padEnd(13)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn} tn ${s.tn})`;
}

function report(e: NegationEvaluation): string {
  return [
    `Reports ${e.reports[0]}–${e.reports[1]}: ${e.sentences} sentences (${e.targetsNotFound} conditions not found verbatim)`,
    formatScores('negation', e.negation),
    formatScores('historical', e.historical),
    formatScores('hypothetical', e.hypothetical),
    formatScores('experiencer', e.experiencer),
  ].join('\n');
}

function main(argv: string[]): void {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const valued = new Set(['--reports', '--max-scope', '--kind']);
  const positional = argv.filter((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
  const dir = positional[0] ?? resolve(here, '../../shared/eval/negation/negex');
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const maxScope = flag('--max-scope');
  const context: ContextOptions = maxScope ? { maxScope: Number(maxScope) } : {};
  const range = flag('--reports')?.split('-').map(Number) as [number, number] | undefined;
  if (argv.includes('--errors')) {
    // Error analysis only ever looks at the tuning half unless a range is given.
    const kind = flag('--kind') ?? 'negation';
    evaluateNegation(dir, {
      reports: range ?? [1, 60],
      context,
      onError: (row, result, k) => {
        if (k !== kind) return;
        const mods = result.modifiers.map((m) => `${m.category}:${m.text ?? m.literal}`).join(', ');
        console.log(`[${row.report}] gold=${k === 'negation' ? row.negated : row.temporality + '/' + row.experiencer} | ${row.condition} | ${row.sentence.replace(/\s+/g, ' ')} | ${mods}`);
      },
    });
    return;
  }
  const full = evaluateNegation(dir, { context, ...(range ? { reports: range } : {}) });
  console.log(report(full));
  if (!range) {
    console.log('\nHeld-out check (rules tuned looking at reports 1–60 only):');
    console.log(report(evaluateNegation(dir, { context, reports: [1, 60] })));
    console.log(report(evaluateNegation(dir, { context, reports: [61, 120] })));
    console.log(`\nPublished NegEx on this set: sensitivity ${full.published.negexSensitivity}, PPV ${full.published.negexPpv}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
