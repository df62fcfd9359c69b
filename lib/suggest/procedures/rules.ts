// Loads and validates the procedure rule files (lib/suggest/procedures/*.json). Every loader rejects
// unknown keys and bad values and names the entry at fault, like lib/context/rules.ts does for ConText.
import { SECTION_CATEGORIES } from '../../chart';
import type { SectionCategory } from '../../chart';
import { compileContextRules, defaultContextRules, loadContextRules } from '../../context';
import type { CompiledContextRules, ContextRuleSet } from '../../context';
import cuesJson from './cues.json';
import drugNamesJson from './drug-names.json';
import emRulesJson from './em-rules.json';
import namedProceduresJson from './named-procedures.json';
import procedureContextJson from './procedure-context.json';
import vaccinesJson from './vaccines.json';
import type { LineKind } from './types';

/** Version of the procedure rule files this code reads; loaders refuse other versions. */
export const PROCEDURE_RULES_FORMAT_VERSION = 1;

/** Error raised when a procedure rule file is malformed; names the file and the entry at fault. */
export class ProcedureRuleError extends Error {
  constructor(
    /** Which rule file was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ProcedureRuleError';
  }
}

// ---------------------------------------------------------------------------------------------
// cues.json

/** Phrases that tell whether a procedure or test was done at this visit (cues.json). */
export interface StatusCues {
  performed: string[];
  /** Words that, right before a performed cue, make it future ("will be given"). */
  futureMarkers: string[];
  /** Words that, right after a performed cue, make it not done ("dose 1 due", "dose 2 declined"). Default: none. */
  dueMarkers?: string[];
  results: string[];
  performedSections: SectionCategory[];
  /** Section headings (lower-case substrings) that mean "done at this visit". */
  performedSectionTitles: string[];
  /** Section headings (lower-case substrings) that mean "history". */
  historySectionTitles: string[];
  plannedSections: SectionCategory[];
}

/** Validates cues.json. @throws ProcedureRuleError */
export function loadStatusCues(json: unknown, source = 'cues.json'): StatusCues {
  const r = new Reader(source);
  const o = r.file(json, ['performed', 'futureMarkers', 'dueMarkers', 'results', 'performedSections', 'performedSectionTitles', 'historySectionTitles', 'plannedSections']);
  return {
    performed: r.phrases(o.performed, 'performed'),
    futureMarkers: r.phrases(o.futureMarkers, 'futureMarkers'),
    dueMarkers: r.phrases(o.dueMarkers, 'dueMarkers'),
    results: r.phrases(o.results, 'results'),
    performedSections: r.sections(o.performedSections, 'performedSections'),
    performedSectionTitles: r.phrases(o.performedSectionTitles, 'performedSectionTitles').map((t) => t.toLowerCase()),
    historySectionTitles: r.phrases(o.historySectionTitles, 'historySectionTitles').map((t) => t.toLowerCase()),
    plannedSections: r.sections(o.plannedSections, 'plannedSections'),
  };
}

// ---------------------------------------------------------------------------------------------
// procedure-context.json

/**
 * Validates procedure-context.json and merges it into a ConText rule set (the shipped one by default):
 * its categories are added to `categoryFlags`, its rules appended. A PSEUDO rule switches the shipped
 * triggers of the same words off: "screening" makes a diagnosis hypothetical, but for a procedure it is
 * the name of the service done ("Screening: vision 20/25"). @throws ContextRuleError
 */
export function loadProcedureContextRules(json: unknown, base: ContextRuleSet = defaultContextRules.ruleSet, source = 'procedure-context.json'): CompiledContextRules {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProcedureRuleError(source, 'expected an object');
  const extra = json as { formatVersion?: unknown; categoryFlags?: Record<string, unknown>; rules?: unknown; description?: unknown; sources?: unknown };
  const pseudo = Array.isArray(extra.rules) ? extra.rules.filter((r): r is { literal: string } => typeof r === 'object' && r !== null && (r as { direction?: unknown }).direction === 'PSEUDO' && typeof (r as { literal?: unknown }).literal === 'string') : [];
  const switchedOff = new Set(pseudo.map((r) => r.literal.toLowerCase()));
  const merged = {
    ...extra,
    categoryFlags: { ...base.categoryFlags, ...(extra.categoryFlags ?? {}) },
    sectionCategories: base.sectionCategories,
    rules: [...base.rules.filter((r) => !switchedOff.has(r.literal.toLowerCase())), ...(Array.isArray(extra.rules) ? extra.rules : [])],
  };
  if (!Array.isArray(extra.rules)) throw new ProcedureRuleError(source, '"rules" must be an array');
  return compileContextRules(loadContextRules(merged, source));
}

// ---------------------------------------------------------------------------------------------
// drug-names.json

/** A brand or common drug name and the descriptor words it stands for. */
export interface DrugName {
  name: string;
  /** Generic words as HCPCS descriptors write them ("triamcinolone acetonide"). */
  generic: string;
  /** Strength the name implies, e.g. Kenalog-40 → "40 mg/ml". */
  concentration?: string;
}

/** The route groups drug-names.json knows. */
export const DRUG_ROUTES = ['im', 'sc', 'iv-push', 'iv', 'infusion', 'joint', 'inhalation', 'oral', 'topical'] as const;
/** One of {@link DRUG_ROUTES}. */
export type DrugRoute = (typeof DRUG_ROUTES)[number];

/** Word lists for reading drug descriptors and drug administrations (drug-names.json). */
export interface DrugNameRules {
  salts: string[];
  qualifierWords: string[];
  genericWords: string[];
  excludedForms: string[];
  names: DrugName[];
  localAnesthetics: string[];
  /**
   * Drugs mostly taken by mouth or through the skin (levothyroxine, ibuprofen, torsemide, estradiol): a J-code only
   * when their own clause says they were injected or infused, not on a bare "given" or a dose.
   */
  usuallyNotInjected: string[];
  routes: Record<DrugRoute, string[]>;
  administered: string[];
  notAdministered: string[];
  prescribed: string[];
  regimen: string[];
  regimenPatterns: RegExp[];
  /** Words that make a drug part of the administration itself (flush, diluent): not billed separately. */
  bundled: string[];
  /** Words saying the patient supplied the drug ("patient's own inhaler", "brought from home"): the office bills no drug. */
  patientSupplied: string[];
  /** Self-use devices (metered-dose inhaler, HFA, puffs): no inhalation-solution J-code, which is for nebulizer solution. */
  meteredDose: string[];
}

/** Validates drug-names.json. @throws ProcedureRuleError */
export function loadDrugNameRules(json: unknown, source = 'drug-names.json'): DrugNameRules {
  const r = new Reader(source);
  const o = r.file(json, ['salts', 'qualifierWords', 'genericWords', 'excludedForms', 'names', 'usuallyNotInjected', 'localAnesthetics', 'routes', 'administered', 'notAdministered', 'prescribed', 'regimen', 'regimenPatterns', 'bundled', 'patientSupplied', 'meteredDose']);
  const names = r.list(o.names, 'names').map((raw, i) => {
    const e = r.object(raw, `names[${i}]`, ['name', 'generic', 'concentration']);
    const name = r.string(e.name, `names[${i}].name`);
    const entry: DrugName = { name, generic: r.string(e.generic, `names[${i}] ("${name}").generic`) };
    if (e.concentration !== undefined) {
      const c = r.string(e.concentration, `names[${i}] ("${name}").concentration`);
      if (!/^\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?)\s*\/\s*(?:\d+(?:\.\d+)?\s*)?ml$/i.test(c)) r.fail(`names[${i}] ("${name}"): concentration "${c}" is not like "40 mg/ml"`);
      entry.concentration = c;
    }
    return entry;
  });
  const routesObj = r.object(o.routes, 'routes', [...DRUG_ROUTES]);
  const routes = {} as Record<DrugRoute, string[]>;
  for (const route of DRUG_ROUTES) routes[route] = r.phrases(routesObj[route], `routes.${route}`);
  return {
    salts: r.phrases(o.salts, 'salts'),
    qualifierWords: r.phrases(o.qualifierWords, 'qualifierWords'),
    genericWords: r.phrases(o.genericWords, 'genericWords'),
    excludedForms: r.phrases(o.excludedForms, 'excludedForms'),
    names,
    usuallyNotInjected: r.phrases(o.usuallyNotInjected, 'usuallyNotInjected'),
    localAnesthetics: r.phrases(o.localAnesthetics, 'localAnesthetics'),
    routes,
    administered: r.phrases(o.administered, 'administered'),
    notAdministered: r.phrases(o.notAdministered, 'notAdministered'),
    prescribed: r.phrases(o.prescribed, 'prescribed'),
    regimen: r.phrases(o.regimen, 'regimen'),
    regimenPatterns: r.phrases(o.regimenPatterns, 'regimenPatterns').map((p, i) => r.regex(p, `regimenPatterns[${i}]`)),
    bundled: r.phrases(o.bundled, 'bundled'),
    patientSupplied: r.phrases(o.patientSupplied, 'patientSupplied'),
    meteredDose: r.phrases(o.meteredDose, 'meteredDose'),
  };
}

// ---------------------------------------------------------------------------------------------
// named-procedures.json

/** How a concept needs the sentence to show the procedure was done (see status.ts). */
export const EVIDENCE_POLICIES = ['cue', 'cue-or-result', 'cue-or-section', 'section', 'none'] as const;
/** One of {@link EVIDENCE_POLICIES}. */
export type EvidencePolicy = (typeof EVIDENCE_POLICIES)[number];

/** Kinds a named concept may have. */
export const CONCEPT_KINDS = ['test', 'screening', 'minor-procedure', 'injection-procedure', 'treatment', 'counseling'] as const satisfies readonly LineKind[];
/** One of {@link CONCEPT_KINDS}. */
export type ConceptKind = (typeof CONCEPT_KINDS)[number];

/** An add-on code for counts or minutes beyond a first unit: units = ceil((n - after) / per), or floor((t - from) / per) + 1 for minutes. */
export interface AddOn {
  code: string;
  after?: number;
  from?: number;
  per: number;
}

/** A count or minutes range choosing a code. */
export interface CodeRange {
  min: number;
  max?: number;
  code: string;
  addOn?: AddOn;
  /** The code is billed per item counted (95004 per prick test): units = the count. */
  perItem?: boolean;
}

/** How a concept picks its code beyond the default and variants. */
export type CodeSelection =
  | { by: 'count'; nouns: string[]; ranges: CodeRange[] }
  | { by: 'minutes'; ranges: CodeRange[] }
  | { by: 'instruments'; groups: string[][] }
  | { by: 'injection-site' }
  | { by: 'laceration' }
  /** Wound debridement: the deepest tissue named near the mention picks the code; the area adds an add-on per further `per` sq cm. */
  | { by: 'wound-area'; depths: WoundDepth[]; per: number }
  /** Lesion excision: the body-area group (laceration areas) and the excised diameter in cm pick the code. */
  | { by: 'excision-size'; groups: ExcisionGroup[]; measure?: 'excised' | 'lesion' };

/** One body-area group of an excision code family, with its codes by excised diameter (cm, lesion plus margins). */
export interface ExcisionGroup {
  areas: string[];
  ranges: { maxCm?: number; code: string }[];
}

/** One depth of a wound-area selection, deepest first: the first whose words are near the mention picks the code (end with a catch-all). */
export interface WoundDepth {
  when: string[];
  code: string;
  addOn?: string;
}

/** One office procedure or point-of-care test (named-procedures.json `concepts`). */
export interface ProcedureConcept {
  id: string;
  kind: ConceptKind;
  /** Default code (absent when `select` always decides). */
  code?: string;
  /** Every code the concept may suggest (their catalogue keywords become terms). */
  codes: string[];
  terms: string[];
  /** Standalone code → the add-on code used instead when an office E/M is billed the same day (psychotherapy 90832 → 90833). */
  withEm?: Record<string, string>;
  /** The procedure written as an object and an action apart ("removal of impacted cerumen", "splint (calf to foot) applied"): see clause-pairs.ts. */
  pairs?: { objects: string[]; actions: string[] };
  /** Add the catalogue keywords of `codes` as terms. Default: true. */
  keywords: boolean;
  evidence: EvidencePolicy;
  /** At least one of these must be in the sentence (point-of-care cue), else it is a send-out test. */
  inOffice: string[];
  /** Each group needs one of its phrases in the sentence. */
  requires: string[][];
  exclude: string[];
  /** Phrases that lift the `exclude` veto: "patient's own home neb vials brought in" is an office treatment with the patient's drug. */
  excludeUnless: string[];
  excludeSections: SectionCategory[];
  /** The first variant whose `when` (and `also`, when given) has an affirmed phrase in the sentence ("no microscopy" does not count) picks the code. */
  variants: { when: string[]; also?: string[]; code: string }[];
  /** When true a variant must match (no default code). */
  variantRequired: boolean;
  /** Where the variant words are read: the sentence (default), or the whole section of a procedure written over several
   * sentences ("Colposcopy adequate. … Cervical biopsies taken at 2 and 7 o'clock. Endocervical curettage not performed."),
   * or the procedure report: that section and the procedure or findings sections after it ("polyp removed with a cold snare"). */
  variantScope?: 'section' | 'report';
  select?: CodeSelection;
  units?: 'repeat';
  lateral: boolean;
  includesInjection: boolean;
  /** Medicare: not separately payable, with this explanation. */
  medicare?: string;
  warnings: string[];
  /** Concept ids this one wins over when both match one sentence. */
  overrides: string[];
  /** Concept ids whose lines this one drops anywhere in the note (a residual measured by catheter is no bladder scan). */
  replacesInNote: string[];
}

/** One site of the injection-site selection: a fixed code, or a joint size. */
export interface InjectionSite {
  /** The joint or structure the terms name ("shoulder" for "subacromial bursa"): one line per joint and side. */
  joint: string;
  terms: string[];
  code?: string;
  size?: 'large' | 'intermediate' | 'small';
  /** For a soft-tissue site with its own code: the joints it lies at ("carpal tunnel" at the wrist). */
  at?: string[];
}

/** Laceration repair grid: repair type + body area + total length → code. */
export interface LacerationRules {
  repairTypes: { type: 'simple' | 'intermediate' | 'complex'; terms: string[] }[];
  areas: { area: string; terms: string[] }[];
  grid: { type: 'simple' | 'intermediate' | 'complex'; areas: string[]; ranges: { minCm?: number; maxCm?: number; code: string }[] }[];
}

/** The whole of named-procedures.json. */
export interface NamedProcedureRules {
  ignoreKeywords: string[];
  injectionSites: InjectionSite[];
  injectionSizes: Record<'large' | 'intermediate' | 'small', { code: string; guided: string }>;
  ultrasoundGuidance: string[];
  laceration: LacerationRules;
  /** Catalogue-keyword fallback: a keyword must end in a procedure word, or be one word with a procedure suffix. */
  fallback: { procedureWords: string[]; singleWordSuffixes: string[]; officeImaging?: OfficeImaging };
  concepts: ProcedureConcept[];
}

/**
 * Imaging done and read in the office (an in-office ultrasound): catalogue keywords of CPT codes from
 * `from` to `to` count only with one of the `inOffice` phrases and a done cue or result in the sentence.
 */
export interface OfficeImaging {
  from: string;
  to: string;
  inOffice: string[];
}

/** Validates named-procedures.json. @throws ProcedureRuleError */
export function loadNamedProcedureRules(json: unknown, source = 'named-procedures.json'): NamedProcedureRules {
  const r = new Reader(source);
  const o = r.file(json, ['ignoreKeywords', 'injectionSites', 'injectionSizes', 'ultrasoundGuidance', 'laceration', 'fallback', 'concepts']);
  const fb = r.object(o.fallback, 'fallback', ['procedureWords', 'singleWordSuffixes', 'officeImaging']);
  let officeImaging: OfficeImaging | undefined;
  if (fb.officeImaging !== undefined) {
    const oi = r.object(fb.officeImaging, 'fallback.officeImaging', ['from', 'to', 'inOffice']);
    officeImaging = { from: r.code(oi.from, 'fallback.officeImaging.from'), to: r.code(oi.to, 'fallback.officeImaging.to'), inOffice: r.phrases(oi.inOffice, 'fallback.officeImaging.inOffice') };
    if (officeImaging.from > officeImaging.to) r.fail(`fallback.officeImaging: "from" ${officeImaging.from} is after "to" ${officeImaging.to}`);
  }
  const sizesObj = r.object(o.injectionSizes, 'injectionSizes', ['large', 'intermediate', 'small']);
  const injectionSizes = {} as NamedProcedureRules['injectionSizes'];
  for (const size of ['large', 'intermediate', 'small'] as const) {
    const s = r.object(sizesObj[size], `injectionSizes.${size}`, ['code', 'guided']);
    injectionSizes[size] = { code: r.code(s.code, `injectionSizes.${size}.code`), guided: r.code(s.guided, `injectionSizes.${size}.guided`) };
  }
  const injectionSites = r.list(o.injectionSites, 'injectionSites').map((raw, i) => {
    const e = r.object(raw, `injectionSites[${i}]`, ['joint', 'terms', 'code', 'size', 'at']);
    const site: InjectionSite = { joint: r.string(e.joint, `injectionSites[${i}].joint`), terms: r.phrases(e.terms, `injectionSites[${i}].terms`) };
    if (e.code !== undefined) site.code = r.code(e.code, `injectionSites[${i}].code`);
    if (e.size !== undefined) site.size = r.oneOf(e.size, ['large', 'intermediate', 'small'] as const, `injectionSites[${i}].size`);
    if (e.at !== undefined) site.at = r.phrases(e.at, `injectionSites[${i}].at`);
    if ((site.code === undefined) === (site.size === undefined)) r.fail(`injectionSites[${i}] needs exactly one of "code" and "size"`);
    return site;
  });
  const seen = new Set<string>();
  const concepts = r.list(o.concepts, 'concepts').map((raw, i) => {
    const concept = readConcept(r, raw, i);
    if (seen.has(concept.id)) r.fail(`concepts[${i}]: id "${concept.id}" is listed twice`);
    seen.add(concept.id);
    return concept;
  });
  for (const c of concepts) for (const id of c.overrides) if (!seen.has(id)) r.fail(`concept "${c.id}": overrides unknown concept "${id}"`);
  for (const c of concepts) for (const id of c.replacesInNote) if (!seen.has(id)) r.fail(`concept "${c.id}": replacesInNote names unknown concept "${id}"`);
  return {
    ignoreKeywords: r.phrases(o.ignoreKeywords, 'ignoreKeywords'),
    injectionSites,
    injectionSizes,
    ultrasoundGuidance: r.phrases(o.ultrasoundGuidance, 'ultrasoundGuidance'),
    laceration: readLaceration(r, o.laceration),
    fallback: { procedureWords: r.phrases(fb.procedureWords, 'fallback.procedureWords'), singleWordSuffixes: r.phrases(fb.singleWordSuffixes, 'fallback.singleWordSuffixes'), ...(officeImaging ? { officeImaging } : {}) },
    concepts,
  };
}

const CONCEPT_KEYS = ['id', 'kind', 'code', 'codes', 'terms', 'pairs', 'withEm', 'keywords', 'evidence', 'inOffice', 'requires', 'exclude', 'excludeUnless', 'excludeSections', 'variants', 'variantRequired', 'variantScope', 'select', 'units', 'lateral', 'includesInjection', 'medicare', 'warnings', 'overrides', 'replacesInNote'];

function readConcept(r: Reader, raw: unknown, i: number): ProcedureConcept {
  const idRaw = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
  const where = typeof idRaw === 'string' ? `concept "${idRaw}"` : `concepts[${i}]`;
  const e = r.object(raw, where, CONCEPT_KEYS);
  const concept: ProcedureConcept = {
    id: r.string(e.id, `${where}.id`),
    kind: r.oneOf(e.kind, CONCEPT_KINDS, `${where}.kind`),
    codes: r.list(e.codes, `${where}.codes`).map((c, k) => r.code(c, `${where}.codes[${k}]`)),
    terms: r.phrases(e.terms, `${where}.terms`),
    keywords: e.keywords === undefined ? true : r.boolean(e.keywords, `${where}.keywords`),
    evidence: r.oneOf(e.evidence, EVIDENCE_POLICIES, `${where}.evidence`),
    inOffice: e.inOffice === undefined ? [] : r.phrases(e.inOffice, `${where}.inOffice`),
    requires: e.requires === undefined ? [] : r.list(e.requires, `${where}.requires`).map((g, k) => r.phrases(g, `${where}.requires[${k}]`)),
    exclude: e.exclude === undefined ? [] : r.phrases(e.exclude, `${where}.exclude`),
    excludeUnless: e.excludeUnless === undefined ? [] : r.phrases(e.excludeUnless, `${where}.excludeUnless`),
    excludeSections: e.excludeSections === undefined ? [] : r.sections(e.excludeSections, `${where}.excludeSections`),
    variants: e.variants === undefined ? [] : r.list(e.variants, `${where}.variants`).map((v, k) => {
      const vo = r.object(v, `${where}.variants[${k}]`, ['when', 'also', 'code']);
      return {
        when: r.phrases(vo.when, `${where}.variants[${k}].when`),
        ...(vo.also !== undefined ? { also: r.phrases(vo.also, `${where}.variants[${k}].also`) } : {}),
        code: r.code(vo.code, `${where}.variants[${k}].code`),
      };
    }),
    variantRequired: e.variantRequired === undefined ? false : r.boolean(e.variantRequired, `${where}.variantRequired`),
    lateral: e.lateral === undefined ? false : r.boolean(e.lateral, `${where}.lateral`),
    includesInjection: e.includesInjection === undefined ? false : r.boolean(e.includesInjection, `${where}.includesInjection`),
    warnings: e.warnings === undefined ? [] : r.phrases(e.warnings, `${where}.warnings`),
    overrides: e.overrides === undefined ? [] : r.phrases(e.overrides, `${where}.overrides`),
    replacesInNote: e.replacesInNote === undefined ? [] : r.phrases(e.replacesInNote, `${where}.replacesInNote`),
  };
  if (e.code !== undefined) concept.code = r.code(e.code, `${where}.code`);
  if (e.withEm !== undefined) {
    const m = r.object(e.withEm, `${where}.withEm`);
    concept.withEm = Object.fromEntries(Object.entries(m).map(([from, to]) => [r.code(from, `${where}.withEm key`), r.code(to, `${where}.withEm.${from}`)]));
  }
  if (e.pairs !== undefined) {
    const p = r.object(e.pairs, `${where}.pairs`, ['objects', 'actions']);
    concept.pairs = { objects: r.phrases(p.objects, `${where}.pairs.objects`), actions: r.phrases(p.actions, `${where}.pairs.actions`) };
  }
  if (e.units !== undefined) concept.units = r.oneOf(e.units, ['repeat'] as const, `${where}.units`);
  if (e.variantScope !== undefined) concept.variantScope = r.oneOf(e.variantScope, ['section', 'report'] as const, `${where}.variantScope`);
  if (e.medicare !== undefined) concept.medicare = r.string(e.medicare, `${where}.medicare`);
  if (e.select !== undefined) concept.select = readSelection(r, e.select, `${where}.select`);
  if (concept.code === undefined && concept.select === undefined && !concept.variantRequired) r.fail(`${where} needs a "code", a "select" or "variantRequired"`);
  const all = new Set(concept.codes);
  const used = [concept.code, ...concept.variants.map((v) => v.code), ...selectionCodes(concept.select)].filter((c): c is string => !!c);
  for (const c of used) if (!all.has(c)) r.fail(`${where}: code ${c} is used but not listed in "codes"`);
  return concept;
}

function readSelection(r: Reader, raw: unknown, where: string): CodeSelection {
  const by = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).by : undefined;
  switch (by) {
    case 'count': {
      const o = r.object(raw, where, ['by', 'nouns', 'ranges']);
      return { by, nouns: r.phrases(o.nouns, `${where}.nouns`), ranges: readRanges(r, o.ranges, `${where}.ranges`) };
    }
    case 'minutes': {
      const o = r.object(raw, where, ['by', 'ranges']);
      return { by, ranges: readRanges(r, o.ranges, `${where}.ranges`) };
    }
    case 'instruments': {
      const o = r.object(raw, where, ['by', 'groups']);
      return { by, groups: r.list(o.groups, `${where}.groups`).map((g, k) => r.phrases(g, `${where}.groups[${k}]`)) };
    }
    case 'injection-site':
    case 'laceration':
      r.object(raw, where, ['by']);
      return { by };
    case 'excision-size': {
      const o = r.object(raw, where, ['by', 'groups', 'measure']);
      const measure = o.measure === undefined ? undefined : r.oneOf(o.measure, ['excised', 'lesion'] as const, `${where}.measure`);
      const groups = r.list(o.groups, `${where}.groups`).map((g, k) => {
        const go = r.object(g, `${where}.groups[${k}]`, ['areas', 'ranges']);
        const ranges = r.list(go.ranges, `${where}.groups[${k}].ranges`).map((x, j) => {
          const ro = r.object(x, `${where}.groups[${k}].ranges[${j}]`, ['maxCm', 'code']);
          return { code: r.code(ro.code, `${where}.groups[${k}].ranges[${j}].code`), ...(ro.maxCm !== undefined ? { maxCm: r.number(ro.maxCm, `${where}.groups[${k}].ranges[${j}].maxCm`) } : {}) };
        });
        return { areas: r.phrases(go.areas, `${where}.groups[${k}].areas`), ranges };
      });
      return { by, groups, ...(measure ? { measure } : {}) };
    }
    case 'wound-area': {
      const o = r.object(raw, where, ['by', 'depths', 'per']);
      const depths = r.list(o.depths, `${where}.depths`).map((d, k) => {
        const dw = r.object(d, `${where}.depths[${k}]`, ['when', 'code', 'addOn']);
        const depth: WoundDepth = { when: r.phrases(dw.when, `${where}.depths[${k}].when`), code: r.code(dw.code, `${where}.depths[${k}].code`) };
        if (dw.addOn !== undefined) depth.addOn = r.code(dw.addOn, `${where}.depths[${k}].addOn`);
        return depth;
      });
      const per = r.number(o.per, `${where}.per`);
      if (per <= 0) r.fail(`${where}.per must be positive`);
      return { by, depths, per };
    }
    default:
      return r.fail(`${where}.by must be one of count, minutes, instruments, injection-site, laceration, wound-area`);
  }
}

