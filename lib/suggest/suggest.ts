import { combinedReceptorStatus } from './receptor-status';
import { BoundedMemo } from '../memo';
import { keepUncertainBackReferencesUncertain } from './uncertain-back-references';
import { burnExtent, dropUnspecifiedSiteBurns, highestDegreePerSite } from './burns';
import { urinaryInfectionsInPregnancy } from './pregnancy-infections';
import { dropCorrectedQualifiers } from './corrections';
import { infarctionOlderThanFourWeeks } from './infarction-age';
import { mergeEvidence } from './evidence-merge';
import { INLINE_ASSESSMENT_LABEL, sectionAt, type ChartDocument, type ChartSentence } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { inheritedNotes } from '../codesets/notes';
import type { CodeRecord, CodeSetBundle } from '../codesets/types';
import { contextForChart, defaultContextRules, type ContextResult } from '../context';
import { codeMatcher, defaultCodingRules, inSymptomSystem, type CodingRules, type SymptomSystem } from './coding-rules';
import { defaultExpansions, expandWords } from './expansions';
import { foldListItemLabels } from './list-item-labels';
import { defaultHistoryCodes, historyCodeFromWords, type HistoryCodes } from './history';
import { dropDefiniteRepeats } from './definite-repeats';
import { dropBehaviourInsideDementia, dropBracketedGloss, dropSymptomsListedAsCauses, dropUnknownPrimaryBesideNamed, dropFindingsSupportingDiagnosis } from './parentheticals';
import { insectBitesAreSuperficial, openBitesFromBiteWounds } from './bite-wounds';
import { encounterReasons } from './encounter-reasons';
import { followUpAfterTreatment } from './follow-up-after-treatment';
import { familyReferredBack } from './family-referral';
import { historyAskedFor, symptomsTheNoteAsksFor, withSymptomsSibling } from './asked-by-notes';
import { preferIdentifiedOrganism } from './identified-organism';
import { postproceduralCode } from './postprocedural';
import { screeningEncounters } from './screening-encounters';
import { dropNamedSkinLesions, lesionOfUncertainSkinDiagnosis } from './skin-lesions';
import { otherLigamentWhenNamed, unspecifiedLigamentWhenNoneNamed } from './named-ligaments';
import { DIABETES, diabetesCombination } from './diabetes-links';
import { dropOrganCatchAllOfDiabetes, linkDiabetes } from './diabetes-coding';
import { hivStatusWithoutDisease } from './hiv-status';
import { surgicalAftercare } from './surgical-aftercare';
import { linkHypertension, stageOfLinkedCkd } from './hypertension-links';
import { linkCoronaryAngina } from './coronary-angina';
import { dementiaWithEtiology } from './dementia-etiology';
import { codeSecondaryNeoplasms } from './secondary-neoplasms';
import { treatmentEncounters } from './treatment-encounters';
import { namedAsOrderedTest } from './ordered-tests';
import type { DiagnosedProblem } from './procedures/types';
import { injuryEncounter, seventhCharacterFor, type EncounterKind } from './injury-encounter';
import { DiagnosisLexicon } from './lexicon';
import { dropUnspecifiedSiteInside } from './unspecified-site';
import { matchSentence, mostSpecific, type DiagnosisMatch } from './mentions';
import { defaultBodySites, qualifiedSibling, siteSpecificCode } from './site-specificity';
import { osteoporoticFractures } from './osteoporotic-fractures';
import { textWordKeys, textWords, wordKey } from './text-words';
import { withTobaccoGivenUp } from './tobacco-given-up';
import { sideWords } from './side-abbreviations';
import { dropStatedIntegral } from './stated-integral';
import { codesIn, linesName, notesWithAncestors, refCovers } from './tabular-notes';
export { codesIn } from './tabular-notes';
import type { CareSetting, Evidence, ExcludedCandidate, ExclusionReason, Suggestion, SuggestionResult } from './types';

/** Options for {@link SuggestionEngine.suggest}. */
export interface SuggestOptions {
  /** Outpatient codes symptoms for uncertain diagnoses; inpatient codes the uncertain diagnosis. Default: 'outpatient'. */
  setting?: CareSetting;
  /** Date of service (ISO) choosing the code-set release. Default: the chart header's, else today. */
  dateOfService?: string;
  /** Payer, for Medicare-only HCPCS codes (G codes). Default: read from the chart, else 'other'. */
  payer?: 'medicare' | 'other';
}

/** The procedure stage's contract: a chart and the code sets in, procedure suggestions and set-asides out. */
export type ProcedureStage = (
  document: ChartDocument,
  catalog: CodeSetCatalog,
  options: { dateOfService: string; payer?: 'medicare' | 'other'; setting: CareSetting; diagnosedProblems?: readonly DiagnosedProblem[] },
) => { procedures: Suggestion[]; excluded: ExcludedCandidate[] };

/** Sections a coder codes diagnoses from, when the chart has them (the assessment, not the history of present illness). */
const CODING_SECTIONS = new Set(['assessment', 'assessment_and_plan', 'diagnoses', 'problem_list', 'plan', 'reason_for_visit', 'chief_complaint', 'encounters', 'procedures']);
/** A procedure's findings line: "Findings: thick mucoid drainage …". */
const PROCEDURE_FINDINGS = /^\s*findings\b/i;
/** Whether the chart has an assessment, plan, diagnosis or problem-list section (a letter or narrative note may not). */
function hasCodingSectionIn(document: ChartDocument): boolean {
  return document.sentences.some((s) => {
    const category = s.section >= 0 ? document.sections[s.section]?.category : undefined;
    return category !== undefined && CODING_SECTIONS.has(category);
  });
}

/** Words that show a family history bears on the visit (Guideline I.C.21.c.4: family history codes when relevant to care). */
const FAMILY_RELEVANT = /\b(screen\w*|test\w*|risk|refer\w*|colonoscop\w*|mammogra\w*|indicated|reason|because|given|genetic\w*|brca|early|relevant|choice|interval|surveillance|counsel\w*)\b/i;
/**
 * A history sentence reasoning with the family history in the same breath: the clinician says it shapes this visit.
 */
const FAMILY_REASONED = /\b(?:lowers? (?:my|our|the) threshold|more inclined|(?:another |the |a )?reason (?:for|to|why)|this is why|which is why|part of why|supports? (?:my|the|our) diagnosis|higher[- ]risk (?:group|category)|(?:\d+|five|ten)[- ]year (?:colonoscopy |screening )?interval|because of (?:the |this |that )?(?:first[- ]degree )?relative)\b/i;
/** …unless the chart says it does not. */
const FAMILY_NOT_RELEVANT = /\b(no|not)\b[^.;]{0,20}\b(implications?|indicated|needed|relevant|screening|bearing|impact|effect|change (?:to|in) (?:the |her |his )?(?:plan|management|care))\b/i;

/**
 * Whether the sentence (or the next one of the same item) says the family history bears on this visit. A family
 * history the clinician lists in the assessment itself was addressed at the visit, which is what makes it relevant.
 */
function familyHistoryMatters(document: ChartDocument, sentence: ChartSentence, family = true): boolean {
  const index = document.sentences.indexOf(sentence);
  const next = document.sentences[index + 1];
  // The next sentence counts only when it continues the same line (item); the next list item is another problem.
  const sameItem = next && next.section === sentence.section && !next.isHeading && !document.text.slice(sentence.end, next.start).includes('\n');
  const text = `${sentence.text} ${sameItem ? next.text : ''}`;
  if (FAMILY_NOT_RELEVANT.test(text)) return false;
  const category = sectionAt(document.sections, sentence.start)?.category ?? '';
  // A plan item that is itself about the family history ("- Family history of migraine (mother) supports the diagnosis").
  const planItem = category === 'plan' && /^\s*(?:[-•*·]|\d{1,2}[.)])?\s*family (?:history|hx)\b/i.test(sentence.text);
  return FAMILY_RELEVANT.test(text) || (family && (ASSESSMENT_PROPER.has(category) || planItem));
}

/** A family-history code (Z80-Z84) picked from a mention: said in the chart's words, or derived from the condition. */
interface FamilyCodeCandidate {
  record: CodeRecord;
  evidence: Evidence[];
  rule: string;
  confidence: number;
  candidate: Candidate;
  /** True when mapped from the relative's condition (history-codes.json), false when the chart names the Z code's title. */
  derived: boolean;
}

/** Z80.9 and its kind: a family-history code that names no organ or system. */
function isUnspecifiedFamilyCode(record: CodeRecord): boolean {
  return /^Z8[0-4]/.test(record.code) && /\bunspecified\b/i.test(record.title);
}

/**
 * One family-history code per thing said, sentence by sentence: the organ-specific code a named condition gives
 * beats an organ-less title ("thyroid cancer" → Z80.8, not Z80.9); a Z title the chart states beats a code derived
 * from words inside it ("polycystic kidney" → Z82.71, not kidney disease); of derived codes whose words overlap,
 * the tightest phrase wins ("alcohol dependence", not "dependence … stimulant").
 */
function tightestFamilyCodes(all: FamilyCodeCandidate[]): FamilyCodeCandidate[] {
  const overlaps = (a: FamilyCodeCandidate, b: FamilyCodeCandidate) => a.candidate.match.start < b.candidate.match.end && b.candidate.match.start < a.candidate.match.end;
  const span = (f: FamilyCodeCandidate) => f.candidate.match.end - f.candidate.match.start;
  return all.filter((f) => {
    const same = all.filter((o) => o !== f && o.candidate.sentence === f.candidate.sentence);
    if (!f.derived) return !(isUnspecifiedFamilyCode(f.record) && same.some((o) => o.derived && overlaps(o, f)));
    if (same.some((o) => !o.derived && !isUnspecifiedFamilyCode(o.record) && overlaps(o, f))) return false;
    return !same.some((o) => o.derived && o.record.code !== f.record.code && overlaps(o, f) && (span(o) < span(f) || (span(o) === span(f) && all.indexOf(o) < all.indexOf(f))));
  });
}

/** Sections where a clinician addresses a drug: continuing, monitoring or refilling it is managing long-term therapy. */
const ADDRESSED_SECTIONS = new Set(['assessment', 'assessment_and_plan', 'plan', 'diagnoses', 'problem_list']);
/** Sections that tell the story or the plan, not the diagnoses. */
const NARRATIVE_SECTIONS = new Set(['chief_complaint', 'reason_for_visit', 'history_of_present_illness', 'plan', 'procedures', 'instructions']);
/** Sections that state the visit's diagnoses. */
const ASSESSMENT_SECTIONS = new Set(['assessment', 'assessment_and_plan', 'diagnoses', 'problem_list']);
/** A problem numbered with "#" at the start of its line ("#1 Alzheimer disease"). */
const NUMBERED_PROBLEM = /^\s*#\s*\d{1,2}[.):]?\s+[A-Za-z]/;

/** A problem list that says it was carried over, not worked on today. */
const CARRIED_FORWARD = /\b(?:carried forward|copied forward|copied from|carried over|from (?:the )?prior (?:note|visit)|not addressed today|not addressed at this visit|deferred to|not reviewed today|reviewed at (?:her|his|their|the) (?:\d{4}-\d\d-\d\d |last |prior )?visit)\b/i;
/** A problem another clinician manages ("Hypertension - managed by PCP", "followed by cardiology"). */
const MANAGED_ELSEWHERE = /\b(?:managed|followed|treated) by (?:(?:her|his|their|the) )?(?:pcp|primary care|cardiolog\w*|nephrolog\w*|endocrin\w*|neurolog\w*|psychiatr\w*|oncolog\w*|rheumatolog\w*|pulmonolog\w*|another|outside|other)\b/i;

/** A letter's salutation on a line of its own ("Dear Dr. Achterberg,"). */
const LETTER_SALUTATION = /^\s*dear\s+(?:dr\.?|doctor|colleague|mr\.?|mrs\.?|ms\.?)/im;

/** A letter with no assessment or problem list of its own: its narrative is where the assessment is told. */
function isLetterWithPlanOnly(document: ChartDocument): boolean {
  return LETTER_SALUTATION.test(document.text) && !document.sections.some((s) => ASSESSMENT_PROPER.has(s.category ?? '') || s.category === 'problem_list');
}

/** The clinician's assessment itself (a problem list may be a chart-wide list or a complaint heading). */
const ASSESSMENT_PROPER = new Set(['assessment', 'assessment_and_plan', 'diagnoses']);
/** Sections never read for diagnoses: negative lists and other people's conditions are handled by ConText elsewhere. */
const SKIPPED_SECTIONS = new Set(['review_of_systems', 'medications', 'allergies', 'immunizations', 'vital_signs', 'social_history', 'instructions', 'goals', 'payers', 'advance_directives', 'functional_status', 'medical_equipment']);

/** A diagnosis candidate with its context and where it was found. */
interface Candidate {
  match: DiagnosisMatch;
  record: CodeRecord;
  context: ContextResult;
  sentence: ChartSentence;
  section?: string;
  /** Said inside a diabetes phrase: coded only through the diabetes combination it names. */
  inner?: boolean;
  /** Said in the HPI of a note with an assessment: it can only make an assessed code more specific. */
  refinesOnly?: boolean;
}

/**
 * The suggestion engine: chart document in, ICD-10-CM / CPT / HCPCS suggestions out, each with its evidence.
 * Stages: pick the sentences a coder codes from → words and expansions → title/inclusion-term matches →
 * most specific reading → ConText (negated, family, history, uncertain) → guideline rules (combinations,
 * use-additional-code companions, history Z codes, 7th characters) → procedures → sequencing.
 *
 * ### Usage:
 * ```ts
 * const engine = new SuggestionEngine(catalog);
 * const result = engine.suggest(chartFromText(note));
 * result.diagnoses[0]; // {system: 'icd10cm', code: 'E11.65', evidence: [...], rule: 'term: …'}
 * ```
 */
export class SuggestionEngine {
  private readonly lexicons = new Map<string, DiagnosisLexicon>();

  constructor(
    private readonly catalog: CodeSetCatalog,
    /** The procedure stage (E/M level, drugs and units, named procedures, modifiers); none means diagnoses only. */
    private readonly procedures?: ProcedureStage,
    private readonly rules: CodingRules = defaultCodingRules,
    private readonly history: HistoryCodes = defaultHistoryCodes,
  ) {}

  /** The lexicon of one ICD-10-CM release, built on first use (about a second) and kept. */
  lexiconFor(set: CodeSetBundle): DiagnosisLexicon {
    let lexicon = this.lexicons.get(set.id);
    if (!lexicon) {
      lexicon = DiagnosisLexicon.build(set.codes, { index: set.index?.entries });
      this.lexicons.set(set.id, lexicon);
    }
    return lexicon;
  }

