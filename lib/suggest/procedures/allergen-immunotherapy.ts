import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import type { ExcludedCandidate } from '../types';
import { evidenceList, makeExcluded, makeLine } from './lines';
import { mentionStatus } from './status';
import { headingViews, phraseSet, readNumber, sentenceViews } from './text';
import type { SentenceView } from './text';
import type { ProcedureLine, StageResult } from './types';

/** Words that name allergen immunotherapy injections. */
const TERMS = phraseSet([
  'allergen immunotherapy', 'allergy immunotherapy', 'allergy shot', 'allergy shots', 'allergy injection', 'allergy injections',
  'allergen injection', 'allergen injections', 'immunotherapy injection', 'immunotherapy injections', 'allergen extract',
  'allergen extracts', 'subcutaneous immunotherapy', 'scit', 'allergy vaccine', 'allergy extract', 'maintenance injection',
  'maintenance injections', 'build-up injection', 'buildup injection',
]);

/** Terms that name allergen injections only in a note about allergy (vitamin B12 and testosterone have maintenance doses too). */
const GENERIC_TERM = /^(?:maintenance|build-?up)\s+injections?$/i;
const ALLERGY_NOTE = /\b(?:allerg\w*|immunotherapy|extracts?|venom|pollens?|dust mites?)\b/i;