function readRanges(r: Reader, raw: unknown, where: string): CodeRange[] {
  const ranges = r.list(raw, where).map((x, k) => {
    const o = r.object(x, `${where}[${k}]`, ['min', 'max', 'code', 'addOn', 'perItem']);
    const range: CodeRange = { min: r.number(o.min, `${where}[${k}].min`), code: r.code(o.code, `${where}[${k}].code`) };
    if (o.perItem !== undefined) range.perItem = r.boolean(o.perItem, `${where}[${k}].perItem`);
    if (o.max !== undefined) range.max = r.number(o.max, `${where}[${k}].max`);
    if (o.addOn !== undefined) {
      const a = r.object(o.addOn, `${where}[${k}].addOn`, ['code', 'after', 'from', 'per']);
      range.addOn = { code: r.code(a.code, `${where}[${k}].addOn.code`), per: r.number(a.per, `${where}[${k}].addOn.per`) };
      if (range.addOn.per <= 0) r.fail(`${where}[${k}].addOn.per must be positive`);
      if (a.after !== undefined) range.addOn.after = r.number(a.after, `${where}[${k}].addOn.after`);
      if (a.from !== undefined) range.addOn.from = r.number(a.from, `${where}[${k}].addOn.from`);
      if ((range.addOn.after === undefined) === (range.addOn.from === undefined)) r.fail(`${where}[${k}].addOn needs exactly one of "after" and "from"`);
    }
    return range;
  });
  if (ranges.length === 0) r.fail(`${where} must not be empty`);
  return ranges;
}