  /** Suggests codes for a chart. Never throws on odd input: an empty chart gives empty lists. */
  suggest(chart: ChartDocument, options: SuggestOptions = {}): SuggestionResult {
    // Diagnoses read labelled list items as part of their assessment; the procedure stage sees the chart as detected.
    const document = foldListItemLabels(chart);
    const setting = options.setting ?? 'outpatient';
    const dateOfService = options.dateOfService ?? document.header.dateOfServiceIso ?? new Date().toISOString().slice(0, 10);
    const result: SuggestionResult = { diagnoses: [], procedures: [], excluded: [], header: document.header, setting, notices: [] };
    let icd = this.catalog.setFor('icd10cm', dateOfService);
    if (!icd) {
      // A date before every loaded release (an old chart): code with the newest release, and say so.
      icd = this.catalog.codeSets.find((s) => s.system === 'icd10cm');
      if (!icd) return result;
      result.notices.push(`The date of service ${dateOfService} is before the ICD-10-CM releases loaded; codes are from ${icd.version}.`);
    }
    const lexicon = this.lexiconFor(icd);

    const oldInfarction = lexicon.indexOf.get('I25.2');
    // "NSTEMI 2025-11-18 treated with a stent" seen months later: an MI dated more than four weeks back is old (I25.2).
    const candidates = this.findCandidates(document, lexicon).map((c) =>
      /^I2[12]/.test(c.record.code) && oldInfarction !== undefined && infarctionOlderThanFourWeeks(document.text.slice(c.match.end, c.sentence.end), dateOfService) ? { ...c, record: lexicon.codes[oldInfarction]! } : c,
    );
    const excluded: ExcludedCandidate[] = [];
    const chosen = new Map<string, Suggestion>();
    const add = (record: CodeRecord, evidence: Evidence[], rule: string, confidence: number) => {
      const existing = chosen.get(record.code);
      if (existing) {
        mergeEvidence(existing.evidence, evidence);
        existing.confidence = Math.max(existing.confidence, confidence);
        return;
      }
      chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence, rule, evidence: [...evidence], warnings: [] });
    };

    const ageInYears = yearsBetween(document.header.dobIso, dateOfService);
    const firstListed = new Set<string>();
    // Codes a visit reason puts right after itself (Z08 → Z85.3), whatever the order they are written in.
    const listedAfterReason = new Map<string, string[]>();
    const familyCodes: FamilyCodeCandidate[] = [];
    // The categories each personal history code was read from ("Hx pyelonephritis" → Z87.440 from N12).
    const historySources = new Map<string, Set<string>>();
    let hasCoding: boolean | undefined;
    const codingSections = () => (hasCoding ??= hasCodingSectionIn(document));
    const diabetesConditions: Suggestion[] = [];
    // Whether the chart says its problem list is not addressed at this visit (read once, on the first problem-list mention).
    let listSetAside: boolean | undefined;
    const refiners: { record: CodeRecord; evidence: Evidence }[] = [];
    for (const c of candidates) {
      const evidence = [evidenceOf(document, c)];
      if (c.refinesOnly) {
        const f = c.context;
        if (!(f.negated || f.ruledOut || f.family || f.otherExperiencer || f.historical || f.hypothetical || f.uncertain)) refiners.push({ record: c.record, evidence: evidence[0]! });
        // A past condition told in the HPI ("former smoker, quit in 2019") stands by as its history code, for a note that asks for it.
        else if (f.historical && !(f.negated || f.ruledOut || f.family || f.otherExperiencer || f.hypothetical)) {
          const personal = this.history.personal(c.record.code);
          const mapped = personal ? resolveBillable(lexicon, personal) : undefined;
          // A past cancer the note keeps watch on ("excised 2019, no recurrence; skin checks every 6 months for
          // that reason") is this visit's care wherever it is told.
          if (mapped && /^(?:C|D0)/.test(c.record.code) && cancerUnderSurveillance(document, c.sentence)) add(mapped, evidence, `personal history of ${c.record.title} (Z85-Z87), under surveillance`, 0.75);
          else if (mapped) refiners.push({ record: mapped, evidence: evidence[0]! });
        }
        // A relative's condition told in the HPI counts as family history the assessment or plan may refer back to.
        if (!(f.family && !f.negated && !f.ruledOut)) continue;
      }
      if (c.inner) {
        const f = c.context;
        if (!(f.negated || f.ruledOut || f.family || f.otherExperiencer || f.historical || f.hypothetical || (f.uncertain && setting === 'outpatient'))) {
          // One entry per code, its mentions gathered: a long chart repeats the same phrase.
          const same = diabetesConditions.find((d) => d.code === c.record.code);
          if (same) same.evidence.push(...evidence);
          else diabetesConditions.push({ system: 'icd10cm', code: c.record.code, title: c.record.title, confidence: confidenceOf(c), rule: `term: ${c.record.title}`, evidence, warnings: [] });
        }
        continue;
      }
      const code = c.record.code;
      // Codes a coder assigns from the encounter's purpose, never from a passing word (counseling, blood type).
      if (this.rules.notFromMentions.some((p) => codeMatcher(p)(code))) continue;
      // Perinatal codes (chapter 16) belong to newborns: the Medicare Code Editor's perinatal age edit.
      if (code.startsWith('P') && ageInYears !== undefined && ageInYears >= 1) {
        excluded.push({ system: 'icd10cm', code, title: c.record.title, reason: 'not-billable', explanation: `a perinatal code, and the patient is ${Math.floor(ageInYears)} years old`, evidence });
        continue;
      }
      const isFamilyCode = /^Z8[0-4]/.test(code);
      // Status codes (Z93-Z99 "Presence of …", "… status", "Acquired absence of …") state a fact that "s/p" introduces.
      const isHistoryCode = /^Z8[5-7]/.test(code) || code === 'I25.2' || (/^Z9[3-9]/.test(code) && /\b(presence of|status|acquired absence)\b/i.test(c.record.title));
      const flags = c.context;
      const why = (reason: ExclusionReason, explanation: string) => excluded.push({ system: 'icd10cm', code, title: c.record.title, reason, explanation, evidence });
      const trigger = (category: string) => flags.modifiers.find((m) => m.category === category)?.text ?? flags.modifiers.find((m) => m.category === category)?.literal;

      // "Chronic problems were managed at his last visit and are not addressed today": the problem list is set aside.
      if (c.section === 'problem_list' && (listSetAside ??= PROBLEMS_NOT_ADDRESSED.test(document.text))) {
        why('not-assessed', 'on the problem list, which the chart says is not addressed at this visit');
        continue;
      }
      // "Hypertension - managed at her chronic-care visits; not addressed today": listed, not part of this visit.
      const notAddressed = NOT_ADDRESSED.exec(document.text.slice(c.match.end, c.sentence.end));
      if (notAddressed && !isHistoryCode && !isFamilyCode) {
        why('not-assessed', `the chart says it was “${notAddressed[0].trim()}”`);
        continue;
      }
      // "… so iron deficiency is not the cause": a verdict right after the words negates just them (ConText's
      // backward scope would reach the whole sentence).
      const verdict = flags.negated ? null : NEGATED_AFTER.exec(document.text.slice(c.match.end, c.match.end + 40));
      if (verdict) {
        why('negated', `negated by “${verdict[0].trim()}”`);
        continue;
      }
      // "History of postpartum depression, resolved": a past condition, coded as its history, not a negated one.
      const resolvedHistory = flags.negated && flags.historical && !flags.ruledOut && /resol/i.test(trigger('NEGATED_EXISTENCE') ?? '');
      if ((flags.negated || flags.ruledOut) && !resolvedHistory) {
        why(flags.ruledOut ? 'ruled-out' : 'negated', `${flags.ruledOut ? 'ruled out' : 'negated'} by “${trigger(flags.ruledOut ? 'RULED_OUT' : 'NEGATED_EXISTENCE') ?? 'a negation'}”`);
        continue;
      }
      // "COVID-19 exposure, coworker positive": a contact or exposure code (Z20.-) is about another person's illness
      // by definition; the other person is the patient's exposure, not a reason to set it aside.
      if ((flags.family || flags.otherExperiencer) && !code.startsWith('Z20')) {
        // Family history is coded when it matters to this visit (screening, testing, risk, a treatment choice).
        const relevant = familyHistoryMatters(document, c.sentence, flags.family);
        if (isFamilyCode) {
          if (relevant) familyCodes.push({ record: c.record, evidence, rule: `term: ${c.match.term.fromTitle ? c.record.title : 'inclusion term'}`, confidence: 0.8, candidate: c, derived: false });
          else why('family', 'family history noted without bearing on this visit');
          continue;
        }
        const family = this.history.family(code);
        const familyRecord = family ? resolveBillable(lexicon, family) : undefined;
        why('family', `about a family member, not the patient${familyRecord ? ` (coded as ${familyRecord.code})` : ''}`);
        // Family history is coded when the visit addresses it (assessment/plan), not from a routine history list.
        // A letter or narrative note with no assessment section reasons in its body ("Given her father's colon cancer…").
        // So does a history section that says why it matters ("Brother with colon cancer at 58. … due on the 5-year interval").
        // So does a history sentence that says it in the same breath ("His father was diagnosed with colon cancer at
        // 61, which lowers my threshold and is another reason for a complete evaluation").
        const saysWhyHere = FAMILY_REASONED.test(c.sentence.text) && !FAMILY_NOT_RELEVANT.test(c.sentence.text) && (c.section === 'history_of_present_illness' || c.section === 'family_history');
        if (familyRecord && flags.family && relevant && ((c.section && CODING_SECTIONS.has(c.section)) || c.section === 'past_medical_history' || saysWhyHere || (!c.refinesOnly && !codingSections()))) familyCodes.push({ record: familyRecord, evidence, rule: `family history of ${c.record.title} (Z80-Z84)`, confidence: 0.75, candidate: c, derived: true });
        else if (familyRecord && flags.family && !(c.section && CODING_SECTIONS.has(c.section))) {
          // The history list states it; the assessment reasons with it ("given mother's bipolar I"): addressed.
          const back = familyReferredBack(document, evidence[0]!.text, (category) => category !== undefined && CODING_SECTIONS.has(category));
          if (back && familyHistoryMatters(document, back)) {
            const section = sectionAt(document.sections, back.start)?.category;
            const said: Evidence = { start: back.start, end: back.end, text: back.text, sentence: back.text, ...(section ? { section } : {}) };
            familyCodes.push({ record: familyRecord, evidence: [...evidence, said], rule: `family history of ${c.record.title} (Z80-Z84), referred to in the ${section?.replace(/_/g, ' ') ?? 'assessment'}`, confidence: 0.7, candidate: c, derived: true });
          }
        }
        continue;
      }
      if (isFamilyCode && !familyHistoryMatters(document, c.sentence)) {
        why('family', 'family history noted without bearing on this visit');
        continue;
      }
      // A history or family-history code states a fact even inside a plan ("screening mammogram (personal history of breast cancer)").
      if (isFamilyCode) {
        familyCodes.push({ record: c.record, evidence, rule: `term: ${c.record.title}`, confidence: 0.8, candidate: c, derived: false });
        continue;
      }
      if (isHistoryCode) {
        add(c.record, evidence, `term: ${c.record.title}`, 0.8);
        continue;
      }
      if (flags.hypothetical) {
        why('hypothetical', `hypothetical or planned (“${trigger('HYPOTHETICAL') ?? 'if'}”)`);
        continue;
      }
      // "Hx pernicious anemia, on monthly cyanocobalamin", "history of hypertension on lisinopril": a history the
      // chart still treats is a current condition (history-of-current), in an assessment or problem list.
      const after = clauseAfter(document.text, c.match.end, c.sentence.end);
      const stillTreated = flags.historical && c.section !== undefined && CODING_SECTIONS.has(c.section) && HISTORY_WORDS.test(trigger('HISTORICAL') ?? '') && STILL_TREATED.test(after) && !TREATMENT_ENDED.test(after);
      // "Prostate adenocarcinoma treated by prostatectomy in 2021. PET showed local recurrence … on androgen deprivation
      // therapy": a cancer that came back, or that is under treatment now, is current (C-code), whatever treated it before.
      const activeCancer = /^C/.test(code) && !flags.negated && !flags.family && cancerActiveNow(document, c.sentence);
      if (!stillTreated && !activeCancer && (flags.historical || c.section === 'past_medical_history' || c.section === 'past_surgical_history')) {
        if (isHistoryCode) {
          add(c.record, evidence, `term: ${c.record.title}`, 0.8);
          continue;
        }
        const personal = this.history.personal(code);
        const mapped = personal ? resolveBillable(lexicon, personal) : undefined;
        const personalRecord = mapped ? historyCodeFromWords(lexicon.codes, mapped, itemText(document, c.match.start) || c.sentence.text) : undefined;
        why('historical', `a past condition${personalRecord ? ` (coded as ${personalRecord.code})` : ''}`);
        // A past cancer (or carcinoma in situ) listed in a history section counts when the note keeps watch on it ("Prostate cancer:
        // radical prostatectomy 2015. PSA undetectable since. … Annual PSA ordered."): the surveillance is this visit's care.
        const historySection = c.section === 'past_medical_history' || c.section === 'past_surgical_history';
        const watched = historySection && /^(?:C|D0)/.test(code) && cancerUnderSurveillance(document, c.sentence);
        // A copied-forward inactive entry is neither today's problem nor a history the visit uses.
        const copiedForward = /^(?:inactive|copied forward)$/i.test((trigger('HISTORICAL') ?? '').trim());
        if (personalRecord && !copiedForward && ((flags.historical && !historySection) || watched)) {
          add(personalRecord, evidence, `personal history of ${c.record.title} (Z85-Z87)`, 0.75);
          historySources.set(personalRecord.code, (historySources.get(personalRecord.code) ?? new Set()).add(c.record.code.slice(0, 3)));
        }
        continue;
      }
      if (flags.uncertain && setting === 'outpatient') {
        why('uncertain', `uncertain (“${trigger('POSSIBLE_EXISTENCE') ?? 'possible'}”): outpatient coding codes the symptoms instead (Guideline IV.H)`);
        continue;
      }
      if (isFamilyCode || isHistoryCode) {
        add(c.record, evidence, `term: ${c.record.title}`, 0.8);
        continue;
      }
      add(c.record, evidence, `term: ${c.match.term.fromTitle ? c.record.title : `inclusion term of ${c.record.code}`}`, confidenceOf(c));
    }
    // A family history told in the HPI stands in only when no other section gives one: the assessment's own
    // "Family history of polycystic kidney disease (father)" is the tighter reading of the father's story.
    const fromHpi = (f: FamilyCodeCandidate) => f.candidate.refinesOnly === true;
    const familyFromHpiOnly = familyCodes.every(fromHpi);
    for (const f of tightestFamilyCodes(familyCodes.filter((f) => familyFromHpiOnly || !fromHpi(f)))) add(f.record, f.evidence, f.rule, f.confidence);

    keepUncertainBackReferencesUncertain(document, chosen, excluded, (category) => category !== undefined && CODING_SECTIONS.has(category));
    refineFromHistory(chosen, refiners, excluded);
    this.refineSites(document, chosen, lexicon);
    codeSecondaryNeoplasms(document, chosen, lexicon, excluded, (category) => category !== undefined && CODING_SECTIONS.has(category));
    openBitesFromBiteWounds(chosen, lexicon, excluded);
    insectBitesAreSuperficial(chosen, lexicon, excluded);
    // Before the Excludes1 step: I20's note would keep only the CAD code "without angina".
    linkCoronaryAngina(chosen, excluded, (code) => resolveBillable(lexicon, code));
    this.dropLessSpecific(chosen, lexicon, excluded);
    this.dropIntegralSymptoms(chosen, excluded, lexicon);
    this.keepAssessed(document, chosen, lexicon, excluded);
    linkDiabetes(document, chosen, lexicon, diabetesConditions, excluded, (category) => category !== undefined && CODING_SECTIONS.has(category));
    dementiaWithEtiology(chosen, lexicon, excluded);
    dropBehaviourInsideDementia(chosen, excluded);
    dropSymptomsListedAsCauses(chosen, excluded);
    dropFindingsSupportingDiagnosis(chosen, excluded);
    dropUnknownPrimaryBesideNamed(chosen, excluded);
    dropBracketedGloss(chosen, excluded);
    this.dropHistoryOfActive(chosen, excluded, historySources);
    dropFamilyHistoryCodedAsExposure(chosen, excluded);
    dropSitelessInfectionBesideSite(chosen, excluded);
    dropCorrectedQualifiers(document, chosen, excluded);
    highestDegreePerSite(chosen, excluded);
    dropUnspecifiedSiteBurns(chosen, excluded);
    burnExtent(document, chosen, (code) => resolveBillable(lexicon, code));
    lesionOfUncertainSkinDiagnosis(chosen, excluded, resolveBillable(lexicon, 'L98.9'));
    dropNamedSkinLesions(chosen, excluded);
    otherLigamentWhenNamed(chosen, lexicon, excluded);
    unspecifiedLigamentWhenNoneNamed(chosen, lexicon, excluded);
    osteoporoticFractures(document, chosen, excluded, (code) => resolveBillable(lexicon, code));
    linkHypertension(chosen, excluded, (code) => resolveBillable(lexicon, code));
    stageOfLinkedCkd(document.text, chosen, (code) => resolveBillable(lexicon, code));
    hivStatusWithoutDisease(document, chosen, excluded, (code) => resolveBillable(lexicon, code));
    const aftercare = surgicalAftercare(document, chosen, excluded, (code) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]?.chapter, (code) => resolveBillable(lexicon, code));
    if (aftercare) firstListed.add(aftercare);
    this.applyCombinations(chosen, lexicon);
    dropOrganCatchAllOfDiabetes(chosen, excluded);
    // A combination code can make an earlier choice the less specific one (I13.0 over I13.10).
    this.dropLessSpecific(chosen, lexicon, excluded);
    this.dropIncludedConditions(chosen, lexicon, excluded);
    dropDefiniteRepeats(chosen, excluded);
    this.dropSymptomsOfDiagnosedSystem(document, chosen, lexicon, excluded);
    dropStatedIntegral(chosen, excluded);
    this.addCompanions(document, chosen, lexicon);
    withSymptomsSibling(chosen, lexicon, (code) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]);
    historyAskedFor(document, chosen, lexicon, (code) => resolveBillable(lexicon, code));
    askedFromHistory(chosen, refiners, lexicon);
    symptomsTheNoteAsksFor(document, chosen, lexicon, (category) => category !== undefined && CODING_SECTIONS.has(category), (code) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]);
    // After the notes' companions: "use additional code … estrogen receptor status (Z17.0, Z17.1)" at Z79.811 is
    // satisfied by the combined status.
    combinedReceptorStatus(document, chosen, excluded, (code) => resolveBillable(lexicon, code));
    for (const reason of encounterReasons(document, this.rules.encounterReasons, {
      ageInYears,
      otherDiagnoses: [...chosen.keys()],
      codeExists: (code) => resolveBillable(lexicon, code),
      matches: (pattern, code) => codeMatcher(pattern)(code),
      evidenceOf: (code) => chosen.get(code)?.evidence ?? [],
    })) {
      const record = resolveBillable(lexicon, reason.code);
      if (record && !chosen.has(record.code)) {
        chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.8, rule: reason.rule, evidence: reason.evidence, warnings: [] });
        if (reason.firstListed) firstListed.add(record.code);
        if (reason.followedBy?.length) {
          listedAfterReason.set(record.code, reason.followedBy);
          for (const code of reason.followedBy) firstListed.add(code);
        }
      }
    }
    this.followUpAfterTreatment(document, candidates, chosen, lexicon, excluded, firstListed, listedAfterReason);
    // A weeks-of-gestation code from the visit's purpose makes the "weeks not specified" one read from the text redundant.
    this.dropLessSpecific(chosen, lexicon, excluded);
    urinaryInfectionsInPregnancy(chosen, excluded, (code) => resolveBillable(lexicon, code), (code) => notesWithAncestors(lexicon, code).inclusionTerms);
    this.checkNotes(chosen, lexicon, excluded);

    // The procedure stage runs first: a chemotherapy administration line makes the visit a chemotherapy encounter.
    // The diagnoses' evidence gives a letter with no assessment of its own its problems for the MDM estimate.
    const diagnosedProblems = [...chosen.values()].filter((s) => !s.code.startsWith('Z') && s.evidence.length > 0).map((s) => ({ start: s.evidence[0]!.start, end: s.evidence[0]!.end, code: s.code, evidence: s.evidence }));
    const procedures = this.procedures ? this.procedures(chart, this.catalog, { dateOfService, setting, diagnosedProblems, ...(options.payer ? { payer: options.payer } : {}) }) : undefined;
    if (chosen.size && [...chosen.keys()].some((c) => /^C|^D0/.test(c))) {
      for (const t of treatmentEncounters(document, procedures?.procedures ?? [], this.rules.drugClasses['antineoplastic-immunotherapy'] ?? [])) {
        const record = resolveBillable(lexicon, t.code);
        if (!record || chosen.has(record.code)) continue;
        chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.8, rule: `${t.rule} (Guideline I.C.2.e.2: Z51 first-listed, the cancer after)`, evidence: t.evidence, warnings: [] });
        firstListed.add(record.code);
      }
    }
    // A screening billed today (an instrument, 96127/G0444; an HIV test) is a screening encounter (Z13.3-, Z11.4).
    for (const s of screeningEncounters(procedures?.procedures ?? [], [...chosen.keys()])) {
      const record = resolveBillable(lexicon, s.code);
      if (record && !chosen.has(record.code)) chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.75, rule: 'screening done at the visit (Guideline I.C.21.c.5)', evidence: s.evidence, warnings: [] });
    }
    // A contraceptive device placed or removed today is the visit's reason when the chart names none (Z30.430).
    for (const reason of this.rules.procedureReasons ?? []) {
      const line = procedures?.procedures.find((l) => l.code === reason.procedure);
      if (!line || [...chosen.keys()].some(codeMatcher(reason.unlessCoded))) continue;
      if (reason.whenChartSays !== undefined && !new RegExp(reason.whenChartSays, 'i').test(document.text)) continue;
      const record = resolveBillable(lexicon, reason.code);
      if (!record) continue;
      chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.75, rule: `procedure done at the visit (${line.code}) (${reason.guideline})`, evidence: line.evidence, warnings: [] });
      firstListed.add(record.code);
    }
    // A vaccine administration billed today (read from the product lines) is an immunization encounter (Z23), however
    // the chart lists the vaccines ("Immunizations given today" as a table).
    const immunization = this.rules.encounterReasons.immunization;
    const administered = procedures?.procedures.find((l) => VACCINE_ADMINISTRATION.test(l.code));
    const z23 = resolveBillable(lexicon, immunization.code);
    if (administered && z23 && !chosen.has(z23.code)) {
      chosen.set(z23.code, { system: 'icd10cm', code: z23.code, title: z23.title, confidence: 0.8, rule: `vaccine administration billed (${administered.code}) (${immunization.guideline})`, evidence: administered.evidence, warnings: [] });
    }
    // The other way round: a vaccine the chart names as given, where the procedure stage bills none, was given
    // elsewhere or on another day ("Tdap given in the ED 4 days ago"); the visit was not for an immunization.
    if (procedures && !administered && z23 && chosen.get(z23.code)?.rule.startsWith('immunization given')) {
      const dropped = chosen.get(z23.code)!;
      chosen.delete(z23.code);
      excluded.push({ system: 'icd10cm', code: dropped.code, title: dropped.title, reason: 'historical', explanation: 'A vaccine is named as given, but no administration was documented at this visit', evidence: dropped.evidence });
    }
    const codes = [...chosen.keys()];
    const codedAfter = (code: string) => [
      ...(listedAfterReason.get(code) ?? []),
      ...notesWithAncestors(lexicon, code).useAdditional.flatMap((line) => codes.filter((other) => other !== code && mentionsCode(line, other))),
    ];
    result.diagnoses = sequence([...chosen.values()], this.rules, firstListed, codedAfter);
    result.excluded = dedupeExcluded(excluded, chosen);
    if (procedures) {
      // No payer given: the procedure stage reads it from the chart (Medicare for an AWV or a Medicare card).
      result.procedures = procedures.procedures;
      result.excluded.push(...procedures.excluded);
    }
    return result;
  }

  /** Matches in the sentences a coder codes from, reduced to the most specific reading, with ConText. */
  private findCandidates(document: ChartDocument, lexicon: DiagnosisLexicon): Candidate[] {
    const categories = document.sentences.map((s) => (s.section >= 0 ? document.sections[s.section]?.category : undefined));
    const hasCodingSection = hasCodingSectionIn(document);
    const letterWithPlanOnly = hasCodingSection && isLetterWithPlanOnly(document);
    const hasAssessment = categories.some((c) => c !== undefined && ASSESSMENT_PROPER.has(c));
    const procedureOnlyCoding = hasCodingSection && categories.every((c) => c === undefined || !CODING_SECTIONS.has(c) || c === 'procedures');
    const found: { match: DiagnosisMatch; sentence: ChartSentence; section?: string; inner?: boolean; fallbackFor?: number; refinesOnly?: boolean }[] = [];
    document.sentences.forEach((sentence, i) => {
      const section = categories[i];
      if (section && SKIPPED_SECTIONS.has(section)) return;
      if (STAFF_LINE.test(sentence.text)) return;
      // With an assessment or problem list present, the narrative (HPI, exam) only supports, it is not coded alone;
      // the HPI's words may still make an assessed code more specific (refineFromHistory).
      // A narrative paragraph before the first heading is the history too.
      // A letter whose only coding heading is its plan ("Dear Dr. …, … Plan: - continue") tells its assessment in the
      // narrative: there the unheaded paragraphs are coded.
      const narrative = section === undefined && !sentence.isHeading && (!HEADER_LINE.test(sentence.text) || INLINE_ASSESSMENT_LABEL.test(sentence.text));
      // "#1 Alzheimer disease, late onset, with agitation" heading a problem-oriented note's paragraph names a problem.
      // A note whose only coding heading is its procedure ("… returns for her planned knee injection. She has primary
      // osteoarthritis of the right knee … Impression: shoulder impingement. Procedure, right knee: …") tells its
      // diagnoses in the narrative before it; an inline "Impression:" is an assessment wherever it is written.
      const narrativeIsAssessment = (letterWithPlanOnly && (narrative || section === 'history_of_present_illness')) || (narrative && (NUMBERED_PROBLEM.test(sentence.text) || procedureOnlyCoding || INLINE_ASSESSMENT_LABEL.test(sentence.text)));
      // A procedure's "Findings:" ("mucosal edema, no polyps") support the diagnosis an assessment names; without one they name it.
      const procedureFindings = section === 'procedures' && hasAssessment && PROCEDURE_FINDINGS.test(sentence.text);
      // A transitional-care note's "Discharge diagnoses" are the hospital's; its own assessment codes today's visit.
      const otherStay = hasAssessment && section === 'diagnoses' && HOSPITAL_LIST.test(document.sections[sentence.section]?.title ?? '');
      const refinesOnly = hasCodingSection && !narrativeIsAssessment && (section === 'history_of_present_illness' || narrative || procedureFindings || otherStay);
      if (hasCodingSection && !refinesOnly && !narrativeIsAssessment && !(section && (CODING_SECTIONS.has(section) || section === 'family_history' || section === 'past_medical_history'))) return;
      // Chart-only abbreviations (PCP: primary care provider) never name a diagnosis, expanded or not.
      const words = expandWords(textWords(sentence.text, sentence.start)).filter((w) => !defaultExpansions.notInText.has(w.raw ?? ''));
      const matches = matchSentence(words, lexicon, { sentence }).map((m) => ({ ...m, score: m.score + (lexicon.codes[m.code]!.billable ? 0.3 : 0) + lexicon.defaultness[m.code]! * 0.05 }));
      const specific = mostSpecific(matches);
      const kept = dropUnspecifiedSiteInside(preferIdentifiedOrganism(specific.kept, lexicon), lexicon).filter((m) => !namedAsOrderedTest(sentence, m));
      const foundAt = new Map<DiagnosisMatch, number>();
      for (const m of kept) foundAt.set(m, found.push({ match: m, sentence, section, ...(refinesOnly ? { refinesOnly } : {}) }) - 1);
      if (refinesOnly) return;
      // "Skin lesion, suspicious for basal cell carcinoma": the carcinoma reading covers "skin lesion", but if ConText
      // finds the carcinoma uncertain, the lesion said before the trigger is what the outpatient visit codes (IV.H).
      for (const { match, by } of specific.covered) {
        const owner = foundAt.get(by);
        if (owner !== undefined && match.end <= by.end) found.push({ match, sentence, section, fallbackFor: owner });
      }
      // A condition said inside a diabetes phrase ("type 2 diabetes with peripheral neuropathy") is kept aside: it
      // names the diabetes "with" combination code (Guideline I.A.15), and counts only if it leads to one.
      for (const m of kept) {
        if (!DIABETES.test(lexicon.codes[m.code]!.code)) continue;
        const inner = matches.filter((x) => x !== m && x.start > m.start && x.end <= m.end && !DIABETES.test(lexicon.codes[x.code]!.code));
        for (const x of mostSpecific(inner).kept) found.push({ match: x, sentence, section, inner: true });
      }
      // A family-history title that names no organ ("Family history of malignant neoplasm, unspecified") hides the
      // condition the chart names inside it ("family history of thyroid cancer"): keep that condition too, so the
      // family code can follow its organ or body system.
      for (const m of kept) {
        if (!isUnspecifiedFamilyCode(lexicon.codes[m.code]!)) continue;
        const inner = matches.filter((x) => x !== m && x.start >= m.start && x.end <= m.end && !/^Z8[0-4]/.test(lexicon.codes[x.code]!.code));
        for (const x of mostSpecific(inner).kept) found.push({ match: x, sentence, section });
      }
    });
    // ConText looks at the match's last required word (the head of the phrase): a span stretching back over a trigger
    // ("lesion, suspicious for basal cell carcinoma") would hide the trigger inside the target.
    const heads = found.map((f) => {
      const required = f.match.words.filter((w) => f.match.term.required.includes(w.key));
      return { first: required[0] ?? f.match.words[0]!, last: required.at(-1) ?? f.match.words.at(-1)! };
    });
    const contexts = contextForChart(document, heads.map(({ last }) => ({ start: last.start, end: last.end })));
    // "Mother had GDM with her pregnancies": a possessive inside the phrase ends the relative's scope before its last
    // word ("her" is the mother's here), so whose condition it is is read at the phrase's first word too.
    const possessiveInside = (h: (typeof heads)[number]) => h.first.start < h.last.start && /\b(?:her|his|their)\b/i.test(document.text.slice(h.first.end, h.last.start));
    const inside = heads.flatMap((h, i) => (possessiveInside(h) ? [i] : []));
    const firstContexts = contextForChart(document, inside.map((i) => ({ start: heads[i]!.first.start, end: heads[i]!.first.end })));
    inside.forEach((i, k) => {
      const atFirst = firstContexts[k]!;
      const own = contexts[i]!;
      if ((atFirst.family && !own.family) || (atFirst.otherExperiencer && !own.otherExperiencer)) {
        const modifiers = [...own.modifiers, ...atFirst.modifiers.filter((m) => m.category === 'FAMILY' || m.category === 'OTHER_EXPERIENCER')];
        contexts[i] = { ...own, family: own.family || atFirst.family, otherExperiencer: own.otherExperiencer || atFirst.otherExperiencer, experiencer: atFirst.experiencer, modifiers };
      }
    });
    const out: Candidate[] = [];
    found.forEach((f, i) => {
      // A covered reading stands in only for an uncertain one, and only when it is itself certain.
      if (f.fallbackFor !== undefined) {
        const owner = contexts[f.fallbackFor]!;
        const own = contexts[i]!;
        if (!owner.uncertain || own.uncertain || own.negated || own.ruledOut || own.hypothetical || own.family || own.historical) return;
      }
      const item = () => itemText(document, f.match.start) || f.sentence.text;
      const words = () => document.text.slice(f.match.start, f.match.end);
      const found = billableFor(lexicon, f.match.code, f.sentence.text, () => injuryEncounter(document, f.sentence, item(), words()));
      if (found === undefined) return;
      // "Right intertrochanteric femur fracture": a header's default ("… of unspecified femur") takes the side said with it.
      const sided = f.match.code === found ? found : (withStatedSide(lexicon, found, document.text.slice(Math.max(f.sentence.start, f.match.start - 12), f.match.end)) ?? found);
      // "Alcoholic cirrhosis with tense ascites": a header's default "without ascites" child gives way to its "with" sibling.
      const target = f.match.code === found ? sided : (withStatedQualifier(lexicon, sided, document.text.slice(f.match.start, Math.min(f.sentence.end, f.match.end + 40))) ?? sided);
      // "Hypothyroidism after radioactive iodine ablation": the postprocedural code when a procedure caused it.
      const caused = postproceduralCode(lexicon, target, document.text.slice(f.sentence.start, f.match.start), document.text.slice(f.match.end, f.sentence.end)) ?? target;
      const context = withTobaccoGivenUp(withoutTestResult(withoutOwnWords(contexts[i]!, f.match), document.text, f.match), lexicon.codes[caused]!.code, document, f.sentence, f.match);
      out.push({ match: f.match, record: lexicon.codes[caused]!, context, sentence: f.sentence, section: f.section, ...(f.inner ? { inner: true } : {}), ...(f.refinesOnly ? { refinesOnly: true } : {}) });
    });
    return out;
  }

  /**
   * A visit that follows up a condition whose treatment is complete and which the assessment calls gone: Z09 first,
   * then the condition's personal history code (Guideline I.C.21.c.8). A reading of the condition from the chief
   * complaint or a carried-forward list ("6-week follow-up after pneumonia") is the condition that was, not one now.
   */
  private followUpAfterTreatment(document: ChartDocument, candidates: readonly Candidate[], chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[], firstListed: Set<string>, listedAfterReason: Map<string, string[]>): void {
    const rule = this.rules.encounterReasons.followUpOther;
    if (!rule || [...chosen.keys()].some((c) => /^Z0[08]/.test(c))) return;
    const assessedActive = (category: string) => [...chosen.values()].some((s) => s.code.slice(0, 3) === category && s.evidence.some((e) => ASSESSMENT_PROPER.has(e.section ?? '')));
    const resolved = followUpAfterTreatment(candidates, assessedActive);
    const z09 = resolved.length > 0 ? resolveBillable(lexicon, rule.code) : undefined;
    if (!z09) return;
    const histories: string[] = [];
    for (const r of resolved) {
      const category = r.record.code.slice(0, 3);
      for (const s of [...chosen.values()]) {
        if (s.code.slice(0, 3) !== category) continue;
        chosen.delete(s.code);
        excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'historical', explanation: `the assessment says it is gone after treatment: a follow-up visit (${rule.code}) with its history code`, evidence: s.evidence });
      }
      const personal = this.history.personal(r.record.code) ?? rule.systemHistory.find((row) => codeMatcher(row.disease)(r.record.code))?.code;
      const record = personal ? resolveBillable(lexicon, personal) : undefined;
      if (!record) continue;
      const evidence = evidenceOf(document, r);
      if (!chosen.has(record.code)) chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.75, rule: `personal history of ${r.record.title}, followed up after completed treatment (${rule.guideline})`, evidence: [evidence], warnings: [] });
      histories.push(record.code);
    }
    chosen.set(z09.code, { system: 'icd10cm', code: z09.code, title: z09.title, confidence: 0.75, rule: `follow-up after completed treatment of ${resolved.map((r) => r.record.code).join(', ')} (${rule.guideline})`, evidence: [evidenceOf(document, resolved[0]!)], warnings: [] });
    firstListed.add(z09.code);
    listedAfterReason.set(z09.code, histories);
    for (const code of histories) firstListed.add(code);
  }

  /**
   * A personal history code (Z85-Z87) says the condition is gone: beside an active code of the same condition
   * ("prior left ureteral stone passed" with a right renal stone under surveillance) the active code stands alone.
   * A history read from another condition of the same history class stays: resolved pyelonephritis (Z87.440)
   * beside today's cystitis.
   */
  private dropHistoryOfActive(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], sources: ReadonlyMap<string, ReadonlySet<string>>): void {
    const active = [...chosen.keys()].filter((c) => !c.startsWith('Z'));
    for (const s of [...chosen.values()]) {
      if (!/^Z8[5-7]/.test(s.code)) continue;
      const from = sources.get(s.code);
      const by = active.find((c) => this.history.personal(c) === s.code && (!from || from.has(c.slice(0, 3))));
      if (!by) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'historical', explanation: `the condition is active now (${by}): no personal history code beside it`, evidence: s.evidence });
    }
  }

  /**
   * When the assessment (or diagnosis list, problem list) names diagnoses, those are what the visit is
   * coded from: a code found only in the chief complaint, the plan or a procedure note is the symptom or
   * the reason that the assessment already explains.
   */
  private keepAssessed(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
    const assessed = (s: Suggestion) => s.evidence.some((e) => ASSESSMENT_SECTIONS.has(e.section ?? ''));
    const assessedCodes = [...chosen.values()].filter(assessed);
    if (assessedCodes.length === 0) return;
    const chapterOf = (code: string) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]?.chapter;
    const assessedChapters = new Set(assessedCodes.map((s) => chapterOf(s.code)));
    for (const s of [...chosen.values()]) {
      // Symptoms, vague ("Unspecified …") conditions of a body system the assessment covers, and anything named
      // only in the complaint, history or plan are explained by the assessment.
      const narrativeOnly = s.evidence.every((e) => NARRATIVE_SECTIONS.has(e.section ?? ''));
      if (assessed(s) || /^Z/.test(s.code) || !(narrativeOnly || isSymptom(s) || (/^unspecified /i.test(s.title) && assessedChapters.has(chapterOf(s.code))))) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'not-assessed', explanation: `found only in the ${s.evidence[0]?.section?.replace(/_/g, ' ') ?? 'narrative'}; the assessment names the diagnoses for this visit`, evidence: s.evidence });
    }
    // A problem list the chart marks as carried forward ("Problem list (carried forward)", "problems 3-5 deferred",
    // "not addressed today") or whose item another clinician manages ("Hypertension - managed by PCP"), beside an
    // assessment of its own: the assessment says which problems this visit addressed; the others are not coded.
    const properly = (s: Suggestion) => s.evidence.some((e) => ASSESSMENT_PROPER.has(e.section ?? '') || e.section === 'plan');
    if (!document.sections.some((s) => ASSESSMENT_PROPER.has(s.category ?? '') || s.category === 'plan')) return;
    const carried = (e: Evidence) => {
      if (MANAGED_ELSEWHERE.test(e.sentence)) return true;
      const section = sectionAt(document.sections, e.start);
      if (!section) return false;
      const body = document.text.slice(section.heading.start, section.end);
      return CARRIED_FORWARD.test(body);
    };
    for (const s of [...chosen.values()]) {
      if (/^Z/.test(s.code) || properly(s) || !s.evidence.every((e) => e.section === 'problem_list' && carried(e))) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'not-assessed', explanation: 'listed in the problem list only; the assessment names the problems this visit addressed', evidence: s.evidence });
    }
  }

  /**
   * Site and side from the titles: a code the chart places on a body site and side ("gout, right great toe") moves to
   * the descendant of its category whose title says so; several sites named at once give the "multiple sites" code.
   */
  private refineSites(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon): void {
    for (const s of [...chosen.values()]) {
      // Each piece of evidence is its own mention: "gout, right toe" and "gout, left knee" are two codes.
      const byCode = new Map<string, Evidence[]>();
      // A long chart repeats the same item: each distinct wording is read once.
      const seen = new Map<string, string>();
      for (const e of s.evidence) {
        const item = itemText(document, e.start);
        const key = `${e.text}\u0000${e.sentence}\u0000${item}`;
        let code = seen.get(key);
        if (code === undefined) {
          code = siteSpecificCode(lexicon, s.code, [e]) ?? qualifiedSibling(lexicon, s.code, item) ?? s.code;
          // "Essential tremor and restless legs syndrome": the sibling the words beside this mention fit is a
          // condition the chart names on its own there (G25.81 from its own words), not this one's site or type.
          if (code !== s.code && chosen.get(code)?.evidence.some((x) => x.sentence === e.sentence && (x.end <= e.start || x.start >= e.end))) code = s.code;
          seen.set(key, code);
        }
        const list = byCode.get(code);
        if (list) list.push(e);
        else byCode.set(code, [e]);
      }
      if (byCode.size === 1 && byCode.has(s.code)) continue;
      chosen.delete(s.code);
      for (const [code, evidence] of byCode) {
        const record = lexicon.codes[lexicon.indexOf.get(code)!]!;
        const existing = chosen.get(code);
        if (existing) mergeEvidence(existing.evidence, evidence);
        else chosen.set(code, { ...s, code, title: record.title, evidence, warnings: [...s.warnings], rule: code === s.code ? s.rule : `${s.rule}; refined to ${code}, whose title carries the site, side or type the chart states (Guideline I.B.13, I.A.17)` });
      }
    }
  }

  /**
   * Across the chart, a code whose words another chosen code covers (same category, more words) goes; so does an
   * "…, unspecified" title of the same chapter (rheumatoid arthritis, unspecified beside seropositive RA of the wrist).
   */
  private dropLessSpecific(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
    const keysOf = (code: string) => lexicon.titleKeys(code);
    const chapterOf = (code: string) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]?.chapter;
    const related = (a: Suggestion, b: Suggestion) => b.code.slice(0, 3) === a.code.slice(0, 3) || (/, unspecified$/i.test(a.title) && !a.code.startsWith('Z') && chapterOf(a.code) === chapterOf(b.code));
    const unsaid = /\b(unspecified|not specified)\b/i;
    // The scope an unspecified code speaks for: its category, except under a combination subcategory ("Type 2 diabetes
    // mellitus with neurological complications"), whose siblings are other complications coded beside it (I.C.4.a).
    const parentOf = (code: string) => {
      let record = lexicon.codes[lexicon.indexOf.get(code) ?? -1];
      while (record?.parent) {
        const parent = lexicon.codes[lexicon.indexOf.get(record.parent) ?? -1];
        if (!parent) break;
        // Also when what is unspecified is the site or side ("of unspecified lung"): other sites are other conditions.
        if (!unsaid.test(parent.title)) return (/\bwith\b/i.test(parent.title) || /\bof unspecified\b|\bunspecified (?:site|part|side)\b/i.test(lexicon.codes[lexicon.indexOf.get(code)!]!.title)) && parent.code.length > 3 ? parent.code : code.slice(0, 3);
        record = parent;
      }
      return code.slice(0, 3);
    };
    // "1. Perennial allergic rhinitis … 2. Allergic rhinitis due to cat dander": a code read from its own inclusion
    // term in another sentence or clause is a second condition, not the same one said with fewer words.
    const ownInclusionTerm = (a: Suggestion, b: Suggestion) => /\binclusion term of\b/.test(a.rule) && !a.evidence.some((e) => b.evidence.some((x) => sameClause(x, e)));
    // An "Other …" code is a residual class, not a refinement: it says no more than the unspecified code beside it.
    const residual = /^other\b|\bother specified\b/i;
    const all = [...chosen.values()];
    // A code the other one asks for ("use additional code … (I50.-)" at I11.0) is its companion, not a less specific duplicate.
    const asks = (holder: Suggestion, code: string) => linesName(notesWithAncestors(lexicon, holder.code).useAdditional, code);
    for (const a of all) {
      const ka = keysOf(a.code);
      // A default course the chart never wrote ("Migraine, unspecified, not intractable" read from "migraines") denies
      // nothing: beside "chronic migraine … intractable" it is the same migraine said with fewer words.
      const saidTitle = NOT_AXIS.test(a.title) && !a.evidence.some((e) => NOT_AXIS.test(e.sentence)) ? a.title.replace(/,?\s*not (?:intractable|in remission)\b/i, '') : a.title;
      const other = (b: Suggestion) => b !== a && chosen.has(b.code) && !asks(b, a.code) && !contradicts(saidTitle, b.title);
      // "Weeks of gestation of pregnancy not specified" beside "28 weeks gestation": the category is specified.
      const by =
        all.find((b) => related(a, b) && other(b) && isSubset(ka, keysOf(b.code)) && keysOf(b.code).size > ka.size && isSubset(plainTitleKeys(a.title), plainTitleKeys(b.title)) && !ownInclusionTerm(a, b)) ??
        // Under the unspecified code's own parent only: E11.40 (neuropathy, unspecified) gives way to E11.42, not to E11.621.
        (unsaid.test(a.title) ? all.find((b) => other(b) && b.code.slice(0, 3) === a.code.slice(0, 3) && b.code.startsWith(parentOf(a.code)) && !unsaid.test(withoutUnsaidSide(b.title)) && (!residual.test(b.title) || saysMore(b.title, a.title))) : undefined) ??
        // "Other …" read from words that never say "other": the unspecified code of the category already holds them —
        // unless the "other" code says more than it ("Other persistent atrial fibrillation" beside "Unspecified atrial
        // fibrillation", "Other extraarticular fracture of lower end of left radius" beside the unspecified fracture).
        (residual.test(a.title) && !a.evidence.some((e) => /\bother\b/i.test(e.text)) ? all.find((b) => other(b) && b.code.slice(0, 3) === a.code.slice(0, 3) && unsaid.test(b.title) && !saysMore(a.title, b.title)) : undefined) ??
        // "Allergic rhinitis due to grass pollen, seasonal": the named sibling (J30.1) from the same words holds it.
        (residual.test(a.title) && !a.evidence.some((e) => /\bother\b/i.test(e.text)) ? all.find((b) => other(b) && b.code.slice(0, 3) === a.code.slice(0, 3) && !residual.test(b.title) && !unsaid.test(b.title) && b.evidence.some((e) => a.evidence.some((x) => sameClause(x, e)))) : undefined) ??
        // "Unspecified injury of right wrist" beside a sprain, laceration or fracture of the wrist: the injury is named.
        (UNSPECIFIED_INJURY.test(a.title) ? all.find((b) => other(b) && /^[ST]/.test(b.code) && !UNSPECIFIED_INJURY.test(b.title) && sharesInjurySite(a.title, b.title)) : undefined) ??
        // "Bilateral knee OA, left knee injected": a side word read from the next clause into the same words that
        // gave the bilateral code; the mention is bilateral.
        (ONE_SIDE.test(a.title) ? all.find((b) => other(b) && b.code.slice(0, 3) === a.code.slice(0, 3) && /\bbilateral\b/i.test(b.title) && b.evidence.some((e) => a.evidence.some((x) => x.start < e.end && e.start < x.end))) : undefined) ??
        // "Acute bronchitis … Cough is from the bronchitis": "Bronchitis, not specified as acute or chronic" (J40) is
        // the acute bronchitis the chart already coded, named again without its acuity.
        (ACUITY_UNSAID.test(a.title) ? all.find((b) => other(b) && /\b(?:acute|chronic|subacute)\b/i.test(b.title) && b.title.toLowerCase().includes(a.title.split(',')[0]!.toLowerCase())) : undefined) ??
        // "#1 Chronic migraine without aura" heading the item whose assessment says "intractable": the "not
        // intractable" default of the heading's words is the same migraine named without its course.
        (NOT_AXIS.test(a.title) && !a.evidence.some((e) => NOT_AXIS.test(e.sentence)) ? all.find((b) => b !== a && chosen.has(b.code) && b.code.slice(0, 4) === a.code.slice(0, 4) && b.title.toLowerCase() === a.title.toLowerCase().replace(/\bnot (?=intractable|in remission)/, '')) : undefined) ??
        // "known moderate persistent asthma" in the history beside "moderate persistent asthma with acute exacerbation"
        // in the assessment: a condition is not uncomplicated when the chart codes its sibling with the complication.
        (UNCOMPLICATED.test(a.title) ? all.find((b) => other(b) && b.code.length === a.code.length && b.code.slice(0, -1) === a.code.slice(0, -1) && !UNCOMPLICATED.test(b.title)) : undefined) ??
        // "… are from the sinusitis": a bare noun after "the" points back at the condition coded more fully.
        // "the depressive episode" after "major depressive disorder, recurrent": a generic head (episode, disorder)
        // need not be in the fuller title.
        // "due to the colitis" after "ulcerative pancolitis": the word may close a longer one of the title.
        // "triggered by the flu" after "Influenza A": a short form names the title's word through its expansion.
        (a.evidence.every(isAnaphor) ? all.find((b) => other(b) && !b.code.startsWith('Z') && a.evidence.every((e) => anaphorWords(e.text).every((w) => new RegExp(`${w}\\b`).test(b.title.toLowerCase()) || expansionKeys(w).some((k) => keysOf(b.code).has(k))))) : undefined);
      if (by) {
        chosen.delete(a.code);
        const explanation = residual.test(a.title) && unsaid.test(by.title) ? `the chart never says “other”: ${by.code} holds what it says` : `${by.code} says more`;
        excluded.push({ system: 'icd10cm', code: a.code, title: a.title, reason: 'less-specific', explanation, evidence: a.evidence });
      }
    }
  }

  /**
   * A symptom (chapter 18, "pain in …") is integral to a confirmed diagnosis when the chart ties them
   * ("cough due to bronchitis", "asthma with wheezing") or names it at the same site (knee pain, knee
   * osteoarthritis): it is not coded separately (Guideline I.B.5).
   */
  private dropIntegralSymptoms(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], lexicon: DiagnosisLexicon): void {
    const chapterOf = (code: string) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]?.chapter;
    // A symptom is integral when the diagnosis explains it, not when it explains the diagnosis: "cough due to
    // bronchitis" and "asthma with wheezing" yes; "dehydration due to vomiting" and "vomiting with dehydration" no
    // (the vomiting causes the dehydration). "With" ties them only when the diagnosis is of the symptom's body system.
    const sameSystem = (d: Suggestion, symptom: Suggestion) => {
      const system = (this.rules.symptomSystems ?? []).find((r) => inSymptomSystem(r, symptom.code));
      return !system || system.chapters.includes(chapterOf(d.code) ?? -1);
    };
    const explains = (d: Suggestion, e: Evidence, symptom: Suggestion, x: Evidence) => {
      const words = between(e.sentence, e, x);
      const symptomFirst = x.start < e.start;
      if (CAUSAL.test(words)) return symptomFirst;
      return LINKED.test(words) && (!symptomFirst || sameSystem(d, symptom));
    };
    // "The insomnia is part of the depressive episode": the chart itself makes a condition a feature of another.
    // Said once, it holds for the chart: "… manifestations of her PCOS" and then "start the pill for hirsutism".
    const saidPartOf = (s: Suggestion) => s.evidence.some((e) => PART_OF_AFTER.test(e.sentence.slice(e.sentence.indexOf(e.text) + e.text.length)));
    // "Headache, nausea and photophobia are concussion symptoms": a code outside the symptom chapter (H53.14-, L29.-)
    // that the chart itself calls a symptom of a condition is weighed as one.
    const saidSymptom = (s: Suggestion) =>
      s.evidence.length > 0 &&
      s.evidence.every((e) => {
        const at = e.sentence.indexOf(e.text);
        return at >= 0 && SYMPTOMS_OF.test(e.sentence.slice(at + e.text.length));
      });
    const symptoms = [...chosen.values()].filter((s) => isSymptom(s) || saidPartOf(s) || saidSymptom(s));
    const confirmed = [...chosen.values()].filter((s) => !symptoms.includes(s) && !/^Z/.test(s.code));
    const keysOf = (text: string) => new Set(textWords(text).map((w) => w.key));
    for (const symptom of symptoms) {
      // A condition a diabetes title names "with" (hyperglycemia) is part of the combination code, coded there.
      if (confirmed.some((d) => DIABETES.test(d.code) && diabetesCombination(lexicon, d.code, symptom, []))) continue;
      const tied = confirmed.find((d) => d.evidence.some((e) => symptom.evidence.some((x) => x.sentence === e.sentence && explains(d, e, symptom, x))));
      // A joint or limb symptom is placed by its site words alone ("left knee - worsening medial pain" is at the left knee).
      const placedOnly = /^M(?:25|79)/.test(symptom.code);
      const siteWords = new Set([...symptom.evidence.flatMap((e) => [...keysOf(e.text)])].filter((k) => !SYMPTOM_HEADS.has(k) && (!placedOnly || PLACE_WORDS.has(k))));
      // The diagnosis may name the site in other words: a lumbar strain is at the low back.
      const siteKeysOf = (text: string) => { const keys = keysOf(text); for (const k of [...keys]) for (const i of defaultBodySites.implies.get(k) ?? []) keys.add(i); return keys; };
      const sameSite = siteWords.size > 0 ? confirmed.find((d) => d.evidence.some((e) => isSubset(siteWords, siteKeysOf(e.text)))) : undefined;
      // "Fever and sore throat are from the strep infection": the chart gives the cause in its own words.
      const byCause = confirmed.find((d) => symptom.evidence.some((x) => namesCause(x, d)));
      // "Ibuprofen or acetaminophen for pain and fever": a symptom named only as what a drug is for, beside a
      // confirmed diagnosis, is that diagnosis' symptom being treated.
      const asDrugTarget = confirmed.length > 0 && symptom.evidence.every(isDrugTarget) ? confirmed[0] : undefined;
      const by = tied ?? sameSite ?? byCause ?? asDrugTarget;
      if (by) {
        chosen.delete(symptom.code);
        excluded.push({ system: 'icd10cm', code: symptom.code, title: symptom.title, reason: 'integral-symptom', explanation: `a symptom of ${by.code} ${by.title}, not coded separately (Guideline I.B.5)`, evidence: symptom.evidence });
      }
    }
  }

  /**
   * A Tabular "Includes: any condition in I51.4-I51.7 … due to hypertension" at a chosen code (or its category)
   * means those conditions are part of it: LVH with hypertensive heart disease is I11.-, not I11.- + I51.7.
   * Codes the same code's "use additional code" note asks for (I50.- for heart failure) stay.
   */
  private dropIncludedConditions(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
    // "Influenza A with cough and pharyngitis": the holder's own title or inclusion term names the condition after
    // "with" ("Influenza due to other identified influenza virus with pharyngitis", J10.1): it is part of that code.
    for (const holder of [...chosen.values()]) {
      const record = lexicon.codes[lexicon.indexOf.get(holder.code) ?? -1];
      if (!record) continue;
      const withParts = [record.title, ...(record.synonyms ?? [])].map((t) => /\bwith\b(.*)$/i.exec(t)?.[1]).filter((x): x is string => !!x).map((t) => new Set(textWords(t).map((w) => w.key)));
      if (withParts.length === 0) continue;
      const asked = notesWithAncestors(lexicon, holder.code).useAdditional;
      for (const other of [...chosen.values()]) {
        if (other === holder || other.code.slice(0, 3) === holder.code.slice(0, 3) || other.code.startsWith('Z')) continue;
        // A code the holder's note asks to add (the ulcer's L97 site and depth with E11.621) stays.
        if (linesName(asked, other.code)) continue;
        const sameSentence = other.evidence.every((e) => holder.evidence.some((h) => h.sentence === e.sentence && h.start < e.start));
        if (!sameSentence) continue;
        const keys = other.evidence.flatMap((e) => textWords(e.text).map((w) => w.key));
        if (keys.length === 0 || !withParts.some((part) => keys.every((k) => part.has(k)))) continue;
        chosen.delete(other.code);
        excluded.push({ system: 'icd10cm', code: other.code, title: other.title, reason: 'less-specific', explanation: `named with ${holder.code}, whose title or inclusion term includes it`, evidence: other.evidence });
      }
    }
    for (const holder of [...chosen.values()]) {
      if (!chosen.has(holder.code)) continue;
      const notes = notesWithAncestors(lexicon, holder.code);
      const absorbing = notes.includes.filter((line) => /\bany condition in\b/i.test(line));
      if (absorbing.length === 0) continue;
      for (const other of [...chosen.values()]) {
        if (other.code.slice(0, 3) === holder.code.slice(0, 3)) continue;
        if (!linesName(absorbing, other.code)) continue;
        if (linesName(notes.useAdditional, other.code)) continue;
        chosen.delete(other.code);
        excluded.push({ system: 'icd10cm', code: other.code, title: other.title, reason: 'less-specific', explanation: `included in ${holder.code} ${holder.title} (Tabular “includes”: ${absorbing[0]})`, evidence: other.evidence });
      }
    }
  }

  /**
   * Signs and symptoms of a body system (chapter 18 is arranged by system: R10-R19 digestive, R30-R39 urinary…)
   * are routinely part of a confirmed diagnosis of that system and not coded with it (Guideline I.B.5, IV.D):
   * heartburn with GERD, proteinuria with CKD. A symptom the assessment lists as its own problem ("1. Epigastric
   * pain - not typical of her GERD") is kept, and so is one the diagnosis' "use additional code" note asks for
   * (nocturia with BPH with LUTS). When the note has an assessment, a problem heading ("PROBLEM: Heartburn") is
   * the complaint that assessment answers, not a problem of its own.
   */
  private dropSymptomsOfDiagnosedSystem(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
    const systems = this.rules.symptomSystems ?? [];
    if (systems.length === 0) return;
    const hasAssessment = document.sections.some((s) => ASSESSMENT_PROPER.has(s.category ?? ''));
    const problemSections = hasAssessment ? ASSESSMENT_PROPER : ASSESSMENT_SECTIONS;
    const chapterOf = (code: string) => lexicon.codes[lexicon.indexOf.get(code) ?? -1]?.chapter;
    const definitive = [...chosen.values()].filter((s) => !isSymptom(s) && !s.code.startsWith('Z'));
    const asksFor = (d: Suggestion, code: string) => linesName(notesWithAncestors(lexicon, d.code).useAdditional, code);
    for (const symptom of [...chosen.values()]) {
      // Chapter 18 symptoms, and a symptom code of another chapter a system names (photophobia, H53.14-, of a migraine).
      if (!symptom.code.startsWith('R') && !systems.some((r) => !r.symptoms.startsWith('R') && inSymptomSystem(r, symptom.code))) continue;
      // A symptom may belong to several systems (nausea: digestive, and a feature of migraine): the first whose
      // diagnoses the chart has explains it.
      const explainersOf = (r: SymptomSystem) => definitive.filter((d) => r.chapters.includes(chapterOf(d.code) ?? -1) || (r.diagnoses ?? []).some((p) => codeMatcher(p)(d.code)));
      const system = systems.filter((r) => inSymptomSystem(r, symptom.code)).find((r) => explainersOf(r).length > 0);
      const explains = system ? explainersOf(system) : [];
      const by = explains[0];
      if (!system || !by || explains.some((d) => asksFor(d, symptom.code))) continue;
      const listed = system.evenWhenListed ? symptom.evidence.some((e) => UNEXPLAINED.test(e.sentence) || givenOtherCause(e, explains)) : isOwnProblem(symptom, explains, problemSections, document.text);
      if (listed) continue;
      chosen.delete(symptom.code);
      excluded.push({ system: 'icd10cm', code: symptom.code, title: symptom.title, reason: 'integral-symptom', explanation: `a ${system.name} symptom, part of ${by.code} ${by.title}: not coded separately (Guideline I.B.5)`, evidence: symptom.evidence });
    }
  }

  /** Guideline combinations of coding-rules.json (diabetes with CKD); hypertension is linked by hypertension-links.ts. */
  private applyCombinations(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon): void {
    for (const rule of this.rules.combinations) {
      const codes = [...chosen.keys()];
      const groups = rule.when.map((group) => codes.filter((code) => group.some((p) => codeMatcher(p)(code))));
      if (groups.some((g) => g.length === 0)) continue;
      const evidence = groups.flat().flatMap((code) => chosen.get(code)!.evidence);
      for (const code of rule.add) {
        const record = resolveBillable(lexicon, code);
        if (record && !chosen.has(record.code)) {
          chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.85, rule: `combination: ${rule.name} (${rule.guideline})`, evidence: [...evidence], warnings: [] });
        }
      }
      for (const pattern of rule.remove) for (const code of codes) if (codeMatcher(pattern)(code)) chosen.delete(code);
    }
  }

  /** "Use additional code" companions: long-term drug therapy Z79 codes for current drugs of a class. */
  private addCompanions(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon): void {
    const drugs = findDrugClasses(document, this.rules.drugClasses);
    let planSentences: ChartSentence[] | undefined;
    const addressedInPlan = (names: readonly string[]) => drugAddressed((planSentences ??= document.sentences.filter((s) => ADDRESSED_SECTIONS.has(sectionAt(document.sections, s.start)?.category ?? ''))), names);
    let askedRefs: ReturnType<typeof codesIn> | undefined;
    // Whether the chart has a coding section of its own, so a drug named only in its narrative is not addressed (read once).
    let assessedElsewhere: boolean | undefined;
    for (const rule of this.rules.companions) {
      const cue = rule.longTermCue ? new RegExp(rule.longTermCue, 'i') : undefined;
      const current = drugs.get(rule.drugClass) ?? [];
      // Long-term use may be said beside another mention of the same drug ("Long-term dual antiplatelet therapy:
      // aspirin and clopidogrel - continue both until …", where "until" makes that mention conditional).
      const saidLongTerm = cue !== undefined && current.length > 0 && longTermSaid(document, this.rules.drugClasses[rule.drugClass] ?? [], cue);
      const evidence = cue && !saidLongTerm ? current.filter((e) => cue.test(drugClause(e))) : current;
      if (!evidence.length) continue;
      const codes = [...chosen.keys()];
      if (rule.when.length && !codes.some((code) => rule.when.some((p) => codeMatcher(p)(code)))) continue;
      // A drug only listed (medication list, history) is long-term therapy to code when a coded diagnosis asks for
      // its class ("use additional code … insulin (Z79.4)") or the assessment/plan addresses it ("continue apixaban").
      // The references every chosen code's "use additional code" notes make, read once per chart.
      askedRefs ??= codes.flatMap((code) => notesWithAncestors(lexicon, code).useAdditional.flatMap((line) => codesIn(line)));
      const asked = rule.when.length > 0 || askedRefs.some((ref) => refCovers(ref, rule.add));
      // A dictated note or letter with no assessment section addresses its drugs in its narrative.
      if (!asked && !evidence.some((e) => ADDRESSED_SECTIONS.has(e.section ?? '')) && !addressedInPlan(this.rules.drugClasses[rule.drugClass] ?? []) && (assessedElsewhere ??= hasCodingSectionIn(document) && !isLetterWithPlanOnly(document))) continue;
      const record = resolveBillable(lexicon, rule.add);
      if (record && !chosen.has(record.code)) {
        chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.8, rule: `use additional code: ${rule.name} (${rule.guideline})`, evidence, warnings: [] });
      }
    }
  }

  /** Warnings from the Tabular notes: Excludes1 pairs among the chosen codes, code-first notes. */
  private checkNotes(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
    // Excludes1 between a factor (Z code: "tobacco use") and a disease the chart names ("tobacco use disorder,
    // cigarettes", F17.210): the two never go together, and the disease is the diagnosis the visit addressed.
    for (const factor of [...chosen.values()].filter((s) => s.code.startsWith('Z'))) {
      const notes = notesWithAncestors(lexicon, factor.code);
      const disease = notes.excludes1.map((line) => [...chosen.keys()].find((other) => !other.startsWith('Z') && mentionsCode(line, other))).find((x) => x !== undefined);
      if (!disease) continue;
      chosen.delete(factor.code);
      excluded.push({ system: 'icd10cm', code: factor.code, title: factor.title, reason: 'less-specific', explanation: `Excludes1 with ${disease} (FY${notes.fiscalYear} Tabular): the condition is coded instead`, evidence: factor.evidence });
    }
    // "Iron deficiency" (E61.1) beside "iron deficiency anemia" (D50.9): its Excludes1 names the fuller condition
    // the chart also states, whose title holds all its words: the fuller code is the reading.
    for (const narrow of [...chosen.values()]) {
      const notes = notesWithAncestors(lexicon, narrow.code);
      const fuller = [...chosen.values()].find((other) => other !== narrow && notes.excludes1.some((line) => mentionsCode(line, other.code)) && saysMore(other.title, narrow.title) && !saysMore(narrow.title, other.title));
      if (!fuller) continue;
      chosen.delete(narrow.code);
      excluded.push({ system: 'icd10cm', code: narrow.code, title: narrow.title, reason: 'less-specific', explanation: `Excludes1 with ${fuller.code}, which says more (FY${notes.fiscalYear} Tabular)`, evidence: narrow.evidence });
    }
    // "COPD, GOLD 2 … the phenotype is centrilobular emphysema": an unspecified code whose Excludes1 names a specific
    // condition the chart also states (J44.9 beside J43.2) gives way to it.
    for (const vague of [...chosen.values()]) {
      if (!/, unspecified$|^unspecified /i.test(vague.title)) continue;
      const notes = notesWithAncestors(lexicon, vague.code);
      // Of the same body system (first letter): "Vitamin D deficiency" excludes osteoporosis as a cause, not as a reading.
      const specific = [...chosen.values()].find((other) => other !== vague && other.code[0] === vague.code[0] && !other.code.startsWith('Z') && !/\bunspecified\b/i.test(other.title) && notes.excludes1.some((line) => mentionsCode(line, other.code)));
      if (!specific) continue;
      chosen.delete(vague.code);
      excluded.push({ system: 'icd10cm', code: vague.code, title: vague.title, reason: 'less-specific', explanation: `Excludes1 with ${specific.code}, the specific condition the chart states (FY${notes.fiscalYear} Tabular)`, evidence: vague.evidence });
    }
    const codes = [...chosen.keys()];
    const added: Suggestion[] = [];
    for (const suggestion of chosen.values()) {
      const seventh = seventhCharacterNote(lexicon, suggestion.code);
      if (seventh) suggestion.warnings.push(seventh);
      const notes = notesWithAncestors(lexicon, suggestion.code);
      for (const line of notes.excludes1) {
        const clash = codes.find((other) => other !== suggestion.code && mentionsCode(line, other));
        if (clash) suggestion.warnings.push(`Excludes1 with ${clash}: “${line}” (FY${notes.fiscalYear} Tabular)`);
      }
      // Code-first notes list alternatives: one of them coded satisfies them all.
      if (notes.codeFirst.some((line) => codes.some((other) => other !== suggestion.code && mentionsCode(line, other)))) continue;
      // A code-first note matters only when the code it names is not already coded (and sequenced first).
      // Lines after one ending in a colon ("the underlying cause, such as:") are examples of a cause, not a cause.
      let examples = false;
      for (const line of notes.codeFirst) {
        const example = examples;
        if (/:\s*$/.test(line)) examples = true;
        if (!/\([A-Z][0-9]/.test(line) || codes.some((other) => other !== suggestion.code && mentionsCode(line, other))) continue;
        // Etiology/manifestation convention: a note naming one category ("underlying chronic kidney disease
        // (N18.-)") means that condition is documented; add its unspecified code for the coder to refine.
        const only = [...line.matchAll(/\(([A-Z][0-9]{2})\.-\)/g)];
        const target = only.length === 1 && !example && !/such as|e\.g\.|any|if applicable|due to|complicating/i.test(line) ? resolveBillable(lexicon, only[0]![1]!) : undefined;
        if (target && !chosen.has(target.code)) {
          added.push({ system: 'icd10cm', code: target.code, title: target.title, confidence: 0.6, rule: `code first: ${line} (note at ${suggestion.code}, FY${notes.fiscalYear} Tabular)`, evidence: suggestion.evidence, warnings: ['Added by a code-first note: choose the documented type or stage'] });
          continue;
        }
        // "Code first COVID-19 (U07.1)" at J12.82, read from "COVID-19 with pneumonia": a note naming one billable code
        // whose words the diagnosis's own evidence says adds that code (Guideline I.C.1.g.1.a: U07.1 then J12.82).
        const named = etiologyNamedInEvidence(lexicon, line, suggestion);
        if (named && !chosen.has(named.code)) {
          added.push({ system: 'icd10cm', code: named.code, title: named.title, confidence: 0.8, rule: `code first: ${line} (note at ${suggestion.code}, FY${notes.fiscalYear} Tabular), said in the same words`, evidence: suggestion.evidence, warnings: [] });
          continue;
        }
        suggestion.warnings.push(`Code first: ${line} (FY${notes.fiscalYear} Tabular)`);
      }
    }
    for (const s of added) if (!chosen.has(s.code)) chosen.set(s.code, s);
  }
}

