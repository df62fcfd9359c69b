import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import type { ExcludedCandidate } from '../types';
import { evidenceList, makeExcluded, makeLine } from './lines';
import type { ProcedureLine, StageResult } from './types';

/**
 * Physical and occupational therapy notes. Their timed services ("Therapeutic exercise, 25 min") are billed in
 * 15-minute units by the CMS 8-minute rule over the visit's total timed minutes; the evaluation by the complexity the
 * therapist documents (97161–97163, OT 97165–97167; re-evaluation 97164/97168). A therapist bills no E/M.
 */

interface TimedService {
  code: string;
  name: string;
  terms: RegExp;
}

/** Timed (per 15 minutes) therapy services and the words notes use for them. */
const TIMED_SERVICES: readonly TimedService[] = [
  { code: '97110', name: 'therapeutic exercise', terms: /\btherapeutic exercises?\b|\bther[- ]?ex\b/i },
  { code: '97112', name: 'neuromuscular re-education', terms: /\b[Nn]euro[- ]?muscular [Rr]e-?(?:education|ed)\b|\bNMRE?\b/ },
  { code: '97140', name: 'manual therapy', terms: /\bmanual therapy\b|\bsoft[- ]tissue mobili[sz]ation\b|\bjoint mobili[sz]ation\b/i },
  { code: '97116', name: 'gait training', terms: /\bgait training\b/i },
  { code: '97530', name: 'therapeutic activities', terms: /\btherapeutic activit(?:y|ies)\b/i },
  { code: '97535', name: 'self-care training', terms: /\bself[- ]care(?:\/home management)? training\b|\bADL training\b/i },
  { code: '97035', name: 'therapeutic ultrasound', terms: /\btherapeutic ultrasound\b/i },
];

/** The note is a therapist's: a therapist's credential or a therapy clinic in the provider line or the note's opening. */
const THERAPY_NOTE = /\b(?:DPT|MPT|MSPT|OTR(?:\/L)?|OTD|physical therap(?:y|ist)|occupational therap(?:y|ist)|PT,\s*(?:DPT|MPT|MS|MSPT)?)\b/;
/** An occupational therapy note (its evaluation codes differ). */
const OCCUPATIONAL = /\b(?:OTR(?:\/L)?|OTD|occupational therap(?:y|ist))\b/i;

/** Minutes written after a service's name in its own line: "Therapeutic exercise, 25 min", "Manual therapy (13')". */
const MINUTES_AFTER = /^[^\n.;]{0,24}?\b(\d{1,3})\s*(?:minutes?|mins?\b|min\b|')/i;

/** "PT initial evaluation, moderate complexity", "Evaluation complexity: high". */
const EVALUATION = /\b(?:initial\s+)?eval(?:uation)?\b/i;
const RE_EVALUATION = /\bre-?eval(?:uation)?\b/i;
const COMPLEXITY = /\b(low|moderate|high)[- ]complexity\b|\bcomplexity\s*(?::|-|is|of)?\s*(low|moderate|high)\b/i;

/** Total 15-minute units for the visit's timed minutes under the 8-minute rule (8–22 → 1, 23–37 → 2, …). */
export function timedUnits(totalMinutes: number): number {
  return totalMinutes < 8 ? 0 : Math.floor((totalMinutes - 8) / 15) + 1;
}

/**
 * Spreads the visit's units over its services: each its whole 15-minute units, then the units left to the services
 * with the most minutes left over (CMS: the remaining minutes decide).
 */
export function spreadUnits(minutes: readonly number[]): number[] {
  const total = timedUnits(minutes.reduce((a, b) => a + b, 0));
  const units = minutes.map((m) => Math.floor(m / 15));
  let left = total - units.reduce((a, b) => a + b, 0);
  const byRemainder = minutes.map((m, i) => ({ i, rest: m % 15, m })).sort((a, b) => b.rest - a.rest || b.m - a.m);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    units[i]!++;
    left--;
  }
  return units;
}

/** Whether the chart is a therapist's note: a therapist on the provider line, or a therapy clinic's title. */
export function isTherapyNote(document: ChartDocument): boolean {
  const provider = document.header.fields.find((f) => f.field === 'provider')?.value ?? '';
  // The title lines above the header ("Ridgeline Physical Therapy - Daily Treatment Note"), not a referral in the text.
  const title = document.text.slice(0, 400).split('\n').slice(0, 4).join('\n');
  return THERAPY_NOTE.test(provider) || (THERAPY_NOTE.test(title) && !/\brefer/i.test(title));
}

