import { consultationByMdm, consultationByTime, findConsultation } from './consultation';
import { INLINE_ASSESSMENT_LABEL, type ChartDocument, type SectionCategory, type TextSpan } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { contextOf } from '../../context';
import type { CompiledContextRules } from '../../context';
import type { CareSetting, ExcludedCandidate } from '../types';
import { evidenceList, makeExcluded, makeLine, type LineSpec } from './lines';
import { defaultEmRules, defaultProcedureContextRules, ProcedureRuleError } from './rules';
import { defaultCodingRules } from '../coding-rules';
import { codesIn, refCovers, type CodeRef } from '../tabular-notes';
import type { EmRules } from './rules';
import { respondentOnly } from './status';
import { PhraseTable, ageOn, headingViews, phraseSet, sentenceViews, wordsOf, type PhraseMatch } from './text';
import type { SentenceView } from './text';
import type { DiagnosedProblem, EmWork, Payer, PatientStatus, ProcedureLine, StageResult } from './types';
import { namesOtherVisit } from '../past-visits';
import { findTransitionalCare, transitionalCareCode } from './transitional-care';
import { findPsychiatricEvaluation } from './psychiatric-evaluation';
import { staffVisit } from './staff-visit';

/** Medical decision making levels, lowest first. */
export const MDM_LEVELS = ['straightforward', 'low', 'moderate', 'high'] as const;
/** One of {@link MDM_LEVELS}. */
export type MdmLevel = (typeof MDM_LEVELS)[number];

/** Options for {@link emLevel}. */
export interface EmLevelOptions {
  /** Date of service (YYYY-MM-DD). Default: the chart header's, else today. */
  dateOfService?: string;
  /** Payer family: Medicare gets G2212 for prolonged time and G0438/G0439 wellness visits. Default: 'other'. */
  payer?: Payer;
  /** Office E/M codes are suggested for 'outpatient' only. Default: 'outpatient'. */
  setting?: CareSetting;
  /** New vs established, overriding the chart. Default: from the chart, else established. */
  patientStatus?: 'new' | 'established';
  /** Phrase lists and time patterns. Default: em-rules.json ({@link defaultEmRules}). */
  rules?: EmRules;
  /** ConText rules for phrases (a planned "annual physical" or a negated admission do not count). Default: shipped + procedure-context.json. */
  contextRules?: CompiledContextRules;
  /**
   * Where the diagnosis stage found the visit's diagnoses: the problems of a letter or narrative note that has no
   * assessment, plan or problem list of its own ("I saw her again today in follow-up of her chronic kidney disease").
   * Default: none.
   */
  diagnosedProblems?: readonly TextSpan[];
  /**
   * Where the note documents tests the practice bills today (X-ray, ECG): interpreting a test one bills is part of
   * that test, not independent-interpretation data for the E/M (AMA MDM table). Default: none.
   */
  billedTests?: readonly TextSpan[];
}

/** A documented total visit time. */
export interface VisitTime extends TextSpan {
  minutes: number;
  text: string;
  /** Id of the time pattern that matched ("total time", "I spent", …). */
  pattern: string;
  priority: number;
}

/** The office E/M code for a documented time, with prolonged-service add-on when the time runs past the top level. */
export interface TimeLevel {
  code: string;
  /** "30–39 min" — the CPT 2021+ time range of the code. */
  range: string;
  prolonged?: { code: '99417' | 'G2212'; units: number; threshold: number };
}

/** One problem of the assessment (an item of the assessment/plan). */
export interface ProblemItem extends TextSpan {
  text: string;
}

/** One MDM element's level and why. */
export interface MdmElement {
  level: MdmLevel;
  reason: string;
  spans: TextSpan[];
}

/** The simplified MDM estimate (2 of 3 elements decide). */
export interface MdmEstimate {
  level: MdmLevel;
  problems: MdmElement & { items: ProblemItem[] };
  data: MdmElement & { tests: string[] };
  risk: MdmElement & { prescription: boolean };
  /** "problems moderate (2 chronic illnesses); data low (2 tests); risk moderate (prescription drug management)". */
  summary: string;
}

/** A preventive visit found in the chart. */
export interface PreventiveVisit extends TextSpan {
  kind: 'awv' | 'preventive';
  text: string;
  /** AWV only: initial (G0438) or subsequent (G0439); undefined when not stated. */
  initial?: boolean;
}

/**
 * Office/outpatient E/M from the chart: a preventive visit by age (or the Medicare AWV), a
 * problem-oriented visit by documented total time (CPT 2021+ ranges, prolonged 99417 / Medicare G2212
 * beyond the top level) or, without time, by a simplified MDM estimate. A problem E/M on a preventive
 * day is added only for a significant separate problem, with modifier 25.
 *
 * @example emLevel(chartFromText('Established patient.\nTotal time 35 minutes.'), catalog).lines[0]?.code // '99214'
 */