function selectionCodes(select: CodeSelection | undefined): string[] {
  if (select?.by === 'wound-area') return select.depths.flatMap((d) => (d.addOn ? [d.code, d.addOn] : [d.code]));
  if (select?.by === 'excision-size') return select.groups.flatMap((g) => g.ranges.map((x) => x.code));
  if (!select || !('ranges' in select)) return [];
  return select.ranges.flatMap((x) => (x.addOn ? [x.code, x.addOn.code] : [x.code]));
}

function readLaceration(r: Reader, raw: unknown): LacerationRules {
  const o = r.object(raw, 'laceration', ['repairTypes', 'areas', 'grid']);
  const types = ['simple', 'intermediate', 'complex'] as const;
  const repairTypes = r.list(o.repairTypes, 'laceration.repairTypes').map((x, k) => {
    const t = r.object(x, `laceration.repairTypes[${k}]`, ['type', 'terms']);
    return { type: r.oneOf(t.type, types, `laceration.repairTypes[${k}].type`), terms: r.phrases(t.terms, `laceration.repairTypes[${k}].terms`) };
  });
  const areas = r.list(o.areas, 'laceration.areas').map((x, k) => {
    const a = r.object(x, `laceration.areas[${k}]`, ['area', 'terms']);
    return { area: r.string(a.area, `laceration.areas[${k}].area`), terms: r.phrases(a.terms, `laceration.areas[${k}].terms`) };
  });
  const known = new Set(areas.map((a) => a.area));
  const grid = r.list(o.grid, 'laceration.grid').map((x, k) => {
    const g = r.object(x, `laceration.grid[${k}]`, ['type', 'areas', 'ranges']);
    const rowAreas = r.phrases(g.areas, `laceration.grid[${k}].areas`);
    for (const a of rowAreas) if (!known.has(a)) r.fail(`laceration.grid[${k}]: unknown area "${a}"`);
    const ranges = r.list(g.ranges, `laceration.grid[${k}].ranges`).map((y, m) => {
      const q = r.object(y, `laceration.grid[${k}].ranges[${m}]`, ['minCm', 'maxCm', 'code']);
      const range: { minCm?: number; maxCm?: number; code: string } = { code: r.code(q.code, `laceration.grid[${k}].ranges[${m}].code`) };
      if (q.minCm !== undefined) range.minCm = r.number(q.minCm, `laceration.grid[${k}].ranges[${m}].minCm`);
      if (q.maxCm !== undefined) range.maxCm = r.number(q.maxCm, `laceration.grid[${k}].ranges[${m}].maxCm`);
      return range;
    });
    return { type: r.oneOf(g.type, types, `laceration.grid[${k}].type`), areas: rowAreas, ranges };
  });
  return { repairTypes, areas, grid };
}

