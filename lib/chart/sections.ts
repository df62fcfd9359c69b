import { MAX_HEADING_LENGTH, defaultSectionRules, matchSectionHeading } from './rules';
import type { CompiledSectionRules, SectionRule } from './rules';
import type { ChartSection, HeadingHint, TextSpan } from './types';

/** Options for {@link detectSections}. */
export interface SectionOptions {
  /** Compiled heading rules. Default: `assets/rules/sections.json` ({@link defaultSectionRules}). */
  rules?: CompiledSectionRules;
  /** Headings seen in the DOM (from `readDomText`). Default: none (plain text). */
  headings?: readonly HeadingHint[];
  /**
   * Also find headings in the text itself: "HEADER:" at the start of a line and short ALL-CAPS lines
   * (these only count when a rule names them). Default: true.
   */
  textHeadings?: boolean;
}

/**
 * The sectionizer: finds section headings and cuts the text into sections, each running from its
 * heading to the next one. Strong DOM headings (h1–h6) always start a section (`other` when no rule
 * names them, unless they sit under a higher-level heading); bold lines and text headings start one
 * only when a rule in `sections.json` names them. Text before the first heading is in no section.
 *
 * @example detectSections('CC: cough\nASSESSMENT: bronchitis').map(s => s.category) // ['chief_complaint', 'assessment']
 */
export function detectSections(text: string, options: SectionOptions = {}): ChartSection[] {
  const opts = { ...defaultSectionOptions, ...options };
  const rules = opts.rules ?? defaultSectionRules;
  const candidates: Candidate[] = [];
  for (const hint of opts.headings ?? []) {
    const c =
      hint.strength === 'boundary'
        ? { heading: { start: hint.start, end: hint.start }, title: '', level: 1, priority: 3 }
        : hint.strength === 'strong'
          ? strongCandidate(text, hint, rules)
          : weakCandidate(text, hint, rules);
    if (c) candidates.push(c);
  }
  if (opts.textHeadings) candidates.push(...textCandidates(text, rules));
  candidates.sort((a, b) => a.heading.start - b.heading.start || b.priority - a.priority);

  const sections: ChartSection[] = [];
  let currentLevel = Infinity;
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.heading.start < lastEnd || (c.heading.start === lastEnd && c.heading.end === lastEnd)) continue; // same heading seen twice
    if (!c.rule && sections.length > 0 && c.level > currentLevel) continue; // an unnamed sub-heading stays in its parent
    const prev = sections[sections.length - 1];
    // "#1 COPD … ↵   Exam: wheeze … ↵#2 Nicotine dependence": a label indented (or bulleted: "- Plan: …") under a
    // problem is part of that problem.
    // The fields of a procedure record ("Injection: - Medication: … - Dose: … - Route/site: …") are the procedure's too.
    if (c.indented && prev && (PROBLEM_ITEM_SECTIONS.has(prev.category) || prev.category === 'procedures')) continue;
    if (prev) prev.end = c.heading.start;
    const section: ChartSection = {
      category: c.rule?.category ?? 'other',
      title: c.title,
      heading: c.heading,
      start: c.heading.start,
      end: text.length,
    };
    if (c.rule) section.rule = c.rule.literal;
    sections.push(section);
    currentLevel = c.level;
    lastEnd = c.heading.end;
  }
  return sections;
}

/**
 * The section holding a text offset, or undefined before the first heading.
 *
 * @example sectionAt(doc.sections, mention.start)?.category
 */
export function sectionAt(sections: readonly ChartSection[], offset: number): ChartSection | undefined {
  const i = sectionIndexAt(sections, offset);
  return i < 0 ? undefined : sections[i];
}

