import { visitComplexityAddOn } from './visit-complexity';
import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import type { ExcludedCandidate, Suggestion } from '../types';
import { administrationCodes } from './administration';
import { allergenImmunotherapy } from './allergen-immunotherapy';
import { castSupplies } from './cast-supplies';
import { contraceptiveDevices } from './contraceptive-devices';
import { administeredDrugs } from './drugs';
import { chartShowsMedicare, emLevel, findGlobalPackage } from './em-level';
import type { GlobalPackage } from './em-level';
import { evidenceList, makeExcluded, makeLine } from './lines';
import { defaultEmRules, defaultNamedProcedureRules } from './rules';
import { serviceOnlyVisit, withEmAddOns } from './em-add-ons';
import { applyModifiers } from './modifiers';
import { namedProcedures } from './named-procedures';
import { toSuggestion } from './types';
import type { LineKind, ProcedureLine, ProcedureOptions, ResolvedProcedureOptions, StageResult } from './types';
import { telehealthVisitCodes } from './telehealth';
import { therapistVisit, therapyServices } from './therapy';
import { administeredVaccines } from './vaccines';

/** What {@link suggestProcedures} returns. */
export interface ProcedureSuggestions {
  /** CPT/HCPCS lines in claim order: visit, procedures and tests, vaccines, injections, drugs. */
  procedures: Suggestion[];
  /** Candidates set aside (declined, planned, ordered, prescribed, not separately billable …), one per code. */
  excluded: ExcludedCandidate[];
}

/** Flushing an implanted port, billed only when nothing else was given through it that day. */
const PORT_FLUSH = '96523';

/**
 * CPT/HCPCS procedure codes for one outpatient chart, fully on-device. Runs the stages in order —
 * {@link emLevel} (office/preventive E/M), {@link namedProcedures} (office procedures and point-of-care
 * tests), {@link administeredVaccines}, {@link administeredDrugs} (J-codes with units),
 * {@link administrationCodes} (96372/96374/96365…), {@link applyModifiers} (LT/RT/50, 25) — each a pure
 * `stage(document, catalog, options)`. Every suggestion carries evidence spans and the rule behind it.
 *
 * @example suggestProcedures(chartFromText(note), catalog, { payer: 'medicare' }).procedures.map(p => p.code)
 */
export function suggestProcedures(document: ChartDocument, catalog: CodeSetCatalog, options: ProcedureOptions = {}): ProcedureSuggestions {
  const opts = resolveOptions(document, options);
  const stageOptions = { dateOfService: opts.dateOfService, payer: opts.payer };
  const found = withOneBiopsyPrimary(withAllergenImmunotherapy(namedProcedures(document, catalog, stageOptions), allergenImmunotherapy(document, catalog, opts.dateOfService)), catalog, opts.dateOfService);
  const billedTests = found.lines.filter((l) => l.kind === 'test').flatMap((l) => l.evidence);
  const therapy = therapyServices(document, catalog, opts.dateOfService);
  const em = telehealthVisitCodes(therapistVisit(serviceOnlyVisit(emLevel(document, catalog, { ...stageOptions, setting: opts.setting, billedTests, ...(opts.patientStatus ? { patientStatus: opts.patientStatus } : {}), ...(opts.diagnosedProblems ? { diagnosedProblems: opts.diagnosedProblems } : {}) }), found.lines, defaultNamedProcedureRules, catalog, opts.dateOfService), therapy, catalog, opts.dateOfService), document, catalog, opts.dateOfService, opts.payer);
  const named = withEmAddOns(
    withinWellnessVisit(acuityInProblemExam(withinPackage(found, findGlobalPackage(document), document, catalog, opts.dateOfService), em.lines, catalog, opts.dateOfService), em.lines, catalog, opts.dateOfService),
    em.lines,
    defaultNamedProcedureRules,
    catalog,
    opts.dateOfService,
  );
  const vaccines = administeredVaccines(document, catalog, stageOptions);
  const drugs = administeredDrugs(document, catalog, { dateOfService: opts.dateOfService });
  const admin = administrationCodes({ administrations: drugs.administrations, procedures: named.lines }, catalog, { dateOfService: opts.dateOfService });
  const devices = contraceptiveDevices(document, catalog, opts.dateOfService, named.lines);
  // A port flushed after a drug or fluid went through it is part of that infusion: 96523 only stands alone.
  const throughPort = admin.lines.some((l) => /^96(?:3[67]\d|4[0-5]\d)$/.test(l.code));
  if (throughPort) {
    for (const flush of named.lines.filter((l) => l.code === PORT_FLUSH)) named.excluded.push(makeExcluded(catalog, opts.dateOfService, flush.code, 'not-billable', 'port flushed with an infusion or injection the same day: part of that service', flush.evidence));
    named.lines = named.lines.filter((l) => l.code !== PORT_FLUSH);
  }
  const supplies = castSupplies(named.lines, document, catalog, opts.dateOfService);
  const therapyCodes = new Set(therapy.lines.map((l) => l.code));
  const modified = applyModifiers([...em.lines, ...therapy.lines, ...named.lines.filter((l) => !therapyCodes.has(l.code)), ...vaccines.lines, ...admin.lines, ...drugs.lines.filter((d) => !devices.lines.some((x) => x.code === d.code) && !(devices.lines.length > 0 && CONTRACEPTIVE_PRODUCT.test(d.title))), ...devices.lines, ...supplies], document);
  const complexity = visitComplexityAddOn(modified.lines, document, catalog, opts.dateOfService, opts.payer);
  const lines = [...modified.lines, ...complexity.lines].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const excluded = dedupeExcluded([...em.excluded, ...therapy.excluded, ...named.excluded, ...vaccines.excluded, ...drugs.excluded, ...admin.excluded, ...modified.excluded, ...complexity.excluded], lines);
  return { procedures: lines.map(toSuggestion), excluded };
}