// ---------------------------------------------------------------------------------------------
// vaccines.json

/** A vaccine product term set and its CPT product code (fixed, or by age). */
export interface VaccineProduct {
  terms: string[];
  /** When given, one of these must also be in the sentence ("quadrivalent" + "multi-dose vial"); they alone never name the vaccine. */
  also?: string[];
  code?: string;
  byAge?: { minAge?: number; maxAge?: number; code: string }[];
}

/** One vaccine (vaccines.json `vaccines`). */
export interface VaccineRule {
  id: string;
  /** Vaccine family, used for the Medicare administration codes (influenza, pneumococcal, hepatitis-b) and COVID. */
  family: string;
  route: 'injection' | 'nasal-oral';
  /** Antigens (diseases protected against) for 90461: Tdap 3, MMR 3, most vaccines 1. */
  components: number;
  terms: string[];
  products: VaccineProduct[];
}

/** The whole of vaccines.json. */
export interface VaccineRules {
  ignoreKeywords: string[];
  administered: string[];
  medicareAdmin: Record<string, string>;
  admin: { injection: { first: string; additional: string }; 'nasal-oral': { first: string; additional: string }; covid: string; counseling: { first: string; additional: string } };
  vaccines: VaccineRule[];
}

/** Validates vaccines.json. @throws ProcedureRuleError */
export function loadVaccineRules(json: unknown, source = 'vaccines.json'): VaccineRules {
  const r = new Reader(source);
  const o = r.file(json, ['ignoreKeywords', 'administered', 'medicareAdmin', 'admin', 'vaccines']);
  const medicare = r.object(o.medicareAdmin, 'medicareAdmin');
  const medicareAdmin: Record<string, string> = {};
  for (const [family, code] of Object.entries(medicare)) medicareAdmin[family] = r.code(code, `medicareAdmin.${family}`);
  const admin = r.object(o.admin, 'admin', ['injection', 'nasal-oral', 'covid', 'counseling']);
  const pair = (v: unknown, where: string) => {
    const p = r.object(v, where, ['first', 'additional']);
    return { first: r.code(p.first, `${where}.first`), additional: r.code(p.additional, `${where}.additional`) };
  };
  const seen = new Set<string>();
  const vaccines = r.list(o.vaccines, 'vaccines').map((raw, i) => {
    const idRaw = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
    const where = typeof idRaw === 'string' ? `vaccine "${idRaw}"` : `vaccines[${i}]`;
    const v = r.object(raw, where, ['id', 'family', 'route', 'components', 'terms', 'products']);
    const id = r.string(v.id, `${where}.id`);
    if (seen.has(id)) r.fail(`${where}: id listed twice`);
    seen.add(id);
    const products = v.products === undefined ? [] : r.list(v.products, `${where}.products`).map((p, k) => {
      const po = r.object(p, `${where}.products[${k}]`, ['terms', 'also', 'code', 'byAge']);
      const product: VaccineProduct = { terms: r.phrases(po.terms, `${where}.products[${k}].terms`) };
      if (po.also !== undefined) product.also = r.phrases(po.also, `${where}.products[${k}].also`);
      if (po.code !== undefined) product.code = r.code(po.code, `${where}.products[${k}].code`);
      if (po.byAge !== undefined) {
        product.byAge = r.list(po.byAge, `${where}.products[${k}].byAge`).map((a, m) => {
          const ao = r.object(a, `${where}.products[${k}].byAge[${m}]`, ['minAge', 'maxAge', 'code']);
          const band: { minAge?: number; maxAge?: number; code: string } = { code: r.code(ao.code, `${where}.products[${k}].byAge[${m}].code`) };
          if (ao.minAge !== undefined) band.minAge = r.number(ao.minAge, `${where}.products[${k}].byAge[${m}].minAge`);
          if (ao.maxAge !== undefined) band.maxAge = r.number(ao.maxAge, `${where}.products[${k}].byAge[${m}].maxAge`);
          return band;
        });
      }
      if ((product.code === undefined) === (product.byAge === undefined)) r.fail(`${where}.products[${k}] needs exactly one of "code" and "byAge"`);
      return product;
    });
    return {
      id,
      family: r.string(v.family, `${where}.family`),
      route: r.oneOf(v.route, ['injection', 'nasal-oral'] as const, `${where}.route`),
      components: v.components === undefined ? 1 : r.number(v.components, `${where}.components`),
      terms: r.phrases(v.terms, `${where}.terms`),
      products,
    };
  });
  return {
    ignoreKeywords: r.phrases(o.ignoreKeywords, 'ignoreKeywords'),
    administered: r.phrases(o.administered, 'administered'),
    medicareAdmin,
    admin: { injection: pair(admin.injection, 'admin.injection'), 'nasal-oral': pair(admin['nasal-oral'], 'admin.nasal-oral'), covid: r.code(admin.covid, 'admin.covid'), counseling: pair(admin.counseling, 'admin.counseling') },
    vaccines,
  };
}

