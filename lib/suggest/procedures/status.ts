import { parseDate, parseDateBefore } from '../../chart';
import type { TextSpan } from '../../chart';
import { contextOf } from '../../context';
import type { CompiledContextRules, ContextResult } from '../../context';
import type { ExclusionReason } from '../types';
import { defaultProcedureContextRules, defaultStatusCues } from './rules';
import type { EvidencePolicy, StatusCues } from './rules';
import { PhraseTable, phraseSet, phraseWords, wordIndexAt } from './text';
import type { SentenceView } from './text';

/** Options for {@link mentionStatus}. */
export interface StatusOptions {
  /** What the sentence must show beyond the mention itself. Default: 'cue'. */
  policy?: EvidencePolicy;
  /** Date of service (YYYY-MM-DD); dates before it in the mention's clause make it historical. Default: none (no date check). */
  dateOfService?: string;
  /** Extra "done" cues for this kind of mention (e.g. a vaccine lot number). Default: none. */
  extraCues?: readonly string[];
  /** Cue lists. Default: cues.json ({@link defaultStatusCues}). */
  cues?: StatusCues;
  /** ConText rules. Default: the shipped rules plus procedure-context.json. */
  contextRules?: CompiledContextRules;
}

/** Whether a mention was done at this visit, and why (or why not). */
export interface StatusVerdict {
  done: boolean;
  /** Set when `done` is false. */
  reason?: ExclusionReason;
  /** One plain sentence for the coder: "negated by “declined”", "documented as done (“given”)". */
  explanation: string;
  /** How sure: 0.9 with an explicit cue, lower when only a result or the section says so. */
  confidence: number;
  /** The words that showed it was done. */
  cue?: TextSpan & { text: string };
}

/**
 * Decides whether a procedure, test, drug or vaccine named at `span` of a sentence was done at this
 * visit: ConText first (negated, family, historical, hypothetical, planned, ordered), then a date in the
 * same clause before the date of service, then the evidence `policy` — an explicit cue ("performed",
 * "given", "in office"), a result after the mention ("negative", "NSR", a number), or a section that
 * means "done here" (Procedures, Results).
 *
 * @example mentionStatus(view, { start, end }, { policy: 'cue-or-result' }).done
 */