/**
 * The one billable code a code-first note names ("COVID-19 (U07.1)"), when every word of the note before the code is
 * in the text the diagnosis was read from; undefined otherwise.
 */
function etiologyNamedInEvidence(lexicon: DiagnosisLexicon, line: string, suggestion: Suggestion): CodeRecord | undefined {
  const refs = codesIn(line);
  if (refs.length !== 1 || refs[0]!.hi || !line.includes('(') || /such as|e\.g\.|any|if applicable|underlying/i.test(line)) return undefined;
  const index = lexicon.indexOf.get(refs[0]!.lo);
  const record = index === undefined ? undefined : lexicon.codes[index];
  if (!record?.billable) return undefined;
  const wanted = textWords(line.slice(0, line.indexOf('('))).map((w) => w.key);
  if (wanted.length === 0) return undefined;
  return suggestion.evidence.some((e) => {
    const said = textWordKeys(e.text);
    return wanted.every((k) => said.has(k));
  })
    ? record
    : undefined;
}

/**
 * Drops triggers that are words of the matched title itself: the "without" of "laceration without foreign
 * body, left forearm" describes the code, it does not negate the laceration.
 */
function withoutOwnWords(result: ContextResult, match: DiagnosisMatch): ContextResult {
  // "Chronic migraine without aura, intractable": a title that says what is absent owns its "without".
  const ownWithout = (m: ContextResult['modifiers'][number]) => match.term.absent.length > 0 && /^(?:without|w\/o)$/i.test((m.text ?? m.literal).trim());
  const own = (m: ContextResult['modifiers'][number]) =>
    m.start !== undefined && m.end !== undefined && m.start >= match.start && m.end <= match.end && (textWords(m.text ?? m.literal).every((w) => match.term.required.includes(w.key)) || ownWithout(m));
  const kept = result.modifiers.filter((m) => !own(m));
  return kept.length === result.modifiers.length ? result : withModifiers(result, kept);
}

