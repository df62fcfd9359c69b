import type { ChartDocument, TextSpan } from '../../chart';
import type { CodeSetBundle, CodeSetCatalog } from '../../codesets';
import type { CompiledContextRules } from '../../context';
import type { ExcludedCandidate } from '../types';
import { codeOn, evidenceList, makeExcluded, makeLine, releaseFor } from './lines';
import { defaultVaccineRules } from './rules';
import type { StatusCues, VaccineProduct, VaccineRule, VaccineRules } from './rules';
import { mentionStatus, type StatusVerdict } from './status';
import { PhraseTable, ageOn, phraseSet, phraseWords, semicolonClause, sentenceViews, type SentenceView } from './text';
import type { Payer, ProcedureLine, StageResult } from './types';

/** Options for {@link administeredVaccines}. */
export interface VaccineOptions {
  /** Date of service (YYYY-MM-DD). Default: the chart header's, else today. */
  dateOfService?: string;
  /** Medicare pays G0008 (flu), G0009 (pneumococcal), G0010 (hepatitis B) for administration. Default: 'other'. */
  payer?: Payer;
  /** Vaccine table. Default: vaccines.json ({@link defaultVaccineRules}). */
  rules?: VaccineRules;
  /** Cue lists. Default: cues.json. */
  cues?: StatusCues;
  /** ConText rules (declined, due for, up to date). Default: shipped + procedure-context.json. */
  contextRules?: CompiledContextRules;
}

/**
 * Vaccines given at the visit: the product code when the product is named (brand or a specific
 * formulation, by age where the dose differs), and the administration codes — 90471 then 90472 per
 * further injected vaccine, 90473/90474 by mouth or nose, 90480 for COVID-19, and for Medicare
 * G0008/G0009/G0010 for influenza, pneumococcal and hepatitis B vaccines. Declined, due, planned and
 * past vaccines ("up to date", "flu shot at pharmacy in October") are set aside.
 *
 * @example administeredVaccines(chartFromText('Tdap 0.5 mL IM given today.'), catalog).lines.map(l => l.code) // ['90715', '90471']
 */
