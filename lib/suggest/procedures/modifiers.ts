import { sectionAt, type ChartDocument } from '../../chart';
import type { ExcludedCandidate } from '../types';
import { wordIndexAt, wordsOf } from './text';
import type { Word } from './text';
import type { LineKind, ProcedureLine, StageResult } from './types';

/** Options for {@link applyModifiers}. */
export interface ModifierOptions {
  /** Words before a body site searched for its side. Default: 4. */
  sideWindow?: number;
}

/** Advance care planning (99497, 99498 add-on). */
const ADVANCE_CARE_PLANNING = new Set(['99497', '99498']);

/** Procedure kinds that make a same-day E/M need modifier 25 (a separately identifiable visit). */
export const E_M_25_TRIGGERS: readonly LineKind[] = ['minor-procedure', 'injection-procedure', 'treatment', 'counseling', 'drug-admin', 'vaccine-admin'];

/**
 * Modifiers from the chart: LT/RT from side words next to a lateral procedure's body site (both sides,
 * or a left and a right line of one code, become one line with 50); 25 on the E/M when a procedure,
 * injection or vaccine is billed the same day and the E/M addresses a problem of its own. An E/M that
 * is only the procedure's own pre-check (a scheduled injection visit, or only the problem the minor
 * procedure treats) is set aside instead.
 *
 * @example applyModifiers(lines, doc).lines.find(l => l.code === '20610')?.modifiers // ['RT']
 */