/** A ConText verdict re-read from the modifiers left once some were set aside. */
function withModifiers(result: ContextResult, kept: ContextResult['modifiers']): ContextResult {
  const flags: ContextResult = { ...result, negated: false, ruledOut: false, uncertain: false, historical: false, hypothetical: false, family: false, otherExperiencer: false, modifiers: kept };
  for (const m of kept) for (const flag of defaultContextRules.ruleSet.categoryFlags[m.category] ?? []) flags[flag] = true;
  return flags;
}

const TEST_WORD = /\b(?:rapid|test|testing|antigen|culture|swab|screen|pcr|x-?rays?|xrays?|radiographs?|imaging|cxr|films?|ua|urinalysis|panel|dipstick|hcg|monospot)\b/i;

/** Words of surveillance for a past cancer: a marker or screening test, a scan, or a scheduled check. */
const SURVEILLANCE = /\b(?:surveillance|psa|mammogram|mammography|colonoscopy|skin (?:check|exam)s?|full[- ]body skin|ct|pet|scan|oncology|oncologist|tumor marker|cea|monitor(?:ed|ing)?|annual|every \d+ (?:months?|years?)|recurrence)\b/i;

/** The sentence of a past cancer or the next two of its section speak of watching it (and it is not active treatment). */
function cancerUnderSurveillance(document: ChartDocument, sentence: ChartSentence): boolean {
  const near = sentenceAndNextThree(document, sentence);
  if (near.some((s) => /\b(?:on|receiving|undergoing|currently)\s+(?:chemo|chemotherapy|radiation|immunotherapy)\b/i.test(s.text))) return false;
  return near.some((s) => SURVEILLANCE.test(s.text));
}