/** A contraceptive device product: the device stage picks the one placed, so a drug reading of its dose gives way. */
const CONTRACEPTIVE_PRODUCT = /\bcontraceptive\b/i;

/** Defaults for {@link ProcedureOptions} (the date of service defaults to the chart header's, else today). */
export const defaultProcedureOptions: Omit<ResolvedProcedureOptions, 'dateOfService'> = {
  payer: 'other',
  setting: 'outpatient',
};

/** Options with the chart's date of service and the defaults filled in; payer Medicare when the chart documents Medicare coverage. */
export function resolveOptions(document: ChartDocument, options: ProcedureOptions = {}): ResolvedProcedureOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ProcedureOptions;
  const resolved: ResolvedProcedureOptions = {
    ...defaultProcedureOptions,
    dateOfService: document.header?.dateOfServiceIso ?? new Date().toISOString().slice(0, 10),
    ...given,
  };
  // Medicare has its own codes (G0008/G0009 administration, G2212, AWV): the chart's own statement of coverage wins over the default payer.
  if (resolved.payer !== 'medicare' && chartShowsMedicare(document)) resolved.payer = 'medicare';
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const ORDER: LineKind[] = ['preventive', 'em', 'em-add-on', 'prolonged', 'postop', 'minor-procedure', 'injection-procedure', 'treatment', 'test', 'screening', 'counseling', 'vaccine', 'vaccine-admin', 'drug-admin', 'drug', 'supply'];

/** Sets aside the tests a global obstetric package includes (the antepartum dipstick urinalysis). */
function withinPackage(result: StageResult, pkg: GlobalPackage | undefined, document: ChartDocument, catalog: CodeSetCatalog, dos: string): StageResult {
  if (pkg?.kind !== 'obstetric') return result;
  const included = new Set(defaultEmRules.obstetricPackageIncludes);
  const lines = result.lines.filter((l) => !included.has(l.code));
  const setAside = result.lines
    .filter((l) => included.has(l.code))
    .map((l) => makeExcluded(catalog, dos, l.code, 'not-billable', `routine antepartum visit (“${pkg.text}”): ${l.code} is part of the global obstetric package`, [...l.evidence, ...evidenceList(document, [pkg])]));
  return { lines, excluded: [...result.excluded, ...setAside] };
}

/** Medicare annual wellness visits whose required parts are not billed beside them. */
const WELLNESS_VISITS = new Set(['G0438', 'G0439']);
/**
 * The health risk assessment is a required element of the annual wellness visit, so 96160 is not billed with it;
 * the routine measurements the visit records (a Snellen acuity, 99173) are part of it too: Medicare does not pay
 * the screening beside an AWV.
 */
const WELLNESS_INCLUDES = new Set(['96160', '99173']);

/** Sets aside what an annual wellness visit already includes (its health risk assessment). */
function withinWellnessVisit(result: StageResult, visits: ProcedureLine[], catalog: CodeSetCatalog, dos: string): StageResult {
  const awv = visits.find((l) => WELLNESS_VISITS.has(l.code));
  if (!awv) return result;
  const lines = result.lines.filter((l) => !WELLNESS_INCLUDES.has(l.code));
  const setAside = result.lines
    .filter((l) => WELLNESS_INCLUDES.has(l.code))
    .map((l) => makeExcluded(catalog, dos, l.code, 'not-billable', `${l.code} is a required part of the annual wellness visit (${awv.code})`, l.evidence));
  return { lines: awv.code === 'G0439' ? withAnnualDepressionScreening(lines, catalog, dos) : lines, excluded: [...result.excluded, ...setAside] };
}

/** Words that name a vision screening as such (or its pass/fail result), not an acuity read in an exam. */
const NAMED_SCREENING = /\bscreen(?:ing|er)?\b|\b(?:pass|passed|fail|failed|refer)\b/i;
/** An acuity read with the adult chart, as an eye exam does ("VA (Snellen) OD 20/25"); HOTV, LEA or a photoscreener are screening tools. */
const EXAM_ACUITY = /\bsnellen\b|\bvisual acuity\b|\bva\b/i;