/** One injection row of a vial table: a volume with a vial, extract, route or site ("Vial B (mites) 0.3 mL SC right arm"). */
const ROW = /\b\d*\.?\d+\s*(?:ml|cc)\b/i;
const ROW_CONTEXT = /\b(?:vial|vials|extract|mix|set|sc|subq|subcut|subcutaneous|arm|deltoid|site|#\s*\d)\b/i;
const COUNT = /\b(\d|one|two|three|four|five|six)\s+(?:allergen\s+|allergy\s+|separate\s+)?(?:injections?|shots?|vials?)\b/i;

/**
 * Professional services for giving allergen extract injections (the extract itself is billed apart):
 * 95115 for one injection, 95117 for two or more, counted from a number written ("2 injections") or from
 * the injection rows that follow (one row per vial given: a volume with a vial, route or site). No 96372:
 * these codes are the injection service. Planned, declined or held injections are set aside.
 *
 * @example allergenImmunotherapy(chartFromText('Allergy shots given: vial A 0.3 mL SC L arm; vial B 0.3 mL SC R arm.'), catalog).lines[0]?.code // '95117'
 */
export function allergenImmunotherapy(document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  // A heading that names the injections ("Allergy shots given:") is read together with its first line.
  const views = [...sentenceViews(document), ...headingViews(document).filter((v) => TERMS.test(v.words))].sort((a, b) => a.start - b.start);
  const lines: ProcedureLine[] = [];
  const excluded: ExcludedCandidate[] = [];
  // In a note about allergen immunotherapy (its title, the indication), "Injections given:" over a vial table is the immunotherapy.
  const aboutImmunotherapy = views.some((v) => TERMS.longest(v.words).some((m) => IMMUNOTHERAPY_NOTE.has(mentionStatus(v, m, { policy: 'none' }).reason ?? 'done')));
  for (let i = 0; i < views.length && lines.length === 0; i++) {
    const view = views[i]!;
    let match: { start: number; end: number } | undefined = TERMS.longest(view.words)[0];
    // …and its rows name vials or extracts, not a vaccine or a drug given the same day.
    if (!match && aboutImmunotherapy && views.slice(i, i + 4).some((v) => v.sentence.section === view.sentence.section && ALLERGEN_ROW.test(v.sentence.text))) match = injectionsGiven(view);
    // "Injections (extracts mixed at a prior visit):" over "Vial A (tree/grass) 0.5 mL subcutaneous, left arm": the
    // vial rows themselves are the injections.
    if (!match && aboutImmunotherapy && isInjectionRow(view) && ALLERGEN_ROW.test(view.sentence.text)) match = volumeOf(view);
    if (!match) continue;
    // "B12 deficiency - maintenance injection given": a maintenance or build-up dose is an allergen one only in a note about allergy.
    if (GENERIC_TERM.test(document.text.slice(match.start, match.end)) && !ALLERGY_NOTE.test(document.text)) continue;
    const status = mentionStatus(view, match, { policy: 'cue-or-section', dateOfService });
    const evidence = evidenceList(document, [match, ...(status.cue ? [status.cue] : [])]);
    if (!status.done) {
      if (status.reason !== 'uncertain') excluded.push(makeExcluded(catalog, dateOfService, '95115', status.reason!, `${view.sentence.text.slice(match.start - view.start, match.end - view.start)}: ${status.explanation}`, evidence));
      continue;
    }
    let count = injectionCount(view, views.slice(i + 1));
    // Named in the note's title ("… - Immunotherapy Injection Visit"): the vial rows of its procedure section count.
    if (count.n === undefined) {
      const first = views.findIndex((v, k) => k > i && v.section === 'procedures' && isInjectionRow(v));
      if (first >= 0) count = injectionCount(views[first]!, views.slice(first + 1));
    }
    const n = count.n ?? 1;
    const code = n >= 2 ? '95117' : '95115';
    const made = makeLine(catalog, dateOfService, {
      code,
      kind: 'injection-procedure',
      confidence: count.n === undefined ? 0.6 : Math.min(status.confidence, 0.85),
      rule: `allergen immunotherapy: ${status.explanation}; ${count.n === undefined ? 'number of injections not documented: one assumed' : `${n} injection${n > 1 ? 's' : ''} (${count.how})`} → ${code}`,
      evidence: [...evidence, ...evidenceList(document, count.spans)],
      warnings: count.n === undefined ? ['Number of allergen injections not documented: 95117 if two or more were given.'] : [],
      extra: { includesInjection: true },
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
  }
  return { lines, excluded };
}

/** A mention that makes the note about allergen immunotherapy: done, named without saying (a title, the indication), or
 * the visit's reason ("Scheduled allergen immunotherapy injections"). */
const IMMUNOTHERAPY_NOTE: ReadonlySet<string> = new Set(['done', 'uncertain', 'hypothetical']);
/** Words of an allergen vial or extract row. */
const ALLERGEN_ROW = /\b(?:vials?|extracts?|pollens?|mites?|dander|molds?|venom|allergens?|maintenance|build-?up|dilution|1:\d+)\b/i;

/** "Injections given", "2 injections administered", "gave injections", "shots given today": injection words with a done word. */
const GIVEN = /\b(?:injections?|shots?)\s+(?:(?:were|was)\s+)?(?:given|administered|done|completed|performed)\b|\b(?:gave|given|administered|received)\s+(?:(?:\d|one|two|three|four|both|all|his|her|the|their)\s+)?(?:(?:maintenance|build-?up|allergy|allergen|extract|scheduled)\s+)?(?:injections?|shots?)\b/i;

/** The injection words of a sentence that says injections were given, as a span for the status check. */
function injectionsGiven(view: SentenceView): { start: number; end: number } | undefined {
  const m = GIVEN.exec(view.sentence.text);
  if (!m) return undefined;
  const word = /injections?|shots?/i.exec(m[0])!;
  const start = view.start + m.index + word.index;
  return { start, end: start + word[0].length };
}

/** Injections given: a number written in the sentence, else the injection rows of the sentence and the lines after it in its section. */
function injectionCount(view: SentenceView, after: SentenceView[]): { n?: number; how: string; spans: { start: number; end: number }[] } {
  const written = COUNT.exec(view.sentence.text);
  if (written) {
    const n = readNumber(written[1]!.toLowerCase());
    if (n) return { n, how: `“${written[0]}”`, spans: [{ start: view.start + written.index, end: view.start + written.index + written[0].length }] };
  }
  const rows: SentenceView[] = [];
  // Rows in the sentence itself ("vial A 0.3 mL SC L arm; vial B 0.3 mL SC R arm") count one per volume.
  const inline = [...view.sentence.text.matchAll(new RegExp(ROW.source, 'gi'))].length;
  if (inline >= 2 && ROW_CONTEXT.test(view.sentence.text)) return { n: inline, how: `${inline} volumes given in the sentence`, spans: [] };
  if (isInjectionRow(view)) rows.push(view);
  for (const v of after) {
    if (v.start < view.sentence.end) continue; // the first line a heading view already holds
    if (v.sentence.section !== view.sentence.section || rows.length >= 12) break;
    if (isInjectionRow(v)) rows.push(v);
    else if (rows.length > 0) break;
  }
  if (rows.length === 0) return { how: '', spans: [] };
  return { n: rows.length, how: `${rows.length} injection row${rows.length > 1 ? 's' : ''}`, spans: rows.map((r) => ({ start: r.start, end: r.sentence.end })) };
}

/** One injection row: a volume with a vial, extract, route or site. */
function isInjectionRow(v: SentenceView): boolean {
  return ROW.test(v.sentence.text) && ROW_CONTEXT.test(v.sentence.text);
}

/** The volume of an injection row, as a span. */
function volumeOf(view: SentenceView): { start: number; end: number } | undefined {
  const m = ROW.exec(view.sentence.text);
  return m ? { start: view.start + m.index, end: view.start + m.index + m[0].length } : undefined;
}