/** A sentence and the next three of its section (headings left out): what a note says of one past cancer. */
function sentenceAndNextThree(document: ChartDocument, sentence: ChartSentence): ChartSentence[] {
  const i = document.sentences.indexOf(sentence);
  return document.sentences.slice(i, i + 4).filter((s) => s.section === sentence.section && !s.isHeading);
}

/** A cancer's return or its treatment now: "local recurrence", "recurrent", "on androgen deprivation therapy since …". */
const CANCER_ACTIVE = /\b(?:local|locoregional|biochemical|regional|distant)\s+recurrence\b|\brecurrence (?:in|of|at)\b|\brecurrent (?:disease|cancer|carcinoma)\b|\b(?:currently |remains )?on (?:androgen deprivation|adt\b|hormon(?:e|al) therapy|chemotherapy|immunotherapy|active treatment)|\bundergoing (?:chemotherapy|radiation|treatment)\b/i;
/** "No recurrence", "without evidence of recurrence": the opposite. */
const CANCER_QUIET = /\b(?:no|without|free of|negative for)\s+(?:\w+\s+){0,3}(?:recurrence|recurrent)/i;

/** The sentence of a cancer or the next three of its section say it came back or is being treated now. */
function cancerActiveNow(document: ChartDocument, sentence: ChartSentence): boolean {
  return sentenceAndNextThree(document, sentence).some((s) => CANCER_ACTIVE.test(s.text) && !CANCER_QUIET.test(s.text));
}