export function applyModifiers(lines: readonly ProcedureLine[], document: ChartDocument, options: ModifierOptions = {}): StageResult {
  const opts = { ...defaultModifierOptions, ...options };
  const excluded: ExcludedCandidate[] = [];
  let out: ProcedureLine[] = lines.map((l) => ({ ...l, modifiers: [...(l.modifiers ?? [])], warnings: [...l.warnings] }));

  // Laterality.
  const sides = new Map<ProcedureLine, Side | undefined>();
  for (const line of out) if (line.lateral) sides.set(line, sideOf(line, document, opts.sideWindow) ?? headingSideOf(line, document));
  // "Volar splint applied by me" names no side; in a chart that names one side only (the left wrist's X-ray and
  // fracture), that is its side.
  if ([...sides.values()].some((side) => side === undefined)) {
    const only = onlySideOf(document);
    if (only) for (const [line, side] of sides) if (side === undefined) sides.set(line, only);
  }
  const merged: ProcedureLine[] = [];
  for (const line of out) {
    if (!line.lateral) {
      merged.push(line);
      continue;
    }
    const side = sides.get(line);
    const twin = merged.find((m) => m.lateral && m.code === line.code && (m.site?.term ?? '') === (line.site?.term ?? '') && isOpposite(sides.get(m), side));
    if (twin) {
      twin.modifiers = [...twin.modifiers!.filter((m) => m !== 'LT' && m !== 'RT'), '50'];
      twin.evidence = [...twin.evidence, ...line.evidence].sort((a, b) => a.start - b.start);
      twin.rule += '; done on the other side too → modifier 50';
      sides.set(twin, 'both');
      continue;
    }
    if (side === 'both') {
      line.modifiers!.push('50');
      line.rule += '; both sides → modifier 50';
    } else if (side) {
      line.modifiers!.push(side === 'left' ? 'LT' : 'RT');
      line.rule += `; ${side} side → ${side === 'left' ? 'LT' : 'RT'}`;
    } else {
      line.warnings.push('Side (left/right) not documented: add LT/RT or 50 if it applies.');
    }
    merged.push(line);
  }
  out = merged;

  // "PFT lab appointment only; no physician visit today": the note says no E/M took place, whatever else is billed.
  out = out.filter((line) => {
    // A virtual check-in (98016) is itself the brief non-visit service such a note describes.
    if (line.kind !== 'em' || !line.emWork?.noProviderVisit || !/^992[01]\d$/.test(line.code)) return true;
    excluded.push({ system: line.system, code: line.code, title: line.title, reason: 'not-billable', explanation: 'the note says no provider visit took place: the services are billed without an E/M', evidence: line.evidence });
    return false;
  });

  // Modifier 25.
  // An add-on to the E/M itself (psychotherapy 90833) is billed with it by definition: no 25 for it.
  const triggers = out.filter((l) => E_M_25_TRIGGERS.includes(l.kind) && !l.addOnToEm);
  if (triggers.length > 0) {
    const minor = triggers.filter((l) => l.kind === 'minor-procedure' || l.kind === 'injection-procedure' || l.kind === 'counseling');
    // What each procedure treats: the words of its sentences; a counseling service's own words only ("Tobacco cessation
    // counseling, 8 minutes, separate from the COPD discussion" counsels on tobacco, not COPD).
    const procedureWords = new Set(minor.flatMap((l) => l.evidence.flatMap((e) => contentWords(l.kind === 'counseling' ? e.text : e.sentence))));
    const diagnosticOnly = minor.length > 0 && minor.every((l) => DIAGNOSTIC_PROCEDURE.test(l.title) || l.evidence.some((e) => DIAGNOSTIC_PROCEDURE.test(e.text)));
    const names = triggers.map((t) => t.code).join(', ');
    const keep: ProcedureLine[] = [];
    for (const line of out) {
      if (line.kind === 'preventive') {
        // Advance care planning given with a wellness visit is part of it (Medicare: modifier 33 on the ACP line),
        // not a separate service needing 25 on the preventive visit.
        // A therapeutic injection (96372) pairs with the preventive E/M as a procedure does; vaccine administration does not.
        const separate = [...minor, ...triggers.filter((t) => t.kind === 'drug-admin')].filter((m) => !ADVANCE_CARE_PLANNING.has(m.code));
        if (separate.length > 0 && !line.modifiers!.includes('25')) {
          line.modifiers!.push('25');
          line.rule += `; modifier 25: a procedure (${separate.map((m) => m.code).join(', ')}) is billed the same day`;
        }
        keep.push(line);
        continue;
      }
      if (line.kind !== 'em' || line.modifiers!.includes('25')) {
        keep.push(line);
        continue;
      }
      const work = line.emWork;
      const problems = work?.problems ?? [];
      // "Muffled hearing was from the wax and resolved once cleared": a problem the note explains by another or says
      // resolved is no separate work.
      // A history the note keeps in view ("Personal history of MRSA - guides antibiotic choice") or a diagnosis it
      // sets aside ("Not consistent with hidradenitis") is no problem of its own either.
      const unrelated = minor.length === 0 ? problems : problems.filter((p) => !contentWords(p.text).some((w) => procedureWords.has(w)) && !EXPLAINED_OR_RESOLVED.test(p.text) && !NO_PROBLEM_ITEM.test(p.text));
      let why: string | undefined;
      if (work?.procedureOnlyVisit) why = 'the visit was for the procedure or injection itself';
      // A time that leaves the service out ("36 minutes … not counting the vaccine administration") was E/M work.
      else if (problems.length === 0 && !work?.timeExcludesService) why = 'no problem was assessed besides the procedure';
      // A diagnostic scope treats nothing: a new prescription for the problem it looked at is management of its own.
      // A time the note keeps apart from the procedure ("34 minutes, not counting the injection") is E/M work of its own.
      else if (problems.length > 0 && unrelated.length === 0 && !(work?.prescriptionManagement && diagnosticOnly) && !work?.timeExcludesService) why = 'the only problem assessed is the one the procedure treats (its evaluation is part of the procedure)';
      if (why) {
        excluded.push({ system: line.system, code: line.code, title: line.title, reason: 'not-billable', explanation: `E/M not separately identifiable from ${names}: ${why}`, evidence: line.evidence });
        continue;
      }
      line.modifiers!.push('25');
      line.rule += `; modifier 25: separately identifiable E/M (${minor.length && unrelated[0] ? `problem not treated by the procedure: “${unrelated[0].text}”` : problems.length ? 'problem evaluated' : 'visit time documented apart from the service'}) with ${names} the same day`;
      keep.push(line);
    }
    // Prolonged time goes with its E/M.
    out = keep.some((l) => l.kind === 'em') ? keep : keep.filter((l) => l.kind !== 'prolonged');
  }
  for (const l of out) if (l.modifiers?.length === 0) delete l.modifiers;
  return { lines: out, excluded };
}

/** Defaults for {@link ModifierOptions}. */
export const defaultModifierOptions: Required<ModifierOptions> = {
  sideWindow: 4,
};

/** Left, right or both sides. */
export type Side = 'left' | 'right' | 'both';

/**
 * The side a lateral line is on: side words just before (or right after) its body site, else the only
 * side named in its evidence sentences ("bilateral", "both" and left + right mean both).
 */