/** The therapy services of a therapist's note, with units. */
export function therapyServices(document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  if (!isTherapyNote(document)) return { lines: [], excluded: [] };
  const lines: ProcedureLine[] = [];
  const timed = new Map<string, { service: TimedService; minutes: number; spans: { start: number; end: number }[] }>();
  for (const sentence of document.sentences) {
    for (const service of TIMED_SERVICES) {
      const term = service.terms.exec(sentence.text);
      if (!term) continue;
      const minutes = MINUTES_AFTER.exec(sentence.text.slice(term.index + term[0].length));
      if (!minutes) continue;
      const at = sentence.start + term.index;
      const entry = timed.get(service.code) ?? { service, minutes: 0, spans: [] };
      entry.minutes += Number(minutes[1]);
      entry.spans.push({ start: at, end: at + term[0].length + minutes.index + minutes[0].length });
      timed.set(service.code, entry);
    }
  }
  const entries = [...timed.values()];
  const units = spreadUnits(entries.map((e) => e.minutes));
  const total = entries.reduce((a, e) => a + e.minutes, 0);
  const excluded: ExcludedCandidate[] = [];
  entries.forEach((e, i) => {
    const evidence = evidenceList(document, e.spans);
    if (units[i] === 0) {
      excluded.push(makeExcluded(catalog, dateOfService, e.service.code, 'not-billable', `${e.service.name}: ${e.minutes} min earn no unit of the visit's ${total} timed minutes (8-minute rule)`, evidence));
      return;
    }
    const made = makeLine(catalog, dateOfService, {
      code: e.service.code,
      kind: 'treatment',
      units: units[i],
      confidence: 0.85,
      rule: `${e.service.name} ${e.minutes} min of ${total} timed minutes → ${timedUnits(total)} unit(s) by the 8-minute rule; ${units[i]} to ${e.service.code}`,
      evidence,
    });
    if (made.line) lines.push(made.line);
  });
  const evaluation = evaluationLine(document, catalog, dateOfService);
  if (evaluation) lines.unshift(evaluation);
  return { lines, excluded };
}

/** The evaluation a therapy note documents, by its stated complexity; a re-evaluation by its own code. */
function evaluationLine(document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string): ProcedureLine | undefined {
  const occupational = OCCUPATIONAL.test(document.text.slice(0, 600));
  for (const sentence of document.sentences) {
    const reEval = RE_EVALUATION.exec(sentence.text);
    const complexity = COMPLEXITY.exec(sentence.text);
    if (!reEval && !(complexity && EVALUATION.test(sentence.text))) continue;
    const level = (complexity?.[1] ?? complexity?.[2])?.toLowerCase();
    const base = occupational ? 97165 : 97161;
    const code = reEval ? String(base + 3) : String(base + ['low', 'moderate', 'high'].indexOf(level!));
    const span = reEval ?? complexity!;
    const made = makeLine(catalog, dateOfService, {
      code,
      kind: 'treatment',
      confidence: 0.8,
      rule: reEval ? `${occupational ? 'OT' : 'PT'} re-evaluation → ${code}` : `${occupational ? 'OT' : 'PT'} evaluation, ${level} complexity as documented → ${code}`,
      evidence: evidenceList(document, [{ start: sentence.start + span.index, end: sentence.start + span.index + span[0].length }]),
    });
    return made.line;
  }
  return undefined;
}

/** A therapist bills the therapy codes, not an office E/M: the visit line read from the note is set aside. */
export function therapistVisit(em: StageResult, therapy: StageResult, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  if (therapy.lines.length === 0) return em;
  const visits = em.lines.filter((l) => l.kind === 'em' || l.kind === 'prolonged' || l.kind === 'preventive');
  if (visits.length === 0) return em;
  const aside = visits.map((v) => makeExcluded(catalog, dateOfService, v.code, 'not-billable', 'a therapist’s note: the therapy evaluation and treatment codes are billed, not an office E/M', v.evidence));
  return { lines: em.lines.filter((l) => !visits.includes(l)), excluded: [...em.excluded, ...aside] };
}