/** "not addressed today", "not managed at this visit": a listed condition outside this visit's work. */
/** "Chronic problems … are not addressed today", "other conditions not managed at this visit": the whole list. */
const PROBLEMS_NOT_ADDRESSED = /\b(?:chronic |other |stable )?(?:problems|conditions|issues)\b[^.;]{0,80}?\bnot (?:addressed|managed|discussed)(?: today| at this visit| this visit)?\b/i;
const NOT_ADDRESSED = /\bnot (?:separately )?(?:addressed|managed|discussed|evaluated)(?: (?:today|at this visit|this visit))?\b/i;

/** A title's default course ("…, not intractable, …"): read when the words say nothing of it. */
const NOT_AXIS = /\bnot (?:intractable|in remission)\b/i;

/** A diagnosis list of a hospital stay ("Discharge diagnoses", "Admission diagnosis"). */
const HOSPITAL_LIST = /^(?:hospital\s+)?(?:discharge|admission|admitting)\b/i;

/** Two pieces of evidence in one clause of one sentence: overlapping, or with no semicolon between them. */
function sameClause(a: Evidence, b: Evidence): boolean {
  if (a.sentence !== b.sentence) return false;
  if (a.start < b.end && b.start < a.end) return true;
  const sentenceStart = a.start - Math.max(0, a.sentence.indexOf(a.text));
  const gap = a.sentence.slice(Math.min(a.end, b.end) - sentenceStart, Math.max(a.start, b.start) - sentenceStart);
  return !gap.includes(';');
}

/** A patient header line ("Name: …", "DOB: …", "MRN: …"), not narrative. */
const HEADER_LINE = /^\s*[A-Za-z][A-Za-z /]{0,30}:/;

/**
 * A line naming the clinicians, clinic or signer ("Provider: …, MD (Thoracic Oncology, Lakeside Cancer Institute)",
 * "cc: Cardiology"): a department or institute name is no diagnosis of the patient's.
 */
const STAFF_LINE = /^\s*(?:(?:rendering|referring|attending|supervising|treating|ordering|primary care|consulting)\s+)?(?:provider|physician|clinician|attending|surgeon|author|signed by|electronically signed by|seen by|doctor|pcp|clinic|facility|department|practice|cc|referred by)\s*:/i;

/**
 * "Use additional code to identify … history of tobacco dependence (Z87.891)" at J44.1: a code a chosen code's
 * note asks for, said in the HPI ("former smoker, quit in 2019"), is coded with it. The HPI alone never adds a
 * code; the note asking for it is what makes it part of this visit's coding.
 */
function askedFromHistory(chosen: Map<string, Suggestion>, refiners: readonly { record: CodeRecord; evidence: Evidence }[], lexicon: DiagnosisLexicon): void {
  for (const r of refiners) {
    // BMI has its own rule (a weight diagnosis and the measured value), not a history sentence.
    if (chosen.has(r.record.code) || !r.record.billable || r.record.code.startsWith('Z68')) continue;
    // The assessment already names the condition ("chronic diastolic heart failure, compensated after the recent
    // exacerbation"): the history's reading of it ("acute on chronic" at admission) is another time's.
    if (!r.record.code.startsWith('Z') && [...chosen.keys()].some((c) => c.slice(0, 3) === r.record.code.slice(0, 3))) continue;
    const holder = [...chosen.values()].find((h) => linesName(notesWithAncestors(lexicon, h.code).useAdditional, r.record.code));
    if (!holder) continue;
    chosen.set(r.record.code, { system: 'icd10cm', code: r.record.code, title: r.record.title, confidence: 0.7, rule: `use additional code at ${holder.code}: ${r.record.title}, told in the history`, evidence: [r.evidence], warnings: [] });
  }
}

/** A test named right before or after a result word ("rapid strep negative", "negative rapid strep"). */
const TEST_BEFORE = /\b(?:rapid\s+)?(?:strep(?:\s+a)?(?:\s+antigen)?|covid(?:-19)?(?:\s+antigen)?|flu(?:\s+[ab])?|influenza(?:\s+[ab])?|mono(?:spot)?|rsv|hcg|ua|urinalysis|culture|swab|antigen|test(?:ing)?|screen|x-?rays?|xrays?|radiographs?|imaging|cxr|films?|pcr|panel|dipstick)\s*(?:\([^)]{0,30}\))?\s*(?:was|is|were|are|:|-)?\s*$/i;
const TEST_AFTER = /^\s*(?:rapid\s+)?(?:strep|covid|flu|influenza|mono|rsv|hcg|urine|ua|urinalysis|culture|swab|antigen|test|screen|x-?ray|cxr|pcr)\b/i;

/**
 * "Acute pharyngitis, viral - rapid strep negative": "negative" is the test's result, not a verdict on the
 * pharyngitis. A negation whose trigger is a result word next to a test name does not reach a condition the test
 * does not name (a "strep throat" the strep test rules out stays negated).
 */
function withoutTestResult(result: ContextResult, text: string, match: DiagnosisMatch): ContextResult {
  if (!result.negated || result.ruledOut) return result;
  const negations = result.modifiers.filter((m) => m.category === 'NEGATED_EXISTENCE');
  const isResult = (m: ContextResult['modifiers'][number]) => {
    if (m.start === undefined || m.end === undefined || !/^(?:negative|neg\.?|nonreactive|non-reactive)$/i.test((m.text ?? m.literal).trim())) return false;
    const before = TEST_BEFORE.exec(text.slice(Math.max(0, m.start - 40), m.start));
    const after = TEST_AFTER.exec(text.slice(m.end, m.end + 30));
    const test = before?.[0] ?? after?.[0];
    // A test's own name ("rapid strep", "flu swab"), not a disease name alone ("Influenza and COVID-19 negative").
    if (!test || !TEST_WORD.test(test)) return false;
    const matched = text.slice(match.start, match.end).toLowerCase();
    return !textWords(test).some((w) => !/^(?:rapid|test|testing|antigen|screen|was|is|were|a|b)$/.test(w.raw ?? '') && matched.includes(w.raw ?? '\u0000'));
  };
  if (negations.length === 0 || !negations.every(isResult)) return result;
  return withModifiers(result, result.modifiers.filter((m) => !negations.includes(m)));
}

/** The billable code a match stands for: itself, or a header's default descendant (7th character by encounter words). */
function billableFor(lexicon: DiagnosisLexicon, index: number, text: string, kind: () => EncounterKind | undefined): number | undefined {
  const record = lexicon.codes[index]!;
  // A code read with a 7th character ("…, initial encounter" from a title's words) is re-read from the encounter words.
  const parent = record.code.length === 8 && record.parent ? lexicon.indexOf.get(record.parent) : undefined;
  if (parent !== undefined) return seventhCharacterFor(lexicon, parent, text, kind) ?? index;
  if (record.billable) return index;
  const found = seventhCharacterFor(lexicon, index, text, kind) ?? lexicon.defaultDescendant(index);
  // A header two levels above the 7th character ("S93.49" → S93.499 → S93.499A): read the encounter there too.
  const chosen = found !== undefined ? lexicon.codes[found]! : undefined;
  const chosenParent = chosen && chosen.code.length === 8 && chosen.parent ? lexicon.indexOf.get(chosen.parent) : undefined;
  return chosenParent !== undefined && chosenParent !== index ? (seventhCharacterFor(lexicon, chosenParent, text, kind) ?? found) : found;
}

const RIGHT_KEY = wordKey('right');
const LEFT_KEY = wordKey('left');

/**
 * The sibling of a default code that names the side the words say instead of "unspecified" ("Displaced
 * intertrochanteric fracture of unspecified femur" → "… of right femur"), when exactly one side is said.
 */
function withStatedSide(lexicon: DiagnosisLexicon, index: number, words: string): number | undefined {
  // "R lateral malleolus": a capital side letter beside a site says the side as surely as the word.
  const abbreviated = new Set(sideWords(textWords(words)).map((w) => w.key));
  const right = /\b(?:right|rt)\b/i.test(words) || abbreviated.has(RIGHT_KEY);
  const left = /\b(?:left|lt)\b/i.test(words) || abbreviated.has(LEFT_KEY);
  if (right === left || /\b(?:bilateral|both)\b/i.test(words)) return undefined;
  const record = lexicon.codes[index]!;
  if (!/\bunspecified [a-z]/i.test(record.title)) return undefined;
  const wanted = record.title.replace(/\bunspecified (?=[a-z])/i, right ? 'right ' : 'left ').toLowerCase();
  // Siblings two levels up: a 7th-character code's side sits in its parent ("S72.143D" → "S72.141D").
  const parent = record.parent === undefined ? undefined : lexicon.indexOf.get(record.parent);
  const grand = parent === undefined ? undefined : lexicon.codes[parent]!.parent;
  const top = grand === undefined ? parent : lexicon.indexOf.get(grand);
  if (top === undefined) return undefined;
  const walk = (i: number, depth: number): number | undefined => {
    if (lexicon.codes[i]!.title.toLowerCase() === wanted && lexicon.codes[i]!.billable) return i;
    if (depth === 0) return undefined;
    for (const kid of lexicon.children.get(i) ?? []) {
      const hit = walk(kid, depth - 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  return walk(top, 2);
}

/**
 * The "with …" sibling of a header's default code whose title says "without …", when the words right after the
 * mention say what it lacks ("Alcoholic cirrhosis with ascites" → K70.31, not K70.30 "… without ascites").
 */
function withStatedQualifier(lexicon: DiagnosisLexicon, index: number, after: string): number | undefined {
  const record = lexicon.codes[index]!;
  const without = /\bwithout ([a-z][a-z -]*)$/i.exec(record.title);
  if (!without || record.parent === undefined) return undefined;
  const said = new RegExp(String.raw`^[^.;]*?\bwith\s+(?:[a-z-]+\s+){0,2}?${without[1]!.split(/\s+/).join('\\s+')}\b`, 'i');
  if (!said.test(after)) return undefined;
  const wanted = record.title.replace(/\bwithout\b/i, 'with').toLowerCase();
  return (lexicon.children.get(lexicon.indexOf.get(record.parent) ?? -1) ?? []).find((k) => lexicon.codes[k]!.billable && lexicon.codes[k]!.title.toLowerCase() === wanted);
}

/** The sentence at a document offset and the next one of the same section: how an assessment item goes on ("GDM. Diet-controlled."). */
function itemText(document: ChartDocument, at: number): string {
  // Sentences are in text order: a binary search finds the one holding the offset.
  let lo = 0;
  let hi = document.sentences.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = document.sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else {
      index = mid;
      break;
    }
  }
  if (index < 0) return '';
  const sentence = document.sentences[index]!;
  const next = document.sentences[index + 1];
  return next && next.section === sentence.section && !next.isHeading && !/^\s*(?:#?\d{1,2}\s*[.):-]|[-•*·])/.test(next.text) ? `${sentence.text} ${next.text}` : sentence.text;
}

function resolveBillable(lexicon: DiagnosisLexicon, code: string): CodeRecord | undefined {
  const index = lexicon.indexOf.get(code);
  if (index === undefined) return undefined;
  const target = lexicon.defaultDescendant(index);
  return target === undefined ? undefined : lexicon.codes[target];
}

function evidenceOf(document: ChartDocument, c: Candidate): Evidence {
  const section = sectionAt(document.sections, c.match.start)?.category;
  return { start: c.match.start, end: c.match.end, text: document.text.slice(c.match.start, c.match.end), sentence: c.sentence.text, ...(section ? { section } : {}) };
}

function confidenceOf(c: Candidate): number {
  const base = c.section && CODING_SECTIONS.has(c.section) ? 0.85 : 0.6;
  return Math.min(0.98, base + Math.min(0.1, c.match.term.required.length * 0.02));
}

/** Whole years from an ISO birth date to an ISO date, when both are known. */
function yearsBetween(dobIso: string | undefined, dateIso: string): number | undefined {
  if (!dobIso) return undefined;
  const years = (Date.parse(dateIso) - Date.parse(dobIso)) / (365.25 * 24 * 3600 * 1000);
  return Number.isFinite(years) ? years : undefined;
}

/**
 * "Alcohol use disorder, moderate, in sustained remission" in the HPI and "Alcohol use disorder, in sustained
 * remission" in the assessment: the assessment's "unspecified" code (F10.91) takes the more specific code of the
 * same category the HPI documents (F10.21), as long as that code keeps every qualifier the assessed title states
 * after a comma or from "with"/"without"/"in" on ("in remission", "with (acute) exacerbation"). The HPI never adds a code of its own here. With two
 * different HPI readings the assessed code stays.
 */
function refineFromHistory(chosen: Map<string, Suggestion>, refiners: readonly { record: CodeRecord; evidence: Evidence }[], excluded: ExcludedCandidate[]): void {
  if (refiners.length === 0) return;
  const keysOf = (text: string) => new Set(textWords(text).map((w) => w.key));
  const unspecified = wordKey('unspecified');
  // "Not a COPD exacerbation" in the assessment: the HPI's "last exacerbation" makes nothing more specific.
  const deniedInAssessment = new Set(excluded.filter((e) => (e.reason === 'negated' || e.reason === 'ruled-out') && e.evidence.some((ev) => ASSESSMENT_SECTIONS.has(ev.section ?? ''))).map((e) => e.code));
  for (const s of [...chosen.values()]) {
    if (!/\bunspecified\b/i.test(s.title) || !s.evidence.some((e) => ASSESSMENT_SECTIONS.has(e.section ?? ''))) continue;
    // The assessment already names a more specific code of the category: that one stands (dropLessSpecific).
    if ([...chosen.values()].some((o) => o !== s && o.code.slice(0, 3) === s.code.slice(0, 3) && !/\bunspecified\b/i.test(o.title))) continue;
    // What the title says after a comma or from "with"/"without"/"in" on: the qualifiers a refinement must keep.
    const qualifiers = [...keysOf(s.title.split(',').slice(1).join(' ') + ' ' + (/\b(?:with|without|in)\b.*$/i.exec(s.title)?.[0] ?? ''))].filter((k) => k !== unspecified);
    const better = refiners.filter((r) => r.record.code !== s.code && !deniedInAssessment.has(r.record.code) && r.record.code.slice(0, 3) === s.code.slice(0, 3) && r.record.billable && !/\bunspecified\b/i.test(r.record.title) && qualifiers.every((k) => keysOf(r.record.title).has(k)));
    const codes = new Set(better.map((r) => r.record.code));
    if (codes.size !== 1 || chosen.has(better[0]!.record.code)) continue;
    const r = better[0]!;
    // Replaced in place: the order of the assessment stays the suggested order.
    const entries = [...chosen.entries()];
    chosen.clear();
    for (const [code, value] of entries) {
      if (code !== s.code) chosen.set(code, value);
      else chosen.set(r.record.code, { ...s, code: r.record.code, title: r.record.title, evidence: [...s.evidence, ...better.map((b) => b.evidence)], rule: `${s.rule}; made specific by the history of present illness: ${r.record.code} ${r.record.title} (the most specific code the note supports)` });
    }
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `${r.record.code} says more (history of present illness)`, evidence: s.evidence });
  }
}

/**
 * "Dad smokes" and "2. Secondhand smoke exposure (father) - counselled dad": the relative's habit matters to this
 * visit as the patient's exposure (Z77.-), coded as such; the family-history code read from the same sentence, or
 * about the same thing (tobacco in both titles), goes.
 */
function dropFamilyHistoryCodedAsExposure(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const exposures = [...chosen.values()].filter((s) => s.code.startsWith('Z77'));
  if (exposures.length === 0) return;
  const topic = (title: string) => new Set(textWords(title).map((w) => w.key).filter((k) => !EXPOSURE_FRAME.has(k)));
  for (const s of [...chosen.values()]) {
    if (!/^Z8[0-4]/.test(s.code)) continue;
    const about = topic(s.title);
    const by = exposures.find((x) => x.evidence.some((e) => s.evidence.some((f) => f.sentence === e.sentence)) || [...topic(x.title)].some((k) => about.has(k)));
    if (!by) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'family', explanation: `the relative's condition is coded as the patient's exposure (${by.code})`, evidence: s.evidence });
  }
}