export function mentionStatus(view: SentenceView, span: TextSpan, options: StatusOptions = {}): StatusVerdict {
  const opts = { ...defaultStatusOptions, ...options };
  const cues = compiledCues(opts.cues ?? defaultStatusCues);
  const ctx = contextOf(
    { text: view.sentence.text, start: view.start, ...(view.section ? { section: view.section } : {}), targets: [{ start: span.start, end: span.end }] },
    { rules: opts.contextRules ?? defaultProcedureContextRules },
  )[0]!;
  const title = (view.sectionTitle ?? '').toLowerCase();
  // A procedure done in its own suite ("section" policy) is billed from its procedure report, never from a "done" word
  // in another note's history or plan ("EGD in 2019 … reviewed today", "colonoscopy not due until 2029" in a list "given").
  const fromReport = opts.policy === 'section';
  const cue = fromReport ? undefined : (findCue(view, span, cues.performed, cues.future, cues.due) ?? (opts.extraCues.length ? findCue(view, span, extraTable(opts.extraCues), cues.future, cues.due) : undefined));

  // "Rapid strep negative", "negative UA": for a test, negative/normal is its result, not its absence.
  const negators = ctx.modifiers.filter((m) => m.category === 'NEGATED_EXISTENCE' || m.category === 'RULED_OUT');
  const resultOnly = negators.length > 0 && negators.every((m) => m.text !== undefined && isResultPhrase(m.text, cues.resultWords));
  if (ctx.negated && !resultOnly) return excluded('negated', `negated by ${trigger(ctx, 'NEGATED_EXISTENCE', 'RULED_OUT')}`);
  if (ctx.family && !respondentOnly(view.sentence.text)) return excluded('family', `about a family member (${trigger(ctx, 'FAMILY')})`);
  if (ctx.otherExperiencer) return excluded('other-person', `about someone else (${trigger(ctx, 'OTHER_EXPERIENCER')})`);
  if (ctx.historical) return excluded('historical', `done at another time or place (${trigger(ctx, 'HISTORICAL', 'ELSEWHERE')})`);
  if (cues.historyTitles.some((t) => title.includes(t))) return excluded('historical', `listed under “${view.sectionTitle}”`);
  const past = pastDate(view, span, opts.dateOfService);
  if (past) return excluded('historical', `dated ${past}, before the date of service`);

  const result = !fromReport && (resultOnly || hasResult(view, span, cues.results));
  if (ctx.hypothetical) {
    const categories = new Set(ctx.modifiers.map((m) => m.category));
    if (categories.has('HYPOTHETICAL')) return excluded('hypothetical', `conditional or future (${trigger(ctx, 'HYPOTHETICAL')})`);
    if (categories.has('ORDERED')) {
      if (cue) return done(0.8, `ordered and documented as done (“${cue.text}”)`, cue);
      if (result) return done(0.7, 'ordered, with a result recorded at this visit');
      return excluded('not-billable', `ordered or sent out (${trigger(ctx, 'ORDERED')}): billed by whoever performs it`);
    }
    // "Offered flu vaccine today once well": with a plan word, "today" or "in clinic" dates the plan, not the act.
    const doneCue = fromReport ? undefined : cue && !WHEN_ONLY.has(cue.text.toLowerCase()) ? cue : findCue(view, span, cues.performedActs, cues.future, cues.due) ?? (opts.extraCues.length ? findCue(view, span, extraTable(opts.extraCues.filter((c) => !WHEN_ONLY.has(c.toLowerCase()))), cues.future, cues.due) : undefined);
    // "Implant card given, removal due by 04/2029": a done cue of another clause does not undo the plan said of the mention.
    if (doneCue && !cueInOtherClause(view, span, doneCue, ctx)) return done(0.65, `planned (${trigger(ctx, 'PLANNED')}) and documented as done (“${doneCue.text}”)`, doneCue);
    if (cue) return excluded('hypothetical', `planned (${trigger(ctx, 'PLANNED')}); “${cue.text}” alone does not say it was done`);
    return excluded('hypothetical', `planned, not documented as done (${trigger(ctx, 'PLANNED')})`);
  }

  if (cue) return done(0.9, `documented as done (“${cue.text}”)`, cue);
  // "Procedure - right knee arthrocentesis and injection:" written as a line of its own heads the procedure it names.
  const inDoneSection = (view.section !== undefined && cues.sections.has(view.section)) || cues.sectionTitles.some((t) => title.includes(t)) || INLINE_PROCEDURE_HEADING.test(view.sentence.text);
  switch (opts.policy) {
    case 'none':
      return done(0.75, 'named at this visit');
    case 'cue-or-result':
      if (result) return done(0.8, 'a result is recorded at this visit');
      if (inDoneSection) return done(0.75, `listed under “${view.sectionTitle}”`);
      break;
    case 'cue-or-section':
      if (inDoneSection) return done(0.8, `listed under “${view.sectionTitle}”`);
      break;
    case 'section':
      // The procedure's own section, not the results of an earlier one ("EGD Results").
      if (view.section === 'procedures' || INLINE_PROCEDURE_HEADING.test(view.sentence.text)) return done(0.8, `listed under “${view.sectionTitle ?? 'Procedure'}”`);
      break;
    case 'cue':
      // "Immunizations given today:", "Vaccines administered": a heading that itself says done.
      if (DONE_TITLE.test((view.sectionTitle ?? '').replace(PAPER_GIVEN, ''))) return done(0.8, `listed under “${view.sectionTitle}”`);
      break;
  }
  return excluded('uncertain', 'named without saying it was done at this visit');
}

/** Whether a done cue sits in another comma clause than the mention while the plan word follows the mention. */
function cueInOtherClause(view: SentenceView, span: TextSpan, cue: TextSpan, ctx: ContextResult): boolean {
  const planAfter = ctx.modifiers.some((m) => m.category === 'PLANNED' && m.start !== undefined && m.start + view.start >= span.end);
  if (!planAfter) return false;
  // A cue inside a paired mention ("Implant card given, removal") is read against the action word that ends it.
  const [from, to] = cue.start >= span.end ? [span.end, cue.start] : [cue.end, span.start >= cue.end ? span.start : span.end];
  return /[,;]/.test(view.sentence.text.slice(from - view.start, to - view.start));
}

/** A handout given, not a service: "PERSONALIZED PREVENTION PLAN (written copy given)", "Instructions (copy provided)". */
const PAPER_GIVEN = /\b(?:(?:a|written|printed|paper)\s+)?(?:copy|copies|handout|handouts|instructions|summary|information|education|materials?)\s+(?:was\s+|were\s+)?(?:given|provided)\b/gi;