export function sideOf(line: ProcedureLine, document: ChartDocument, window = 4): Side | undefined {
  const sentences = line.evidence.map((e) => ({ text: e.sentence, start: document.text.indexOf(e.sentence, Math.max(0, e.start - e.sentence.length)) }));
  if (line.site) {
    const holder = sentences.find((s) => s.start >= 0 && s.start <= line.site!.start && line.site!.end <= s.start + s.text.length);
    if (holder) {
      const words = wordsOf(holder.text, holder.start);
      const at = wordIndexAt(words, line.site.start);
      const near = sideWords(words.slice(Math.max(0, at - window), at + 3), holder);
      // "Osteoarthritis, bilateral knees - left injected today": the side said after the site, by the doing, is the one treated.
      const after = near === 'both' ? sideWords(words.slice(at + 1, at + 3), holder) : undefined;
      if (after === 'left' || after === 'right') return after;
      if (near) return near;
    }
  }
  const found = new Set<Side>();
  for (const s of sentences) {
    const side = sideWords(wordsOf(s.text, Math.max(0, s.start)), s);
    if (side) found.add(side);
  }
  if (found.has('both') || (found.has('left') && found.has('right'))) return 'both';
  return found.has('left') ? 'left' : found.has('right') ? 'right' : undefined;
}

/** The side the heading of the line's section names: "Procedure (L ear):" over "Impacted cerumen removed …". */
function headingSideOf(line: ProcedureLine, document: ChartDocument): Side | undefined {
  const at = line.evidence[0]?.start;
  const section = at === undefined ? undefined : sectionAt(document.sections, at);
  if (!section) return undefined;
  const heading = document.text.slice(section.heading.start, section.heading.end);
  const side = sideWords(wordsOf(heading, section.heading.start), { text: heading, start: section.heading.start });
  return side === 'left' || side === 'right' ? side : undefined;
}

/** The one side a chart names (left or right, never both), if it names exactly one; handedness is no side. */
function onlySideOf(document: ChartDocument): 'left' | 'right' | undefined {
  const text = document.text.replace(HANDEDNESS, (m) => ' '.repeat(m.length));
  const side = sideWords(wordsOf(text, 0), { text, start: 0 });
  return side === 'left' || side === 'right' ? side : undefined;
}

/** "Right-hand dominant", "left-handed": the patient's handedness. */
const HANDEDNESS = /\b(?:right|left)[- ]?hand(?:ed)?(?:[- ]dominant)?\b|\b(?:right|left)[- ]?(?:hand )?dominan(?:t|ce)\b/gi;

// ---------------------------------------------------------------------------------------------
// Helpers

function sideWords(words: Word[], holder: { text: string; start: number }): Side | undefined {
  let left = false;
  let right = false;
  for (const w of words) {
    const raw = holder.text.slice(w.start - holder.start, w.end - holder.start);
    if (w.text === 'bilateral' || w.text === 'bilaterally' || w.text === 'both' || w.text === 'bilat') return 'both';
    // Single letters count only as capitals ("L knee"), not as words of prose.
    if (w.text === 'left' || w.text === 'lt' || raw === 'L') left = true;
    if (w.text === 'right' || w.text === 'rt' || raw === 'R') right = true;
  }
  if (left && right) return 'both';
  return left ? 'left' : right ? 'right' : undefined;
}

function isOpposite(a: Side | undefined, b: Side | undefined): boolean {
  return (a === 'left' && b === 'right') || (a === 'right' && b === 'left');
}

/** A procedure that only looks: a diagnostic scope ("diagnostic nasal endoscopy", "laryngoscopy"). */
const DIAGNOSTIC_PROCEDURE = /\b(?:diagnostic|[a-z]*scopy|endoscop\w*)\b/i;

/** An assessment line that is a history or a ruled-out diagnosis, not a problem worked on. */
const NO_PROBLEM_ITEM = /^\W*(?:\d{1,2}[.)]\s*)?(?:(?:(?:personal|family)\s+)?(?:history of|hx of|h\/o)\b|(?:not|no)\s)/i;

/** A problem line that gives its cause or says it is over. */
const EXPLAINED_OR_RESOLVED = /\b(?:(?:was|were|is|are)\s+(?:from|due to|caused by|secondary to)|resolved|gone)\b/i;

const STOP = new Set([
  'left', 'right', 'bilateral', 'with', 'without', 'that', 'this', 'from', 'pain', 'acute', 'chronic', 'stable', 'patient', 'today',
  'performed', 'given', 'after', 'prior', 'procedure', 'tolerated', 'well', 'risks', 'benefits', 'discussed', 'consent', 'sterile',
  'prep', 'plan', 'will', 'follow', 'return', 'weeks', 'days', 'continue', 'also', 'there', 'were', 'have', 'been', 'into', 'under',
  'using', 'used', 'technique', 'side', 'site', 'area', 'complications', 'none', 'noted', 'placed', 'removed', 'injected', 'injection',
  'status', 'post', 'history', 'likely', 'possible', 'other', 'bilat', 'both', 'sides', 'verbal', 'written', 'diagnostic',
]);

function contentWords(text: string): string[] {
  return wordsOf(text).map((w) => w.text).filter((w) => w.length >= 4 && !STOP.has(w) && !/^\d/.test(w));
}