/** Infections of unspecified site, named only by their kind of organism ("viral", "bacterial"). */
const SITELESS_INFECTION = new Set(['B34.9', 'B34.8', 'A49.9', 'A49.8', 'B99.9', 'B99.8']);

/**
 * "Viral upper respiratory infection": the organism word read as "Viral infection, unspecified" (B34.9) is the cause
 * of the site's infection (J06.9) named in the same sentence, not an infection of its own.
 */
function dropSitelessInfectionBesideSite(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!SITELESS_INFECTION.has(s.code)) continue;
    const site = [...chosen.values()].find((o) => o !== s && !/^[RZ]/.test(o.code) && o.evidence.some((e) => s.evidence.some((f) => f.sentence === e.sentence)));
    if (!site) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the infection is coded by its site (${site.code} ${site.title})`, evidence: s.evidence });
  }
}

/** Title words of the family-history and exposure frames, which say nothing about what the history or exposure is. */
const EXPOSURE_FRAME = new Set(['family', 'history', 'contact', 'with', 'and', 'suspected', 'exposure', 'to', 'of', 'other', 'acute', 'chronic', 'environmental', 'abuse', 'dependence', 'in', 'the'].map(wordKey));

/** "… for pain and fever", "prn fever", "as needed for cough": the words before a symptom make it a drug's target. */
function isDrugTarget(e: Evidence): boolean {
  const at = e.sentence.indexOf(e.text);
  if (at < 0) return false;
  return DRUG_TARGET_BEFORE.test(e.sentence.slice(Math.max(0, at - 30), at)) && DOSING_WORDS.test(e.sentence);
}
const DRUG_TARGET_BEFORE = /\b(?:for|prn|as needed for|if needed for)\s+(?:[a-z]+\s*(?:,|and|or|\/)\s*){0,2}$/i;
const DOSING_WORDS = /\b(?:ibuprofen|acetaminophen|tylenol|motrin|advil|naproxen|aleve|mg|prn|as needed|otc|over the counter|tabs?|tablets?|dose)\b/i;

/** The "history" triggers that name a past diagnosis, not its course ("resolved", "previously"). */
const HISTORY_WORDS = /^(?:history of|hx of|hx|h\/o|history)$/i;
/** A treatment going on now: "on lisinopril", "on monthly cyanocobalamin", "taking levothyroxine", "still treated". */
const STILL_TREATED = /\b(?:on|taking|takes|continues|continuing|maintained on|managed (?:with|on)|still (?:on|treated|taking))\s+(?:(?:monthly|weekly|daily|chronic|long-term|maintenance)\s+)?[a-z][a-z-]{2,}/i;

/** "completed anticoagulation, on long-term aspirin": the condition's own treatment ended; what goes on is prevention. */
const TREATMENT_ENDED = /\b(?:completed|finished|stopped|discontinued|resolved|off)\b/i;

/** The rest of a sentence after an offset, up to the next semicolon or sentence end. */
function clauseAfter(text: string, from: number, end: number): string {
  const rest = text.slice(from, end);
  const stop = rest.search(/[;.](?:\s|$)/);
  return stop < 0 ? rest : rest.slice(0, stop);
}

/**
 * "… is part of …", "… are part of …", "… are manifestations of …" right after a condition, or after the others it
 * is listed with ("Oligomenorrhea and hirsutism are manifestations of her PCOS").
 */
const PART_OF_AFTER = /^\s*(?:(?:,|and|&)\s+[\w-]+(?:\s+[\w-]+){0,2}\s+)?(?:is|are|was|were)\s+(?:likely\s+|probably\s+|both\s+|all\s+)?(?:part of|(?:an?\s+)?(?:manifestations?|features?)\s+of)\b/i;

/** The words of an anaphor ("the depressive episode") a fuller title must carry: all but generic heads. */
function anaphorWords(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !ANAPHOR_HEADS.has(w));
  return kept.length > 0 ? kept : words;
}
/** The word keys a short form stands for ("flu" → influenza), from the expansion table. */
function expansionKeys(word: string): string[] {
  return (defaultExpansions.byFirstKey.get(wordKey(word)) ?? []).filter((e) => e.keys.length === 1).flatMap((e) => e.meanings.flat());
}
const ANAPHOR_HEADS = new Set(['episode', 'disorder', 'disease', 'condition', 'illness', 'problem']);

/** Vaccine administration codes: 90460/90461 (with counseling), 90471-90474, Medicare G0008-G0010. */
const VACCINE_ADMINISTRATION = /^(?:9046[01]|9047[1-4]|G000[89]|G0010)$/;

/** Signs and symptoms: chapter 18, and pain of a site coded elsewhere (M25.5-, M79.6-, dorsalgia, myalgia). */
function isSymptom(s: Pick<Suggestion, 'code' | 'title'>): boolean {
  // Joint signs (effusion, stiffness, osteophyte: M25.4-M25.7) are what an arthritis of that joint shows.
  return s.code.startsWith('R') || /^M25\.[4-7]/.test(s.code) || /^pain in /i.test(s.title) || /^(dorsalgia|low back pain|cervicalgia|myalgia)/i.test(s.title);
}

/** Words that make what follows them the cause of what precedes them. */
const CAUSAL = /\b(due to|secondary to|from|caused by|because of|attributed to|likely from|(?:manifestations?|features?|part) of)\b/i;
/** Words that tie a symptom to a diagnosis in one sentence. */
const LINKED = /\b(with|due to|secondary to|from|caused by|because of|associated with|given)\b/i;
/** Symptom words that are not a site: what is left of "left knee pain" after these is the site. */
const SYMPTOM_HEADS = new Set(['pain', 'ach', 'ache', 'tender', 'swell', 'swelling', 'stiff', 'stiffness', 'effusion', 'osteophyte', 'osteophytes'].map((w) => textWords(w)[0]?.key ?? w));
/** Words that place a symptom (body sites, the words that imply them, sides): "worsening medial pain" is at no new site. */
const PLACE_WORDS: ReadonlySet<string> = new Set([...defaultBodySites.sites, ...defaultBodySites.implies.keys(), ...defaultBodySites.qualifiers, ...['right', 'left', 'bilateral'].map(wordKey)]);

/** The sentence text between two evidence spans (both in document offsets). */
function between(sentence: string, a: Evidence, b: Evidence): string {
  const sentenceStart = a.start - a.sentence.indexOf(a.text);
  const lo = Math.min(a.end, b.end);
  const hi = Math.max(a.start, b.start);
  return hi > lo ? sentence.slice(lo - sentenceStart, hi - sentenceStart) : '';
}

/** Evidence that is one word after "the"/"this"/"that": a reference back to a condition named before. */
function isAnaphor(e: Evidence): boolean {
  const at = e.sentence.indexOf(e.text);
  // One word ("the sinusitis") or two ending in a generic head ("the depressive episode").
  return at > 0 && /^[A-Za-z-]+(?:\s+(?:episode|disorder|disease|condition|illness|infection))?$/.test(e.text) && /\b(?:the|this|that)\s+$/i.test(e.sentence.slice(0, at));
}

/** "…, intractable" and "…, not intractable": titles that say opposite things are never one the refinement of the other. */
function contradicts(a: string, b: string): boolean {
  const denied = deniedTitleWords;
  const says = (title: string, word: string) => new RegExp(`(?<!not )\\b${word}\\b`).test(title.toLowerCase());
  return denied(b).some((w) => says(a, w)) || denied(a).some((w) => says(b, w));
}

/** The words a title says "not" to ("not intractable"); titles are compared pair by pair, so each is read once. */
function deniedTitleWords(title: string): readonly string[] {
  return deniedByTitle.get(title, (t) => [...t.toLowerCase().matchAll(/\bnot ([a-z]+)/g)].map((m) => m[1]!));
}
const deniedByTitle = new BoundedMemo<string, readonly string[]>(50000);

/**
 * A verdict written right after a condition that denies it: "X is not the cause", "X was excluded"; or a structure
 * read as a disorder of it, said to be normal: "tympanic membrane intact", "TM normal", "cranial nerves II-XII intact".
 */
const NEGATED_AFTER = /^\s*(?:(?:is|was|has been|were|are)\s+(?:not the cause|not responsible|excluded|ruled out)\b|(?:(?:[IVX]{1,4}|\d{1,2})\s*(?:-|–|to|through)\s*(?:[IVX]{1,4}|\d{1,2})\s+)?(?:is\s+|was\s+|are\s+)?(?:grossly\s+)?(?:intact|unremarkable|within normal limits|wnl)\b)/i;

/** "Moderate persistent asthma, uncomplicated", "Opioid use, unspecified, uncomplicated". */
const UNCOMPLICATED = /,\s*uncomplicated$/i;

/** A title that leaves acuity open ("Bronchitis, not specified as acute or chronic"). */
const ACUITY_UNSAID = /,\s*not specified as acute or chronic\b/i;

/** A title for one side only. */
const ONE_SIDE = /\b(?:right|left|unilateral)\b/i;

/** An injury code that names no kind of injury ("Unspecified injury of right wrist, hand and finger(s)"). */
const UNSPECIFIED_INJURY = /^(?:unspecified )?injury of\b|^unspecified injury\b/i;
const INJURY_PLAIN = new Set(['right', 'left', 'unspecified', 'initial', 'encounter', 'subsequent', 'sequela', 'injury', 'other', 'part', 'and'].map(wordKey));

/** Whether two injury titles name a body site in common ("…injury of right wrist, hand…" and "Sprain of right wrist"). */
function sharesInjurySite(unspecified: string, specific: string): boolean {
  const site = textWords(unspecified.replace(/^.*?\binjury of\b/i, '')).map((w) => w.key).filter((k) => !INJURY_PLAIN.has(k));
  const other = new Set(textWords(specific).map((w) => w.key));
  return site.some((k) => other.has(k));
}

/**
 * Whether title `a` names something title `b` does not ("Other extraarticular fracture …" over "Unspecified
 * fracture …"). A word and its inflection count as one ("anemias", "anemia").
 */
function saysMore(a: string, b: string): boolean {
  const inB = [...plainTitleKeys(b)];
  const same = (k: string, x: string) => k === x || (x.length >= 4 && k.startsWith(x)) || (k.length >= 4 && x.startsWith(k));
  return [...plainTitleKeys(a)].some((k) => !inB.some((x) => same(k, x)));
}

/** A title without its ", unspecified eye" (side left open): what is left says whether the condition is specified. */
function withoutUnsaidSide(title: string): string {
  return title.replace(/,?\s*unspecified (?:eye|ear|side|laterality|lung|kidney|breast|upper limb|lower limb)\b/gi, '');
}

/** Every word of a title but "unspecified"/"other": a site the lexicon reads as soft ("of unspecified lung") still counts. */
function plainTitleKeys(title: string): Set<string> {
  return new Set(textWords(title.replace(/\bwithout\b[^,]*/gi, ' ')).map((w) => w.key).filter((k) => !PLAIN_TITLE_WORDS.has(k)));
}
const PLAIN_TITLE_WORDS = new Set(['unspecified', 'other', 'specified', 'not', 'elsewhere', 'classified', 'site', 'sites', 'part'].map(wordKey));

function isSubset<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Drug classes mentioned as current therapy (not negated, stopped or historical), with evidence. */
function findDrugClasses(document: ChartDocument, classes: Record<string, string[]>): Map<string, Evidence[]> {
  const found = new Map<string, Evidence[]>();
  const targets: { cls: string; start: number; end: number; sentence: ChartSentence }[] = [];
  const byFirstWord = drugNamesByFirstWord(classes);
  for (const sentence of document.sentences) {
    const lower = sentence.text.toLowerCase();
    // Only the names whose first word the sentence has are looked for (a long chart has hundreds of sentences).
    const seen = new Set<string>();
    for (const word of lower.match(/[a-z0-9]+/g) ?? []) {
      if (seen.has(word)) continue;
      seen.add(word);
      // Every mention: a drug named twice ("treated with metformin; … came off metformin") is read at each.
      for (const { cls, name } of byFirstWord.get(word) ?? []) {
        for (let at = findWord(lower, name); at >= 0; at = findWord(lower, name, at + name.length)) targets.push({ cls, start: sentence.start + at, end: sentence.start + at + name.length, sentence });
      }
    }
  }
  targets.sort((a, b) => a.start - b.start);
  const contexts = contextForChart(document, targets);
  // "Treated with metformin; … he came off metformin in 01/2024": a drug the chart later says was stopped is no
  // current therapy where it was named before, unless that mention gives a regimen of its own.
  // Each mention is read at its own place in its sentence: a drug named twice there ("treated with metformin; … came off metformin").
  const mentions = targets.map((t) => {
    const section = sectionAt(document.sections, t.start)?.category;
    const text = document.text.slice(t.start, t.end);
    const evidence: Evidence = { start: t.start, end: t.end, text, sentence: t.sentence.text, ...(section ? { section } : {}) };
    const at = t.start - t.sentence.start;
    return { evidence, section, at, drug: text.toLowerCase(), past: isPastDrug(evidence, at) };
  });
  const stoppedAt = new Map<string, number>();
  for (const m of mentions) if (m.past) stoppedAt.set(m.drug, m.evidence.start);
  targets.forEach((t, i) => {
    const c = contexts[i]!;
    const { evidence, section, at, drug, past } = mentions[i]!;
    if ((stoppedAt.get(drug) ?? -1) > t.start && !CURRENT_REGIMEN.test(drugClause(evidence, at))) return;
    // A stop word counts in the drug's own clause: "aspirin 81 mg daily long-term since he finished rivaroxaban" is current aspirin.
    // A past-history section makes its conditions historical, not the regimen written beside them ("PMH: type 2
    // diabetes, on metformin 1000 mg BID long term").
    const historical = c.historical && !(c.modifiers.every((m) => m.category !== 'HISTORICAL' || m.direction === 'SECTION') && CURRENT_REGIMEN.test(drugClause(evidence, at)));
    if (c.negated || historical || c.hypothetical || c.family || section === 'allergies' || section === 'family_history' || past) return;
    found.set(t.cls, [...(found.get(t.cls) ?? []), evidence]);
  });
  return found;
}

const namesByFirstWord = new WeakMap<Record<string, string[]>, Map<string, { cls: string; name: string }[]>>();

/** The drug-class names by their first word, built once per rule set. */
function drugNamesByFirstWord(classes: Record<string, string[]>): Map<string, { cls: string; name: string }[]> {
  let map = namesByFirstWord.get(classes);
  if (!map) {
    map = new Map();
    for (const [cls, names] of Object.entries(classes)) {
      for (const name of names) {
        const first = /^[a-z0-9]+/.exec(name.toLowerCase())?.[0];
        if (!first) continue;
        map.set(first, [...(map.get(first) ?? []), { cls, name: name.toLowerCase() }]);
      }
    }
    namesByFirstWord.set(classes, map);
  }
  return map;
}

/** A drug written as taken now: "on metformin", "takes …", or with its dose and frequency. */
const CURRENT_REGIMEN = /\b(?:on|takes|taking|uses|using)\s+\w+|\b\d+(?:\.\d+)?\s*(?:mg|mcg|units?)\b[^,;]{0,20}\b(?:daily|bid|tid|qid|qhs|nightly|weekly|every)\b/i;

const DRUG_STOPPED = /\b(stop|stopped|discontinue|discontinued|held|hold|off|finished|completed|previously|formerly|drug holiday|was on|were on|used to take|tried|failed|intoleran\w*)\b/i;
/** Words of drug-class names that are not a drug ("daily aspirin", "baby aspirin", "regular insulin"). */
const NOT_DRUG_WORDS = new Set(['daily', 'baby', 'regular', 'nph', 'hydrocortisone', 'cortisone', 'fentanyl', 'zoledronic']);

/** The word a chart writes for each name of a drug class: "aspirin" for "aspirin 81"; "baby aspirin" stays whole. */
function drugWords(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => (n.split(' ')[0] && !NOT_DRUG_WORDS.has(n.split(' ')[0]!) ? n.split(' ')[0]! : n)))];
}

/** The first mention of each word in each sentence, as evidence. */
function drugMentions(sentences: readonly ChartSentence[], words: readonly string[]): Evidence[] {
  return sentences.flatMap((s) => {
    const lower = s.text.toLowerCase();
    return words.flatMap((w) => {
      const at = findWord(lower, w);
      return at < 0 ? [] : [{ start: s.start + at, end: s.start + at + w.length, text: s.text.slice(at, at + w.length), sentence: s.text }];
    });
  });
}

/**
 * Whether the assessment or plan names a drug of the class (by any of its names or their first word: "aspirin" for
 * "aspirin 81") in a clause that does not stop it: the clinician manages the long-term therapy at this visit.
 */
function drugAddressed(planSentences: readonly ChartSentence[], names: readonly string[]): boolean {
  return drugMentions(planSentences, drugWords(names)).some((e) => !isPastDrug(e));
}

/**
 * Whether any sentence names one of the drugs with the long-term cue in the drug's own clause. The drug's own word
 * counts here without the dose its class list needs ("aspirin", not only "aspirin 81"): the cue is what matters.
 */
function longTermSaid(document: ChartDocument, classNames: readonly string[], cue: RegExp): boolean {
  return drugMentions(document.sentences, drugWords(classNames)).some((e) => cue.test(drugClause(e)));
}

/** The next clause taking a held drug up again ("…; resumed today", ", restarted at discharge"). */
const RESUMED_AFTER = /^[^;,.]*[;,]\s*(?:and\s+|but\s+|now\s+)*(?:it\s+(?:was|is)\s+)?(?:resumed|restarted|resume|restart|reinstated|back on)\b/i;

/** "Plan transition to zoledronic acid after year 5", "will switch to": a drug still to come is no current use. */
const FUTURE_SWITCH = /\b(?:plan(?:ned|s)?\s+(?:a\s+)?(?:transition|switch|change|move)\s+to|will\s+(?:transition|switch|change|move)\s+to|(?:transition|switch)\s+to\s+(?=\S+\s+(?:\S+\s+)?(?:after|when|once|in\s+\d|next))|consider(?:ing)?\s+(?:a\s+)?(?:switch|transition|change)\s+to)\s+(?:\w+\s+)?$/i;

/** "Switched from alendronate to denosumab": the drug switched from is past. */
const SWITCHED_FROM = /\b(?:switched|changed|transitioned|converted|moved|stepped down|came off)\s+(?:\w+\s+)?from\s+(?:\w+\s+){0,2}$/i;
/** A course with an end year ("alendronate 2019-2023", "(2018 to 2022)"): over. */
const ENDED_COURSE = /^[^,;]{0,30}?\(?\b(?:19|20)\d{2}\s*(?:-|–|to|through|until)\s*(?:19|20)\d{2}\b/i;

/** Whether a drug mention is a past one: stopped, held, switched from, or a course with an end year. */
function isPastDrug(e: Evidence, at = e.sentence.indexOf(e.text)): boolean {
  // "Metformin was held in hospital; resumed today": held, then taken up again.
  if (DRUG_STOPPED.test(drugClause(e, at))) return !(at >= 0 && RESUMED_AFTER.test(e.sentence.slice(at + e.text.length, at + e.text.length + 100)));
  if (at < 0) return false;
  return SWITCHED_FROM.test(e.sentence.slice(Math.max(0, at - 60), at)) || FUTURE_SWITCH.test(e.sentence.slice(Math.max(0, at - 60), at)) || ENDED_COURSE.test(e.sentence.slice(at + e.text.length));
}

/**
 * The clause around a drug mention: back to the previous comma, semicolon or dash (at most 40 characters), on to the
 * next one or to a word that starts another clause ("since", "after", "until"), at most 60 characters.
 */
export function drugClause(e: Evidence, at = e.sentence.indexOf(e.text)): string {
  if (at < 0) return e.sentence;
  const before = e.sentence.slice(Math.max(0, at - 40), at);
  const after = e.sentence.slice(at + e.text.length, at + e.text.length + 60);
  const head = before.split(/[,;:]|\s[-–]\s/).at(-1) ?? '';
  const tail = after.split(/[,;:]|\s[-–]\s|\b(?:since|after|until|before|then|but)\b/i)[0] ?? '';
  // An item's own heading speaks for the drugs it lists ("Long-term dual antiplatelet therapy: aspirin and clopidogrel").
  // So does an item's label before a spaced dash ("3. Long-term systemic steroid - keep prednisone 5 mg").
  const lead = /^(?:\s*#?\d{1,2}[.)]\s*)?[^:;.]{0,60}(?::|\s[-–]\s)/.exec(e.sentence)?.[0];
  return `${lead && at > lead.length ? `${lead} ` : ''}${head}${e.text}${tail}`;
}

function findWord(haystack: string, word: string, start = 0): number {
  let from = start;
  for (;;) {
    const at = haystack.indexOf(word, from);
    if (at < 0) return -1;
    // "non-insulin" is not insulin: a hyphen joins the word before.
    const before = at === 0 ? ' ' : haystack[at - 1] === '-' ? 'x' : haystack[at - 1]!;
    const after = haystack[at + word.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return at;
    from = at + 1;
  }
}

/**
 * Whether a symptom stands as its own problem in the assessment: an item that starts with it ("2. Nocturia",
 * "- Chest pain, atypical") and names no diagnosis that explains it in the same sentence.
 */
function isOwnProblem(symptom: Suggestion, explainers: Suggestion[], sections: Set<string>, text: string): boolean {
  // "1. GERD with erosive esophagitis. Heartburn now controlled.": a later sentence of the numbered item that names
  // the diagnosis is still that problem.
  // "#1 GERD ↵ - Daily heartburn despite omeprazole": a bulleted line under a numbered item is that item's too.
  const laterInItem = (diagnosis: Evidence, e: Evidence) => {
    if (diagnosis.start >= e.start) return false;
    const lineStart = text.lastIndexOf('\n', diagnosis.start) + 1;
    const head = text.slice(lineStart, diagnosis.start);
    const between = text.slice(diagnosis.start, e.start);
    // The same holds for a paragraph the diagnosis opens ("Chronic migraine without aura. Headache on 16 days a month …").
    if (!between.includes('\n')) return LIST_ITEM.test(head) || head.trim() === '';
    return NUMBERED_ITEM.test(head) && between.split('\n').slice(1).every((line) => SUB_ITEM.test(line));
  };
  return symptom.evidence.some((e) => {
    if (explainers.some((d) => d.evidence.some((x) => laterInItem(x, e)))) return false;
    if (!sections.has(e.section ?? '')) return false;
    const at = e.sentence.indexOf(e.text);
    if (at < 0 || !ITEM_START.test(e.sentence.slice(0, at))) return false;
    // "Sore throat is from post-nasal drainage": the line explains the symptom by a cause; it is not a problem of its own.
    if (ATTRIBUTED.test(e.sentence.slice(at + e.text.length))) return false;
    return !explainers.some((d) => d.evidence.some((x) => x.sentence === e.sentence));
  });
}

/** A symptom the chart says its diagnoses do not account for ("fever out of proportion", "unexplained fever"). */
const UNEXPLAINED = /\b(?:unexplained|not explained|unclear (?:source|cause)|no (?:clear )?source|unknown (?:source|origin)|out of proportion|persist(?:s|ent|ing)? despite)\b/i;

/** Further symptoms joined to the first (", night sweats and chills"): the words a cause or verdict may follow. */
const MORE_SYMPTOMS = String.raw`^(?:\s*(?:,|and|&)\s*(?:[a-z-]+\s+){0,3}?[a-z-]+)*`;

/** Words right after a symptom (or a list of them) that give its cause ("… is from drainage", "fever and sore throat are from the strep"). */
const ATTRIBUTED = new RegExp(String.raw`${MORE_SYMPTOMS}\s*[-–:,]?\s*(?:is|are|was|were)?\s*(?:likely|probably|most likely|felt to be|thought to be)?\s*(?:from|due to|d\/t|secondary to|caused by|attributed to|related to|part of|explained by)(?![a-z])`, 'i');

/** "… are her baseline HF symptoms", "… is a typical migraine feature": the symptom named as a sign of a condition. */
const SYMPTOMS_OF = new RegExp(String.raw`${MORE_SYMPTOMS}\s*(?:is|are|was|were)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?((?:[a-z0-9-]+\s+){1,4}?)(?:symptoms?|signs?|manifestations?|features?)\b`, 'i');

/** A cause named only as "the illness": the condition the visit addresses. */
const GENERIC_ILLNESS = /\b(?:illness|flare|flare-up|exacerbation|infection|episode|attack|process|virus|bug|syndrome)\b/i;

/** Words too general to tie a stated cause to a diagnosis ("the infection" names no diagnosis by itself). */
const GENERIC_CAUSE_WORDS = new Set(['baseline', 'typical', 'usual', 'known', 'the', 'his', 'her', 'their', 'this', 'infection', 'disease', 'disorder', 'acute', 'chronic', 'other', 'unspecified', 'with', 'without', 'of', 'and', 'viral', 'condition', 'illness'].map(wordKey));

/** "Fever is from the teething": the sentence gives the symptom a cause none of the diagnoses names. */
function givenOtherCause(symptom: Evidence, diagnoses: readonly Suggestion[]): boolean {
  const at = symptom.sentence.indexOf(symptom.text);
  return at >= 0 && ATTRIBUTED.test(symptom.sentence.slice(at + symptom.text.length)) && !diagnoses.some((d) => namesCause(symptom, d));
}

/** Whether the symptom's sentence attributes it ("… are from the strep infection") to a cause the diagnosis names. */
function namesCause(symptom: Evidence, diagnosis: Suggestion): boolean {
  const at = symptom.sentence.indexOf(symptom.text);
  if (at < 0) return false;
  const after = symptom.sentence.slice(at + symptom.text.length);
  const said = ATTRIBUTED.exec(after);
  // "Edema and exertional dyspnea are her baseline HF symptoms": the words before "symptoms" name the cause.
  const symptomsOf = said ? undefined : SYMPTOMS_OF.exec(after);
  if (!said && !symptomsOf) return false;
  const causeText = said ? after.slice(said[0].length).split(/[.;:]/)[0]! : symptomsOf![1]!;
  // "Fever - from #1 and #2": the cause is named by its item number in the assessment.
  const items = [...causeText.matchAll(/#\s*(\d{1,2})\b|\b(?:problems?|items?)\s+(\d{1,2})\b/gi)].map((m) => m[1] ?? m[2]);
  if (items.length > 0 && diagnosis.evidence.some((e) => items.some((n) => new RegExp(`^\\s*#?${n}\\s*[.):-]`).test(e.sentence)))) return true;
  // "Wheeze and cough are part of the flare", "are from this illness": the illness the visit is about.
  if (GENERIC_ILLNESS.test(causeText) && textWords(causeText).every((w) => GENERIC_CAUSE_WORDS.has(w.key) || GENERIC_ILLNESS.test(w.raw ?? ''))) return true;
  const cause = expandWords(textWords(causeText)).map((w) => w.key).filter((k) => !GENERIC_CAUSE_WORDS.has(k));
  const named = new Set([...expandWords(textWords(diagnosis.title)), ...diagnosis.evidence.flatMap((e) => expandWords(textWords(e.text)))].map((w) => w.key));
  // A short form counts for its word ("strep" for streptococcal).
  return cause.some((k) => named.has(k) || (k.length >= 4 && [...named].some((n) => n.startsWith(k))));
}