// ---------------------------------------------------------------------------------------------
// em-rules.json

/** A compiled total-time phrase. */
export interface TimePattern {
  id: string;
  /** Lower wins when several phrases give a time. */
  priority: number;
  regex: RegExp;
}

/** The whole of em-rules.json, time patterns compiled. */
export interface EmRules {
  timePatterns: TimePattern[];
  separateServiceTime: string[];
  newPatient: string[];
  establishedPatient: string[];
  statusSections: SectionCategory[];
  preventive: string[];
  preventiveSections: SectionCategory[];
  awv: string[];
  awvInitial: string[];
  awvSubsequent: string[];
  preventiveItems: string[];
  problemSections: SectionCategory[];
  planSections: SectionCategory[];
  notProblemStarts: string[];
  chronicExacerbation: string[];
  severe: string[];
  newUncertain: string[];
  stableChronic: string[];
  chronicConditions: string[];
  /** ICD-10-CM categories of chronic illnesses ("I10-I16", "G40", "G47.3"): a coded diagnosis in one is a chronic illness. */
  chronicDiagnosisCodes: string[];
  acuteIllness: string[];
  /** Acute illnesses with systemic symptoms (moderate problem): pneumonia, pyelonephritis … */
  acuteSystemic: string[];
  tests: string[];
  /** Names of one test ("urinalysis", "ua"): ordered and repeated, it is still one unique test. */
  sameTests: string[][];
  testActions: string[];
  externalNotes: string[];
  independentHistorian: string[];
  independentInterpretation: string[];
  externalDiscussion: string[];
  rxVerbs: string[];
  rxSuffixes: string[];
  rxNames: string[];
  /** Drug classes of coding-rules.json (drugClasses) whose every name is a prescription drug (not aspirin, not OTC NSAIDs). */
  rxDrugClasses: string[];
  otcDrugs: string[];
  highRisk: string[];
  moderateRiskOther: string[];
  procedureOnlyReasons: string[];
  /** Visit-type phrases (title, header, reason) of a visit booked only for a procedure or a nurse's injection: no separate E/M. */
  scheduledProcedureVisit: string[];
  /** Phrases that say no clinician visit took place ("no provider visit today"): no E/M beside the service. */
  noProviderVisit: string[];
  /** Clinicians who may manage a drug instead of this one ("PCP", "cardiology"), after "per"/"by": not this visit's prescription management. */
  otherPrescriber: string[];
  /** Routine antepartum visit phrases: the visit is part of the global obstetric package. */
  obstetricPackage: string[];
  /** Codes a routine antepartum visit includes (E/M, dipstick urinalysis). */
  obstetricPackageIncludes: string[];
  /** Phrases of a visit inside a surgical global period (reported as 99024). */
  surgicalGlobal: string[];
  /** Phrases that show the patient is covered by Medicare (an insurance line, a Medicare-only service such as the AWV). */
  medicareCoverage: string[];
  telehealth: string[];
}