export function emLevel(document: ChartDocument, catalog: CodeSetCatalog, options: EmLevelOptions = {}): StageResult {
  const opts = { ...defaultEmLevelOptions, ...options };
  const rules = opts.rules ?? defaultEmRules;
  const ctxRules = opts.contextRules ?? defaultProcedureContextRules;
  const dos = opts.dateOfService ?? document.header.dateOfServiceIso ?? new Date().toISOString().slice(0, 10);
  const lines: ProcedureLine[] = [];
  const excluded: ExcludedCandidate[] = [];
  if (opts.setting !== 'outpatient') return { lines, excluded };

  const views = sentenceViews(document);
  const status = patientStatusOf(document, { rules, ...(opts.patientStatus ? { override: opts.patientStatus } : {}) });
  const statusWarnings = status.source === 'assumed' ? ['New vs established patient is not documented: assumed established.'] : [];
  const statusEvidence = status.evidence ? [status.evidence] : [];
  const telehealth = phraseSet(rules.telehealth);
  const teleWarning = views.some((v) => telehealth.test(v.words))
    ? ['Telehealth visit: add the payer’s telehealth modifier (95/93) or use the telehealth code family it requires.']
    : [];
  const mdm = estimateMdm(document, { rules, contextRules: ctxRules, ...(opts.billedTests ? { billedTests: opts.billedTests } : {}), ...(opts.diagnosedProblems ? { diagnosedProblems: opts.diagnosedProblems } : {}) });
  const time = findVisitTime(document, { rules, contextRules: ctxRules });
  const preventive = findPreventive(document, { rules, contextRules: ctxRules });
  const work = emWork(document, views, rules, mdm, time ? 'time' : 'mdm', time);
  // The visit's E/M line, or the service billed in its place (TCM, psychiatric evaluation, consultation, staff visit): each carries the visit's work.
  const visitLine = (spec: Omit<LineSpec, 'kind' | 'extra'>) => makeLine(catalog, dos, { ...spec, kind: 'em', extra: { emWork: work } });

  if (preventive) {
    const prev = preventiveLine(document, catalog, dos, opts.payer, status, preventive, statusEvidence, statusWarnings);
    if (prev.line) lines.push(prev.line);
    if (prev.excluded) excluded.push(prev.excluded);
    if (mdm && mdm.problems.items.length > 0) {
      const level = mdm.level === 'straightforward' ? 'low' : mdm.level;
      // The preventive service already made the patient "seen" today: the problem visit is coded as established (CPT new-patient rule).
      const code = mdmCode(level, 'established');
      // Significant: moderate work, or the clinician sets the problem apart from the exam ("Separate problem: right
      // wrist pain … X-ray, my read") and it brought its own test or treatment.
      const setApart = [...views, ...headingViews(document)].some((v) => SEPARATE_PROBLEM.test(v.sentence.text)) && (mdm.data.tests.length > 0 || rank(mdm.risk.level) >= rank('low'));
      // "Minor problem handled within today's preventive visit": the clinician says it was no separate service.
      const heldWithin = views.some((v) => WITHIN_PREVENTIVE.test(v.sentence.text));
      const significant = !heldWithin && (rank(mdm.risk.level) >= rank('moderate') || rank(mdm.problems.level) >= rank('moderate') || setApart);
      const evidence = evidenceList(document, mdm.problems.items.slice(0, 5));
      if (significant) {
        const made = makeLine(catalog, dos, {
          code,
          kind: 'em',
          confidence: 0.5,
          rule: `problem-oriented E/M on a preventive-visit day, by MDM estimate (time not used: it overlaps the preventive service): ${mdm.summary} → ${level} → ${code}; modifier 25: a significant, separately identifiable problem was addressed`,
          evidence: [...evidence, ...evidenceList(document, mdm.risk.spans.slice(0, 2))],
          warnings: ['Check that the problem work is separately documented from the preventive service.', ...statusWarnings, ...teleWarning],
          extra: { modifiers: ['25'], emWork: { ...work, basis: 'mdm' } },
        });
        if (made.line) lines.push(made.line);
        if (made.excluded) excluded.push(made.excluded);
      } else {
        excluded.push(makeExcluded(catalog, dos, code, 'not-billable', 'problems mentioned at the preventive visit were not managed enough for a separate E/M (no prescription management, exacerbation or new work-up)', evidence));
      }
    }
    return { lines, excluded };
  }

  const globalPackage = findGlobalPackage(document, { rules, contextRules: ctxRules });
  if (globalPackage) {
    const code = (time ? timeLevel(time.minutes, status.status, opts.payer)?.code : undefined) ?? mdmCode(mdm?.level ?? 'low', status.status);
    const evidence = evidenceList(document, [globalPackage]);
    if (globalPackage.kind === 'obstetric') {
      excluded.push(makeExcluded(catalog, dos, code, 'not-billable', `routine antepartum visit (“${globalPackage.text}”): part of the global obstetric package, billed with the delivery; a problem unrelated to the pregnancy may be billed separately`, evidence));
      return { lines, excluded };
    }
    excluded.push(makeExcluded(catalog, dos, code, 'not-billable', `visit inside a surgical global period (“${globalPackage.text}”): follow-up is included in the procedure’s global package; an unrelated problem would take modifier 24`, evidence));
    const made = makeLine(catalog, dos, {
      code: POSTOP_CODE,
      kind: 'postop',
      confidence: 0.8,
      rule: `follow-up inside the surgical global period (“${globalPackage.text}”) → ${POSTOP_CODE} (no charge; tracks the global visit)`,
      evidence,
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
    return { lines, excluded };
  }

  // The first visit after a discharge may be transitional care management, billed instead of the E/M.
  const tcm = findTransitionalCare(document, dos);
  const tcmChoice = tcm ? transitionalCareCode(tcm, mdm?.level) : undefined;
  if (tcm && tcmChoice?.code) {
    const made = visitLine({
      code: tcmChoice.code,
      confidence: 0.75,
      rule: `transitional care (“${tcm.mention.text}”): contact within 2 business days, ${tcmChoice.why} → ${tcmChoice.code}`,
      evidence: evidenceList(document, [tcm.mention, ...(tcm.contact ? [tcm.contact] : [])]),
      warnings: ['TCM: confirm medication reconciliation by this visit and that no other clinician bills TCM for this discharge.', ...teleWarning],
    });
    if (made.line) return { lines: [...lines, made.line], excluded };
    if (made.excluded) excluded.push(made.excluded);
  }
  // A psychiatric diagnostic evaluation is the visit's service, billed instead of the E/M.
  const psychiatric = findPsychiatricEvaluation(document);
  if (psychiatric) {
    const made = visitLine({
      code: psychiatric.code,
      confidence: 0.75,
      rule: `psychiatric diagnostic evaluation (“${psychiatric.mention.text}”), ${psychiatric.why} → ${psychiatric.code}, in place of the office E/M`,
      evidence: evidenceList(document, [psychiatric.mention]),
      warnings: ['Psychiatric diagnostic evaluation: no E/M on the same day by the same clinician; an interactive-complexity add-on (90785) needs its own documentation.', ...teleWarning],
    });
    if (made.line) return { lines: [...lines, made.line], excluded };
    if (made.excluded) excluded.push(made.excluded);
  }
  const tcmWarning = tcmChoice && !tcmChoice.code ? [`Post-discharge visit not billed as transitional care: ${tcmChoice.why}.`] : [];

  // A consultation another clinician requested, with a payer that takes consultation codes: 99242–99245 instead.
  const consult = findConsultation(document, opts.payer);
  const consultTime = consult && time ? consultationByTime(time.minutes) : undefined;
  if (consult && time && consultTime) {
    const made = visitLine({
      code: consultTime.code,
      confidence: 0.8,
      rule: `office consultation (“${consult.request.text}”; “${consult.accepted.text}”) by total time: ${time.minutes} min (“${time.text}”) → ${consultTime.code} (${consultTime.range})`,
      evidence: evidenceList(document, [time, consult.request, consult.accepted]),
      warnings: ['Consultation: confirm the written report back to the requesting clinician.', ...teleWarning],
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
    return { lines, excluded };
  }
  // A nurse's or pharmacist's visit (an INR check): its E/M is 99211 whatever the time or problems.
  const staff = status.status === 'established' ? staffVisit(document) : undefined;
  if (staff) {
    const made = visitLine({
      code: '99211',
      confidence: 0.7,
      rule: `visit by clinical staff (“${staff.text}”) under a physician's supervision → 99211`,
      evidence: evidenceList(document, [staff, ...statusEvidence]),
      warnings: ['99211: confirm the supervising physician was in the office suite (incident-to) and that no procedure billed today includes the visit.', ...teleWarning],
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
    return { lines, excluded };
  }
  const byTime = time ? timeLevel(time.minutes, status.status, opts.payer) : undefined;
  if (time && byTime) {
    const warnings = [...statusWarnings, ...teleWarning, ...tcmWarning];
    if (mdm && rank(mdm.level) > rank(levelOfCode(byTime.code))) warnings.push(`The MDM estimate (${mdm.level}) is higher than the time level: the visit may also be coded by MDM (${mdmCode(mdm.level, status.status)}).`);
    const made = visitLine({
      code: byTime.code,
      confidence: status.source === 'assumed' ? 0.75 : 0.9,
      rule: `E/M by total time: ${time.minutes} min (“${time.text}”), ${status.status} patient → ${byTime.code} (${byTime.range})`,
      evidence: evidenceList(document, [time, ...statusEvidence]),
      warnings,
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
    if (byTime.prolonged && made.line) {
      const p = byTime.prolonged;
      const pm = makeLine(catalog, dos, {
        code: p.code,
        kind: 'prolonged',
        units: p.units,
        confidence: 0.85,
        rule: `prolonged time: ${time.minutes} min reaches ${p.threshold} min (${p.code === 'G2212' ? 'Medicare: 15 min past the top of the range' : 'CPT: 15 min past the top level’s threshold'}) → ${p.code} × ${p.units} (per full 15 min)`,
        evidence: evidenceList(document, [time]),
      });
      if (pm.line) lines.push(pm.line);
      if (pm.excluded) excluded.push({ ...pm.excluded, explanation: `${pm.excluded.explanation}; prolonged time cannot be suggested` });
    } else if (made.line && opts.payer === 'medicare' && (byTime.code === '99205' || byTime.code === '99215')) {
      const medicareFrom = byTime.code === '99205' ? 89 : 69;
      if (time.minutes >= (byTime.code === '99205' ? 75 : 55)) made.line.warnings.push(`Medicare pays G2212 only from ${medicareFrom} minutes.`);
    }
    return { lines, excluded };
  }

  if (mdm) {
    const code = consult ? consultationByMdm(mdm.level) : mdmCode(mdm.level, status.status);
    const warnings = ['MDM is estimated from keywords: confirm problems, data and risk in the note.', ...statusWarnings, ...teleWarning, ...tcmWarning];
    if (time) warnings.push(`Documented time (${time.minutes} min) is below the lowest time range; level chosen by MDM.`);
    const made = visitLine({
      code,
      confidence: status.source === 'assumed' ? 0.45 : 0.55,
      rule: `E/M by MDM estimate (2 of 3 elements): ${mdm.summary} → ${mdm.level} → ${code}, ${status.status} patient`,
      evidence: evidenceList(document, [...mdm.problems.items.slice(0, 4), ...mdm.data.spans.slice(0, 2), ...mdm.risk.spans.slice(0, 2), ...statusEvidence]),
      warnings,
    });
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
  }
  return { lines, excluded };
}

/** Defaults for {@link EmLevelOptions}. */
export const defaultEmLevelOptions: Required<Pick<EmLevelOptions, 'payer' | 'setting'>> & Omit<EmLevelOptions, 'payer' | 'setting'> = {
  payer: 'other',
  setting: 'outpatient',
};

/**
 * The documented total visit time: the phrase of the best priority ("total time" over "I spent" over
 * "N minutes spent …"), the longest of equals. Times of separately billed services ("spent 10 minutes on
 * smoking cessation") and times that are not visit time ("symptoms for 30 minutes") do not count.
 *
 * @example findVisitTime(chartFromText('Total time spent: 40 minutes.'))?.minutes // 40
 */
export function findVisitTime(document: ChartDocument, options: { rules?: EmRules; contextRules?: CompiledContextRules } = {}): VisitTime | undefined {
  const rules = options.rules ?? defaultEmRules;
  const separate = phraseSet(rules.separateServiceTime);
  let best: VisitTime | undefined;
  for (const view of sentenceViews(document)) {
    if (!/\d|\ban?\s+hour/i.test(view.sentence.text)) continue;
    for (const pattern of rules.timePatterns) {
      pattern.regex.lastIndex = 0;
      for (let m = pattern.regex.exec(view.sentence.text); m; m = pattern.regex.exec(view.sentence.text)) {
        if (m[0].length === 0) {
          pattern.regex.lastIndex++;
          continue;
        }
        const minutes = minutesOf(m.groups ?? {});
        if (minutes === undefined || minutes < 1 || minutes > 600) continue;
        // "Time spent today, excluding the spirometry: 50 minutes" already leaves the separate service out.
        // So does "I spent 52 minutes on her care today, not counting the spirometry testing itself".
        if (pattern.priority > 1 && !EXCLUDES_SERVICE.test(view.sentence.text) && separate.test(view.words)) continue;
        const start = view.start + m.index;
        const end = start + m[0].length;
        const ctx = contextOf({ text: view.sentence.text, start: view.start, targets: [{ start, end }] }, { rules: options.contextRules ?? defaultProcedureContextRules })[0]!;
        if (ctx.negated || ctx.hypothetical) continue;
        const found: VisitTime = { start, end, text: m[0], minutes, pattern: pattern.id, priority: pattern.priority };
        if (!best || found.priority < best.priority || (found.priority === best.priority && found.minutes > best.minutes)) best = found;
      }
    }
  }
  return best;
}

/**
 * Office E/M by total time (CPT 2021+): new 99202 15–29, 99203 30–44, 99204 45–59, 99205 60–74;
 * established 99212 10–19, 99213 20–29, 99214 30–39, 99215 40–54. From 75 (new) / 55 (established)
 * minutes the top level gets 99417 per full 15 minutes beyond 60 / 40; Medicare uses G2212 per full
 * 15 minutes beyond the range's top (74 / 54), so from 89 / 69 minutes.
 *
 * @example timeLevel(35, 'established', 'other')?.code // '99214'
 */
export function timeLevel(minutes: number, status: 'new' | 'established', payer: Payer = 'other'): TimeLevel | undefined {
  const table = status === 'new' ? NEW_TIME : ESTABLISHED_TIME;
  const row = [...table].reverse().find((r) => minutes >= r.min);
  if (!row) return undefined;
  const level: TimeLevel = { code: row.code, range: row.max ? `${row.min}–${row.max} min` : `${row.min}+ min` };
  const top = table[table.length - 1]!;
  if (row === top) {
    if (payer === 'medicare') {
      const from = top.max! + 15;
      if (minutes >= from) level.prolonged = { code: 'G2212', units: Math.floor((minutes - top.max!) / 15), threshold: from };
    } else {
      const from = top.min + 15;
      if (minutes >= from) level.prolonged = { code: '99417', units: Math.floor((minutes - top.min) / 15), threshold: from };
    }
  }
  return level;
}

/**
 * New vs established: the override, else the chart header ("New patient", "Visit Type: Established"),
 * else a phrase in the visit reason or HPI ("establish care", "returns for follow-up"), else
 * established (assumed).
 */
export function patientStatusOf(document: ChartDocument, options: { rules?: EmRules; override?: 'new' | 'established' } = {}): PatientStatus {
  const rules = options.rules ?? defaultEmRules;
  if (options.override) return { status: options.override, source: 'header' };
  if (document.header.patientStatus) {
    const field = document.header.fields.find((f) => f.field === 'patientStatus');
    return { status: document.header.patientStatus, source: 'header', ...(field ? { evidence: { start: field.start, end: field.end } } : {}) };
  }
  const table = new PhraseTable<'new' | 'established'>();
  for (const p of rules.newPatient) table.add(p, 'new');
  for (const p of rules.establishedPatient) table.add(p, 'established');
  const sections = new Set<SectionCategory | undefined>([...rules.statusSections, undefined]);
  for (const view of sentenceViews(document)) {
    if (!sections.has(view.section)) continue;
    const m = table.longest(view.words)[0];
    if (m) return { status: m.values[0]!, source: 'phrase', evidence: { start: m.start, end: m.end } };
  }
  return { status: 'established', source: 'assumed' };
}

/** A vaccine or immunization said beside a disease's name, or a dose and route ("Influenza IIV3, 0.5 mL, IM"). */
const VACCINE_AROUND = /\b(?:vaccin\w*|immuniz\w*|immunis\w*|shot|jab|inoculat\w*|IIV\d?|LAIV\d?|RIV\d?|deltoid)\b|\bZ23\b|\d\s*mL\b|\bIM\b/i;

/**
 * Simplified MDM: problems from the assessment items (severe → high; exacerbation, undiagnosed new
 * problem or 2+ chronic illnesses → moderate; 1 chronic, 2+ problems or an acute illness → low), data
 * from unique tests ordered/reviewed, outside notes, independent historian/interpretation and
 * discussion with another clinician, risk from hospital/surgery decisions (high), prescription drug
 * management (moderate) or OTC/other care (low). The level is the one 2 of the 3 elements reach.
 * Undefined when the chart names no problem.
 */
export function estimateMdm(document: ChartDocument, options: { rules?: EmRules; contextRules?: CompiledContextRules; billedTests?: readonly TextSpan[]; diagnosedProblems?: readonly DiagnosedProblem[] } = {}): MdmEstimate | undefined {
  const rules = options.rules ?? defaultEmRules;
  const ctxRules = options.contextRules ?? defaultProcedureContextRules;
  const views = sentenceViews(document);
  const t = tables(rules);
  // A letter or narrative with no assessment of its own: its problems are the diagnoses coded from its sentences.
  const items = problemItems(views, rules);
  if (items.length === 0 && !hasProblemSection(document, rules)) items.push(...problemsFromDiagnoses(document, options.diagnosedProblems ?? []));
  if (items.length === 0) return undefined;

  const problemSections = new Set<SectionCategory>(rules.problemSections);
  const planSections = new Set<SectionCategory>([...rules.planSections, ...rules.problemSections]);
  const problemViews = views.filter((v) => v.section && problemSections.has(v.section));
  const assessed = problemViews.length > 0 ? problemViews : views.filter((v) => items.some((i) => i.start >= v.start && i.start < v.sentence.end));
  // A "Plan:" sentence inside another section ("Separate problem: hypertension … Plan: increase amlodipine") is plan too.
  // A problem-oriented note with no plan heading ("Problems: #1 COPD … Start varenicline") plans under its problems.
  const planned = views.some((v) => v.section && planSections.has(v.section));
  const problemHome = new Set(planned ? [] : assessed.map((v) => v.section));
  const inPlan = (v: SentenceView) => (v.section !== undefined && (planSections.has(v.section) || problemHome.has(v.section)));
  // "Impression: left shoulder impingement. After discussing options she chose meloxicam …": with no plan heading,
  // the sentences after an inline impression are its plan.
  const inlineAt = planned ? [] : views.map((v, i) => (INLINE_ASSESSMENT_LABEL.test(v.sentence.text) ? i : -1)).filter((i) => i >= 0);
  const afterImpression = (v: SentenceView, j: number) => inlineAt.some((i) => j > i && j <= i + 3 && views[i]!.sentence.section === v.sentence.section);
  const planViews = views.filter((v, j) => inPlan(v) || INLINE_PLAN.test(v.sentence.text) || afterImpression(v, j) || (v.section === 'medications' && MEDICATION_CHANGE.test(v.sentence.text)));

  // Problems
  const contextAt = (view: SentenceView, m: { start: number; end: number }) => contextOf({ text: view.sentence.text, start: view.start, ...(view.section ? { section: view.section } : {}), targets: [m] }, { rules: ctxRules })[0]!;
  const live = (view: SentenceView, m: { start: number; end: number }) => {
    const ctx = contextAt(view, m);
    return !ctx.negated && !ctx.hypothetical && !ctx.family && !ctx.historical;
  };
  const hits = (table: PhraseTable<string>, within: SentenceView[], isLive = live) =>
    within.flatMap((v) => table.longest(v.words).filter((m) => isLive(v, m)).map((m) => ({ view: v, match: m, text: m.values[0]! })));
  // "Chronic migraine without aura, intractable": a course word after a comma is the condition's, not under "without".
  const liveCourse = (view: SentenceView, m: { start: number; end: number }) => {
    const ctx = contextAt(view, m);
    const before = (x: (typeof ctx.modifiers)[number]) => x.category === 'NEGATED_EXISTENCE' && /^(?:without|w\/o)$/i.test((x.text ?? x.literal).trim()) && x.end !== undefined && view.sentence.text.slice(x.end - view.start, m.start - view.start).includes(',');
    if (!ctx.modifiers.some(before)) return !ctx.negated && !ctx.hypothetical && !ctx.family && !ctx.historical;
    return !ctx.hypothetical && !ctx.family && !ctx.historical && !ctx.modifiers.some((x) => !before(x) && (x.category === 'NEGATED_EXISTENCE' || x.category === 'RULED_OUT'));
  };
  const severe = hits(t.severe, assessed);
  // The chief complaint may say what the assessment does not: "acne getting worse" (a chronic condition named with it).
  const complaint = views.filter((v) => v.section === 'chief_complaint' && t.chronic.test(v.words));
  // "Intrauterine pregnancy … progressing normally", "healing as expected": a course going as it should is no worsening.
  const exacerbation = [...hits(t.exacerbation, assessed, liveCourse), ...hits(t.exacerbation, complaint), ...sideEffectsOfTreatment(assessed, rules)].filter((h) => !AS_EXPECTED_AFTER.test(h.view.sentence.text.slice(h.match.end - h.view.start, h.match.end - h.view.start + 20)));
  // "annual MRI vs mammography", "injection versus surgery": a choice between tests or treatments is no diagnostic doubt.
  // "Not consistent with hidradenitis" rules a diagnosis out; it leaves no doubt.
  const uncertain = hits(t.newUncertain, assessed).filter((h) => !(/^(?:vs\.?|versus)$/i.test(h.text) && CHOICE_OF_CARE.test(h.view.sentence.text.slice(h.match.end - h.view.start, h.match.end - h.view.start + 30))) && !DENIED_BEFORE.test(h.view.sentence.text.slice(0, h.match.start - h.view.start)));
  const chronic = new Map<string, TextSpan>();
  for (const h of hits(t.chronic, assessed)) if (h.text !== 'chronic' && !chronic.has(h.text)) chronic.set(h.text, h.match);
  // A problem the assessment itself calls chronic ("chronic rhinosinusitis with nasal polyps") is a chronic illness
  // even when the word list does not know it.
  for (const item of items) {
    const said = CHRONIC_WORD.exec(item.text);
    if (!said || [...chronic.values()].some((span) => span.start >= item.start && span.start < item.end)) continue;
    const start = item.start + said.index;
    chronic.set(item.text.slice(said.index, said.index + 40).split(/[,.;]/)[0]!.trim().toLowerCase(), { start, end: start + said[0].length });
  }
  // The diagnoses coded from the assessment may name more chronic illnesses than the word list knows ("chronic hepatitis
  // B", "focal epilepsy", "prostate cancer with bone metastases"): the larger count stands, never the two added.
  const coded = chronicDiagnoses(options.diagnosedProblems ?? [], assessed, t.chronicCode);
  if (coded.size > chronic.size) {
    chronic.clear();
    for (const [key, span] of coded) chronic.set(key, span);
  }
  const acute = hits(t.acute, assessed);
  // Only a diagnosis made: "low suspicion for pyelonephritis" is the cystitis it was weighed against.
  // "Need for influenza vaccination", "pneumonia vaccine given": the vaccine against an illness is no illness.
  const systemic = hits(t.systemic, assessed).filter((h) => {
    if (VACCINE_AROUND.test(h.view.sentence.text.slice(Math.max(0, h.match.start - h.view.start - 30), h.match.end - h.view.start + 30))) return false;
    const ctx = contextOf({ text: h.view.sentence.text, start: h.view.start, targets: [h.match] }, { rules: ctxRules })[0]!;
    return !ctx.uncertain && !ctx.ruledOut;
  });
  // A prescription "sent" to the pharmacy is ordered, and ordering it is the management: only negated, past, family or conditional drugs do not count.
  const liveRx = (view: SentenceView, m: { start: number; end: number }) => {
    const ctx = contextOf({ text: view.sentence.text, start: view.start, ...(view.section ? { section: view.section } : {}), targets: [m] }, { rules: ctxRules })[0]!;
    // "well controlled, no exacerbation - continue budesonide": the denial belongs to the problem, before the dash.
    const negated = ctx.modifiers.some((x) => x.category === 'NEGATED_EXISTENCE' && !(x.end !== undefined && x.end <= m.start && CLAUSE_BREAK.test(view.sentence.text.slice(x.end - view.start, m.start - view.start))));
    return !negated && !ctx.family && !ctx.historical && (!ctx.hypothetical || ctx.modifiers.every((x) => x.category === 'ORDERED' || x.category === 'NEGATED_EXISTENCE'));
  };
  const rx = prescriptionSentences(planViews, rules, t, liveRx);
  // "Not at their treatment goal is not stable" (AMA): a drug raised or added for a chronic illness says it is poorly controlled.
  const escalated = rx.filter((r) => DOSE_ESCALATION.test(r.text) && treatsChronic(r, [...chronic.values()], views, t.acute));
  let problems: MdmEstimate['problems'];
  if (severe.length) problems = { level: 'high', reason: `severe or threatening problem (“${severe[0]!.text}”)`, spans: [severe[0]!.match], items };
  else if (exacerbation.length) problems = { level: 'moderate', reason: `chronic illness with exacerbation or progression (“${exacerbation[0]!.text}”)`, spans: [exacerbation[0]!.match], items };
  else if (escalated.length) problems = { level: 'moderate', reason: `chronic illness not at treatment goal (“${escalated[0]!.text}”)`, spans: [escalated[0]!], items };
  else if (systemic.length) problems = { level: 'moderate', reason: `acute illness with systemic symptoms (“${systemic[0]!.text}”)`, spans: [systemic[0]!.match], items };
  else if (uncertain.length) problems = { level: 'moderate', reason: `undiagnosed new problem with uncertain prognosis (“${uncertain[0]!.text}”)`, spans: [uncertain[0]!.match], items };
  else if (chronic.size >= 2) problems = { level: 'moderate', reason: `${chronic.size} chronic illnesses (${[...chronic.keys()].slice(0, 3).join(', ')})`, spans: [...chronic.values()], items };
  else if (chronic.size === 1) problems = { level: 'low', reason: `1 chronic illness (${[...chronic.keys()][0]})`, spans: [...chronic.values()], items };
  else if (items.length >= 2) problems = { level: 'low', reason: `${items.length} problems`, spans: [], items };
  else if (acute.length) problems = { level: 'low', reason: `acute uncomplicated problem (“${acute[0]!.text}”)`, spans: [acute[0]!.match], items };
  // "She also raises a separate problem today … Impression: subacromial impingement": a new problem worked up is no minor one.
  else if (items.length === 1 && views.some((v) => SEPARATE_PROBLEM.test(v.sentence.text) || NEW_PROBLEM_TOO.test(v.sentence.text))) problems = { level: 'low', reason: 'a new problem evaluated', spans: [], items };
  else problems = { level: 'straightforward', reason: '1 minor problem', spans: [], items };

  // Data
  // A test resulted during the exam ("Rapid strep (in office): NEGATIVE", "culture sent") was ordered and reviewed too.
  const dataViews = views.filter((v) => inPlan(v) || v.section === 'results' || v.section === 'physical_exam');
  const tests = new Map<string, TextSpan>();
  const billedHere = (m: TextSpan) => (options.billedTests ?? []).some((b) => b.start < m.end && m.start < b.end);
  // "Workup:" / "Orders:" followed by a list: the lead line's action reaches its items ("- MRI brain", "- A1c").
  let leadActs = false;
  let leadSection: SentenceView['section'];
  for (const v of dataViews) {
    const item = ENUMERATOR.test(v.sentence.text);
    if (!item) {
      leadActs = /:\s*$/.test(v.sentence.text) && (t.testActions.test(v.words) || ORDER_LEAD.test(v.sentence.text));
      leadSection = v.section;
    }
    const acted = v.section === 'results' || t.testActions.test(v.words) || (v.section === 'physical_exam' && TEST_RESULT.test(v.sentence.text)) || (item && leadActs && v.section === leadSection);
    if (!acted) continue;
    for (const m of testsNamed(v, t.tests)) {
      const ctx = contextOf({ text: v.sentence.text, start: v.start, targets: [m] }, { rules: ctxRules })[0]!;
      // "Rapid strep: NEGATIVE" is the test's result; only a word before the name ("no labs today") says it was not done.
      const notDone = ctx.modifiers.some((x) => x.category === 'NEGATED_EXISTENCE' && (x.start === undefined || v.start + x.start < m.start));
      if (notDone || (ctx.hypothetical && !ctx.modifiers.some((x) => x.category === 'ORDERED' || x.category === 'PLANNED'))) continue;
      if (billedHere(m)) continue;
      const key = m.values[0]!.replace(/[^a-z0-9]/g, '');
      if (!tests.has(key)) tests.set(key, m);
    }
  }
  const notes = hits(t.notes, views);
  // The history's heading often names who gave it ("History (from mother and patient)").
  // The historian is a family member or caregiver by definition: only a negated mention does not count.
  const historian = [...views, ...headingViews(document).filter((v) => v.section === 'history_of_present_illness' || v.section === 'chief_complaint')].flatMap((v) =>
    t.historian
      .longest(v.words)
      .filter((m) => !contextOf({ text: v.sentence.text, start: v.start, targets: [m] }, { rules: ctxRules })[0]!.negated)
      .map((m) => ({ view: v, match: m, text: m.values[0]! })),
  );
  const billed = options.billedTests ?? [];
  const interp = hits(t.interp, views).filter((h) => !billed.some((b) => b.start < h.view.sentence.end && h.view.sentence.start < b.end));
  const discussion = hits(t.discussion, views);
  const category1 = tests.size + (notes.length ? 1 : 0) + (historian.length ? 1 : 0);
  const categories = [category1 >= 3, interp.length > 0, discussion.length > 0].filter(Boolean).length;
  const dataParts = [tests.size ? `${tests.size} unique test${tests.size > 1 ? 's' : ''} ordered/reviewed` : '', notes.length ? 'outside notes reviewed' : '', historian.length ? 'independent historian' : '', interp.length ? 'independent interpretation' : '', discussion.length ? 'discussion with another clinician' : ''].filter(Boolean);
  const dataReason = dataParts.join(', ') || 'none documented';
  const dataSpans = [...tests.values(), ...[notes, historian, interp, discussion].flatMap((h) => h.slice(0, 1).map((x) => x.match))];
  let dataLevel: MdmLevel = 'straightforward';
  if (categories >= 2) dataLevel = 'high';
  else if (categories === 1) dataLevel = 'moderate';
  else if (tests.size + (notes.length ? 1 : 0) >= 2 || historian.length) dataLevel = 'low';
  const data: MdmEstimate['data'] = { level: dataLevel, reason: dataReason, spans: dataSpans, tests: [...tests.keys()] };

  // Risk
  const high = hits(t.highRisk, planViews);
  const moderateOther = hits(t.moderateOther, planViews);
  let risk: MdmEstimate['risk'];
  if (high.length) risk = { level: 'high', reason: `decision about hospitalization or surgery (“${high[0]!.text}”)`, spans: [high[0]!.match], prescription: rx.length > 0 };
  else if (rx.length) risk = { level: 'moderate', reason: `prescription drug management (“${rx[0]!.text}”)`, spans: rx.slice(0, 2), prescription: true };
  else if (moderateOther.length) risk = { level: 'moderate', reason: `“${moderateOther[0]!.text}”`, spans: [moderateOther[0]!.match], prescription: false };
  else if (planViews.length) risk = { level: 'low', reason: 'over-the-counter drugs or other low-risk care', spans: [], prescription: false };
  else risk = { level: 'straightforward', reason: 'no management documented', spans: [], prescription: false };

  const sorted = [problems.level, data.level, risk.level].sort((a, b) => rank(b) - rank(a));
  const level = sorted[1]!;
  const summary = `problems ${problems.level} (${problems.reason}); data ${data.level} (${data.reason}); risk ${risk.level} (${risk.reason})`;
  return { level, problems, data, risk, summary };
}

const CHRONIC_WORD = /\bchronic\b/i;

/** A prescription change that raises or adds a drug ("increase amlodipine", "add spironolactone"), not one that keeps or lowers it. */
const DOSE_ESCALATION = /^(?:increase[ds]?|increasing|incr|step(?:ped)?[- ]?up|add(?:ed)?)\b/i;

/**
 * Whether a prescription change treats one of the chronic illnesses. The change's own line, or the numbered or
 * bulleted problem it is planned under, decides when it names a problem: a chronic illness there, yes; only an acute
 * one ("2. Sinusitis - increase amoxicillin"), no. A change in a plan of its own ("P: - Increase levothyroxine")
 * treats the visit's chronic illness.
 */
function treatsChronic(change: TextSpan, chronic: readonly TextSpan[], views: readonly SentenceView[], acute: PhraseTable<string>): boolean {
  const at = views.findIndex((v) => change.start >= v.start && change.start < v.sentence.end);
  if (at < 0 || chronic.length === 0) return false;
  let from = at;
  for (let i = at; i >= 0 && views[i]!.section === views[at]!.section; i--) {
    if (ENUMERATOR.test(views[i]!.sentence.text)) {
      from = i;
      break;
    }
  }
  if (chronic.some((c) => c.start >= views[from]!.start && c.start < views[at]!.sentence.end)) return true;
  return !views.slice(from, at + 1).some((v) => acute.test(v.words));
}

/** Coded diagnoses with evidence in the assessment whose category is a chronic illness, one per category. */
function chronicDiagnoses(diagnosed: readonly DiagnosedProblem[], assessed: readonly SentenceView[], isChronic: (code: string) => boolean): Map<string, TextSpan> {
  const out = new Map<string, TextSpan>();
  for (const dx of diagnosed) {
    if (!dx.code || !isChronic(dx.code)) continue;
    const category = dx.code.slice(0, 3);
    if (out.has(category)) continue;
    const span = (dx.evidence ?? [dx]).find((e) => assessed.some((v) => e.start >= v.start && e.start < v.sentence.end));
    if (span) out.set(category, { start: span.start, end: span.end });
  }
  return out;
}

/** Words after "progressing" that make it the expected course. */
const AS_EXPECTED_AFTER = /^\s*(?:normally|well|as expected|appropriately|on schedule)\b/i;
/** "not", "no" or "isn't" right before a phrase. */
const DENIED_BEFORE = /\b(?:not|no|never|isn't|wasn't|is not|was not)\s+$/i;
/** A spaced dash or a semicolon: what comes after it is another clause. */
const CLAUSE_BREAK = /\s[-–—]\s|;/;
/** A lead line that orders what its list names ("Workup:", "Orders:", "Labs today:"). */
const ORDER_LEAD = /\b(?:work-?up|orders?|labs?(?: today)?|tests?|studies|diagnostics?|testing)\s*:\s*$/i;
/** "Medication reconciliation: furosemide 40 mg daily - reduce to 20 mg": a change ordered in the medication list is drug management (not a past "started 2019"). */
const MEDICATION_CHANGE = /\b(?:reduce|decrease|increase|lower|stop|discontinue|hold|switch|change|taper|titrate|adjust)\b/i;
const INLINE_PLAN = /^\s*(?:plan|p)\s*:/i;

const EXCLUDES_SERVICE = /\b(?:excluding|not including|exclusive of|apart from|separate from|not counting)\b/i;

/**
 * The tests a sentence names. A result line reads out one test and then its parts ("UA dip: LE 2+, …,
 * glucose neg"): names after the colon that follows the first test are its components, not tests.
 */
function testsNamed(view: SentenceView, tests: PhraseTable<string>): PhraseMatch<string>[] {
  const named = tests.longest(view.words);
  if (named.length < 2 || (view.section !== 'physical_exam' && view.section !== 'results')) return named;
  const colon = view.sentence.text.indexOf(':', named[0]!.end - view.start);
  return colon >= 0 && view.start + colon < named[1]!.start ? named.slice(0, 1) : named;
}

/** A result read out in the exam: "Rapid strep: NEGATIVE", "UA positive for nitrites". */
const TEST_RESULT = /\b(?:negative|positive|normal|abnormal|unremarkable)\b/i;

/** A sentence about a visit to come ("Next AWV (subsequent) in 12 months", "return for subsequent AWV next year"). */
const NEXT_VISIT = /\b(?:next|return|due|schedul\w*|rtc|in \d+ (?:months?|years?|mos?|yrs?)|next year)\b/i;

/** "Initial AWV completed 04/2025", "first AWV was done last year": the initial visit is in the past. */
const AWV_DONE_BEFORE = /\b(?:completed|done|performed|was|had|billed)\b[^.;]{0,30}(?:\b\d{1,2}\/(?:\d{1,2}\/)?\d{2,4}\b|\b(?:19|20)\d\d\b|\blast year\b|\bprior\b|\bpreviously\b)/i;

/** The clause of a sentence around [start, end): from the stop or semicolon before it to the one after. */
function clauseOf(text: string, start: number, end: number): string {
  const before = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf(';', start));
  const after = text.slice(end).search(/\.\s|;/);
  return text.slice(before + 1, after < 0 ? text.length : end + after);
}

/**
 * A preventive visit named in the visit reason, HPI or assessment: the Medicare annual wellness visit
 * first ("AWV", "annual wellness visit"), else an annual physical / well-child visit. Planned or
 * negated mentions ("schedule annual physical") do not count.
 */
export function findPreventive(document: ChartDocument, options: { rules?: EmRules; contextRules?: CompiledContextRules } = {}): PreventiveVisit | undefined {
  const rules = options.rules ?? defaultEmRules;
  const t = tables(rules);
  const sections = new Set<SectionCategory | undefined>([...rules.preventiveSections, undefined, 'other']);
  const views = sentenceViews(document).filter((v) => sections.has(v.section));
  const ok = (v: SentenceView, m: TextSpan) => {
    const ctx = contextOf({ text: v.sentence.text, start: v.start, targets: [m] }, { rules: options.contextRules ?? defaultProcedureContextRules })[0]!;
    // "4-year well visit, accompanied by mother": a relative who comes along is no family experiencer of the visit.
    return !ctx.negated && !ctx.hypothetical && !ctx.historical && !(ctx.family && !respondentOnly(v.sentence.text)) && !namesOtherVisit(v.sentence.text, m.start - v.start, m.end - v.start, document.header.dateOfServiceIso);
  };
  // Initial or subsequent is read over every AWV mention: "Initial AWV completed 04/2025" dates the first one,
  // which makes today's subsequent, and a "(Subsequent)" heading outranks a mention of the initial visit.
  let found: { m: TextSpan } | undefined;
  let initial: boolean | undefined;
  // The note's own title ("… – Medicare Annual Wellness Visit (Subsequent)") names the visit too.
  const titleViews = noteTitleViews(document);
  for (const v of [...sentenceViews(document), ...titleViews]) {
    for (const m of t.awv.longest(v.words)) {
      const counts = sections.has(v.section) && ok(v, m);
      if (counts && !found) found = { m };
      // "Next AWV (subsequent) in 12 months" names the visit to come, not today's.
      // "IPPE done 10/2024. No prior AWV. …, so initial AWV today": the date belongs to the clause of the visit it dates.
      const clause = clauseOf(v.sentence.text, m.start - v.start, m.end - v.start);
      if ((t.awvSubsequent.test(v.words) && !NEXT_VISIT.test(v.sentence.text)) || (t.awvInitial.test(v.words) && AWV_DONE_BEFORE.test(clause))) initial = false;
      else if (counts && initial === undefined && t.awvInitial.test(v.words)) initial = true;
    }
  }
  if (found) return { kind: 'awv', start: found.m.start, end: found.m.end, text: document.text.slice(found.m.start, found.m.end), ...(initial !== undefined ? { initial } : {}) };
  // The note's own title ("Well Child Visit: 4 Years") names the visit too.
  for (const v of [...views, ...titleViews]) {
    for (const m of t.preventive.longest(v.words)) {
      // A dictation without stops runs lines together ("… as well\nexam pale conjunctivae"): a visit name is on one line.
      if (document.text.slice(m.start, m.end).includes('\n')) continue;
      if (ok(v, m)) return { kind: 'preventive', start: m.start, end: m.end, text: document.text.slice(m.start, m.end) };
    }
  }
  return undefined;
}

/**
 * Whether the chart documents Medicare coverage ("Insurance: Medicare", "Medicare Annual Wellness
 * Visit"), negated or family mentions aside.
 *
 * @example chartShowsMedicare(chartFromText('Insurance: Medicare Part B')) // true
 */
export function chartShowsMedicare(document: ChartDocument, options: { rules?: EmRules; contextRules?: CompiledContextRules } = {}): boolean {
  const rules = options.rules ?? defaultEmRules;
  const table = phraseSet(rules.medicareCoverage);
  return sentenceViews(document).some((v) =>
    table.longest(v.words).some((m) => {
      const ctx = contextOf({ text: v.sentence.text, start: v.start, targets: [m] }, { rules: options.contextRules ?? defaultProcedureContextRules })[0]!;
      return !ctx.negated && !ctx.hypothetical && !ctx.family && !ctx.otherExperiencer;
    }),
  );
}

/** A visit inside a global package: the routine antepartum care of the obstetric package, or a surgical global period. */
export interface GlobalPackage extends TextSpan {
  kind: 'obstetric' | 'surgical';
  text: string;
}

/**
 * The global package a visit falls in: a routine prenatal visit (title, header, reason or assessment:
 * "prenatal visit", "supervision of normal pregnancy") is part of the global obstetric package; a visit
 * documented as inside a surgical global period ("within the 90-day global period", "post-op visit") is
 * reported as 99024. The obstetric visit type is looked for first. Negated or planned mentions do not count.
 */
export function findGlobalPackage(document: ChartDocument, options: { rules?: EmRules; contextRules?: CompiledContextRules } = {}): GlobalPackage | undefined {
  const rules = options.rules ?? defaultEmRules;
  const t = tables(rules);
  const views = sentenceViews(document);
  const ok = (v: SentenceView, m: TextSpan) => {
    const ctx = contextOf({ text: v.sentence.text, start: v.start, targets: [m] }, { rules: options.contextRules ?? defaultProcedureContextRules })[0]!;
    return !ctx.negated && !ctx.hypothetical && !ctx.family;
  };
  const search = (table: PhraseTable<string>, within: SentenceView[], kind: GlobalPackage['kind']): GlobalPackage | undefined => {
    for (const v of within) for (const m of table.longest(v.words)) if (ok(v, m)) return { kind, start: m.start, end: m.end, text: document.text.slice(m.start, m.end) };
    return undefined;
  };
  // A prenatal visit first: its notes speak of the "global obstetric package", whose "global" is not a surgical global period.
  // The note's title names the visit too ("Juniper Women's Health - Routine Prenatal Visit").
  return search(t.obstetric, [...noteTitleViews(document), ...visitTypeViews(views, ['chief_complaint', 'reason_for_visit', ...rules.problemSections])], 'obstetric') ?? search(t.surgicalGlobal, views, 'surgical');
}

/**
 * Preventive medicine code by age and status: 99381–99387 (new) / 99391–99397 (established) for under
 * 1, 1–4, 5–11, 12–17, 18–39, 40–64 and 65+.
 *
 * @example preventiveCode(45, 'established') // '99396'
 */
export function preventiveCode(age: number, status: 'new' | 'established'): string {
  const band = age < 1 ? 1 : age <= 4 ? 2 : age <= 11 ? 3 : age <= 17 ? 4 : age <= 39 ? 5 : age <= 64 ? 6 : 7;
  return `99${status === 'new' ? '38' : '39'}${band}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A visit booked for a procedure that also takes up a new problem. */
const NEW_PROBLEM_TOO = /\b(?:plus|and|also|with|\+)\s+(?:an?\s+)?new\s+(?:complaint|problem|issue|concern)s?\b|^[ \t]*new (?:problem|complaint|issue)\b/im;

/** The clinician's words for a problem taken care of as part of the preventive service, or for no separate E/M billed. */
const WITHIN_PREVENTIVE = /\b(?:handled|addressed|managed|treated|covered|done|arranged|ordered|performed)\s+(?:with)?in\s+(?:today's|the|this)\s+(?:preventive|well|wellness|annual|physical)\b|\bpart of (?:today's|the|this) (?:preventive|well|wellness|annual) (?:visit|exam|service)\b|\bno separate (?:problem[- ](?:oriented|focused)\s+)?(?:e\/m|e&m|visit|office visit|evaluation)(?:\s+(?:was|is))?\s+(?:billed|charged|coded|reported)\b/i;

/** The clinician's words for a problem addressed apart from a preventive service; "no separate problem" says the opposite. */
const SEPARATE_PROBLEM = /(?<!\bno\s)\bseparate(?:ly identifiable)?\s+(?:problem|issue|complaint|concern)s?\b|\bproblem[- ](?:oriented )?(?:visit|portion|e\/m)\b|\bseparately (?:evaluated|addressed|managed)\b/i;

/** Postoperative follow-up visit included in the global service. */
const POSTOP_CODE = '99024';

const NEW_TIME = [
  { code: '99202', min: 15, max: 29 },
  { code: '99203', min: 30, max: 44 },
  { code: '99204', min: 45, max: 59 },
  { code: '99205', min: 60, max: 74 },
];
const ESTABLISHED_TIME = [
  { code: '99212', min: 10, max: 19 },
  { code: '99213', min: 20, max: 29 },
  { code: '99214', min: 30, max: 39 },
  { code: '99215', min: 40, max: 54 },
];

function rank(level: MdmLevel): number {
  return MDM_LEVELS.indexOf(level);
}

function mdmCode(level: MdmLevel, status: 'new' | 'established'): string {
  return (status === 'new' ? ['99202', '99203', '99204', '99205'] : ['99212', '99213', '99214', '99215'])[rank(level)]!;
}

function levelOfCode(code: string): MdmLevel {
  const i = ['99202', '99203', '99204', '99205'].indexOf(code);
  return MDM_LEVELS[i >= 0 ? i : Math.max(0, ['99212', '99213', '99214', '99215'].indexOf(code))]!;
}

function minutesOf(g: Record<string, string | undefined>): number | undefined {
  const n1 = g.n1?.toLowerCase();
  if (!n1) return undefined;
  const first = /^\d+$/.test(n1) ? Number(n1) : 1; // "an hour", "one hour"
  const hours = /^h/i.test(g.u1 ?? '');
  return hours ? first * 60 + (g.n3 ? Number(g.n3) : 0) : first;
}

interface EmTables {
  severe: PhraseTable<string>;
  exacerbation: PhraseTable<string>;
  newUncertain: PhraseTable<string>;
  chronic: PhraseTable<string>;
  chronicCode: (code: string) => boolean;
  acute: PhraseTable<string>;
  systemic: PhraseTable<string>;
  tests: PhraseTable<string>;
  testActions: PhraseTable<string>;
  notes: PhraseTable<string>;
  historian: PhraseTable<string>;
  interp: PhraseTable<string>;
  discussion: PhraseTable<string>;
  rxVerbs: PhraseTable<string>;
  rxNames: PhraseTable<string>;
  otc: PhraseTable<string>;
  highRisk: PhraseTable<string>;
  moderateOther: PhraseTable<string>;
  preventive: PhraseTable<string>;
  preventiveItems: PhraseTable<string>;
  awv: PhraseTable<string>;
  awvInitial: PhraseTable<string>;
  awvSubsequent: PhraseTable<string>;
  notProblem: PhraseTable<string>;
  procedureOnly: PhraseTable<string>;
  scheduledVisit: PhraseTable<string>;
  noProviderVisit: PhraseTable<string>;
  otherPrescriber: PhraseTable<string>;
  obstetric: PhraseTable<string>;
  surgicalGlobal: PhraseTable<string>;
}

const tableCache = new WeakMap<EmRules, EmTables>();

/** A test for codes in the categories, subcategories and ranges given as Tabular references ("I10-I16", "G40", "G47.3"). */
function coveredBy(refs: readonly CodeRef[]): (code: string) => boolean {
  return (code) => refs.some((ref) => refCovers(ref, code));
}

/** Test names, each read as the first name of its sameTests group ("UA" and "urinalysis" are one test). */
function testTable(rules: EmRules): PhraseTable<string> {
  const canonical = new Map<string, string>();
  for (const group of rules.sameTests) for (const name of group) canonical.set(name.toLowerCase(), group[0]!);
  const table = new PhraseTable<string>();
  for (const name of new Set([...rules.tests, ...rules.sameTests.flat()])) table.add(name, canonical.get(name.toLowerCase()) ?? name);
  return table;
}

function tables(rules: EmRules): EmTables {
  let t = tableCache.get(rules);
  if (!t) {
    t = {
      severe: phraseSet(rules.severe),
      exacerbation: phraseSet(rules.chronicExacerbation),
      newUncertain: phraseSet(rules.newUncertain),
      chronic: phraseSet([...rules.chronicConditions, ...rules.stableChronic.filter((s) => s === 'chronic')]),
      chronicCode: coveredBy(rules.chronicDiagnosisCodes.flatMap((entry) => codesIn(entry))),
      acute: phraseSet(rules.acuteIllness),
      systemic: phraseSet(rules.acuteSystemic),
      tests: testTable(rules),
      testActions: phraseSet(rules.testActions),
      notes: phraseSet(rules.externalNotes),
      historian: phraseSet(rules.independentHistorian),
      interp: phraseSet(rules.independentInterpretation),
      discussion: phraseSet(rules.externalDiscussion),
      rxVerbs: phraseSet(rules.rxVerbs),
      rxNames: phraseSet([...rules.rxNames, ...prescriptionClassNames(rules.rxDrugClasses)]),
      otc: phraseSet(rules.otcDrugs),
      highRisk: phraseSet(rules.highRisk),
      moderateOther: phraseSet(rules.moderateRiskOther),
      preventive: phraseSet(rules.preventive),
      preventiveItems: phraseSet(rules.preventiveItems),
      awv: phraseSet(rules.awv),
      awvInitial: phraseSet(rules.awvInitial),
      awvSubsequent: phraseSet(rules.awvSubsequent),
      notProblem: phraseSet(rules.notProblemStarts),
      procedureOnly: phraseSet(rules.procedureOnlyReasons),
      scheduledVisit: phraseSet(rules.scheduledProcedureVisit),
      noProviderVisit: phraseSet(rules.noProviderVisit),
      otherPrescriber: phraseSet(rules.otherPrescriber),
      obstetric: phraseSet(rules.obstetricPackage),
      surgicalGlobal: phraseSet(rules.surgicalGlobal),
    };
    tableCache.set(rules, t);
  }
  return t;
}

/** The names of coding-rules.json's prescription drug classes (the ones Z79 companions read): one drug list for both. */
function prescriptionClassNames(classes: readonly string[]): string[] {
  return classes.flatMap((name) => {
    const drugs = defaultCodingRules.drugClasses[name];
    if (!drugs) throw new ProcedureRuleError('em-rules.json', `rxDrugClasses names "${name}", which coding-rules.json drugClasses does not have`);
    return drugs;
  });
}

const ENUMERATOR = /^\s*(?:#\s*\d+[.):]?|\d+\s*[.):]|[-•*#]|[a-z][.)])\s*/i;
/** Tests and treatments: what follows "vs" when the choice is of care, not of diagnosis. */
const CHOICE_OF_CARE = /^\W*(?:annual\s+)?(?:mri|ct|ultrasound|mammogra\w*|x-?ray|imaging|biopsy|labs?|observation|surgery|surgical|referral|injection|therapy|physical therapy|pt|medication|watchful|repeat|follow-?up|steroids?|antibiotics?)\b/i;

const NOT_A_PROBLEM_FIRST = new Set(['no', 'none', 'denies', 'negative', 'nad', 'n/a']);
/** A signature line ("Priya Natarajan, PA-C", "O. Friedman MD"): a name and a clinical credential, nothing else. */
const SIGNATURE = /^(?:(?:dr\.?|electronically signed by:?)\s+)?[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,3},?\s+(?:MD|DO|PA-C|PA|NP|FNP(?:-BC|-C)?|APRN|DNP|RN|LPN|CNM|MBBS|FACC|FACP|FAAFP|DPM|OD|PharmD)(?:[,\s]+(?:MD|DO|FACC|FACP|FAAFP|MPH|PhD))*\.?$/;

/** Problem items: the assessment's sentences/list items, minus plan-only lines and preventive items. */
function problemItems(views: SentenceView[], rules: EmRules): ProblemItem[] {
  const t = tables(rules);
  const sections = new Set<SectionCategory>(rules.problemSections);
  const fromViews = (candidates: SentenceView[], numberedOnly: boolean): ProblemItem[] => {
    const out: ProblemItem[] = [];
    for (const v of candidates) {
      const text = v.sentence.text;
      const enumerated = ENUMERATOR.exec(text);
      if (numberedOnly && !enumerated) continue;
      const offset = enumerated ? enumerated[0].length : 0;
      const body = text.slice(offset).trim();
      if (body.length < 3) continue;
      const words = wordsOf(body);
      if (words.length === 0 || NOT_A_PROBLEM_FIRST.has(words[0]!.text) || SIGNATURE.test(body)) continue;
      const first = t.notProblem.all(words).find((m) => m.from === 0);
      if (first) continue;
      const preventive = t.preventiveItems.test(words) && !t.chronic.test(words) && !t.acute.test(words);
      if (preventive) continue;
      const start = v.start + text.indexOf(body, offset);
      out.push({ start, end: start + body.length, text: body });
    }
    return out;
  };
  const items = fromViews(views.filter((v) => v.section && sections.has(v.section)), false);
  if (items.length > 0) return items;
  const planItems = fromViews(views.filter((v) => v.section === 'plan'), true);
  if (planItems.length > 0) return planItems;
  // A problem-oriented note whose numbered problems sit under a problem-list heading or no heading at all.
  const numbered = fromViews(views.filter((v) => !v.section || v.section === 'problem_list'), true);
  if (numbered.length > 0) return numbered;
  // "Separate problem: acne ↵ … Assessment: acne vulgaris, moderate. Plan: tretinoin …": an assessment written
  // inline in a paragraph.
  const inline: ProblemItem[] = [];
  for (const v of views) {
    const label = INLINE_ASSESSMENT_LABEL.exec(v.sentence.text);
    const body = label ? v.sentence.text.slice(label[0].length).trim() : '';
    if (body.length < 3) continue;
    const start = v.start + v.sentence.text.indexOf(body, label![0].length);
    inline.push({ start, end: start + body.length, text: body });
  }
  if (inline.length > 0) return inline;
  const hasPlan = views.some((v) => v.section === 'plan');
  const cc = views.find((v) => v.section === 'chief_complaint' || v.section === 'reason_for_visit');
  return hasPlan && cc ? fromViews([cc], false) : [];
}

/**
 * "Arthralgia of both hands due to anastrozole": a problem caused by a prescription drug (its name ends like one) is a
 * side effect of treatment, which the AMA table counts with exacerbations.
 */
function sideEffectsOfTreatment(views: SentenceView[], rules: EmRules): { view: SentenceView; match: { start: number; end: number }; text: string }[] {
  const suffixes = rules.rxSuffixes.map((x) => x.toLowerCase());
  const out: { view: SentenceView; match: { start: number; end: number }; text: string }[] = [];
  for (const view of views) {
    for (const m of view.sentence.text.matchAll(/\b(?:due to|caused by|induced by|secondary to|from)\s+(?:the\s+|his\s+|her\s+)?([a-z][a-z-]{4,})\b/gi)) {
      if (!namedByEnding({ text: m[1]!.toLowerCase() }, suffixes)) continue;
      const start = view.start + m.index;
      out.push({ view, match: { start, end: start + m[0].length }, text: m[0] });
    }
  }
  return out;
}

/** Whether the note has a section problems are read from (assessment, plan, problem list). */
function hasProblemSection(document: ChartDocument, rules: EmRules): boolean {
  const wanted = new Set<string>(rules.problemSections);
  return document.sections.some((s) => s.category !== undefined && (wanted.has(s.category) || s.category === 'plan'));
}

/** One problem per sentence holding a coded diagnosis, the diagnosis' words as its text. */
function problemsFromDiagnoses(document: ChartDocument, spans: readonly TextSpan[]): ProblemItem[] {
  const out: ProblemItem[] = [];
  const seen = new Set<string>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const sentence = document.sentences.find((s) => s.start <= span.start && span.start < s.end);
    if (!sentence) continue;
    const text = sentence.text;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ start: sentence.start, end: sentence.end, text });
  }
  return out;
}

/** The order itself named as a prescription ("prescription sent", "eRx", "e-prescribed"). */
const PRESCRIPTION_WORD = /\b(?:prescription (?:sent|given|written|e-?sent|called in)|e-?rx|e-?prescribed|rx sent|sent to (?:the )?pharmacy)\b/i;


/** Spans of prescription drug management in the plan: an Rx verb with a prescription drug (name, suffix or dose), not only OTC. */
function prescriptionSentences(views: SentenceView[], rules: EmRules, t: EmTables, live: (v: SentenceView, m: TextSpan) => boolean): (TextSpan & { text: string })[] {
  const out: (TextSpan & { text: string })[] = [];
  const suffixes = rules.rxSuffixes.map((s) => s.toLowerCase());
  for (const v of views) {
    // "AOM: amoxicillin 90 mg/kg/day divided BID x 10 days": a plan line writing out a regimen is the order itself.
    const verb = t.rxVerbs.longest(v.words).find((m) => live(v, m)) ?? regimenOrder(v, t, live, suffixes);
    if (!verb) continue;
    // "Continue glargine/metformin per PCP": a drug another clinician manages is not this visit's drug management.
    const named = t.rxNames.longest(v.words).filter((m) => !managedElsewhere(v, m, t));
    const bySuffix = v.words.filter((w) => namedByEnding(w, suffixes) && !managedElsewhere(v, w, t));
    const elsewhere = managedElsewhere(v, verb, t);
    const dose = !elsewhere && /\b\d+(?:\.\d+)?\s*(?:mg|mcg|units?|ml)\b/i.test(v.sentence.text);
    const otc = t.otc.test(v.words);
    const drug = named[0] ?? bySuffix[0];
    // "tretinoin 0.025% cream nightly (prescription sent)": the sentence says it is a prescription.
    const saysPrescription = !elsewhere && PRESCRIPTION_WORD.test(v.sentence.text);
    if (!drug && !(dose && !otc) && !saysPrescription) continue;
    if (!drug && otc) continue;
    const target = drug ?? verb;
    out.push({ start: verb.start, end: Math.max(verb.end, target.end), text: v.sentence.text.slice(verb.start - v.start, Math.max(verb.end, target.end) - v.start) });
  }
  return out;
}

/** A dose with how often or how long ("450 mg BID", "x 10 days"): a regimen written out. */
const REGIMEN = /\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?)(?:\/kg(?:\/day)?)?\b[^.;]{0,40}?\b(?:daily|bid|tid|qid|q\d+h|qhs|qam|once|twice|every|x\s*\d+\s*(?:days?|d|weeks?|wks?))\b/i;

/** A word that names a prescription drug by its class ending ("oseltamivir", "lisinopril"). */
function namedByEnding(w: { text: string }, suffixes: readonly string[]): boolean {
  return w.text.length >= 7 && /^[a-z]+$/.test(w.text) && suffixes.some((s) => w.text.endsWith(s));
}

/** The named prescription drug of a plan line that writes out its regimen, standing in for an Rx verb. */
function regimenOrder(v: SentenceView, t: EmTables, live: (v: SentenceView, m: TextSpan) => boolean, suffixes: readonly string[]): (TextSpan & { text: string }) | undefined {
  if (!REGIMEN.test(v.sentence.text)) return undefined;
  // "Oseltamivir 45 mg BID x 5 days": a drug known by name or by its class ending.
  const named = t.rxNames.longest(v.words).find((m) => live(v, m) && !managedElsewhere(v, m, t)) ?? v.words.find((w) => namedByEnding(w, suffixes) && live(v, w) && !managedElsewhere(v, w, t));
  return named ? { start: named.start, end: named.end, text: v.sentence.text.slice(named.start - v.start, named.end - v.start) } : undefined;
}

const PRESCRIBER_LINKS: ReadonlySet<string> = new Set(['per', 'by', 'from']);
const POSSESSIVES: ReadonlySet<string> = new Set(['her', 'his', 'their', 'the', 'patient\'s', 'pt\'s', 'own']);

/** True when the drug's clause (between semicolons) says another clinician manages it ("per PCP", "managed by her cardiologist"). */
function managedElsewhere(v: SentenceView, drug: TextSpan, t: EmTables): boolean {
  const text = v.sentence.text;
  const at = drug.start - v.start;
  const from = text.lastIndexOf(';', at) + 1;
  const stop = text.indexOf(';', at);
  const to = stop < 0 ? text.length : stop;
  const clause = v.words.filter((w) => w.start - v.start >= from && w.end - v.start <= to);
  return t.otherPrescriber.longest(clause).some((m) => {
    const before = clause[m.from - 1]?.text ?? '';
    return PRESCRIBER_LINKS.has(before) || (POSSESSIVES.has(before) && PRESCRIBER_LINKS.has(clause[m.from - 2]?.text ?? ''));
  });
}

/** Where a note says what kind of visit it is: the lines before the first section (title, header) and the given sections. */
function visitTypeViews(views: SentenceView[], sections: readonly SectionCategory[]): SentenceView[] {
  const wanted = new Set<SectionCategory>(sections);
  return views.filter((v) => v.section === undefined || wanted.has(v.section));
}

function emWork(document: ChartDocument, views: SentenceView[], rules: EmRules, mdm: MdmEstimate | undefined, basis: EmWork['basis'], time?: VisitTime): EmWork {
  const t = tables(rules);
  const reason = views.filter((v) => v.section === 'chief_complaint' || v.section === 'reason_for_visit');
  const reasonViews = reason.length > 0 ? reason : views.filter((v) => v.section === 'history_of_present_illness').slice(0, 1);
  const namesProcedure = reasonViews.some((v) => t.procedureOnly.test(v.words));
  const problems = mdm?.problems.items ?? [];
  const prescriptionManagement = mdm?.risk.prescription ?? false;
  // Booked as a procedure or nurse visit (title, header line, reason): the decision and pre-procedure check are part of the procedure.
  // With no reason section, the history's first sentence says why the patient came ("here for scheduled nail care").
  // A header row naming the visit ("Visit: Established patient - procedure visit …") says it wherever the page puts it.
  const visitRows = views.filter((v) => v.section !== undefined && VISIT_ROW.test(v.sentence.text));
  const titles = [titleWords(document), ...noteTitleViews(document).map((v) => v.words)];
  const typeWords = [...visitTypeViews(views, ['chief_complaint', 'reason_for_visit']).map((v) => v.words), ...visitRows.map((v) => v.words), ...titles, ...(reason.length === 0 ? reasonViews.map((v) => v.words) : [])];
  // "Scheduled injection plus new complaint", "New problem - left shoulder:": a problem visit rides along.
  const scheduled = typeWords.some((w) => t.scheduledVisit.test(w) || namesProcedureVisit(w, t)) && !NEW_PROBLEM_TOO.test(document.text);
  // A procedure report ("Endoscopy Center - Procedure Report") documents the procedure; its indication, findings and
  // after-care belong to it, so no E/M goes beside it unless a new problem is taken up too.
  const firstLines = views.filter((v) => v.sentence.start < (document.sections[0]?.start ?? Infinity)).slice(0, 4);
  const report = [...titles, ...firstLines.map((v) => v.words)].some((w) => t.procedureOnly.longest(w).some((m) => REPORT_NOUNS.has(w[m.to]?.text ?? ''))) && !NEW_PROBLEM_TOO.test(document.text);
  // "No provider visit today", "not seen by the physician": the note itself says no E/M took place.
  const noProvider = views.some((v) => t.noProviderVisit.test(v.words));
  return {
    basis,
    problems,
    prescriptionManagement,
    tests: mdm?.data.tests ?? [],
    procedureOnlyVisit: noProvider || report || (namesProcedure && problems.length <= 1 && !prescriptionManagement) || (scheduled && !prescriptionManagement),
    ...(noProvider ? { noProviderVisit: true } : {}),
    ...(time && EXCLUDES_SERVICE.test(views.find((v) => v.start <= time.start && time.start < v.sentence.end)?.sentence.text ?? '') ? { timeExcludesService: true } : {}),
  };
}

/** Words of the note's title lines that the chart reader keeps out of its sentences (a letterhead "… - INFUSION SUITE"). */
/** Headings of the note's first section, with the line after each: its title ("… – Medicare Annual Wellness Visit"). */
function noteTitleViews(document: ChartDocument): SentenceView[] {
  return headingViews(document).filter((h) => h.sentence.start < (document.sections[1]?.start ?? Infinity));
}

function titleWords(document: ChartDocument): ReturnType<typeof wordsOf> {
  const first = document.sentences[0]?.start ?? 0;
  return first > 0 ? wordsOf(document.text.slice(0, Math.min(first, 400)), 0) : [];
}

const VISIT_NOUNS = new Set(['visit', 'appointment', 'appt']);
/** A note that is the procedure's own report ("Colonoscopy report", "Procedure Report", "Therapeutic Phlebotomy Record", "Procedure Note"). */
const REPORT_NOUNS = new Set(['report', 'record', 'note']);

/** A header row that names the kind of visit ("Visit:", "Visit type:", "Patient status:", "Established patient - …"). */
const VISIT_ROW = /^\s*(?:(?:visit(?: type)?|encounter(?: type)?|patient (?:status|type)|appointment(?: type)?|pt status)\s*[:\t]|(?:new|established|est\.?)\s+(?:patient|pt)\b)/i;

/** "<procedure> visit" with at most one word between ("serial debridement visit", "allergy injection appointment"), not "shot and sick visit". */
function namesProcedureVisit(words: ReturnType<typeof wordsOf>, t: EmTables): boolean {
  return t.procedureOnly.longest(words).some((m) => {
    // "Scheduled colposcopy per ASCCP guidance", "planned excision": booked for the procedure itself.
    // "Scheduled weekly debridement": a word of how often may stand between.
    if (BOOKED.has(words[m.from - 1]?.text ?? '') || (BOOKED.has(words[m.from - 2]?.text ?? '') && RECURRING.has(words[m.from - 1]?.text ?? ''))) return true;
    const next = words[m.to]?.text ?? '';
    if (VISIT_NOUNS.has(next)) return true;
    return next !== '' && !OTHER_VISIT.has(next) && VISIT_NOUNS.has(words[m.to + 1]?.text ?? '');
  });
}

/** Words right before a procedure that say the visit was booked for it. */
const BOOKED: ReadonlySet<string> = new Set(['scheduled', 'planned', 'booked']);
/** How often a booked procedure recurs ("scheduled weekly debridement"). */
const RECURRING: ReadonlySet<string> = new Set(['weekly', 'biweekly', 'monthly', 'routine', 'regular', 'serial', 'maintenance']);

/** Words between a procedure and "visit" that make it another kind of visit. */
const OTHER_VISIT: ReadonlySet<string> = new Set(['and', 'plus', 'sick', 'problem', 'office', 'consult', 'consultation', 'new', 'annual', 'physical', 'wellness', 'well', 'follow']);

function preventiveLine(
  document: ChartDocument,
  catalog: CodeSetCatalog,
  dos: string,
  payer: Payer,
  status: PatientStatus,
  visit: PreventiveVisit,
  statusEvidence: TextSpan[],
  statusWarnings: string[],
): { line?: ProcedureLine; excluded?: ExcludedCandidate } {
  const evidence = evidenceList(document, [visit, ...statusEvidence]);
  const work: EmWork = { basis: 'preventive', problems: [], prescriptionManagement: false, tests: [], procedureOnlyVisit: false };
  if (visit.kind === 'awv') {
    const code = visit.initial ? 'G0438' : 'G0439';
    const warnings = visit.initial === undefined ? ['Initial vs subsequent AWV not stated: G0438 if this is the first AWV.'] : [];
    if (payer !== 'medicare') warnings.push('The annual wellness visit is a Medicare benefit: check the payer.');
    return makeLine(catalog, dos, {
      code,
      kind: 'preventive',
      confidence: visit.initial === undefined ? 0.7 : 0.85,
      rule: `Medicare annual wellness visit (“${visit.text}”), ${visit.initial === undefined ? 'subsequent assumed' : visit.initial ? 'initial' : 'subsequent'} → ${code}`,
      evidence,
      warnings,
      extra: { emWork: work },
    });
  }
  const age = ageOn(document.header.dobIso, dos);
  if (age === undefined) {
    return { excluded: makeExcluded(catalog, dos, status.status === 'new' ? '99385' : '99395', 'uncertain', 'preventive visit documented, but the patient’s age is unknown (no date of birth), so the age band cannot be chosen', evidence) };
  }
  const code = preventiveCode(age, status.status);
  const warnings = [...statusWarnings];
  if (payer === 'medicare') warnings.push('Medicare does not cover routine physicals: the annual wellness visit (G0438/G0439) may apply instead.');
  return makeLine(catalog, dos, {
    code,
    kind: 'preventive',
    confidence: status.source === 'assumed' ? 0.65 : 0.8,
    rule: `preventive visit (“${visit.text}”), age ${age}, ${status.status} patient → ${code}`,
    evidence,
    warnings,
    extra: { emWork: work },
  });
}