/** The start of a numbered or bulleted list item, up to its text. */
const LIST_ITEM = /^\s*(?:#?\d{1,2}\s*[.):-]|#\d{1,2}\s|[-•*·])/;
/** A numbered problem ("#1 ", "2. "), whose bulleted lines below belong to it. */
const NUMBERED_ITEM = /^\s*(?:#?\d{1,2}\s*[.):]|#\d{1,2}\s)/;
/** A bulleted or indented line inside a numbered problem. */
const SUB_ITEM = /^(?:\s*[-•*·]|\s{2,}\S)/;
/** What may come before an assessment item's first words: a number, bullet or dash, and up to two qualifiers ("exertional chest pressure"). */
const ITEM_START = /^\s*(?:#?\d{1,2}\s*[.):-]|#\d{1,2}\s|[-•*·])?\s*(?:(?!(?:the|a|an|this|that|his|her|their|its|no|any)\s)[a-z-]+\s+){0,2}$/i;

/** For a code whose last character is a 7th character, what it means and that the coder should confirm it. */
function seventhCharacterNote(lexicon: DiagnosisLexicon, code: string): string | undefined {
  if (code.replace('.', '').length !== 7) return undefined;
  const record = lexicon.codes[lexicon.indexOf.get(code) ?? -1];
  const notes = record ? inheritedNotes(record, (c) => lexicon.codes[lexicon.indexOf.get(c) ?? -1]) : undefined;
  const char = code.at(-1)!;
  const meaning = notes?.sevenChr?.[char];
  return meaning ? `7th character ${char} (${meaning}) chosen from the encounter words: confirm it` : undefined;
}

/** Whether a Tabular note line ("type 1 diabetes mellitus (E10.-)", "(I12.-, I13.-)", "(N18.1-N18.4)") names a code. */
function mentionsCode(line: string, code: string): boolean {
  for (const group of line.matchAll(/\(([^()]*[A-Z][0-9][^()]*)\)/g)) {
    for (const part of group[1]!.split(/,\s*/)) {
      // "E08.-" is a whole category; "N18.1-N18.6" a range (the dash before a code letter starts its upper end).
      const range = /^([A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{0,4})?)(?:\.?-(?![A-Z]))?(?:-([A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{0,4})?))?/.exec(part.trim());
      if (!range) continue;
      const lo = range[1]!;
      const hi = range[2];
      if (hi ? code.slice(0, lo.length) >= lo && code.slice(0, hi.length) <= hi : code.startsWith(lo)) return true;
    }
  }
  return false;
}

/** First-listed first: chemotherapy encounters lead; then the order the chart gives; history, family, screening and status codes last. */
function sequence(diagnoses: Suggestion[], rules: CodingRules, visitReasons: Set<string>, codedAfter: (code: string) => string[] = () => []): Suggestion[] {
  const firstListed = rules.firstListed.flatMap((r) => r.when);
  const weight = (s: Suggestion) => (visitReasons.has(s.code) || firstListed.some((p) => codeMatcher(p)(s.code)) ? 0 : /^Z(79|8|68|3A|23|1[1-3])/.test(s.code) || s.code === 'I25.2' ? 2 : 1);
  // A loop, not Math.min(...): a pasted chart can give one code tens of thousands of pieces of evidence.
  // The assessment's own order first, then the other coding sections' (problem list, reason for visit), then the rest.
  const rank = (e: Suggestion['evidence'][number]) => (ASSESSMENT_PROPER.has(e.section ?? '') ? e.start : CODING_SECTIONS.has(e.section ?? '') ? e.start + 1e9 : e.start + 2e9);
  const position = (s: Suggestion) => s.evidence.reduce((min, e) => Math.min(min, rank(e)), Infinity);
  // Primary before secondary neoplasm (Guideline I.C.2.a-b).
  const neoplasm = (s: Suggestion) => (/^C7[7-9]/.test(s.code) ? 1 : 0);
  const sorted = diagnoses.sort((a, b) => weight(a) - weight(b) || neoplasm(a) - neoplasm(b) || position(a) - position(b));
  return withCodedFirst(sorted, codedAfter);
}

/**
 * "Use additional code" notes order a pair (Guideline I.A.13): E11.22 names the CKD stage code it needs, so it goes
 * before N18.32 wherever the chart happened to mention the stage first. `codedAfter(a)` lists codes `a` must precede.
 */
function withCodedFirst(list: Suggestion[], codedAfter: (code: string) => string[]): Suggestion[] {
  const out = [...list];
  for (const s of list) {
    const later = codedAfter(s.code);
    const from = out.indexOf(s);
    const firstLater = out.findIndex((o, i) => i < from && later.includes(o.code));
    if (firstLater < 0) continue;
    out.splice(from, 1);
    out.splice(firstLater, 0, s);
  }
  return out;
}

function dedupeExcluded(excluded: ExcludedCandidate[], chosen: Map<string, Suggestion>): ExcludedCandidate[] {
  const seen = new Set<string>();
  return excluded.filter((e) => {
    const key = `${e.code}:${e.reason}`;
    if (chosen.has(e.code) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