/**
 * What `{TIME}` in a time pattern stands for: "40 minutes", "35-40 min", "1 hour", "1 hr 15 min",
 * "an hour". Groups: n1 (number or a/an/one), n2 (upper end of a range), u1 (unit), n3 (extra minutes).
 */
export const TIME_PLACEHOLDER =
  '(?<n1>\\d{1,3}|an?|one)(?:\\s*(?:-|–|to)\\s*(?<n2>\\d{1,3}))?[\\s-]*(?<u1>minutes?|mins?|min|hours?|hrs?|hr)\\b\\.?(?:,?\\s*(?:and\\s*)?(?<n3>\\d{1,2})\\s*(?:minutes?|mins?|min)\\b)?';

const EM_LIST_KEYS = [
  'separateServiceTime', 'newPatient', 'establishedPatient', 'preventive', 'awv', 'awvInitial', 'awvSubsequent', 'preventiveItems',
  'notProblemStarts', 'chronicExacerbation', 'severe', 'newUncertain', 'stableChronic', 'chronicConditions', 'acuteIllness', 'acuteSystemic', 'tests', 'testActions',
  'externalNotes', 'independentHistorian', 'independentInterpretation', 'externalDiscussion', 'rxVerbs', 'rxSuffixes', 'rxNames',
  'rxDrugClasses', 'otcDrugs', 'highRisk', 'moderateRiskOther', 'procedureOnlyReasons', 'scheduledProcedureVisit', 'noProviderVisit', 'otherPrescriber', 'obstetricPackage', 'obstetricPackageIncludes',
  'surgicalGlobal', 'medicareCoverage', 'telehealth',
] as const;
/** "I10", "G47.3" or "I10-I16". */
const CODE_RANGE = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?(?:-[A-Z][0-9][0-9A-Z])?$/;
const EM_SECTION_KEYS = ['statusSections', 'preventiveSections', 'problemSections', 'planSections'] as const;

