import type { ChartDocument, TextSpan } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { contextOf } from '../../context';
import type { CompiledContextRules } from '../../context';
import type { Evidence, ExcludedCandidate, ExclusionReason } from '../types';
import { drugIndexFor, sameProduct } from './drug-descriptors';
import type { DrugCandidate, DrugIndex, DrugLexeme } from './drug-descriptors';
import { antineoplasticKind } from './antineoplastic';
import type { AntineoplasticKind } from './antineoplastic';
import { clockMinutes } from './clock';
import { convert, findDoses, formatAmount, unitsFor } from './doses';
import type { Amount, Concentration } from './doses';
import { evidenceList, makeExcluded, makeLine, releaseFor } from './lines';
import { DRUG_ROUTES, defaultDrugNameRules, defaultNamedProcedureRules, defaultProcedureContextRules, defaultStatusCues } from './rules';
import type { DrugNameRules, DrugRoute } from './rules';
import { INHALATION_SUPPLY_NOTE, combinationProduct } from './inhalation';
import { findCue } from './status';
import { PhraseTable, nextLinesIntoProcedure, nextLinesOfSection, phraseSet, phraseWords, sentenceViews, wordIndexAt } from './text';
import type { PhraseMatch, SentenceView } from './text';
import type { ProcedureLine, StageResult } from './types';

/** Options for {@link administeredDrugs}. */
export interface DrugOptions {
  /** Date of service (YYYY-MM-DD): picks the HCPCS release and the codes active that day. Default: the chart header's, else today. */
  dateOfService?: string;
  /** Word lists and brand names. Default: drug-names.json ({@link defaultDrugNameRules}). */
  rules?: DrugNameRules;
  /** ConText rules (declined, will give, received in the ED). Default: shipped + procedure-context.json. */
  contextRules?: CompiledContextRules;
  /** Suggest nebulizer-solution codes (J76xx, DME supply codes) as lines; when false they are set aside with the reason. Default: false. */
  billInhalationSolutions?: boolean;
}

/** A drug given in the office, with what the injection codes need. */
export interface DrugAdministration {
  /** The J-code line. */
  line: ProcedureLine;
  /** How it was given, when documented. */
  route?: DrugRoute;
  /** Given as part of a procedure (into a joint, bursa, tendon sheath, trigger point): no separate injection code. */
  viaProcedure: boolean;
  /** Infusion length in minutes, when documented ("over 30 minutes"). */
  minutes?: number;
  /** IV fluids (saline, lactated Ringer's): hydration, not a drug infusion. */
  hydration: boolean;
  /** Chemotherapy or a hormonal antineoplastic: given by the chemotherapy administration codes (96401–96417). */
  antineoplastic?: AntineoplasticKind;
  /** Where it was documented (the first mention). */
  evidence: Evidence;
}

/** What {@link administeredDrugs} returns. */
export interface DrugResult extends StageResult {
  administrations: DrugAdministration[];
}

/**
 * Drugs given in the office → HCPCS J-codes with units. A drug name (generic, brand, or a drug word
 * of any J-code descriptor) counts when the sentence says it was given (administered, injected, "x1 in
 * clinic", a Procedures/"Medications administered" section) or gives an injection route and dose
 * without a prescription cue; prescriptions, regimens ("daily", "every 12 weeks"), negated, planned and
 * past doses are set aside. The code is the descriptor whose drug words, salt and form fit best
 * (injection preferred; brand- and formulation-specific codes only when named); units = dose in the
 * code's unit ÷ the code's amount, rounded up.
 *
 * @example administeredDrugs(chartFromText('Ceftriaxone 1 g IM given.'), catalog).lines[0] // J0696 × 4
 */
export function administeredDrugs(document: ChartDocument, catalog: CodeSetCatalog, options: DrugOptions = {}): DrugResult {
  const rules = options.rules ?? defaultDrugNameRules;
  const ctxRules = options.contextRules ?? defaultProcedureContextRules;
  const dos = options.dateOfService ?? document.header.dateOfServiceIso ?? new Date().toISOString().slice(0, 10);
  const hcpcs = releaseFor(catalog, 'hcpcs', dos);
  const result: DrugResult = { lines: [], excluded: [], administrations: [] };
  if (!hcpcs) return result;
  const index = drugIndexFor(hcpcs, rules);
  const t = tables(rules);
  const found: Found[] = [];

  for (const view of sentenceViews(document)) {
    const mentions = drugMentions(view, index, t);
    mentions.forEach((mention, i) => {
      const segStart = i > 0 ? mentions[i - 1]!.end : view.start;
      const segEnd = i < mentions.length - 1 ? mentions[i + 1]!.start : view.sentence.end;
      const judged = judge(document, catalog, view, mention, { start: segStart, end: segEnd }, index, t, rules, ctxRules, dos);
      if (judged.kind === 'found') found.push(judged.found);
      else if (judged.kind === 'excluded') result.excluded.push(judged.excluded);
    });
  }

  // One line per product and dose: the same injection is often written in the plan and again in a procedure note.
  const merged: Found[] = [];
  for (const f of combineNebulized(found, index, dos)) {
    const same = merged.find((m) => m.candidate.descriptor.code === f.candidate.descriptor.code && (!m.dose || !f.dose || sameDose(m.dose, f.dose)));
    if (same) {
      same.evidence.push(...f.evidence);
      if (!same.dose && f.dose) same.dose = f.dose;
      // "Giving IV ferric carboxymaltose today" in the plan, "… Start 10:05, stop 10:25" in the infusion record: the
      // record says how it ran.
      if ((!same.route || same.route === 'iv') && f.route) same.route = f.route;
      same.confidence = Math.max(same.confidence, f.confidence);
      same.viaProcedure ||= f.viaProcedure;
      same.minutes ??= f.minutes;
      if ((same.route === 'iv' || same.route === 'iv-push') && same.minutes !== undefined && same.minutes > 15) same.route = 'infusion';
      continue;
    }
    merged.push({ ...f, evidence: [...f.evidence] });
  }
  for (const f of merged) {
    const d = f.candidate.descriptor;
    const perDose = !d.amount || d.amount.unit === 'dose';
    const units = f.dose ? unitsFor(f.dose, d.amount, f.concentration) : perDose ? 1 : undefined;
    const warnings = [...f.warnings];
    if (!f.dose && !perDose) warnings.push('Dose not documented: enter the units by hand.');
    else if (units === undefined && f.dose) warnings.push(`Cannot convert ${formatAmount(f.dose)} to the code’s unit (${d.amount ? formatAmount(d.amount) : 'per dose'}): count the units by hand.`);
    if (d.form === 'inhalation' && !options.billInhalationSolutions) {
      result.excluded.push(makeExcluded(catalog, dos, d.code, 'not-billable', `${f.name}${f.doseText ? ` ${f.doseText}` : ''} by nebulizer: ${INHALATION_SUPPLY_NOTE}`, evidenceList(document, f.evidence)));
      continue;
    }
    if (d.form === 'inhalation') warnings.push('Inhalation-solution J-codes are written for DME supply; many payers accept them for office nebulizer treatments — check the payer.');
    const made = makeLine(catalog, dos, {
      code: d.code,
      kind: 'drug',
      confidence: units !== undefined ? f.confidence : Math.min(f.confidence, 0.5),
      rule: ruleText(f, units),
      evidence: evidenceList(document, f.evidence),
      warnings,
      ...(units !== undefined ? { units } : {}),
    });
    if (made.excluded) result.excluded.push(made.excluded);
    if (!made.line) continue;
    if (units === undefined) delete made.line.units;
    result.lines.push(made.line);
    result.administrations.push({
      line: made.line,
      ...(f.route ? { route: f.route } : {}),
      viaProcedure: f.viaProcedure,
      ...(f.minutes !== undefined ? { minutes: f.minutes } : {}),
      hydration: f.hydration,
      ...(antineoplasticKind(d, index) ? { antineoplastic: antineoplasticKind(d, index)! } : {}),
      evidence: made.line.evidence[0]!,
    });
  }
  return result;
}