/** Section headings that say their items were done at this visit. */
const DONE_TITLE = /\b(?:given|administered|performed|done)\b|\btoday\b/i;

/** A sentence that is a procedure heading of its own: "Procedure - ...", "Procedure note: ...", "Procedures performed: ...". */
const INLINE_PROCEDURE_HEADING = /^\s*procedures?(?:\s+(?:note|performed|done))?\s*[-–—:]/i;

/** Family members and others who answer for or join the patient in a service. */
const PERSON = '(?:mother|mom|father|dad|parents?|guardians?|caregivers?|teachers?|daughters?|sons?|wife|husband|spouse|partner|family|grandmother|grandfather|grandparents?|sister|brother|aunt|uncle|health care proxy|healthcare proxy|proxy|poa)';
const PERSON_WORD = new RegExp(`\\b${PERSON}\\b`, 'gi');
/** A person in a respondent or participant position: "with daughter", "by mother", "parent form", "teacher rating scale", "mother-completed", "(father, today)" after a form. */
const RESPONDENT = new RegExp(
  `(?:\\(\\s*(?:the\\s+)?${PERSON}\\b|\\b(?:with|by|per|from|and|including|to)\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+|patient'?s\\s+|pt'?s\\s+)?${PERSON}\\b|\\b${PERSON}[\\s-]+(?:and\\s+\\w+\\s+)?(?:forms?|reports?|rating|ratings|questionnaires?|versions?|scales?|informant|completed|report|respondent|present|at bedside)\\b)`,
  'gi',
);

/**
 * True when every family word of a sentence is a respondent or participant, not the person the service
 * is about: a parent or teacher rating form, advance care planning "with daughter", "completed by mother".
 */