/** Index into `sections` of the section holding `offset`, or -1. Binary search: sections are sorted. */
export function sectionIndexAt(sections: readonly ChartSection[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found >= 0 && offset >= sections[found]!.end) return -1;
  return found;
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Candidate {
  heading: TextSpan;
  title: string;
  rule?: SectionRule;
  /** 1–6 for h1–h6, 7 for any other heading. */
  level: number;
  /** Tie-break between candidates at the same place: DOM headings beat text headings. */
  priority: number;
  /** A text label on an indented or bulleted line ("   Exam: wheeze", "- Plan: continue" under "#1 COPD"). */
  indented?: boolean;
}

const WEAK_LEVEL = 7;

/** Sections written as a list of problems, whose items may carry indented labels of their own. */
const PROBLEM_ITEM_SECTIONS: ReadonlySet<string> = new Set(['assessment', 'assessment_and_plan', 'plan', 'problem_list', 'diagnoses']);

/**
 * "PROBLEM 1 - Migraine …", "Procedure 2 - cryodestruction" at the start of a line: a numbered problem or procedure
 * (the label is group 1, its kind group 2).
 */
const NUMBERED_ITEM_LABEL = /^[ \t]*((problem|procedure)\s*#?\s*\d{1,2})[ \t]*[-–:.][ \t]+(?=\S)/i;
/** "Header:" at the start of a line (label of at most 80 characters), possibly with an aside in parentheses
 * ("Injections (extracts mixed at a prior visit; no new vials today):"). */
const INLINE_LABEL = /^[ \t]*(?:[-*#•]+[ \t]*)?([A-Za-z][A-Za-z0-9 /&,()'’+.-]{0,79}?(?:[ \t]*\([^()\n:]{1,80}\))?)[ \t]*:(?!\/\/)/;

function strongCandidate(text: string, hint: HeadingHint, rules: CompiledSectionRules): Candidate | undefined {
  if (hint.end - hint.start > MAX_HEADING_LENGTH) return undefined;
  const raw = text.slice(hint.start, hint.end);
  const title = cleanTitle(raw);
  if (!/[A-Za-z]/.test(title)) return undefined;
  const rule = matchSectionHeading(title, rules);
  let end = hint.end;
  if (text[end] === ':') end++;
  return { heading: { start: hint.start, end }, title, rule, level: hint.level ?? WEAK_LEVEL, priority: 2 };
}

function weakCandidate(text: string, hint: HeadingHint, rules: CompiledSectionRules): Candidate | undefined {
  if (hint.end - hint.start > MAX_HEADING_LENGTH) return undefined;
  // Only a bold run that starts its line is a heading ("<b>Assessment:</b> ..."), not bold inside prose.
  const lineStart = text.lastIndexOf('\n', hint.start - 1) + 1;
  if (text.slice(lineStart, hint.start).trim() !== '') return undefined;
  let end = hint.end;
  while (text[end] === ' ' && end - hint.end < 3) end++;
  // "<dt>Assessment</dt><dd>Chalazion …</dd>": a definition term is a label whatever punctuation it lacks.
  const colon = text[end] === ':' || (hint.label === true && text[end] === '\t');
  if (colon) end++;
  const raw = text.slice(hint.start, hint.end);
  const lineEnd = indexOrEnd(text, '\n', hint.end);
  // A bold run that is neither a whole line nor followed by a colon is emphasis, not a heading.
  if (!colon && !/:\s*$/.test(raw) && text.slice(end, lineEnd).trim() !== '') return undefined;
  const title = cleanTitle(raw);
  const rule = matchSectionHeading(title, rules);
  if (!rule) return undefined;
  return { heading: { start: hint.start, end: colon ? end : hint.end }, title, rule, level: WEAK_LEVEL, priority: 1 };
}

/** A sentence that opens with an assessment label written inline ("Impression: left shoulder impingement syndrome."). */
// Case is spelled out: a label without a colon or "is" counts only before a capital ("impression Parkinson disease"),
// so "Diagnosis was made in 2019" is no label; a clause of unpunctuated dictation may start "assessment major …", and a
// dictated list "Impression number one …".
export const INLINE_ASSESSMENT_LABEL = /^\s*(?:(?:(?:[Ss]o\s+)?(?:[Mm]y|[Oo]ur|MY|OUR)\s+)?(?:[Aa]ssessment|[Ii]mpression|[Dd]iagnosis|[Dd]x|ASSESSMENT|IMPRESSION|DIAGNOSIS|DX)(?:\s*:|\s+(?:is|IS)\b|\s+(?=[A-Z]))|(?:assessment|impression)\s+(?=[a-z])|(?:[Aa]ssessment|[Ii]mpression)\s+(?=(?:number\s+)?one\b))\s*/;

/** Headings written in the text: "HEADER:" at the start of a line, or a short ALL-CAPS line. */
function textCandidates(text: string, rules: CompiledSectionRules): Candidate[] {
  const found: Candidate[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = indexOrEnd(text, '\n', lineStart);
    // Only the head of a line can hold a label, so very long lines cost nothing extra.
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + MAX_HEADING_LENGTH + 2));
    const c = lineCandidate(head, lineStart, lineEnd - lineStart, rules);
    if (c) found.push(c);
    lineStart = lineEnd + 1;
  }
  return found;
}

/** A letter's salutation line ("Dear Dr. Raman,"): the letter's story starts after it. */
const SALUTATION = /^[ \t]*Dear\s+[^:\n]{1,60},[ \t]*$/;

function lineCandidate(head: string, offset: number, lineLength: number, rules: CompiledSectionRules): Candidate | undefined {
  // A consult letter's body tells the history; it ends whatever header section ("Insurance:") came before.
  if (SALUTATION.test(head) && lineLength <= 80) {
    const rule = matchSectionHeading('letter body', rules);
    if (rule) return { heading: { start: offset, end: offset + lineLength }, title: 'Letter', rule, level: WEAK_LEVEL, priority: 0 };
  }
  // "PROBLEM 1 - Migraine without aura": a problem-oriented note's numbered problem opens its assessment and plan;
  // "Procedure 1 - punch biopsy, left forearm" opens a procedure. The problem or procedure stays text of the section.
  const item = NUMBERED_ITEM_LABEL.exec(head);
  const itemRule = item ? matchSectionHeading(item[2]!.toLowerCase() === 'problem' ? 'assessment and plan' : 'procedure', rules) : undefined;
  if (item && itemRule) {
    const labelStart = offset + item.index + item[0].indexOf(item[1]!);
    return { heading: { start: labelStart, end: labelStart + item[1]!.length }, title: cleanTitle(item[1]!), rule: itemRule, level: WEAK_LEVEL, priority: 0 };
  }
  const m = INLINE_LABEL.exec(head);
  if (m) {
    const label = m[1]!;
    const rule = matchSectionHeading(label, rules);
    if (rule) {
      const labelStart = offset + m.index + m[0].indexOf(label);
      return { heading: { start: labelStart, end: offset + m.index + m[0].length }, title: cleanTitle(label), rule, level: WEAK_LEVEL, priority: 0, ...(/^(?: {2,}|\t|[ \t]*[-*•][ \t]*)/.test(head) ? { indented: true } : {}) };
    }
  }
  // A whole short line in capitals ("PHYSICAL EXAMINATION"), possibly wrapped in markdown marks.
  if (lineLength > 80) return undefined;
  const trimmed = head.replace(/^[\s#*=_•-]+/, '').replace(/[\s#*=_-]+$/, '');
  if (trimmed.length < 2 || !/[A-Za-z]/.test(trimmed)) return undefined;
  // "ASSESSMENT & PLAN (summary first)": a parenthetical aside does not make a capitals heading lower case.
  const isCaps = !/[a-z]/.test(trimmed.replace(/\s*\([^()]*\)\s*$/, ''));
  const isMarked = /^\s*(?:#{1,6}\s|\*\*|__)/.test(head);
  // A short Title-case line that is a section name and nothing else ("Assessment", "Assessment and Plan").
  const isTitleLine = /^[A-Z][A-Za-z/&' -]{1,40}$/.test(trimmed) && trimmed.split(/\s+/).length <= 5 && head.trim() === trimmed;
  if (!isCaps && !isMarked && !isTitleLine) return undefined;
  const rule = matchSectionHeading(trimmed, rules);
  if (!rule) return undefined;
  const start = offset + head.indexOf(trimmed);
  return { heading: { start, end: start + trimmed.length }, title: cleanTitle(trimmed), rule, level: WEAK_LEVEL, priority: 0 };
}

function cleanTitle(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}

/** Defaults for {@link SectionOptions}. */
export const defaultSectionOptions: Required<Pick<SectionOptions, 'textHeadings'>> & SectionOptions = {
  textHeadings: true,
};