/**
 * How a drug was given, from the words of a sentence: an explicit route (IM, SC, IV push, infusion,
 * intra-articular, nebulized, PO) or, failing that, an injection into a joint/bursa/tendon named in the
 * sentence ('joint'). The mention's own stretch of the sentence is searched first.
 */
export function routeOf(view: SentenceView, segment: TextSpan, rules: DrugNameRules = defaultDrugNameRules): DrugRoute | undefined {
  const t = tables(rules);
  const inSegment = view.words.filter((w) => w.start >= segment.start && w.end <= segment.end);
  const pick = (words: typeof view.words) => {
    const hits = t.routes.longest(words).flatMap((m) => m.values);
    return ROUTE_PRIORITY.find((r) => hits.includes(r));
  };
  const explicit = pick(inSegment) ?? pick(view.words);
  if (explicit && explicit !== 'inhalation' && explicit !== 'oral' && explicit !== 'topical') return explicit;
  if (t.sites.test(view.words) && t.injectVerbs.test(view.words)) return 'joint';
  return explicit;
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Mention extends TextSpan {
  name: string;
  words: string[];
  concentration?: Concentration;
}

interface Found {
  candidate: DrugCandidate;
  /** The drug words of the mention, and where its sentence starts (to find drugs nebulized together). */
  words: string[];
  sentenceStart: number;
  alternatives: DrugCandidate[];
  name: string;
  dose?: Amount;
  doseText?: string;
  concentration?: Concentration;
  route?: DrugRoute;
  viaProcedure: boolean;
  minutes?: number;
  hydration: boolean;
  confidence: number;
  cue: string;
  evidence: TextSpan[];
  warnings: string[];
}

type Judged = { kind: 'found'; found: Found } | { kind: 'excluded'; excluded: ExcludedCandidate } | { kind: 'none' };

const ROUTE_PRIORITY: DrugRoute[] = ['joint', 'iv-push', 'infusion', 'iv', 'im', 'sc', 'inhalation', 'oral', 'topical'];
const INJECTABLE: ReadonlySet<DrugRoute> = new Set(['im', 'sc', 'iv', 'iv-push', 'infusion', 'joint']);
const HYDRATION = new Set(['saline', 'ringers', 'lactated', 'dextrose', 'd5w']);
/** An IV fluid's own code ("Infusion, normal saline solution, 1000 cc"), however the chart named it ("0.9% NaCl"). */
const HYDRATION_PRODUCT = /^infusion,.*\b(?:saline|ringers?|dextrose)\b/i;
/** A list item closed by a schedule ("650 mg BID,"); in a medication list, by an amount too ("650 mg,"). */
const ITEM_CLOSED = /^[^,;]*?\b(?:daily|bid|tid|qid|qd|qhs|q\s?\d+|weekly|monthly|prn|every|nightly)\b[^,;]*[,;]/i;
const ITEM_CLOSED_IN_LIST = /^[^,;]*?(?:\d|\b(?:daily|bid|tid|qid|qd|qhs|q\s?\d+|weekly|monthly|prn|every|nightly)\b)[^,;]*[,;]/i;
/** Fluid abbreviations a drug is mixed in ("in 250 mL NS"). */
const CARRIER_ABBREVIATIONS = new Set(['ns', 'nss', 'd5w', 'd5ns', 'lr', 'nacl', 'sodium', 'water', 'sterile']);
/** "OTC" or "over-the-counter" right before a drug's name. */
const OVER_THE_COUNTER = /\b(?:otc|over[- ]the[- ]counter)\s+(?:[a-z-]+\s+)?$/i;

/** Drugs mixed into a local anaesthetic to keep it in place: part of the anaesthetic. */
const VASOCONSTRICTORS: ReadonlySet<string> = new Set(['epinephrine', 'epi', 'adrenaline', 'phenylephrine']);

/** Words right before a fluid that make it a drug's carrier: "in 250 mL", "mixed in", "diluted into 100 cc of". */
const CARRIER_BEFORE = /\b(?:in|into|mixed in|diluted in|diluted into|reconstituted in|prepared in|added to)\s+(?:a\s+)?(?:\d+(?:\.\d+)?\s*(?:ml|mls|cc|l)\b\s*(?:bag\s+)?(?:of\s+)?)?(?:0\.9\s*%\s*)?$/i;

interface Tables {
  routes: PhraseTable<DrugRoute>;
  administered: PhraseTable<string>;
  notAdministered: PhraseTable<string>;
  prescribed: PhraseTable<string>;
  regimen: PhraseTable<string>;
  bundled: PhraseTable<string>;
  patientSupplied: PhraseTable<string>;
  meteredDose: PhraseTable<string>;
  local: ReadonlySet<string>;
  usuallyNotInjected: ReadonlySet<string>;
  salts: ReadonlySet<string>;
  sites: PhraseTable<string>;
  injectVerbs: PhraseTable<string>;
  shot: PhraseTable<string>;
  future: ReadonlySet<string>;
}

const tableCache = new WeakMap<DrugNameRules, Tables>();

function tables(rules: DrugNameRules): Tables {
  let t = tableCache.get(rules);
  if (!t) {
    const routes = new PhraseTable<DrugRoute>();
    for (const r of DRUG_ROUTES) for (const p of rules.routes[r]) routes.add(p, r);
    t = {
      routes,
      administered: phraseSet(rules.administered),
      notAdministered: phraseSet(rules.notAdministered),
      prescribed: phraseSet(rules.prescribed),
      regimen: phraseSet(rules.regimen),
      bundled: phraseSet(rules.bundled),
      patientSupplied: phraseSet(rules.patientSupplied),
      meteredDose: phraseSet(rules.meteredDose),
      local: new Set(rules.localAnesthetics.flatMap(phraseWords)),
      usuallyNotInjected: new Set(rules.usuallyNotInjected.flatMap(phraseWords)),
      salts: new Set(rules.salts.flatMap(phraseWords)),
      sites: phraseSet([...defaultNamedProcedureRules.injectionSites.flatMap((s) => s.terms), 'trigger point', 'trigger points', 'bursa', 'joint']),
      injectVerbs: phraseSet(['injected', 'injection', 'inject', 'aspirated', 'aspiration', 'arthrocentesis', 'infiltrated']),
      shot: phraseSet(['shot', 'shots', 'injections']),
      future: new Set(defaultStatusCues.futureMarkers),
    };
    tableCache.set(rules, t);
  }
  return t;
}

/** Drug names of a sentence, with salt words that follow ("testosterone cypionate") and brand/generic pairs merged. */
function drugMentions(view: SentenceView, index: DrugIndex, t: Tables): Mention[] {
  const words = view.words;
  // A name ending in a strength ("Kenalog 40") only counts when no unit follows ("Kenalog 40 mg" is Kenalog, 40 mg).
  const all = index.names.all(words).filter((m) => {
    const lex = m.values[0]!;
    if (!lex.concentration || !/^\d/.test(words[m.to - 1]!.text)) return true;
    const next = words[m.to]?.text;
    return !(next && /^(?:mg|mcg|g|gm|grams?|ml|cc|units?)$/.test(next));
  });
  const kept = longestOnly(all);
  const mentions: Mention[] = [];
  for (const m of kept) {
    const lex = m.values[0]!;
    const extra: string[] = [];
    let to = m.to;
    // A biosimilar's four-letter suffix joined by a hyphen ("denosumab-bbdz") is part of its name: its own HCPCS code names it.
    const suffix = words[to];
    if (suffix && /^[a-z]{4}$/.test(suffix.text) && view.sentence.text.slice(words[to - 1]!.end - view.start, suffix.start - view.start) === '-') {
      extra.push(suffix.text);
      to++;
    }
    while (to < words.length && extra.length < 3 && t.salts.has(words[to]!.text)) extra.push(words[to++]!.text);
    const mention: Mention = { start: m.start, end: words[to - 1]!.end, name: view.sentence.text.slice(m.start - view.start, words[to - 1]!.end - view.start), words: [...lex.words, ...extra], ...(lex.concentration ? { concentration: lex.concentration } : {}) };
    const prev = mentions[mentions.length - 1];
    // "Depo-Medrol (methylprednisolone acetate)": one drug written twice.
    if (prev && prev.words.some((w) => mention.words.includes(w) && !t.salts.has(w)) && /^[\s(),/-]*$|^\s*(?:or|aka)\s*$/i.test(view.sentence.text.slice(prev.end - view.start, mention.start - view.start))) {
      prev.end = mention.end;
      prev.words = [...new Set([...prev.words, ...mention.words])];
      prev.concentration ??= mention.concentration;
      continue;
    }
    mentions.push(mention);
  }
  return mentions;
}

function longestOnly(matches: PhraseMatch<DrugLexeme>[]): PhraseMatch<DrugLexeme>[] {
  const sorted = [...matches].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: PhraseMatch<DrugLexeme>[] = [];
  for (const m of sorted) if (!kept.some((k) => m.from < k.to && k.from < m.to)) kept.push(m);
  return kept.sort((a, b) => a.from - b.from);
}

function judge(
  document: ChartDocument,
  catalog: CodeSetCatalog,
  view: SentenceView,
  mention: Mention,
  segment: TextSpan,
  index: DrugIndex,
  t: Tables,
  rules: DrugNameRules,
  ctxRules: CompiledContextRules,
  dos: string,
): Judged {
  const text = view.sentence.text;
  const segWords = view.words.filter((w) => w.start >= segment.start && w.end <= segment.end);
  const route = routeOf(view, segment, rules);
  const near = doseNear(view, mention, segment);
  // An injection record's rows: "- Medication: testosterone cypionate 200 mg/mL" / "- Dose: 200 mg (1 mL)".
  const { dose, doseSpan, concentration } = near.dose ? near : { ...near, ...doseRowAfter(document, view) };
  const notAdmin = t.notAdministered.longest(view.words);
  const explicit = findCue(view, mention, t.administered, t.future) ?? intoSite(view, segment);
  const title = (view.sectionTitle ?? '').toLowerCase();
  // "Post-procedure:" advice is what comes after; it records no dose given. A "Pre-injection check:" is what comes
  // before: a drug named there without a dose ("epinephrine auto-injector in bag") is only checked for.
  const sectionCue = !/^\s*post[- ]?/.test(title) && !(/^\s*pre[- ]?/.test(title) && dose === undefined) && (view.section === 'procedures' || /administered|given|injection|infusion|procedure|in[- ]office|treatment record|chemo/.test(title));
  // A medication list names the regimen ("darbepoetin q2 weeks in office"), not today's dose: a cue counts only in the drug's own item.
  const list = isMedicationList(view, sectionCue);
  const item = list ? clauseAround(text, mention.start - view.start, mention.end - view.start) : undefined;
  const inItem = (c: TextSpan) => !item || (c.start >= view.start + item.start && c.end <= view.start + item.end);
  const prescribedHit = t.prescribed.longest(segWords)[0];
  // "Continue furosemide 20 mg … 10 mg. BMP drawn in clinic today": a cue past a stop after the drug's own
  // continue/refill words belongs to the next statement, not to this drug.
  const between = (c: TextSpan) => text.slice(Math.min(mention.end, c.end) - view.start, Math.max(mention.start, c.start) - view.start);
  const pastStop = (c: TextSpan) => /[.;]\s/.test(between(c));
  // "… propranolol ER 60 mg daily …, ferrous sulfate …, total time today …": a bare "today" clauses away dates the visit, not the dose.
  const farWhen = (c: TextSpan & { text: string }) => /^(?:today|now|in (?:the )?(?:office|clinic))$/i.test(c.text.trim()) && Math.max(c.start - mention.end, mention.start - c.end) > 60 && /,/.test(between(c));
  const segText = text.slice(segment.start - view.start, segment.end - view.start);
  const regimenHit = t.regimen.longest(segWords)[0] ?? rules.regimenPatterns.map((re) => segText.match(new RegExp(re.source, 'i'))?.[0]).find(Boolean);
  // "Ceftriaxone 1 g IM given in clinic, then doxycycline 100 mg BID x 7 days (Rx)": a prescribed drug or regimen
  // that comes "then", after the giving, is what follows the visit; the cue is the first drug's.
  const othersCue = (c: TextSpan) => (prescribedHit !== undefined || regimenHit !== undefined) && c.end <= mention.start && /\b(?:then|followed by|afterwards?)\b/i.test(between(c));
  const explicitCue = explicit && !notAdmin.some((n) => n.start <= explicit.start && explicit.end <= n.end) && inItem(explicit) && !(prescribedHit && pastStop(explicit)) && !farWhen(explicit) && !othersCue(explicit) ? explicit : undefined;
  const injectable = route !== undefined && (INJECTABLE.has(route) || route === 'inhalation');
  const signal = !!explicitCue || injectable || t.injectVerbs.test(view.words) || t.shot.test(view.words);
  const label = `${mention.name}${dose ? ` ${formatAmount(dose)}` : ''}`;
  const exclude = (reason: ExclusionReason, explanation: string): Judged => {
    if (!signal) return { kind: 'none' };
    const best = index.candidates(mention.words, route, dos)[0];
    const code = best?.descriptor.code ?? 'J3490';
    return { kind: 'excluded', excluded: makeExcluded(catalog, dos, code, reason, `${label}: ${explanation}`, evidenceList(document, [mention, ...(doseSpan ? [doseSpan] : [])])) };
  };

  // "vitamin B12 level", "digoxin levels": a lab test named after the drug.
  if (/^\s*(?:serum\s+)?levels?\b/i.test(text.slice(mention.end - view.start))) return { kind: 'none' };
  const ctx = contextOf({ text, start: view.start, ...(view.section ? { section: view.section } : {}), targets: [{ start: mention.start, end: mention.end }] }, { rules: ctxRules })[0]!;
  const trig = (categories: string[]) => {
    const m = ctx.modifiers.find((x) => categories.includes(x.category));
    return m ? `“${m.text ?? m.literal.replace(/_/g, ' ')}”` : 'context';
  };
  // "without imaging guidance, 40 mg triamcinolone … injected": a "without" phrase closed by a comma describes
  // what it names, not the drug after it.
  const closedWithout = (m: (typeof ctx.modifiers)[number]) => /^(?:without|w\/o)$/i.test((m.text ?? m.literal).trim()) && m.end !== undefined && m.end <= mention.start && text.slice(m.end - view.start, mention.start - view.start).includes(',');
  const negations = ctx.modifiers.filter((m) => m.category === 'NEGATED_EXISTENCE' || m.category === 'RULED_OUT');
  if (ctx.negated && !(negations.length > 0 && negations.every(closedWithout))) return exclude('negated', `not given (${trig(['NEGATED_EXISTENCE', 'RULED_OUT'])})`);
  if (ctx.family || ctx.otherExperiencer) return { kind: 'none' };
  if (ctx.historical) return exclude('historical', `given at another time or place (${trig(['HISTORICAL', 'ELSEWHERE'])})`);
  // "Epinephrine auto-injector with patient: Yes", "EpiPen at school": the patient's own device, not a dose given here.
  if (AUTO_INJECTOR.test(text.slice(mention.end - view.start, mention.end - view.start + 24)) && !/\b(?:administered|injected|given|used)\b/i.test(text)) return exclude('not-billable', 'the patient\'s own auto-injector, carried or prescribed: not a dose given in the office');
  // "Injection planned after failure of PT and acetaminophen": a drug that failed or was tried is the patient's past.
  if (TRIED_BEFORE.test(text.slice(Math.max(0, mention.start - view.start - 60), mention.start - view.start))) return exclude('historical', 'tried before the visit (“failed”, “tried”, “despite”)');
  // "Ice + ibuprofen x1, min relief" in the history: what the patient took before coming, unless given here.
  if (view.section === 'history_of_present_illness' && !GIVEN_HERE.test(text)) return exclude('historical', 'taken before the visit (history of present illness)');
  // "Monitored anesthesia care with propofol, administered by anesthesia": the anesthesia provider bills the sedation.
  if (BY_ANESTHESIA.test(text)) return exclude('not-billable', 'given by the anesthesia provider as sedation: billed with the anesthesia service, not by the proceduralist');
  // "Day 2 and day 3: remdesivir 100 mg IV on 1/28 and 1/29": doses dated after the visit are the plan.
  const later = dayAfterVisit(text.slice(segment.start - view.start, segment.end - view.start), dos);
  if (later) return exclude('hypothetical', `dated ${later}, after the date of service: planned, not given at this visit`);
  const categories = new Set(ctx.modifiers.map((m) => m.category));
  const ordered = categories.has('ORDERED');
  // "Medication: testosterone cypionate 200 mg IM, left ventrogluteal. … Patient tolerated well.": an injectable
  // dose whose next lines record the giving is today's dose, even under a "Medication" heading, or after "will
  // treat with" ("Will treat with cyanocobalamin 1000 mcg IM weekly. First dose given today …, tolerated well.").
  // The route may come with the giving on the next line ("… 200 mg drawn from multi-dose vial." / "Given IM right ventrogluteal.").
  const givenNext = !explicitCue && (injectable || (route === undefined && injectedNext(document, view))) && (dose !== undefined || concentration !== undefined) && givenInNextLines(document, view);
  if (ctx.hypothetical && !ordered && !explicitCue && !givenNext) return exclude('hypothetical', `planned or conditional, not documented as given (${trig(['HYPOTHETICAL', 'PLANNED'])})`);
  if (ctx.hypothetical && categories.has('HYPOTHETICAL')) return exclude('hypothetical', `conditional (${trig(['HYPOTHETICAL'])})`);
  const rxCue = prescribedHit?.values[0] ?? (typeof regimenHit === 'string' ? regimenHit : regimenHit?.values[0]) ?? (ordered ? 'sent/ordered' : undefined) ?? (view.section === 'medications' && !sectionCue ? 'medication list' : undefined);
  if (rxCue && !explicitCue && !givenNext) return exclude('not-billable', `prescribed or a regimen (“${rxCue}”), not given in the office`);
  if (list && regimenHit) return exclude('not-billable', `listed as a regimen in the medication list (“${typeof regimenHit === 'string' ? regimenHit : regimenHit.values[0]}”), not given at this visit`);
  if (route === 'oral' || route === 'topical') return explicitCue ? exclude('not-billable', `${route === 'oral' ? 'by mouth' : 'topical'}: self-administered drugs are not billed with a J-code`) : { kind: 'none' };
  const clause = clauseAround(text, mention.start - view.start, mention.end - view.start);
  const clauseWords = phraseWordsOf(view, clause);
  const afterMention = wordIndexAt(clauseWords, mention.end);
  // "reconstituted with lidocaine", "flushed with saline" (before the drug) or "saline flush" (right after it).
  // "40 mg triamcinolone mixed with 4 mL lidocaine": a "… with" right after the drug names what it was mixed with, the diluent.
  const bundledHit = t.bundled.longest(clauseWords).find((m) => m.end <= mention.start || (m.from >= afterMention && m.from <= afterMention + 1 && !/\bwith$/.test(m.values[0] ?? '')));
  if (bundledHit) return exclude('not-billable', `flush or diluent (“${bundledHit.values[0]}”): part of giving the drug, not billed separately`);
  // "gemcitabine 1800 mg in 250 mL NS", "mixed in D5W": the fluid a drug is carried in is part of giving that drug.
  const carrier = segment.start > view.start && mention.words.some((w) => HYDRATION.has(w) || CARRIER_ABBREVIATIONS.has(w)) && CARRIER_BEFORE.test(text.slice(0, mention.start - view.start));
  if (carrier) return exclude('not-billable', 'the fluid the drug before it is mixed in (diluent): part of giving that drug, not billed separately');
  // The office bills a drug it bought: "albuterol (patient's own inhaler)", "brought from home" bill only the administration.
  const ownHit = t.patientSupplied.longest(segWords)[0];
  if (ownHit) return exclude('not-billable', `supplied by the patient (“${ownHit.values[0]}”): no drug code, only its administration`);
  // "OTC ibuprofen as needed": a drug the patient buys over the counter is advice, not a dose the office gave.
  if (OVER_THE_COUNTER.test(text.slice(Math.max(0, mention.start - view.start - 24), mention.start - view.start))) return exclude('not-billable', 'over the counter: advice to buy and take it, not a dose given in the office');
  if (mention.words.some((w) => t.local.has(w)) && route !== 'iv' && route !== 'iv-push' && route !== 'infusion') {
    return exclude('not-billable', 'local anaesthetic: included in the procedure or injection it is used for');
  }
  // "1% lidocaine with epinephrine": the vasoconstrictor is part of the local anaesthetic, not a drug given on its own.
  // A steroid mixed in ("bupivacaine and triamcinolone 20 mg" at trigger points) is a drug of its own.
  const wordsBefore = view.words.slice(Math.max(0, wordIndexAt(view.words, mention.start) - 4), wordIndexAt(view.words, mention.start));
  if (mention.words.some((w) => VASOCONSTRICTORS.has(w)) && wordsBefore.some((w) => t.local.has(w.text)) && /^(?:with|w|and|plus)$/.test(wordsBefore[wordsBefore.length - 1]?.text ?? '')) {
    return exclude('not-billable', 'mixed with a local anaesthetic: part of the anaesthetic, included in the procedure');
  }
  // "levothyroxine 112 mcg daily, refill x 1", "ibuprofen given", "nicotine patch 21 mg … estrogen": a drug mostly
  // taken by mouth or through the skin bills a J-code only when its own clause says it was injected or infused
  // (a route elsewhere in the sentence belongs to another item: "levothyroxine 75 mcg, cyanocobalamin 1000 mcg IM").
  if (mention.words.some((w) => t.usuallyNotInjected.has(w))) {
    const clauseRoutes = t.routes.longest(clauseWords).flatMap((m) => m.values);
    // Only the clause: a procedure heading ("PROCEDURE - Right carpal tunnel injection") is about another drug.
    const injectedHere = clauseRoutes.some((r) => INJECTABLE.has(r)) || t.injectVerbs.test(clauseWords);
    if (!injectedHere) return { kind: 'none' };
  }
  // A J-code bills an amount the office gave by injection or infusion: with no dose, no injectable route and no
  // injection word, a "given" that does not follow the name is about something else ("dosing chart given",
  // "gastritis given daily ibuprofen"); "DuoNeb given x1" still counts.
  const cueRightAfter = explicitCue !== undefined && explicitCue.start >= mention.end && wordIndexAt(view.words, explicitCue.start) - wordIndexAt(view.words, mention.end) <= 1;
  if (!dose && !injectable && !cueRightAfter && !t.injectVerbs.test(clauseWords) && !t.shot.test(clauseWords) && !/administered|given|injection/.test(title)) {
    return exclude('uncertain', 'no dose, route or injection documented: not shown to be given in the office');
  }
  let confidence: number;
  let cue: string;
  if (explicitCue) {
    confidence = 0.9;
    cue = `“${explicitCue.text}”`;
  } else if (givenNext) {
    confidence = 0.8;
    cue = 'dose and route, with the giving recorded in the next lines';
  } else if (sectionCue) {
    confidence = 0.8;
    cue = `listed under “${view.sectionTitle ?? 'Procedures'}”`;
  } else if (injectable && dose) {
    confidence = 0.7;
    cue = `${route === 'inhalation' ? 'nebulized' : route!.toUpperCase()} route and dose documented`;
  } else {
    return { kind: 'none' };
  }

  const candidates = index.candidates(mention.words, route, dos);
  if (candidates.length === 0) {
    return { kind: 'excluded', excluded: makeExcluded(catalog, dos, 'J3490', 'not-billable', `${label}: no HCPCS J-code in force on ${dos} fits this drug${route ? ` given ${route}` : ''} (an unlisted-drug code may apply)`, evidenceList(document, [mention])) };
  }
  const { chosen, alternatives } = choose(CANCER_WORD.test(document.text) ? antineoplasticFirst(candidates) : candidates, dose, concentration ?? mention.concentration);
  // Inhalation-solution codes bill nebulizer solution; puffs from a metered-dose inhaler are not that product.
  const mdiHit = chosen.descriptor.form === 'inhalation' ? t.meteredDose.longest(clauseWords)[0] : undefined;
  if (mdiHit) return exclude('not-billable', `metered-dose inhaler (“${mdiHit.values[0]}”): the inhalation-solution code ${chosen.descriptor.code} is for nebulizer solution`);
  const warnings: string[] = [];
  const otherProducts = alternatives.filter((a) => !sameProduct(a.descriptor, chosen.descriptor));
  if (otherProducts.length > 0) {
    confidence -= 0.15;
    warnings.push(`Also possible: ${otherProducts.slice(0, 3).map((a) => `${a.descriptor.code} (${a.descriptor.title})`).join('; ')} — ${chosen.notes.join('; ') || 'check the product given'}.`);
  } else if (chosen.notes.includes('code is for a specific brand or maker')) {
    confidence -= 0.15;
    warnings.push('The code is for a specific brand or maker: check the product given.');
  }
  // No route beside the dose ("Ferric carboxymaltose 750 mg in 250 mL normal saline."): an infusion record in the
  // next lines of the same section ("Infusion start 09:02, stop 09:24") says how it was given and for how long.
  const infusionLine = (route === undefined || route === 'iv' || route === 'infusion') && chosen.descriptor.form !== 'inhalation' ? infusionRecordAfter(document, view) : undefined;
  const minutes = infusionMinutes(segText) ?? infusionMinutes(text) ?? clockMinutes(segText) ?? clockMinutes(text) ?? (infusionLine ? (infusionMinutes(infusionLine) ?? clockMinutes(infusionLine)) : undefined);
  const inferred: DrugRoute | undefined = infusionLine ? (minutes !== undefined && minutes <= 15 ? 'iv-push' : 'infusion') : undefined;
  // A "bolus" or push run over more than 15 minutes is an infusion.
  // An IV fluid's code is itself an infusion ("Infusion, normal saline solution, 1000 cc"): with no route written, it ran IV.
  const productRoute: DrugRoute | undefined = /^infusion,/i.test(chosen.descriptor.title) && minutes !== undefined ? 'infusion' : undefined;
  const ivFluid = HYDRATION_PRODUCT.test(chosen.descriptor.title);
  // "Flushed with 10 mL NS": a few millilitres of an IV fluid flush a line; hydration is bags of it.
  if (ivFluid && dose?.unit === 'ml' && dose.value < 100) return exclude('not-billable', `${formatAmount(dose)} of IV fluid: a flush or lock, part of the service it goes with`);
  const finalRoute: DrugRoute | undefined = (route === 'iv' || route === 'iv-push') && minutes !== undefined && minutes > 15 ? 'infusion' : route === undefined && chosen.descriptor.form === 'inhalation' ? 'inhalation' : (route ?? inferred ?? productRoute);
  // "0.9% NaCl 1,000 mL bag #1 …, bag #2 … (total 2,000 mL)": the fluid given is the total of its bags.
  const total = ivFluid && dose?.unit === 'ml' ? TOTAL_VOLUME.exec(segText) : null;
  const totalMl = total ? Number(total[1]!.replace(/,/g, '')) * (/^l$/i.test(total[2]!) ? 1000 : 1) : undefined;
  const given = totalMl !== undefined && dose && totalMl > dose.value ? { ...dose, value: totalMl } : dose;
  const evidence: TextSpan[] = [mention, ...(doseSpan ? [doseSpan] : []), ...(explicitCue ? [explicitCue] : [])];
  return {
    kind: 'found',
    found: {
      candidate: chosen,
      words: mention.words,
      sentenceStart: view.start,
      alternatives: otherProducts,
      name: mention.name,
      ...(given ? { dose: given, doseText: total ? total[0] : document.text.slice(doseSpan!.start, doseSpan!.end) } : {}),
      ...((concentration ?? mention.concentration) ? { concentration: concentration ?? mention.concentration } : {}),
      ...(finalRoute ? { route: finalRoute } : {}),
      viaProcedure: finalRoute === 'joint',
      ...(minutes !== undefined ? { minutes } : {}),
      hydration: ivFluid || mention.words.some((w) => HYDRATION.has(w)),
      confidence,
      cue,
      evidence,
      warnings,
    },
  };
}

/**
 * Nebulized drugs of one sentence that a single combination code covers ("albuterol 2.5 mg + ipratropium
 * 0.5 mg by nebulizer") become one line of that code, one unit dose; other drugs are left as they are.
 */
function combineNebulized(found: Found[], index: DrugIndex, dos: string): Found[] {
  const out: Found[] = [];
  const done = new Set<Found>();
  for (const f of found) {
    if (done.has(f)) continue;
    const together = f.candidate.descriptor.form === 'inhalation' ? found.filter((g) => g.sentenceStart === f.sentenceStart && g.candidate.descriptor.form === 'inhalation') : [f];
    const combo = together.length > 1 ? combinationProduct(together.map((g) => g.words), index, dos) : undefined;
    if (!combo) {
      out.push(f);
      continue;
    }
    together.forEach((g) => done.add(g));
    const { dose: _dose, doseText: _doseText, concentration: _c, ...rest } = f;
    out.push({ ...rest, candidate: combo, alternatives: [], name: together.map((g) => g.name).join(' + '), evidence: together.flatMap((g) => g.evidence), warnings: [] });
  }
  return out;
}

/** The dose of a mention: an amount after it in its stretch of the sentence (else just before), or a volume × strength. */
function doseNear(view: SentenceView, mention: Mention, segment: TextSpan): { dose?: Amount; doseSpan?: TextSpan; concentration?: Concentration } {
  // Before the name, look only just before it when another drug precedes ("Kenalog 40 mg and 3 mL of 1% lidocaine").
  const first = segment.start === view.start;
  const from = Math.max(segment.start, mention.start - (first ? 30 : 16));
  const text = view.sentence.text.slice(from - view.start, segment.end - view.start);
  const doses = findDoses(text, from);
  // When the stretch ends at another drug, an amount written just before that drug is its dose, not ours
  // ("40 mg triamcinolone and 3 mL lidocaine").
  const cutByNextDrug = segment.end < view.start + view.sentence.text.length;
  const beforeNextDrug = (d: TextSpan) => cutByNextDrug && /^\s*(?:of\s+)?(?:\d+(?:\.\d+)?\s*%\s*)?$/i.test(view.sentence.text.slice(d.end - view.start, segment.end - view.start));
  // "sodium bicarbonate 650 mg BID, darbepoetin q2 weeks, amlodipine 10 mg": an item closed by a schedule or amount ends at its comma.
  // A list line naming one drug only ("Medication: testosterone cypionate 200 mg/mL, 1 mL (200 mg) IM") keeps its commas.
  const closing = isMedicationList(view, false) && cutByNextDrug ? ITEM_CLOSED_IN_LIST : ITEM_CLOSED;
  const closed = closing.exec(view.sentence.text.slice(mention.end - view.start));
  const itemEnd = closed ? mention.end + closed[0].length : Number.POSITIVE_INFINITY;
  const after = doses.filter((d) => d.start >= mention.end && d.end <= itemEnd && !beforeNextDrug(d));
  const before = doses.filter((d) => d.end <= mention.start).reverse();
  const concentration = [...after, ...before].find((d) => d.kind === 'concentration')?.concentration;
  const pick = (list: typeof doses) => {
    const amounts = list.filter((d) => d.kind === 'amount');
    return amounts.find((d) => d.amount!.unit !== 'ml' && d.amount!.unit !== 'l') ?? amounts[0];
  };
  const chosen = pick(after) ?? pick(before);
  if (!chosen) {
    const c = [...after, ...before].find((d) => d.kind === 'concentration');
    // "Medroxyprogesterone 150 mg/1 mL IM": with the volume written, the strength is the amount of the vial or syringe given.
    if (c?.total) return { dose: c.total, doseSpan: { start: c.start, end: c.end }, concentration: c.concentration! };
    return c ? { concentration: c.concentration! } : {};
  }
  const span = { start: chosen.start, end: chosen.end };
  const strength = concentration ?? mention.concentration;
  // A volume with a strength is a mass dose ("Kenalog-40, 1 mL" = 40 mg).
  if ((chosen.amount!.unit === 'ml' || chosen.amount!.unit === 'l') && strength) {
    const mg = convert(chosen.amount!, strength.perMl.unit, strength);
    if (mg !== undefined) return { dose: { value: mg, unit: strength.perMl.unit }, doseSpan: span, concentration: strength };
  }
  return { dose: chosen.amount!, doseSpan: span, ...(strength ? { concentration: strength } : {}) };
}

/**
 * The best descriptor, and the other close ones (within 5 points). Among codes for the same product
 * that differ only in amount (J1020/J1030/J1040), the one billing the dose with the least waste, then
 * the fewest units.
 */
/** A cancer named in the chart. */
const CANCER_WORD = /\b(?:cancer|carcinoma|adenocarcinoma|malignan\w*|lymphoma|leukemia|myeloma|sarcoma|oncolog\w*)\b/i;

/**
 * For a patient with cancer, the chemotherapy-drug code (J9xxx) of a drug that also has another ("leuprolide, 7.5 mg"
 * J9217 beside the per-3.75 mg J1950 used for other conditions) is the one its indication bills.
 */
function antineoplasticFirst(candidates: DrugCandidate[]): DrugCandidate[] {
  const best = candidates[0];
  if (!best || /^J9/.test(best.descriptor.code)) return candidates;
  const mains = (c: DrugCandidate) => c.descriptor.components.map((x) => x.main).sort().join('+');
  const j9 = candidates.filter((c) => /^J9\d{3}$/.test(c.descriptor.code) && mains(c) === mains(best));
  if (j9.length === 0) return candidates;
  return [...j9.map((c) => ({ ...c, score: best.score + 1 })), ...candidates.filter((c) => !j9.includes(c))];
}

function choose(candidates: DrugCandidate[], dose: Amount | undefined, concentration: Concentration | undefined): { chosen: DrugCandidate; alternatives: DrugCandidate[] } {
  const best = candidates[0]!;
  const band = candidates.filter((c) => c.score >= best.score - 5);
  const siblings = band.filter((c) => sameProduct(c.descriptor, best.descriptor));
  let chosen = best;
  if (dose && siblings.length > 1) {
    const cost = (c: DrugCandidate) => {
      const a = c.descriptor.amount;
      const units = unitsFor(dose, a, concentration);
      const inUnit = a ? convert(dose, a.unit, concentration) : undefined;
      const waste = units !== undefined && a && inUnit !== undefined ? units * a.value - inUnit : Number.POSITIVE_INFINITY;
      return { waste, units: units ?? Number.POSITIVE_INFINITY };
    };
    chosen = [...siblings].sort((a, b) => cost(a).waste - cost(b).waste || cost(a).units - cost(b).units)[0]!;
  }
  return { chosen, alternatives: band.filter((c) => c !== chosen) };
}

function ruleText(f: Found, units: number | undefined): string {
  const d = f.candidate.descriptor;
  const route = f.route ? ` ${f.route === 'joint' ? 'into a joint/soft tissue' : f.route === 'inhalation' ? 'by nebulizer' : f.route.toUpperCase()}` : '';
  const head = `drug given (${f.cue}): ${f.name}${f.doseText ? ` ${f.doseText}` : ''}${route}`;
  if (!f.dose || units === undefined) return `${head} → ${d.code}`;
  const per = d.amount ? `${d.amount.upTo ? 'up to ' : 'per '}${formatAmount(d.amount)}` : 'per dose';
  if (!d.amount || d.amount.unit === 'dose') return `${head} → ${d.code} (${per}) × ${units}`;
  const inUnit = convert(f.dose, d.amount.unit, f.concentration);
  const shown = inUnit !== undefined ? formatAmount({ value: inUnit, unit: d.amount.unit }) : formatAmount(f.dose);
  return `${head} → ${d.code} (${per}) × ${units} (${shown} ÷ ${formatAmount(d.amount)}, rounded up)`;
}

function sameDose(a: Amount, b: Amount): boolean {
  const x = convert(b, a.unit);
  return x !== undefined && Math.abs(x - a.value) < 1e-6;
}

function infusionMinutes(text: string): number | undefined {
  // "over 30 minutes"; in an infusion record, "Infusion complete (31 minutes)", "IV infusion | 64 min".
  const m = /\bover\s+(\d{1,3}|an?|one)\s*(min(?:ute)?s?|hours?|hrs?|hr)\b/i.exec(text) ?? RUN_TIME.exec(text);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
  return /^h/i.test(m[2]!) ? n * 60 : n;
}

/** A drug the anesthesia team gave ("by anesthesia", "monitored anesthesia care", "MAC", "CRNA"). */
const BY_ANESTHESIA = /\bby (?:the )?anesthesia\b|\bmonitored anesthesia care\b|\bMAC\b(?= (?:with|sedation|anesthesia))|\bCRNA\b|\banesthesiologist\b/;

/** "total 2,000 mL", "total volume: 1.5 L". */
const TOTAL_VOLUME = /\btotal(?:\s+(?:of|volume|infused))?\s*:?\s*(\d{1,2}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(ml|l)\b/i;

/** "on 1/28", "for 02/03/2026": a day a dose is given on. */
const ON_DAY = /\b(?:on|for)\s+(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/gi;

/** The first day written "on M/D(/YYYY)" that falls after the date of service (within 120 days when no year is written). */
function dayAfterVisit(text: string, dateOfService: string): string | undefined {
  for (const m of text.matchAll(ON_DAY)) {
    const year = m[3] ? (m[3].length === 2 ? `20${m[3]}` : m[3]) : dateOfService.slice(0, 4);
    const iso = `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
    const days = (Date.parse(iso) - Date.parse(dateOfService)) / 86_400_000;
    if (Number.isNaN(days) || days <= 0 || (!m[3] && days > 120)) continue;
    return m[0].replace(/^\w+\s+/, '');
  }
  return undefined;
}

/** How long an infusion ran, said after the infusion word ("infused … 45 min", "duration: 1 hour"), not a wait after it. */
const RUN_TIME = /\b(?:infus\w*|run time|ran|duration)\b[^.;\d]{0,30}?(\d{1,3})\s*(min(?:ute)?s?|hours?|hrs?|hr)\b(?!\s*(?:post|after|later|of observation|observation|monitor))/i;

/** A medication list: the Medications section (not an administered-drugs heading) or a line opening "Meds:" / "Current medications:". */
function isMedicationList(view: SentenceView, sectionCue: boolean): boolean {
  if (view.section === 'medications' && !sectionCue) return true;
  return /^\s*(?:current\s+|home\s+|outpatient\s+)?(?:meds|medications|medication list|med list)\s*:/i.test(view.sentence.text);
}

/** The clause (between ';' or ',' boundaries) around a range of a sentence, as sentence offsets. */
/** "40 mg triamcinolone … into the left knee": a dose put into a named joint, bursa or muscle was given. */
const INTO_SITE = /\binto (?:the |her |his )?(?:(?:left|right|bilateral|l|r)\s+)?(?:knee|shoulder|hip|elbow|wrist|ankle|bursa|joint|subacromial space|trochanteric bursa|carpal tunnel|tendon sheath|deltoid|gluteus|gluteal muscle|ventrogluteal|vastus lateralis|thigh|buttock)\b/i;

function intoSite(view: SentenceView, segment: TextSpan): (TextSpan & { text: string }) | undefined {
  const from = segment.start - view.start;
  const m = INTO_SITE.exec(view.sentence.text.slice(from));
  return m ? { start: segment.start + m.index, end: segment.start + m.index + m[0].length, text: m[0] } : undefined;
}

function clauseAround(text: string, start: number, end: number): TextSpan {
  let from = 0;
  let to = text.length;
  for (let i = start - 1; i >= 0; i--) if (text[i] === ';' || text[i] === ',') { from = i + 1; break; }
  for (let i = end; i < text.length; i++) if (text[i] === ';' || text[i] === ',') { to = i; break; }
  return { start: from, end: to };
}

function phraseWordsOf(view: SentenceView, clause: TextSpan): SentenceView['words'] {
  const a = wordIndexAt(view.words, view.start + clause.start);
  const b = wordIndexAt(view.words, view.start + clause.end);
  return view.words.slice(a, b);
}

/** The text of an infusion record ("Infusion start 09:02, stop 09:24 (22 minutes)") within the next three sentences of the drug's section. */
function infusionRecordAfter(document: ChartDocument, view: SentenceView): string | undefined {
  // Under an "Infusion record" heading the start and stop times need no "infusion" word of their own.
  const inRecord = /\binfusion\b/i.test(view.sectionTitle ?? '');
  return nextLinesOfSection(document, view, 3).find((next) => (inRecord || /\binfusion\b/i.test(next.text)) && (infusionMinutes(next.text) !== undefined || clockMinutes(next.text) !== undefined))?.text;
}

/** Whether the two sentences after the drug's, in its section, record it as given ("Patient tolerated well"). */
function givenInNextLines(document: ChartDocument, view: SentenceView): boolean {
  return nextLinesIntoProcedure(document, view, 4).some((next) => /\b(?:tolerated|was given|administered|injected|lot (?:and expiration )?recorded|no (?:bleeding|reaction) at (?:the )?site)\b/i.test(next.text) || INJECTED_NEXT.test(next.text));
}

/** The amount of a "Dose: 200 mg (1 mL)" row among the next two lines of the drug's section. */
function doseRowAfter(document: ChartDocument, view: SentenceView): { dose?: Amount; doseSpan?: TextSpan } {
  for (const next of nextLinesOfSection(document, view, 2)) {
    if (!DOSE_ROW.test(next.text)) continue;
    const amount = findDoses(next.text, next.start).find((d) => d.kind === 'amount' && d.amount!.unit !== 'ml');
    if (amount) return { dose: amount.amount!, doseSpan: { start: amount.start, end: amount.end } };
  }
  return {};
}
const DOSE_ROW = /^\W*dose\s*:/i;

/** An auto-injector right after the drug's name ("epinephrine auto-injector", "epinephrine (EpiPen) autoinjector"). */
const AUTO_INJECTOR = /^\s*(?:\([^)]{0,15}\)\s*)?(?:auto-?injectors?|pens?)\b/i;
/** Words before a drug that say it was tried already: "after failure of PT and acetaminophen", "despite naproxen". */
const TRIED_BEFORE = /\b(?:failure of|failed|failing|tried|prior trials? of|despite|refractory to|no relief (?:from|with))\b[^.;:]{0,50}$/i;
/** Words placing a dose at this visit. */
const GIVEN_HERE = /\b(?:in (?:the )?(?:office|clinic|urgent care)|here|in-office|at this visit)\b/i;

/**
 * "Given IM right ventrogluteal", "administered SC", or a labelled row of an injection record ("- Route/site: IM,
 * right ventrogluteal"): the giving and its injection route, on a line of their own.
 */
const INJECTED_NEXT = /\b(?:given|administered|injected)\s+(?:im|sc|sq|subq|subcut\w*|intramuscular\w*|iv|intravenous\w*)\b|^\W*route(?:\s*\/\s*site)?\s*:\s*(?:im|sc|sq|subq|subcut\w*|intramuscular\w*|iv|intravenous\w*)\b/i;

function injectedNext(document: ChartDocument, view: SentenceView): boolean {
  return nextLinesIntoProcedure(document, view, 3).some((next) => INJECTED_NEXT.test(next.text));
}