export function respondentOnly(text: string): boolean {
  const people = [...text.matchAll(PERSON_WORD)].map((m) => m.index!);
  if (people.length === 0) return false;
  const covered = [...text.matchAll(RESPONDENT)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  return people.every((p) => covered.some((c) => p >= c.start && p < c.end));
}

/** Defaults for {@link StatusOptions}. */
export const defaultStatusOptions: Required<Omit<StatusOptions, 'cues' | 'contextRules' | 'dateOfService'>> & Pick<StatusOptions, 'cues' | 'contextRules' | 'dateOfService'> = {
  policy: 'cue',
  dateOfService: undefined,
  extraCues: [],
  cues: undefined,
  contextRules: undefined,
};

/**
 * The first "done" cue of a phrase table in the sentence, skipping cues right after a future marker
 * ("will be given", "to be drawn") or right before a due marker ("dose 1 due"). Cues before and after
 * the mention both count.
 */
export function findCue(view: SentenceView, span: TextSpan, table: PhraseTable<string>, future: ReadonlySet<string>, due?: ReadonlySet<string>): (TextSpan & { text: string }) | undefined {
  const words = view.words;
  let best: (TextSpan & { text: string; distance: number }) | undefined;
  const mentionFrom = wordIndexAt(words, span.start);
  for (const m of table.longest(words)) {
    const inside = m.start >= span.start && m.end <= span.end;
    // A cue that shares the term's last word ("HPV dose" in "HPV dose 3 of 3") is read from the term on, like one inside it.
    const sharing = !inside && m.start < span.end && span.start < m.end;
    if (sharing && !(m.start > span.start && m.end > span.end)) continue;
    // A done-word inside the term ("knee injected", "cerumen removed") is the cue; its tense is set by the words before the term.
    const from = inside || sharing ? mentionFrom : m.from;
    const before = [words[from - 1]?.text, words[from - 2]?.text];
    if (before.some((w) => w !== undefined && future.has(w))) continue;
    if (due && due.has(words[m.to]?.text ?? '')) continue;
    // "Shingrix dose 2 to be given in 2 months", "dose 1 will be given next visit": the cue names a dose still to come.
    if (PLANNED_AFTER_CUE.test(`${words[m.to]?.text ?? ''} ${words[m.to + 1]?.text ?? ''}`)) continue;
    // "biopsy scheduled … given age over 45 and family history": "given" as "considering", not "administered".
    if (words[m.from]?.text === 'given' && m.to === m.from + 1 && givenAsPreposition(words[m.to]?.text ?? '')) continue;
    const distance = sharing ? 0 : m.start >= span.end ? m.start - span.end : span.start - m.end;
    if (!best || distance < best.distance) best = { start: m.start, end: m.end, text: view.sentence.text.slice(m.start - view.start, m.end - view.start), distance };
  }
  if (!best) return undefined;
  return { start: best.start, end: best.end, text: best.text };
}

/** True when a result follows the mention ("negative", "NSR", ": 7.2") or comes just before it ("positive rapid strep"). */
export function hasResult(view: SentenceView, span: TextSpan, results: PhraseTable<string>): boolean {
  const words = view.words;
  const after = wordIndexAt(words, span.end);
  const window = words.slice(after, after + 8);
  if (results.test(window)) return true;
  if (window.slice(0, 4).some((w) => /^\d/.test(w.text))) return true;
  const tail = view.sentence.text.slice(span.end - view.start);
  if (/^\s*[:=]\s*\S/.test(tail)) return true;
  // "inattentive 5/9, hyperactive 3/9": a score out of a total written after the mention.
  for (const m of tail.matchAll(/(?<![\d/])(\d{1,3})\s*\/\s*(\d{1,3})(?![\d/])/g)) if (+m[1]! <= +m[2]! && /[a-z:]\s*$/i.test(tail.slice(0, m.index)) && !/\b(?:on|since|from|dated?|until|by|before|after|at|of|in)\s*$/i.test(tail.slice(0, m.index))) return true;
  const first = wordIndexAt(words, span.start);
  return results.test(words.slice(Math.max(0, first - 2), first));
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The two words after a done cue that put it in the future ("to be given", "will be", "scheduled for"). */
const PLANNED_AFTER_CUE = /^(?:(?:to|will|should|shall) (?:be|give|receive|get|return|complete|come|have)|(?:planned|scheduled|due|next) \S*)$/i;

/** Words after "given" that make it "considering" ("given her age", "given family history"), not "administered". */
const GIVEN_AS_PREPOSITION: ReadonlySet<string> = new Set(['the', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those', 'age', 'family', 'history', 'concern', 'concerns', 'risk', 'risks', 'recent', 'prior', 'ongoing', 'persistent', 'current', 'findings', 'symptoms', 'patient', 'patients', 'pt', 'lack', 'absence', 'presence', 'severity', 'duration', 'improvement', 'worsening']);

/** Done cues that only give the time or place: enough alone, not against a plan word. */
const WHEN_ONLY: ReadonlySet<string> = new Set(['today', 'now', 'this visit', 'at this visit', 'in office', 'in-office', 'in the office', 'in clinic', 'in the clinic']);

interface CompiledCues {
  performed: PhraseTable<string>;
  /** {@link CompiledCues.performed} without the time/place-only cues. */
  performedActs: PhraseTable<string>;
  results: PhraseTable<string>;
  future: ReadonlySet<string>;
  /** Words right after a cue that undo it ("dose 1 due"). */
  due: ReadonlySet<string>;
  sections: ReadonlySet<string>;
  sectionTitles: string[];
  historyTitles: string[];
  resultWords: ReadonlySet<string>;
}

const compiled = new WeakMap<StatusCues, CompiledCues>();
const extraTables = new Map<string, PhraseTable<string>>();

function compiledCues(cues: StatusCues): CompiledCues {
  let c = compiled.get(cues);
  if (!c) {
    c = {
      performed: phraseSet(cues.performed),
      performedActs: phraseSet(cues.performed.filter((c) => !WHEN_ONLY.has(c.toLowerCase()))),
      results: phraseSet(cues.results),
      future: new Set(cues.futureMarkers.map((w) => w.toLowerCase())),
      due: new Set((cues.dueMarkers ?? []).map((w) => w.toLowerCase())),
      sections: new Set(cues.performedSections),
      sectionTitles: cues.performedSectionTitles,
      historyTitles: cues.historySectionTitles,
      resultWords: new Set(cues.results.flatMap((r) => phraseWords(r))),
    };
    compiled.set(cues, c);
  }
  return c;
}

function extraTable(phrases: readonly string[]): PhraseTable<string> {
  const key = phrases.join('\u0000');
  let t = extraTables.get(key);
  if (!t) {
    t = phraseSet(phrases);
    if (extraTables.size > 32) extraTables.clear(); // a few lists at most; never grows without bound
    extraTables.set(key, t);
  }
  return t;
}

/** A negation trigger made only of result words ("negative", "was negative", "normal"). */
function isResultPhrase(text: string, resultWords: ReadonlySet<string>): boolean {
  const words = phraseWords(text);
  return words.length > 0 && words.some((w) => resultWords.has(w)) && words.every((w) => resultWords.has(w) || ['is', 'was', 'were', 'are', 'for'].includes(w));
}

function done(confidence: number, explanation: string, cue?: TextSpan & { text: string }): StatusVerdict {
  return { done: true, confidence, explanation, ...(cue ? { cue } : {}) };
}

function excluded(reason: ExclusionReason, explanation: string): StatusVerdict {
  return { done: false, reason, explanation, confidence: 0 };
}

/** “trigger” of the first modifier of the given categories, for explanations. */
function trigger(ctx: ContextResult, ...categories: string[]): string {
  const m = ctx.modifiers.find((x) => categories.includes(x.category));
  if (!m) return 'context';
  if (m.direction === 'SECTION') return `section “${m.literal.replace(/_/g, ' ')}”`;
  return `“${m.text ?? m.literal}”`;
}

const DATE_PATTERNS: RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/gi,
];
/**
 * "set a quit date of June 15" written on May 27: a day without its year whose next occurrence falls within four
 * months after the visit is a date to come, not last year's (`iso` is the latest occurrence on or before the visit).
 */
function dayToCome(iso: string, dateOfService: string): boolean {
  const next = `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
  const days = (Date.parse(next) - Date.parse(dateOfService)) / 86_400_000;
  return days > 0 && days <= 120;
}

/** "in May", "back in March" (no day, no year). */
const IN_MONTH = /\b(?:in|during|back in)\s+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b(?!\.?\s+\d)/gi;
/** A clause told in the past tense. */
const PAST_TOLD = /\b(?:showed|revealed|demonstrated|was|were|done|performed|obtained|had|passed|failed)\b/i;
/** "at last well visit", "at her previous physical". */
const AT_EARLIER_VISIT = /\b(?:at|during|on)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:last|previous|prior|most recent)\s+(?:[a-z-]+\s+){0,2}?(?:visit|appointment|appt|physical|exam|check-?up)\b/i;
const MONTH_DAY = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!,?\s*\d)/gi;
const MONTH_YEAR = /\b(\d{1,2})\/(\d{4})\b|\b(?:in|on|from|dated?|given|received|completed?|done|administered)\s+((?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})\b/gi;
/** "reduce to 20 mg daily given euvolemia", "given stable weights": "given" before a state or a finding means "considering". */
function givenAsPreposition(next: string): boolean {
  return GIVEN_AS_PREPOSITION.has(next) || STATE_WORD.test(next);
}

/** Condition and state words by their endings (euvolemia, hypokalemia, neuropathy, stability) and plain state adjectives. */
const STATE_WORD = /^(?:[a-z]{3,}(?:emia|aemia|osis|itis|opathy|ity|ness)|stable|improved|improving|normal|low|high|elevated|reduced|poor|good|mild|severe|known|new|worsening|increased|increasing|decreased|decreasing|rising|falling|positive|negative|abnormal|purulent|limited)$/;

const GIVEN_AT_AGE = /\b(?:(?:given|received|done|completed|administered)\s+at(?:\s+age)?|at\s+age)\s+\d{1,2}(?:\s*(?:years?|yrs?|y\/?o|months?|mos?)\b)?(?![\d:]|\.\d|\s*(?:db|ft|feet|cm|mm|kg|lbs?|%|hz|mg|ml)\b)/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a month name or its short form ("March", "mar"), 0 for none. */
function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The clause up to the first "today" or "this visit", which dates it to the visit whatever earlier dates follow. */
function cutAtToday(clause: string): string {
  const today = /\b(?:today|this visit)\b/i.exec(clause);
  return today ? clause.slice(0, today.index) : clause;
}

/** A value written as a number (or a percentage): today's result. */
const VALUE = /\d/;
/** What a bracket's earlier date leaves of a value: "(7.6% in 01/2026)", "(was 9 in January)". */
const DATE_IN_BRACKET = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2}\/\d{4}\b|\b\d{4}-\d{2}(?:-\d{2})?\b|\b(?:19|20)\d{2}\b/g;

/**
 * "HbA1c (in-office analyzer): 8.3% (7.6% in 01/2026)": after today's value, a bracket holding another value and its
 * date is the earlier result it is compared with; its date says nothing of when today's test was done. Blanked out
 * (same length, so offsets into the clause still hold). `after` is where the mention ends in the clause.
 */
function withoutEarlierValues(clause: string, after: number): string {
  return clause.replace(/\([^()]*\)/g, (bracket, index: number) => {
    if (index < after || !VALUE.test(clause.slice(after, index))) return bracket;
    return VALUE.test(bracket.replace(DATE_IN_BRACKET, ' ')) ? ' '.repeat(bracket.length) : bracket;
  });
}

/** A date before the date of service in the mention's clause (split at ';' and ','), as written. */
function pastDate(view: SentenceView, span: TextSpan, dateOfService: string | undefined): string | undefined {
  const text = view.sentence.text;
  // "Tdap given at 11", "MMR at age 4": given at an age, so not today (an age is never the date of service).
  const atAge = GIVEN_AT_AGE.exec(text.slice(span.end - view.start, span.end - view.start + 40));
  if (atAge && !/[;,]/.test(text.slice(span.end - view.start, span.end - view.start + atAge.index))) return atAge[0].trim();
  if (!dateOfService) return undefined;
  const rel = span.start - view.start;
  let from = 0;
  let to = text.length;
  const ends = (i: number) => text[i] === ';' || text[i] === ',';
  // A spaced dash before the mention ends the clause of an earlier dose ("Tdap last in 2013 - Tdap 0.5 mL IM given
  // today"); one after it leads to the mention's own date ("RSV bronchiolitis - 11/2024").
  const dash = (i: number) => /[-–—]/.test(text[i]!) && text[i - 1] === ' ' && text[i + 1] === ' ';
  for (let i = rel - 1; i >= 0; i--) if (ends(i) || dash(i)) { from = i + 1; break; }
  for (let i = span.end - view.start; i < text.length; i++) if (ends(i)) { to = i; break; }
  // "2024 spirometry, 2023 colonoscopy": a year written right before the test's name dates it.
  const yearBefore = /\b((?:19|20)\d{2})\s+$/.exec(text.slice(from, rel));
  if (yearBefore && yearBefore[1]! < dateOfService.slice(0, 4)) return yearBefore[1];
  // "Spirometry today … Today | 01/2026": "today" said before the earlier date makes that date the comparison.
  const clause = withoutEarlierValues(cutAtToday(text.slice(from, to)), span.end - view.start - from);
  for (const re of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(clause); m; m = re.exec(clause)) {
      const iso = parseDate(m[0]);
      if (iso && iso < dateOfService) return m[0];
    }
  }
  // "images from March 2nd": a day without its year is the latest such day on or before the visit.
  for (const m of clause.matchAll(MONTH_DAY)) {
    if (m[0].startsWith('may')) continue;
    const iso = parseDateBefore(m[0], dateOfService);
    if (iso && iso < dateOfService && !dayToCome(iso, dateOfService)) return m[0];
  }
  const dosMonth = dateOfService.slice(0, 7);
  MONTH_YEAR.lastIndex = 0;
  for (let m = MONTH_YEAR.exec(clause); m; m = MONTH_YEAR.exec(clause)) {
    let ym: string | undefined;
    if (m[1] && m[2] && +m[1] >= 1 && +m[1] <= 12) ym = `${m[2]}-${m[1].padStart(2, '0')}`;
    else if (m[3]) ym = `${m[3]}-00`;
    else if (m[4] && m[5]) ym = `${m[5]}-${String(monthNumber(m[4])).padStart(2, '0')}`;
    if (ym && (m[3] ? ym.slice(0, 4) < dosMonth.slice(0, 4) : ym < dosMonth)) return m[0];
  }
  // "x-ray in May showed …": a month named alone, in a clause told in the past, is the latest such month before the
  // visit; only the visit's own month may be today. A parenthesis is an aside ("PHQ-9: 16 (was 9 in January)").
  const told = clause.replace(/\([^()]*\)/g, ' ');
  if (PAST_TOLD.test(told)) {
    for (const m of told.matchAll(IN_MONTH)) {
      const month = monthNumber(m[1]!);
      if (month > 0 && month !== Number(dosMonth.slice(5, 7))) return m[0].trim();
    }
  }
  // "hearing screen passed at last well visit": done at an earlier visit.
  const earlier = AT_EARLIER_VISIT.exec(clause);
  if (earlier) return earlier[0].trim();
  // "confirmed by skin-prick testing 2024": a bare year right after the mention dates it.
  const year = /^\s*\(?((?:19|20)\d{2})\)?(?![\d/-])/.exec(text.slice(span.end - view.start, to));
  if (year && year[1]! < dateOfService.slice(0, 4)) return year[1];
  return undefined;
}