/** Validates em-rules.json and compiles its time patterns. @throws ProcedureRuleError */
export function loadEmRules(json: unknown, source = 'em-rules.json'): EmRules {
  const r = new Reader(source);
  const o = r.file(json, ['timePatterns', 'sameTests', 'chronicDiagnosisCodes', ...EM_LIST_KEYS, ...EM_SECTION_KEYS]);
  const timePatterns = r.list(o.timePatterns, 'timePatterns').map((raw, i) => {
    const p = r.object(raw, `timePatterns[${i}]`, ['id', 'priority', 'pattern']);
    const id = r.string(p.id, `timePatterns[${i}].id`);
    const pattern = r.string(p.pattern, `timePatterns[${i}] ("${id}").pattern`);
    if (!pattern.includes('{TIME}')) r.fail(`timePatterns[${i}] ("${id}"): the pattern has no {TIME}`);
    return { id, priority: r.number(p.priority, `timePatterns[${i}] ("${id}").priority`), regex: r.regex(pattern.replace('{TIME}', TIME_PLACEHOLDER), `timePatterns[${i}] ("${id}")`, 'gi') };
  });
  const sameTests = r.list(o.sameTests, 'sameTests').map((group, i) => r.phrases(group, `sameTests[${i}]`));
  const chronicDiagnosisCodes = r.phrases(o.chronicDiagnosisCodes, 'chronicDiagnosisCodes').map((c, i) => (CODE_RANGE.test(c) ? c : r.fail(`chronicDiagnosisCodes[${i}]: "${c}" is not an ICD-10-CM category, subcategory or range of categories`)));
  const out: Record<string, unknown> = { timePatterns, sameTests, chronicDiagnosisCodes };
  for (const key of EM_LIST_KEYS) out[key] = r.phrases(o[key], key);
  for (const key of EM_SECTION_KEYS) out[key] = r.sections(o[key], key);
  return out as unknown as EmRules;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const SECTIONS: ReadonlySet<string> = new Set(SECTION_CATEGORIES);
const CODE = /^[0-9A-Z]\d{3}[0-9A-Z]$/;

/** Small typed reader that names the file and entry in every error. */
class Reader {
  constructor(private readonly source: string) {}

  fail(message: string): never {
    throw new ProcedureRuleError(this.source, message);
  }

  file(json: unknown, keys: readonly string[]): Record<string, unknown> {
    const o = this.object(json, 'the file', ['formatVersion', 'description', 'sources', ...keys]);
    if (o.formatVersion !== PROCEDURE_RULES_FORMAT_VERSION) this.fail(`formatVersion ${JSON.stringify(o.formatVersion)} is not ${PROCEDURE_RULES_FORMAT_VERSION}`);
    for (const key of keys) if (o[key] === undefined) this.fail(`"${key}" is missing`);
    return o;
  }

  object(v: unknown, where: string, keys?: readonly string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.fail(`${where} must be an object`);
    const o = v as Record<string, unknown>;
    if (keys) for (const key of Object.keys(o)) if (!keys.includes(key)) this.fail(`${where}: unknown key "${key}"`);
    return o;
  }

  list(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) return this.fail(`${where} must be an array`);
    return v;
  }

  string(v: unknown, where: string): string {
    if (typeof v !== 'string' || v.trim() === '') return this.fail(`${where} must be a non-empty string`);
    return v;
  }

  phrases(v: unknown, where: string): string[] {
    return this.list(v, where).map((x, i) => this.string(x, `${where}[${i}]`));
  }

  number(v: unknown, where: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return this.fail(`${where} must be a non-negative number`);
    return v;
  }

  boolean(v: unknown, where: string): boolean {
    if (typeof v !== 'boolean') return this.fail(`${where} must be true or false`);
    return v;
  }

  code(v: unknown, where: string): string {
    if (typeof v !== 'string' || !CODE.test(v)) return this.fail(`${where}: ${JSON.stringify(v)} is not a CPT/HCPCS code`);
    return v;
  }

  oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
    if (typeof v !== 'string' || !allowed.includes(v as T)) return this.fail(`${where} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
    return v as T;
  }

  sections(v: unknown, where: string): SectionCategory[] {
    return this.phrases(v, where).map((s, i) => (SECTIONS.has(s) ? (s as SectionCategory) : this.fail(`${where}[${i}]: unknown section category "${s}"`)));
  }

  regex(source: string, where: string, flags = 'gi'): RegExp {
    try {
      return new RegExp(source, flags);
    } catch (err) {
      return this.fail(`${where}: pattern does not compile (${(err as Error).message})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The shipped rules, validated and compiled once (the only module-level state of the procedure stages).

/** cues.json, validated. */
export const defaultStatusCues: StatusCues = loadStatusCues(cuesJson);
/** The shipped ConText rules plus procedure-context.json, compiled. */
export const defaultProcedureContextRules: CompiledContextRules = loadProcedureContextRules(procedureContextJson);
/** drug-names.json, validated. */
export const defaultDrugNameRules: DrugNameRules = loadDrugNameRules(drugNamesJson);
/** named-procedures.json, validated. */
export const defaultNamedProcedureRules: NamedProcedureRules = loadNamedProcedureRules(namedProceduresJson);
/** vaccines.json, validated. */
export const defaultVaccineRules: VaccineRules = loadVaccineRules(vaccinesJson);
/** em-rules.json, validated and compiled. */
export const defaultEmRules: EmRules = loadEmRules(emRulesJson);