export function administeredVaccines(document: ChartDocument, catalog: CodeSetCatalog, options: VaccineOptions = {}): StageResult {
  const rules = options.rules ?? defaultVaccineRules;
  const payer = options.payer ?? 'other';
  const dos = options.dateOfService ?? document.header.dateOfServiceIso ?? new Date().toISOString().slice(0, 10);
  const age = ageOn(document.header.dobIso, dos);
  const compiled = compile(rules, releaseFor(catalog, 'cpt', dos));
  const given = new Map<VaccineRule, Given>();
  const excluded: ExcludedCandidate[] = [];
  const statusOptions = { dateOfService: dos, policy: 'cue' as const, extraCues: rules.administered, ...(options.cues ? { cues: options.cues } : {}), ...(options.contextRules ? { contextRules: options.contextRules } : {}) };

  for (const view of sentenceViews(document)) {
    const seen = new Set<VaccineRule>();
    for (const m of compiled.terms.longest(view.words)) {
      for (const ref of m.values) {
        if (seen.has(ref.vaccine)) continue;
        // "PCV20 given 2024; recombinant zoster series complete": the clause of the vaccine says it.
        const clause = semicolonClause(view, m);
        const status = seriesAlreadyComplete(view.sentence.text.slice(clause.start - view.start, clause.end - view.start)) ? ({ done: false, reason: 'historical', explanation: 'a series completed before this visit (“series completed”), no dose given today', confidence: 0 } as StatusVerdict) : mentionStatus(view, m, statusOptions);
        // "PPSV23 in 2019; PCV20 0.5 mL IM given today": each clause names its own product, and a past dose leaves
        // a later mention of the family in the sentence to be read.
        const product = productIn(ref.vaccine, clauseWords(view, m), compiled) ?? productIn(ref.vaccine, view.words, compiled);
        if (status.done) seen.add(ref.vaccine);
        if (!status.done) {
          const code = (product && productCode(product, age)) ?? rules.admin.injection.first;
          excluded.push(makeExcluded(catalog, dos, code, status.reason!, `${view.sentence.text.slice(m.start - view.start, m.end - view.start)}: ${status.explanation}`, evidenceList(document, [m])));
          continue;
        }
        const prev = given.get(ref.vaccine);
        const spans = [m, ...(status.cue ? [status.cue] : [])];
        if (prev) {
          prev.spans.push(...spans);
          // "Hepatitis B vaccine dose 2" in the reason, "Heplisav-B … given" in the record: the named product decides.
        if (!prev.product || (product?.code && !prev.product.code)) prev.product = product;
          prev.confidence = Math.max(prev.confidence, status.confidence);
        } else {
          given.set(ref.vaccine, { vaccine: ref.vaccine, product, spans, confidence: status.confidence, explanation: status.explanation });
        }
      }
    }
  }

  // "Tetanus booster due - Tdap given": a generic name (no product) of a family whose named product was given is the same shot.
  // "Tdap … each of its components (tetanus, diphtheria, pertussis)": a vaccine of the family with fewer components than
  // one given is part of it, not a second shot.
  for (const [rule, g] of [...given]) {
    const named = [...given.values()].find((o) => o !== g && o.vaccine.family === g.vaccine.family && ((!g.product && o.product) || (o.vaccine.components ?? 0) > (g.vaccine.components ?? Infinity)));
    if (!named) continue;
    named.spans.push(...g.spans);
    given.delete(rule);
  }

  // Vaccine counseling is usually its own sentence ("Parent counseled on risks and benefits; VIS given"), or a
  // run-in heading ("Vaccine counseling by me with mother: benefits, risks ...") that the chart reads as a section title.
  // "I reviewed each vaccine's benefits and risks with both parents" counsels as surely as the word does.
  const counseled = sentenceViews(document).some((v) => [v.sentence.text, v.sectionTitle ?? ''].some((text) => COUNSELING.test(text) && !NO_COUNSELING.test(text) && ABOUT_VACCINES.test(text)));
  const lines: ProcedureLine[] = [];
  const add = (made: { line?: ProcedureLine; excluded?: ExcludedCandidate }) => {
    if (made.line) lines.push(made.line);
    if (made.excluded) excluded.push(made.excluded);
  };
  const injected: Given[] = [];
  const nasalOral: Given[] = [];
  const missingProduct: string[] = [];
  for (const g of given.values()) {
    const code = g.product ? productCode(g.product, age) : undefined;
    const name = g.vaccine.id.replace(/-/g, ' ');
    if (code) {
      add(makeLine(catalog, dos, {
        code,
        kind: 'vaccine',
        confidence: g.confidence,
        rule: `vaccine product: ${name} (${g.explanation})${g.product?.byAge ? `, age ${age}` : ''} → ${code}`,
        evidence: evidenceList(document, g.spans),
        warnings: ['Confirm the product, presentation and NDC given.'],
      }));
    } else {
      missingProduct.push(g.product?.byAge && age === undefined ? `${name} (age unknown)` : name);
    }
    const medicare = payer === 'medicare' ? rules.medicareAdmin[g.vaccine.family] : undefined;
    if (g.vaccine.family === 'covid') {
      add(makeLine(catalog, dos, { code: rules.admin.covid, kind: 'vaccine-admin', confidence: g.confidence, rule: `COVID-19 vaccine given (${g.explanation}) → ${rules.admin.covid}`, evidence: evidenceList(document, g.spans) }));
    } else if (medicare && codeOn(catalog, medicare, 'hcpcs', dos)) {
      add(makeLine(catalog, dos, { code: medicare, kind: 'vaccine-admin', confidence: g.confidence, rule: `Medicare: ${name} vaccine administration (${g.explanation}) → ${medicare}`, evidence: evidenceList(document, g.spans) }));
    } else if (g.vaccine.route === 'nasal-oral') {
      nasalOral.push(g);
    } else {
      injected.push(g);
    }
  }
  const adminWarnings = [
    ...(missingProduct.length ? [`Vaccine product not named for ${missingProduct.join(', ')}: add the product code.`] : []),
  ];
  const series = (list: Given[], codes: { first: string; additional: string }, how: string, firstOfAll: boolean) => {
    if (list.length === 0) return;
    const names = list.map((g) => g.vaccine.id.replace(/-/g, ' '));
    const spans = list.flatMap((g) => g.spans);
    const confidence = Math.min(...list.map((g) => g.confidence));
    if (firstOfAll) {
      add(makeLine(catalog, dos, { code: codes.first, kind: 'vaccine-admin', confidence, rule: `first vaccine given ${how} (${names[0]}) → ${codes.first}`, evidence: evidenceList(document, list[0]!.spans), warnings: adminWarnings }));
      if (list.length > 1) add(makeLine(catalog, dos, { code: codes.additional, kind: 'vaccine-admin', units: list.length - 1, confidence, rule: `each further vaccine given ${how} (${names.slice(1).join(', ')}) → ${codes.additional} × ${list.length - 1}`, evidence: evidenceList(document, list.slice(1).flatMap((g) => g.spans)) }));
    } else {
      add(makeLine(catalog, dos, { code: codes.additional, kind: 'vaccine-admin', units: list.length, confidence, rule: `vaccines given ${how} after an injected one (${names.join(', ')}) → ${codes.additional} × ${list.length}`, evidence: evidenceList(document, spans) }));
    }
  };
  // Through age 18 with the physician's counseling: 90460 per vaccine, 90461 per further component (CPT), whatever the route.
  if (age !== undefined && age < 19 && counseled && injected.length + nasalOral.length > 0) {
    const all = [...injected, ...nasalOral];
    const extra = all.reduce((n, g) => n + Math.max(0, g.vaccine.components - 1), 0);
    const confidence = Math.min(...all.map((g) => g.confidence)) * 0.9;
    const names = all.map((g) => `${g.vaccine.id.replace(/-/g, ' ')}${g.vaccine.components > 1 ? ` (${g.vaccine.components} components)` : ''}`).join(', ');
    const warnings = [...(missingProduct.length ? [adminWarnings[0]!] : []), 'Counseling must be by the physician or other qualified health care professional; otherwise use 90471–90474.'];
    add(makeLine(catalog, dos, { code: rules.admin.counseling.first, kind: 'vaccine-admin', units: all.length, confidence, rule: `patient ${age}, vaccine counseling documented: first component of each vaccine (${names}) → ${rules.admin.counseling.first} × ${all.length}`, evidence: evidenceList(document, all.flatMap((g) => g.spans)), warnings }));
    if (extra > 0) add(makeLine(catalog, dos, { code: rules.admin.counseling.additional, kind: 'vaccine-admin', units: extra, confidence, rule: `each further vaccine component with counseling → ${rules.admin.counseling.additional} × ${extra}`, evidence: evidenceList(document, all.filter((g) => g.vaccine.components > 1).flatMap((g) => g.spans)) }));
    return { lines, excluded: excluded.filter((e) => !lines.some((l) => l.code === e.code)) };
  }
  series(injected, rules.admin.injection, 'by injection', true);
  // By mouth or nose after an injection: only the add-on code (90474); alone, 90473 first.
  series(nasalOral, rules.admin['nasal-oral'], 'by mouth or nose', injected.length === 0);
  if (injected.length === 0 && nasalOral.length === 0 && adminWarnings.length && lines[0]) lines[0].warnings.push(...adminWarnings);
  return { lines, excluded: excluded.filter((e) => !lines.some((l) => l.code === e.code)) };
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Given {
  vaccine: VaccineRule;
  product?: VaccineProduct;
  spans: TextSpan[];
  confidence: number;
  explanation: string;
}

interface VaccineTerm {
  vaccine: VaccineRule;
}

interface CompiledVaccines {
  terms: PhraseTable<VaccineTerm>;
  products: Map<VaccineProduct, { terms: PhraseTable<string>; also?: PhraseTable<string> }>;
}

const cache = new WeakMap<VaccineRules, Map<CodeSetBundle | undefined, CompiledVaccines>>();

function compile(rules: VaccineRules, cpt: CodeSetBundle | undefined): CompiledVaccines {
  let byBundle = cache.get(rules);
  if (!byBundle) {
    byBundle = new Map();
    cache.set(rules, byBundle);
  }
  const hit = byBundle.get(cpt);
  if (hit) return hit;
  const ignore = new Set(rules.ignoreKeywords.map((k) => phraseWords(k).join(' ')));
  const owners = new Map<string, Set<string>>();
  for (const r of cpt?.codes ?? []) for (const k of r.synonyms ?? []) {
    const key = phraseWords(k).join(' ');
    owners.set(key, (owners.get(key) ?? new Set()).add(r.code));
  }
  const terms = new PhraseTable<VaccineTerm>();
  const products = new Map<VaccineProduct, { terms: PhraseTable<string>; also?: PhraseTable<string> }>();
  for (const vaccine of rules.vaccines) {
    const ref = { vaccine };
    for (const t of vaccine.terms) terms.add(t, ref);
    for (const p of vaccine.products) {
      const words = [...p.terms];
      // The catalogue's keywords of a fixed product code name the product too (unless shared or too general).
      if (p.code && cpt) {
        const record = cpt.codes.find((r) => r.code === p.code);
        for (const k of record?.synonyms ?? []) {
          const key = phraseWords(k).join(' ');
          if (!key || ignore.has(key) || (owners.get(key)?.size ?? 0) > 1) continue;
          words.push(k);
        }
      }
      // A product that needs a second word ("moderna" + "covid") is no vaccine mention on its own words.
      if (!p.also) for (const t of words) terms.add(t, ref);
      products.set(p, { terms: phraseSet(words), ...(p.also ? { also: phraseSet(p.also) } : {}) });
    }
  }
  const compiled = { terms, products };
  byBundle.set(cpt, compiled);
  return compiled;
}

function productIn(vaccine: VaccineRule, words: Parameters<PhraseTable<string>['test']>[0], compiled: CompiledVaccines): VaccineProduct | undefined {
  return vaccine.products.find((p) => {
    const table = compiled.products.get(p)!;
    return table.terms.test(words) && (!table.also || table.also.test(words));
  });
}

function productCode(product: VaccineProduct, age: number | undefined): string | undefined {
  if (product.code) return product.code;
  if (age === undefined) return undefined;
  return product.byAge?.find((b) => (b.minAge === undefined || age >= b.minAge) && (b.maxAge === undefined || age <= b.maxAge))?.code;
}

/**
 * "HPV vaccine series completed.", "Tdap (age 11), MenACWY dose 1 (age 11) and HPV x2 already complete per
 * registry" state the patient's history: with no dose, route or "today" in the clause, nothing was given at this visit.
 */
function seriesAlreadyComplete(clause: string): boolean {
  return ALREADY_COMPLETE.test(clause) && !/\b(?:today|given|administered|\d*\.?\d+\s*ml|im|sc|subcut\w*|intramuscular\w*)\b/i.test(clause);
}
const ALREADY_COMPLETE = /\bseries\b[^.;]{0,20}\bcomplete[d]?\b|\balready\s+(?:complete[d]?|done|up to date)\b|\bcomplete[d]?\s+per\s+(?:the\s+)?(?:state\s+)?(?:registry|records?|chart)\b/i;

/** Counseling said not to have happened: "no physician counseling requested or provided", "counseling declined". */
const NO_COUNSELING = /\b(?:no|not|without|never)\s+(?:[\w-]+\s+){0,2}counsel|\bcounsel\w*\s+(?:(?:was|were)\s+)?(?:declined|refused|deferred|not\s+(?:requested|provided|given|done|performed))/i;
/** Counseling words: "counseled", or benefits and risks (or each vaccine and its components) reviewed, discussed or explained. */
const COUNSELING = /counsel|\b(?:reviewed|discussed|explained|went over)\b[^.;]{0,40}\b(?:benefits?|risks?|(?:each|every) vaccine|(?:its|their) components)\b/i;
/** What the counseling was about: vaccines, by that word or by a vaccine's own name ("I counseled patient and father; influenza IIV3 … given"). */
const ABOUT_VACCINES = /vaccin|immuniz|\bvis\b|risks and benefits|\b(?:iiv\d?|laiv\d?|influenza|flu|tdap|dtap|hpv|mmrv?|menacwy|menb|hep\s?[ab]|hepatitis [ab]|pcv\d*|ipv|hib|rotavirus)\b/i;

/** The words of the semicolon clause of a sentence that holds a span. */
function clauseWords(view: SentenceView, span: TextSpan): SentenceView['words'] {
  const clause = semicolonClause(view, span);
  return view.words.filter((w) => w.start >= clause.start && w.end <= clause.end);
}