/**
 * 99173 is a screening test. A Snellen acuity recorded in the exam of a problem visit ("VA OD 20/25" for a foreign body
 * in the eye) is part of that examination; only a preventive visit, or a vision screening named as one, bills it.
 */
function acuityInProblemExam(result: StageResult, visits: ProcedureLine[], catalog: CodeSetCatalog, dos: string): StageResult {
  if (visits.some((l) => l.kind === 'preventive')) return result;
  const inExam = (l: ProcedureLine) => l.code === '99173' && l.evidence.every((e) => EXAM_ACUITY.test(e.text) && !NAMED_SCREENING.test(e.sentence ?? ''));
  if (!result.lines.some(inExam)) return result;
  const setAside = result.lines.filter(inExam).map((l) => makeExcluded(catalog, dos, l.code, 'not-billable', 'visual acuity read in the exam of a problem visit is part of the examination (99173 is a screening test)', l.evidence));
  return { lines: result.lines.filter((l) => !inExam(l)), excluded: [...result.excluded, ...setAside] };
}

/** A depression instrument (PHQ-2/PHQ-9) among the instruments a 96127 line counts. */
const DEPRESSION_INSTRUMENT = /\bphq[- ]?(?:2|9)\b|\bphq\b/i;

/**
 * Medicare pays the annual depression screening as G0444 with a subsequent wellness visit (G0439; never with the
 * initial G0438): the PHQ's unit of 96127 becomes G0444, other instruments (GAD-7) stay 96127.
 */
function withAnnualDepressionScreening(lines: ProcedureLine[], catalog: CodeSetCatalog, dos: string): ProcedureLine[] {
  const instruments = lines.find((l) => l.code === '96127' && l.evidence.some((e) => DEPRESSION_INSTRUMENT.test(e.text)));
  if (!instruments) return lines;
  const { line } = makeLine(catalog, dos, { code: 'G0444', kind: 'screening', confidence: instruments.confidence, rule: `annual depression screening with the subsequent wellness visit (Medicare) → G0444 in place of one unit of 96127`, evidence: instruments.evidence.filter((e) => DEPRESSION_INSTRUMENT.test(e.text)) });
  if (!line) return lines;
  const rest = (instruments.units ?? 1) - 1;
  const out = lines.filter((l) => l !== instruments);
  if (rest > 0) out.push({ ...instruments, units: rest });
  out.push(line);
  return out;
}

/** Skin biopsy primary codes, highest first, each with the add-on its technique takes after another biopsy. */
const BIOPSY_PRIMARIES: readonly [primary: string, addOn: string][] = [
  ['11106', '11107'],
  ['11104', '11105'],
  ['11102', '11103'],
];

/**
 * Skin biopsies by more than one technique at one visit: only the highest (incisional, then punch, then tangential)
 * takes a primary code; each biopsy of another technique is that technique's add-on ("punch biopsy of the cheek,
 * shave biopsy of the forearm" is 11104 + 11103, not 11104 + 11102).
 */
function withOneBiopsyPrimary(named: StageResult, catalog: CodeSetCatalog, dos: string): StageResult {
  const primaries = BIOPSY_PRIMARIES.filter(([primary]) => named.lines.some((l) => l.code === primary));
  if (primaries.length < 2) return named;
  const [first] = primaries[0]!;
  const others = primaries.slice(1);
  // The techniques that lose their primary code, by that code; their own add-on lines merge into the new add-on line.
  const demoted = new Map(others);
  const merged = new Set(demoted.values());
  const lines: ProcedureLine[] = [];
  for (const line of named.lines) {
    if (merged.has(line.code)) continue;
    const addOnCode = demoted.get(line.code);
    if (!addOnCode) {
      lines.push(line);
      continue;
    }
    const units = (line.units ?? 1) + (named.lines.find((l) => l.code === addOnCode)?.units ?? 0);
    const { line: addOn } = makeLine(catalog, dos, { code: addOnCode, kind: line.kind, confidence: line.confidence, rule: `${line.rule}; with a ${first} biopsy the same day, each biopsy of this technique is its add-on → ${addOnCode} × ${units}`, evidence: line.evidence, units });
    if (addOn) lines.push(addOn);
  }
  return { ...named, lines };
}

/** Allergen injections join the named procedures; no other line of their codes is kept beside them. */
function withAllergenImmunotherapy(named: StageResult, ait: StageResult): StageResult {
  const codes = new Set(['95115', '95117']);
  const lines = ait.lines.length > 0 ? [...named.lines.filter((l) => !codes.has(l.code)), ...ait.lines] : named.lines;
  return { lines, excluded: [...named.excluded, ...ait.excluded] };
}

/** One excluded entry per code and reason, none for a code that is suggested. */
function dedupeExcluded(excluded: ExcludedCandidate[], lines: ProcedureLine[]): ExcludedCandidate[] {
  const suggested = new Set(lines.map((l) => l.code));
  const seen = new Set<string>();
  const out: ExcludedCandidate[] = [];
  for (const e of excluded) {
    const key = `${e.code}|${e.reason}`;
    if (suggested.has(e.code) || seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
