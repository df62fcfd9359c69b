import { sectionAt, type ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import { contextForChart } from '../context';
import type { Evidence } from './types';
import { namesOtherVisit } from './past-visits';
import { textWords, wordKey } from './text-words';
import { defaultEmRules } from './procedures/rules';

/**
 * The preventive-visit phrases the E/M stage bills 9938x/9939x from name a routine exam too (one list for both),
 * except exams for a purpose ("sports physical", "school physical"): those are Z02.- encounters, not Z00.-.
 */
const PURPOSE_EXAM = /\b(?:sports?|school|camp|employment|pre-?employment|pre-?participation|dot)\b/i;
const ROUTINE_EXAM_PHRASES = defaultEmRules.preventive.filter((p) => !PURPOSE_EXAM.test(p));

/** The visit-purpose rules of assets/rules/coding-rules.json ("encounterReasons"). */
export interface EncounterReasonRules {
  preventive: {
    /** Phrases besides the E/M stage's preventive-visit list (em-rules.json), which is read too: AWV, "wellness visit". */
    phrases: string[];
    adult: { code: string; withAbnormal: string; ageMin: number };
    child: { code: string; withAbnormal: string; ageMin: number };
    /** A routine exam the chart calls gynecological (well-woman) is Z01.41-, not the general exam. */
    gynecological?: { phrases: string[]; code: string; withAbnormal: string; ageMin: number };
    guideline: string;
  };
  immunization: { vaccines: string[]; given: string[]; code: string; guideline: string };
  prenatal: { phrases: string[]; firstPregnancy: Record<string, string>; laterPregnancy: Record<string, string>; guideline: string };
  bmi: { needs: string[]; guideline: string };
  /**
   * A follow-up visit after completed cancer treatment ("surveillance visit", "after completed treatment"): its
   * code (Z08) leads when a personal history code matching `history` is coded and nothing matching `unlessCoded`
   * (an active cancer) is.
   */
  followUp?: { phrases: string[]; history: string; unlessCoded: string[]; code: string; guideline: string };
  /**
   * A follow-up visit after completed treatment of any other condition, now gone (Z09; follow-up-after-treatment.ts):
   * `systemHistory` gives the personal history code of a condition the history table has no row for, by chapter.
   */
  followUpOther?: { code: string; guideline: string; systemHistory: { disease: string; code: string }[] };
  /**
   * A visit to monitor a long-term drug ("anticoagulation clinic", "INR check"): its code (Z51.81) leads when a
   * long-term drug code matching `longTerm` is coded, followed by that code.
   */
  drugMonitoring?: { phrases: string[]; longTerm: string; code: string; guideline: string };
}

/** A code that states why the patient came (routine exam, immunization, prenatal care) or a status (BMI, weeks of gestation). */
export interface EncounterReason {
  code: string;
  rule: string;
  evidence: Evidence[];
  /** First-listed codes lead the claim (routine exam, prenatal supervision). */
  firstListed: boolean;
  /** Codes listed right after this one (the personal history a follow-up visit is for: Z08, then Z85.3). */
  followedBy?: string[];
}

/** Visit phrases that are also how a patient looks on exam ("well child, afebrile", "well-appearing"). */
const APPEARANCE_PHRASE = /^(?:well[- ]child|well[- ]baby|well)$/;
const VISIT_NOUN_AFTER = /^[- ]*(?:check|visit|exam|care|checkup)/;

/** Occurrences of one phrase looked at per chart. */
const MAX_PHRASE_HITS = 20;

/**
 * Codes for the purpose of the visit, which no single mention names: a routine exam by age (with or without
 * abnormal findings), an immunization, prenatal supervision by trimester with weeks of gestation, and the
 * BMI when a weight diagnosis is coded.
 */
export function encounterReasons(
  document: ChartDocument,
  rules: EncounterReasonRules,
  facts: { ageInYears?: number; otherDiagnoses: string[]; codeExists: (code: string) => CodeRecord | undefined; matches: (pattern: string, code: string) => boolean; evidenceOf?: (code: string) => readonly Evidence[] },
): EncounterReason[] {
  const out: EncounterReason[] = [];
  const lower = document.text.toLowerCase();
  // Every place a phrase is written, not just the first: "influenza vaccine" in a declined-last-year line must not
  // hide the line saying it was given today. Capped so a pasted page of repeats stays cheap.
  const find = (phrases: string[]) =>
    phrases.flatMap((p) => {
      const hits: { p: string; at: number }[] = [];
      for (let at = lower.indexOf(p); at >= 0 && hits.length < MAX_PHRASE_HITS; at = lower.indexOf(p, at + p.length)) if (isWordAt(lower, at, p)) hits.push({ p, at });
      return hits;
    });
  const evidenceAt = (at: number, length: number): Evidence => {
    const sentence = document.sentences.find((s) => s.start <= at && at < s.end);
    const section = sectionAt(document.sections, at)?.category;
    return { start: at, end: at + length, text: document.text.slice(at, at + length), sentence: sentence?.text ?? '', ...(section ? { section } : {}) };
  };
  const affirmed = (hits: { p: string; at: number }[]) => {
    const contexts = contextForChart(document, hits.map((h) => ({ start: h.at, end: h.at + h.p.length })));
    return hits.filter((h, i) => {
      if (contexts[i]!.negated || contexts[i]!.hypothetical || contexts[i]!.family) return false;
      // "Exam: Well child, afebrile": how the child looks, not the kind of visit.
      if (APPEARANCE_PHRASE.test(h.p) && sectionAt(document.sections, h.at)?.category === 'physical_exam' && !VISIT_NOUN_AFTER.test(lower.slice(h.at + h.p.length, h.at + h.p.length + 12))) return false;
      const sentence = document.sentences.find((s) => s.start <= h.at && h.at < s.end);
      return !sentence || !namesOtherVisit(sentence.text, h.at - sentence.start, h.at + h.p.length - sentence.start, document.header.dateOfServiceIso);
    });
  };

  const age = facts.ageInYears;
  const gyn = rules.preventive.gynecological;
  const gynecological = gyn && age !== undefined && age >= gyn.ageMin ? affirmed(find(gyn.phrases)) : [];
  const preventive = gynecological.length ? gynecological : affirmed(find([...new Set([...rules.preventive.phrases, ...ROUTINE_EXAM_PHRASES])]));
  if (preventive.length && age !== undefined) {
    const band = gynecological.length ? gyn : age >= rules.preventive.adult.ageMin ? rules.preventive.adult : age >= rules.preventive.child.ageMin ? rules.preventive.child : undefined;
    if (band) {
      // A condition the exam finds makes it an exam "with abnormal findings" (I.C.21.c.13): said in the exam or
      // results, or said to be found today. A known chronic condition managed, or a complaint the patient brought,
      // is not a finding of the exam. Without evidence to read, any other condition counts.
      // An injury first seen today is found at the visit whoever raised it, and the note may say so itself.
      const exam = examWordKeys(document);
      // A child's well visit is "with abnormal findings" for any new or active condition addressed at it (otitis, a
      // positive depression screen), whoever raised it; a known problem kept on its treatment ("acne on tretinoin,
      // improving - continue", "asthma, well controlled") is not.
      const child = band === rules.preventive.child;
      const addressedNow = (c: string) => !facts.evidenceOf || facts.evidenceOf(c).every((e) => !KNOWN_AND_MANAGED.test(e.sentence));
      const abnormal =
        STATED_ABNORMAL.test(document.text) ||
        (child && facts.otherDiagnoses.some((c) => !c.startsWith('Z') && addressedNow(c))) ||
        facts.otherDiagnoses.some((c) => !c.startsWith('Z') && (INITIAL_INJURY.test(c) || MEASURED_FINDING.test(c) || !facts.evidenceOf || facts.evidenceOf(c).some((e) => isExamFinding(e) || seenInExam(exam, e))));
      out.push({ code: abnormal ? band.withAbnormal : band.code, rule: `routine exam, age ${Math.floor(age)}${abnormal ? ', with abnormal findings' : ''} (${rules.preventive.guideline})`, evidence: [evidenceAt(preventive[0]!.at, preventive[0]!.p.length)], firstListed: true });
    }
  }

  const vaccines = affirmed(find(rules.immunization.vaccines)).filter((v) => {
    const sentence = document.sentences.find((s) => s.start <= v.at && v.at < s.end)?.text.toLowerCase() ?? '';
    // A dose with its route ("0.5 mL IM, R thigh") records a vaccine given as surely as the word "given".
    const doseAndRoute = /\b\d*\.?\d+\s*ml\b[^.;]{0,20}\b(?:im|sc|subq|sq|subcut\w*|intramuscular\w*|intranasal\w*|po|oral\w*)\b/.test(sentence);
    return (doseAndRoute || rules.immunization.given.some((g) => sentence.includes(g))) && !/\b(declined|refused|deferred|not given|due for|next visit|will return|return for|once (?:well|better|recovered)|when (?:well|better|recovered)|already (?:received|given|had|got)|previously (?:received|given)|to be (?:updated|given|done|administered)|at your office|by (?:your|her|his|their) (?:office|pcp|primary care)|(?:given|received|administered)\s+(?:in\s+|on\s+)?(?:19|20)\d\d|status (?:checked|reviewed)|up to date)\b/.test(sentence);
  });
  if (vaccines.length) out.push({ code: rules.immunization.code, rule: `immunization given (${rules.immunization.guideline})`, evidence: [evidenceAt(vaccines[0]!.at, vaccines[0]!.p.length)], firstListed: false });

  const prenatal = affirmed(find(rules.prenatal.phrases));
  const weeks = prenatal.length ? gestationalWeeks(document) : undefined;
  if (weeks) {
    const w = Number(weeks[1]);
    const z3a = w < 8 ? 'Z3A.01' : w > 42 ? 'Z3A.49' : `Z3A.${String(w).padStart(2, '0')}`;
    if (facts.codeExists(z3a)) out.push({ code: z3a, rule: `${w} weeks of gestation (${rules.prenatal.guideline})`, evidence: [evidenceAt(weeks.index, weeks[0].length)], firstListed: false });
    const complicated = facts.otherDiagnoses.some((c) => c.startsWith('O'));
    if (prenatal.length && !complicated) {
      const trimester = w < 14 ? '1' : w < 28 ? '2' : '3';
      const gravida = /\bG(\d)\s*P/i.exec(document.text);
      const table = gravida && gravida[1] === '1' ? rules.prenatal.firstPregnancy : rules.prenatal.laterPregnancy;
      const code = table[trimester];
      if (code && facts.codeExists(code)) out.push({ code, rule: `supervision of a normal pregnancy, trimester ${trimester} (${rules.prenatal.guideline})`, evidence: [evidenceAt(prenatal[0]!.at, prenatal[0]!.p.length)], firstListed: true });
    }
  }

  const followUp = rules.followUp;
  if (followUp && facts.otherDiagnoses.some((c) => facts.matches(followUp.history, c)) && !facts.otherDiagnoses.some((c) => followUp.unlessCoded.some((p) => facts.matches(p, c)))) {
    // The visit's own purpose, not a history line ("surveillance exam 2019" under past history) or the next one the
    // plan books ("Return for a surveillance visit in 6 months").
    const said = affirmed(find(followUp.phrases)).find((h) => !/history|^plan$|^instructions$/.test(sectionAt(document.sections, h.at)?.category ?? ''));
    if (said) {
      const histories = facts.otherDiagnoses.filter((c) => facts.matches(followUp.history, c));
      out.push({ code: followUp.code, rule: `follow-up after completed treatment (${followUp.guideline})`, evidence: [evidenceAt(said.at, said.p.length)], firstListed: true, followedBy: histories });
    }
  }

  const monitoring = rules.drugMonitoring;
  const monitored = monitoring ? facts.otherDiagnoses.filter((c) => facts.matches(monitoring.longTerm, c)) : [];
  if (monitoring && monitored.length && facts.codeExists(monitoring.code)) {
    // The visit's own purpose, not a plan to check the level next time.
    // "Nosebleed …; due for INR check": a check the patient is due for is not what brought them in.
    const due = (h: { at: number }) => /\b(?:due for|needs?|will|next|schedule[ds]?|plan(?:ned)?|recheck|return for)\s+(?:an?\s+|the\s+|(?:his|her|their)\s+)?$/i.test(document.text.slice(Math.max(0, h.at - 30), h.at));
    const said = affirmed(find(monitoring.phrases)).find((h) => !due(h) && !/history|^plan$|^instructions$/.test(sectionAt(document.sections, h.at)?.category ?? ''));
    if (said) out.push({ code: monitoring.code, rule: `visit to monitor a long-term drug (${monitoring.guideline})`, evidence: [evidenceAt(said.at, said.p.length)], firstListed: true, followedBy: monitored });
  }

  // Ages 2-19: the BMI percentile for age (Z68.5-), with the same need for a weight diagnosis.
  if (facts.otherDiagnoses.some((c) => rules.bmi.needs.some((p) => facts.matches(p, c))) && age !== undefined && age >= 2 && age < 20) {
    const percentile = /\bBMI\b[^.;\n]{0,40}?\b(\d{1,2}(?:\.\d)?)\s*(?:st|nd|rd|th)?\s*(?:percentile|%ile|centile)/i.exec(document.text);
    if (percentile && percentile.index !== undefined) {
      const p = Number(percentile[1]);
      const code = p < 5 ? 'Z68.51' : p < 85 ? 'Z68.52' : p < 95 ? 'Z68.53' : 'Z68.54';
      // At or above the 95th percentile the code needs the BMI as a percentage of the 95th percentile when stated.
      const ofP95 = p >= 95 ? /\b(\d{3})\s*%\s*of\s*(?:the\s*)?95th/i.exec(document.text) : null;
      const exact = ofP95 ? (Number(ofP95[1]) >= 140 ? 'Z68.56' : Number(ofP95[1]) >= 120 ? 'Z68.55' : 'Z68.54') : code;
      if (facts.codeExists(exact)) out.push({ code: exact, rule: `BMI at percentile ${p} for age (${rules.bmi.guideline})`, evidence: [evidenceAt(percentile.index, percentile[0].length)], firstListed: false });
    }
  }
  if (facts.otherDiagnoses.some((c) => rules.bmi.needs.some((p) => facts.matches(p, c))) && age !== undefined && age >= 20) {
    // "BMI 32.4", "BMI: 32.4", "BMI of 32" — the value right after the label, not a number from a table row below it.
    // "Wt / BMI\t88 kg / BMI 32.4": a number with a unit after it is the weight of a shared label, not the BMI.
    const bmi = [...document.text.matchAll(/\bBMI\b[ \t]*(?:is|of|:|=)?[ \t]*(\d{2}(?:\.\d)?)\b(?![ \t]*(?:kg|kgs|lb|lbs|pounds?|cm|in|%)\b)/gi)].find((m) => Number(m[1]) >= 12 && Number(m[1]) <= 90);
    if (bmi && bmi.index !== undefined) {
      const value = Number(bmi[1]);
      const code = value < 20 ? 'Z68.1' : value < 26 ? `Z68.${Math.floor(value)}` : value < 40 ? `Z68.${Math.floor(value)}` : value < 45 ? 'Z68.41' : value < 50 ? 'Z68.42' : value < 60 ? 'Z68.43' : value < 70 ? 'Z68.44' : 'Z68.45';
      if (facts.codeExists(code)) out.push({ code, rule: `BMI ${value}, adult (${rules.bmi.guideline})`, evidence: [evidenceAt(bmi.index, bmi[0].length)], firstListed: false });
    }
  }
  return out;
}

/** Weeks of gestation: "28 weeks 2 days", "28w2d", "GA 28 wks", in a sentence about the pregnancy. */
function gestationalWeeks(document: ChartDocument): RegExpExecArray | undefined {
  // The assessment states today's gestational age; the history mentions earlier ones. A figure that says it is the
  // gestational age ("30 weeks gestation", "GA today: 30 weeks") beats one that dates another event ("diagnosed at
  // 26 weeks", "growth ultrasound at 32 weeks"), which never counts.
  const rank = (s: ChartDocument['sentences'][number]) => (/assessment|diagnos/.test(document.sections[s.section]?.category ?? '') ? 0 : 1);
  const ordered = [...document.sentences].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  for (const stated of [true, false]) {
    for (const sentence of ordered) {
      if (!/pregnan|gestation|trimester|\be?ga\b|prenatal|\bIUP\b|\bG\dP\d|\bGDM\b/i.test(sentence.text)) continue;
      const m = gestationalAges(sentence.text).find((a) => Number(a[1]) >= 4 && Number(a[1]) <= 44 && !datesAnotherEvent(sentence.text, a) && (!stated || statesGestationalAge(sentence.text, a)));
      if (m) {
        m.index += sentence.start;
        return m;
      }
    }
  }
  return undefined;
}

/** Words right before a weeks figure that make it the time of something else: "at 32 weeks", "in 4 weeks", "27-36 weeks". */
const EVENT_TIME_BEFORE = /(?:\b(?:at|by|in|after|before|until|since|from|within|every|for|around|q)|\d\s*[-–]|\bto)\s*$/i;
/** Words right after it that do the same: "4 weeks ago", "8-week ultrasound", "2 weeks postpartum". */
const EVENT_TIME_AFTER = /^\s*(?:ago|later|earlier|postpartum|post[- ]?partum|ultrasound|scan|visit|follow|f\/u)\b/i;
/**
 * Words that say the figure is the gestational age: "30 weeks gestation", "30 wks pregnant", "GA: 30 weeks", "IUP at
 * 30 weeks"; before it, the pregnancy itself or its G/P summary right beside the figure ("Intrauterine pregnancy at
 * 28w3d", "G2P1001 at 28w3d"), not one a few words off ("pregnancy loss at 12 weeks").
 */
const GESTATION_AFTER = /^\s*(?:of\s+)?(?:gestation|gestational|pregnant|pregnancy|ega\b|ga\b|iup\b|by\s+(?:lmp|dates|ultrasound|us)\b|today\b)/i;
const GESTATION_BEFORE = /(?:gestational age|gestation|\be?ga\b|\biup\b|pregnant)[^.;]{0,20}$|(?:\bpregnancy|\bG\d{1,2}\s*P\d{1,4})\s*(?:(?:is\s+)?at|,|:|[-–])?\s*$/i;
/** "Today: 30 weeks", "currently 30 weeks". */
const NOW_BEFORE = /\b(?:today|currently|now)\b[^.;]{0,12}$/i;

function datesAnotherEvent(text: string, m: RegExpExecArray): boolean {
  const before = text.slice(Math.max(0, m.index - 20), m.index);
  return (EVENT_TIME_BEFORE.test(before) && !GESTATION_BEFORE.test(before)) || EVENT_TIME_AFTER.test(text.slice(m.index + m[0].length));
}

function statesGestationalAge(text: string, m: RegExpExecArray): boolean {
  const before = text.slice(Math.max(0, m.index - 30), m.index);
  return GESTATION_AFTER.test(text.slice(m.index + m[0].length)) || GESTATION_BEFORE.test(before) || (NOW_BEFORE.test(before) && !EVENT_TIME_BEFORE.test(before));
}

/** Every gestational age of a sentence, in text order (see {@link gestationalAge}). */
function gestationalAges(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (let from = 0; from < text.length; ) {
    const m = gestationalAge(text.slice(from));
    if (!m) break;
    m.index += from;
    out.push(m);
    from = m.index + Math.max(1, m[0].length);
  }
  return out;
}

/**
 * A gestational age in one sentence, weeks in group 1: "28 weeks 2 days", "28 2/7 weeks", "28+2 wks", "28w2d",
 * "GA 28", "EGA: 28.3". The days part never stands for the weeks ("28 0/7 weeks" is 28, not 7).
 */
export function gestationalAge(text: string): RegExpExecArray | undefined {
  const weeks = /\b(\d{1,2})(?:\s*\d\/7|\s*\+\s*\d)?\s*(?:w(?:ee)?ks?\b|w(?=\d|\b))(?:\s*,?\s*\d\s*d(?:ays?)?\b)?/i.exec(text);
  if (weeks) return weeks;
  return /\bE?GA\b\s*(?:of|:|=|is)?\s*(\d{1,2})(?![\d/])/i.exec(text) ?? undefined;
}

function isWordAt(text: string, at: number, phrase: string): boolean {
  const before = at === 0 ? ' ' : text[at - 1]!;
  const after = text[at + phrase.length] ?? ' ';
  return !/[a-z0-9]/.test(before) && (!/[a-z0-9]/.test(after) || phrase.endsWith(' '));
}

/** A known condition kept as it is: controlled, stable, or its treatment continued or refilled. */
const KNOWN_AND_MANAGED = /\b(?:well[- ]controlled|controlled|stable|improving|improved|continue[sd]?|refill(?:ed|s)?|renewed)\b/i;

/**
 * "Adolescent well exam with an abnormal finding", "Well visit, 16 years, with abnormal finding below", "Routine well
 * child exam, 11 years - abnormal finding: weight": the note names the exam's outcome.
 */
const STATED_ABNORMAL = /\b(?:exam|examination|visit|check)\b(?:,?\s+[\w-]+){0,3}(?:,?\s+with\s+|\s*[-–—:,]\s*)(?:an?\s+)?abnormal\s+findings?\b/i;
/**
 * A finding that is a measurement (R01 murmur, R03 blood-pressure reading, R70–R94 abnormal results): found at the
 * exam by what it is, whoever writes it in the assessment.
 */
const MEASURED_FINDING = /^R(?:01|03|7\d|8\d|9[0-4])\./;
/** An injury code of the initial encounter (S00–T14 with 7th character A or B). */
const INITIAL_INJURY = /^(?:S\d\d|T0\d|T1[0-4])\.[\dA-Z]{1,4}[AB]$/;

/** Words saying the exam found it: "found on today's exam", "noted incidentally", "new finding". */
const FOUND_AT_EXAM = /\bnewly diagnosed\b|\bnew diagnosis\b|\babnormal finding|\b(?:found|noted|discovered|detected|identified|seen)\b[^.;]{0,30}\b(?:exam|examination|today|screening|visit)\b|\bon (?:today's |this )?exam(?:ination)?\b|\bnew(?:ly)? (?:found|noted|finding|detected)\b|\bincidental(?:ly)?\b/i;
const EXAM_SECTIONS = new Set(['physical_exam', 'results']);

/**
 * The exam records what the diagnosis names: "Skin: scattered open and closed comedones" beside "acne vulgaris,
 * comedonal", "New today: moderate comedonal acne" beside "Acne vulgaris, moderate". A word of the diagnosis' item
 * (before its plan) is written in an exam section.
 */
function seenInExam(exam: ReadonlySet<string>, e: Evidence): boolean {
  if (exam.size === 0) return false;
  const at = e.sentence.indexOf(e.text);
  const item = (at < 0 ? e.text : e.sentence.slice(0, at + e.text.length + 40)).split(/\s[-–—]\s|;|:\s/)[0]!;
  return textWords(item).some((w) => w.key.length >= 4 && !EXAM_COMMON.has(w.key) && exam.has(w.key));
}

/** The word keys written in the chart's exam sections. */
function examWordKeys(document: ChartDocument): Set<string> {
  const keys = new Set<string>();
  for (const s of document.sections) if (s.category === 'physical_exam') for (const w of textWords(document.text.slice(s.heading.end, s.end))) keys.add(w.key);
  return keys;
}

/** Words an exam writes of anything: they tie no diagnosis to it. */
const EXAM_COMMON: ReadonlySet<string> = new Set(['mild', 'moderate', 'severe', 'right', 'left', 'bilateral', 'normal', 'acute', 'chronic', 'small', 'large', 'unspecified', 'without', 'with', 'other', 'well', 'visit', 'today', 'growth', 'development', 'adolescent', 'child', 'exam', 'examination', 'routine'].map(wordKey));

function isExamFinding(e: Evidence): boolean {
  return EXAM_SECTIONS.has(e.section ?? '') || FOUND_AT_EXAM.test(e.sentence);
}
