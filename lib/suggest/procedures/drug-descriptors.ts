import { isActiveOn } from '../../codesets';
import type { CodeRecord, CodeSetBundle } from '../../codesets';
import { parseAmount, parseConcentration } from './doses';
import type { Amount, Concentration } from './doses';
import { defaultDrugNameRules } from './rules';
import type { DrugNameRules, DrugRoute } from './rules';
import { PhraseTable, phraseWords } from './text';

/** The form a HCPCS drug code is written for. */
export type DrugForm = 'injection' | 'infusion' | 'inhalation' | 'oral' | 'other';

/** One drug of a descriptor ("ceftriaxone sodium"): its main word, salts and other name words. */
export interface DrugComponent {
  /** The word that names the drug ("ceftriaxone"); the longest name word. */
  main: string;
  /** All name words, salts excluded ("penicillin", "g"). */
  names: string[];
  salts: string[];
}

/** A HCPCS drug descriptor read into parts (see {@link parseDrugDescriptor}). */
export interface DrugDescriptor {
  code: string;
  title: string;
  record: CodeRecord;
  form: DrugForm;
  components: DrugComponent[];
  /** Brand or maker names the code is limited to, each as words ("synvisc", "one"). */
  brands: string[][];
  /** Formulation limits that make the code specific (preservative free, compounded, …). */
  qualifiers: string[];
  /** "not otherwise specified": the general code for the drug. */
  nos: boolean;
  /** Billing amount per unit; undefined for a per-vial/unit-dose code without one. */
  amount?: Amount & { upTo: boolean };
  /** A form drugs.ts never suggests for office injections (ophthalmic, implant, …). */
  excludedForm?: string;
}

/** A name a note may use for a drug, with the descriptor words it stands for. */
export interface DrugLexeme {
  /** As matched, for messages ("Kenalog-40"). */
  name: string;
  /** Generic words ("triamcinolone", "acetonide"). */
  words: string[];
  concentration?: Concentration;
}

/** A descriptor that fits a documented drug, with its score and how it was judged. */
export interface DrugCandidate {
  descriptor: DrugDescriptor;
  score: number;
  /** Plain notes on the match ("brand-specific code", "salt not documented"). */
  notes: string[];
}

/**
 * Reads a HCPCS drug descriptor ("Injection, ceftriaxone sodium, per 250 mg") into its form, drug
 * components (main word + salts), brands, qualifiers and billing amount. Undefined for descriptors
 * that name no drug ("Unclassified drugs").
 *
 * @example parseDrugDescriptor(record)?.amount // { value: 250, unit: 'mg', upTo: false }
 */
export function parseDrugDescriptor(record: CodeRecord, rules: DrugNameRules = defaultDrugNameRules): DrugDescriptor | undefined {
  const w = wordSets(rules);
  let title = record.title.toLowerCase().replace(/\.\s*$/, '');
  const brands: string[][] = [];
  const qualifiers: string[] = [];
  // Parenthesised names are brands or makers ("(xipere)", "(fresenius)").
  let perUnit: (Amount & { upTo: boolean }) | undefined;
  title = title.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    // "(500 ml = 1 unit)" states the billing amount.
    const unitDef = /^\s*(\d+(?:\.\d+)?)\s*(ml|cc|mg)\s*=\s*1\s*unit\s*$/.exec(inner);
    if (unitDef) {
      perUnit = parseAmount(`${unitDef[1]} ${unitDef[2]}`);
      return ' ';
    }
    for (const part of inner.split(/,|\bor\b|\//)) {
      const words = phraseWords(part).filter((x) => !w.qualifier.has(x));
      if (isBrand(words, w)) brands.push(words);
    }
    return ' ';
  });
  // Commas inside numbers ("100,000 units") do not split segments.
  const segments = title.split(/,(?!\d{3}\b)/).map((s) => s.trim()).filter(Boolean);
  if (segments.length === 0) return undefined;
  const allWords = new Set(phraseWords(title));
  let form: DrugForm = 'other';
  if (allWords.has('inhalation') || (/administered through dme/.test(title) && !allWords.has('injection') && !allWords.has('infusion'))) form = 'inhalation';
  else if (allWords.has('oral') || allWords.has('orally')) form = 'oral';
  else if (segments[0] === 'injection' || allWords.has('injection') || allWords.has('injectable')) form = 'injection';
  else if (segments[0] === 'infusion' || allWords.has('infusion')) form = 'infusion';
  const excludedForm = rules.excludedForms.find((f) => allWords.has(f));

  let rest = segments;
  if (rest[0] === 'injection' || rest[0] === 'infusion') rest = rest.slice(1);
  if (rest.length === 0) return undefined;
  const [drugSegment, ...others] = rest as [string, ...string[]];
  let amount: (Amount & { upTo: boolean }) | undefined = perUnit;
  let nos = false;
  let combination = false;
  const extraComponents: string[] = [];
  for (const seg of others) {
    const a = parseAmount(seg);
    if (a) {
      // A combination's per-drug amounts ("up to 0.5 mg") are not a billing amount: one unit per dose.
      if (!combination) amount = a;
      continue;
    }
    // "up to 2.5 mg and ipratropium bromide": an amount, then another drug of a combination.
    const combo = /^(?:per |up to )?[\d.,]+\s*[a-z]+\s+and\s+(.+)$/.exec(seg);
    if (combo) {
      extraComponents.push(combo[1]!);
      combination = true;
      amount = undefined;
      continue;
    }
    const words = phraseWords(seg);
    // "per treatment", "per course", "per dose": a billing unit without an amount, never a brand.
    if (/^per\s+[a-z]+(?:\s+[a-z]+)?$/.test(seg)) continue;
    if (/not otherwise specified|\bnos\b|not otherwise classified/.test(seg)) {
      nos = true;
      continue;
    }
    // Form words only ("inhalation solution", "sterile"): says nothing about the product.
    if (words.every((x) => w.generic.has(x) || ['solution', 'suspension', 'injection', 'infusion'].includes(x))) continue;
    if (words.every((x) => w.qualifier.has(x) || w.salt.has(x) || /^\d/.test(x)) || /therapeutically equivalent|compounded|administered through|unit dose|concentrated form|preservative|extended|release|microsphere|formulation|for intravenous|in \d+% dextrose|for intra-?articular/.test(seg)) {
      qualifiers.push(seg);
      continue;
    }
    // Anything else after the drug names brands ("synvisc or synvisc-one", "hyalgan").
    for (const part of seg.split(/\bor\b|\//)) {
      const bw = phraseWords(part).filter((x) => !w.qualifier.has(x));
      if (isBrand(bw, w)) brands.push(bw);
    }
  }
  // Formulation words inside the drug segment ("…hcl for intravenous infusion", "…hcl in 5% dextrose").
  const drugText = drugSegment.replace(/\b(?:for intravenous infusion|for intramuscular use|for subcutaneous use|in \d+(?:\.\d+)?% dextrose|preservative[- ]free|extended[- ]release)\b/g, (q) => {
    qualifiers.push(q);
    return ' ';
  });
  const inlineAmounts: (Amount & { upTo: boolean })[] = [];
  const componentTexts = [drugText, ...extraComponents].flatMap((t) => t.split(/\band\b|\bwith\b|&|\//));
  const components: DrugComponent[] = [];
  for (const raw of componentTexts) {
    const text = raw.replace(/(?:up to |per )?\d[\d,.]*\s*(?:mg|mcg|g|units?|ml)\b/g, (a) => {
      const parsed = parseAmount(a);
      if (parsed) inlineAmounts.push(parsed);
      return ' ';
    });
    const words = phraseWords(text).filter((x) => !w.qualifier.has(x) && !['injection', 'infusion', 'oral', 'inhalation', 'solution'].includes(x));
    const salts = words.filter((x) => w.salt.has(x));
    const names = words.filter((x) => !w.salt.has(x));
    const candidates = names.filter((x) => !w.generic.has(x) && /[a-z]/.test(x) && x.length >= 3);
    if (candidates.length === 0) continue;
    const main = candidates.reduce((a, b) => (b.length > a.length ? b : a));
    components.push({ main, names, salts });
  }
  if (components.length === 0) return undefined;
  if (!amount && inlineAmounts.length > 0 && components.every((c) => c.main === components[0]!.main) && inlineAmounts.every((a) => a.unit === inlineAmounts[0]!.unit)) {
    // "betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg": one vial of 6 mg.
    amount = { value: inlineAmounts.reduce((s, a) => s + a.value, 0), unit: inlineAmounts[0]!.unit, upTo: false };
  }
  return {
    code: record.code,
    title: record.title,
    record,
    form,
    components,
    brands,
    qualifiers,
    nos,
    ...(amount ? { amount } : {}),
    ...(excludedForm ? { excludedForm } : {}),
  };
}

/**
 * Parsed drug descriptors of a HCPCS release with a name lookup: descriptor drug words, brand names
 * from descriptors, and drug-names.json brand/common names. Build once per bundle ({@link drugIndexFor}).
 */
export class DrugIndex {
  readonly descriptors: DrugDescriptor[];
  /** Drug names a note may use → the descriptor words they stand for. */
  readonly names = new PhraseTable<DrugLexeme>();
  private readonly byMain = new Map<string, DrugDescriptor[]>();

  constructor(
    records: readonly CodeRecord[],
    readonly rules: DrugNameRules = defaultDrugNameRules,
  ) {
    const w = wordSets(rules);
    // J codes are the drug codes billed by practitioners, Q5xxx their biosimilars (named by suffix and brand);
    // J3490-style "unclassified" codes name no drug.
    this.descriptors = records.filter((r) => /^J\d{4}$/.test(r.code) || (/^Q5\d{3}$/.test(r.code) && /biosimilar/i.test(r.title))).map((r) => parseDrugDescriptor(r, rules)).filter((d): d is DrugDescriptor => !!d);
    for (const d of this.descriptors) {
      for (const c of d.components) {
        const list = this.byMain.get(c.main) ?? [];
        list.push(d);
        this.byMain.set(c.main, list);
        if (c.main.length >= 4 && !w.generic.has(c.main)) this.names.add([c.main], { name: c.main, words: [c.main] });
      }
      for (const brand of d.brands) {
        if (brand.join('').length < 4 || brand.every((x) => w.generic.has(x) || w.qualifier.has(x))) continue;
        this.names.add(brand, { name: brand.join(' '), words: [...d.components.map((c) => c.main), ...brand] });
      }
    }
    for (const n of rules.names) {
      const concentration = n.concentration ? parseConcentration(n.concentration) : undefined;
      this.names.add(n.name, { name: n.name, words: phraseWords(n.generic), ...(concentration ? { concentration } : {}) });
    }
  }

  /**
   * Descriptors in force on the date of service that fit a documented drug (its generic words) and
   * route, best first. Every drug of a combination code must be documented; a documented salt must
   * match; brand-specific, formulation-specific and non-injection codes score lower.
   */
  candidates(words: readonly string[], route: DrugRoute | undefined, dateOfService: string): DrugCandidate[] {
    const w = wordSets(this.rules);
    const mention = new Set(words);
    const mentionSalts = words.filter((x) => w.salt.has(x));
    const mentionNames = words.filter((x) => !w.salt.has(x) && !w.generic.has(x) && !w.qualifier.has(x));
    const seen = new Set<DrugDescriptor>();
    const out: DrugCandidate[] = [];
    for (const word of mention) {
      for (const d of this.byMain.get(word) ?? []) {
        if (seen.has(d)) continue;
        seen.add(d);
        if (!isActiveOn(d.record, dateOfService)) continue;
        const scored = score(d, mention, mentionSalts, mentionNames, route);
        if (scored) out.push(scored);
      }
    }
    return out.sort((a, b) => b.score - a.score || a.descriptor.code.localeCompare(b.descriptor.code));
  }
}

/** The drug index of a HCPCS bundle, built once per bundle and rule set. */
export function drugIndexFor(bundle: CodeSetBundle, rules: DrugNameRules = defaultDrugNameRules): DrugIndex {
  let byRules = indexCache.get(bundle);
  if (!byRules) {
    byRules = new WeakMap();
    indexCache.set(bundle, byRules);
  }
  let index = byRules.get(rules);
  if (!index) {
    index = new DrugIndex(bundle.codes, rules);
    byRules.set(rules, index);
  }
  return index;
}

/** Two descriptors that differ only in their billing amount (J1020/J1030/J1040). */
export function sameProduct(a: DrugDescriptor, b: DrugDescriptor): boolean {
  return signature(a) === signature(b);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const indexCache = new WeakMap<CodeSetBundle, WeakMap<DrugNameRules, DrugIndex>>();
const setsCache = new WeakMap<DrugNameRules, { salt: Set<string>; qualifier: Set<string>; generic: Set<string> }>();

function wordSets(rules: DrugNameRules): { salt: Set<string>; qualifier: Set<string>; generic: Set<string> } {
  let s = setsCache.get(rules);
  if (!s) {
    s = {
      salt: new Set(rules.salts.flatMap(phraseWords)),
      qualifier: new Set(rules.qualifierWords.flatMap(phraseWords)),
      generic: new Set(rules.genericWords.flatMap(phraseWords)),
    };
    setsCache.set(rules, s);
  }
  return s;
}

const INJECTABLE: ReadonlySet<DrugRoute> = new Set(['im', 'sc', 'iv', 'iv-push', 'infusion', 'joint']);

function score(d: DrugDescriptor, mention: ReadonlySet<string>, mentionSalts: string[], mentionNames: string[], route: DrugRoute | undefined): DrugCandidate | undefined {
  const notes: string[] = [];
  // Every drug of a combination code must be documented.
  if (!d.components.every((c) => mention.has(c.main))) return undefined;
  const covered = new Set([...d.components.flatMap((c) => [...c.names, ...c.salts]), ...d.brands.flat()]);
  // Every drug the note names must be in the code (no single-drug code for a combination).
  if (!mentionNames.every((x) => covered.has(x))) return undefined;
  const descriptorSalts = new Set(d.components.flatMap((c) => c.salts));
  if (mentionSalts.length > 0 && !mentionSalts.every((s) => descriptorSalts.has(s))) return undefined;
  if (d.excludedForm) return undefined;

  let s = 100;
  if (route === 'inhalation') {
    if (d.form !== 'inhalation') return undefined;
  } else if (route === 'oral') {
    if (d.form !== 'oral') return undefined;
  } else if (d.form === 'oral' || (d.form === 'inhalation' && route !== undefined)) {
    return undefined;
  } else if (d.form === 'inhalation') {
    // No route documented: an inhalation-only product (DuoNeb) still fits, after any injection form.
    s -= 40;
  } else if (d.form === 'infusion' && route !== undefined && route !== 'iv' && route !== 'infusion' && route !== 'iv-push') {
    s -= 25;
  } else if (d.form === 'other' && route !== undefined && INJECTABLE.has(route)) {
    s -= 5;
  }
  if (d.brands.length > 0) {
    // A biosimilar suffix written ("-bbdz") names the product as surely as its brand.
    const suffixNamed = d.components.some((c) => c.names.some((n) => n !== c.main && /^[a-z]{4}$/.test(n) && mention.has(n)));
    if (suffixNamed || d.brands.some((b) => b.every((x) => mention.has(x)))) {
      s += 20;
      notes.push('brand named in the note');
    } else {
      s -= 30;
      notes.push('code is for a specific brand or maker');
    }
  }
  if (d.nos) s += 5;
  for (const q of d.qualifiers) {
    if (/therapeutically equivalent/.test(q)) s -= 20;
    else if (/for intravenous|dextrose/.test(q)) s -= route === 'iv' || route === 'infusion' ? 5 : 20;
    else if (/non-compounded|fda-approved/.test(q)) s -= 1;
    else if (/compounded/.test(q)) s -= 15;
    else if (/concentrated/.test(q)) s -= 5;
    else if (/administered through|unit dose/.test(q)) s -= 0;
    else s -= 12;
  }
  const extraNames = d.components.flatMap((c) => c.names).filter((x) => !mention.has(x));
  s -= 3 * extraNames.length;
  const unmatchedSalts = [...descriptorSalts].filter((x) => !mention.has(x));
  s -= 2 * unmatchedSalts.length;
  if (unmatchedSalts.length > 0 && mentionSalts.length === 0) notes.push(`salt not documented (${unmatchedSalts.join(' ')})`);
  return { descriptor: d, score: s, notes };
}

/** A brand needs a real word: at least one word of 3+ letters that is not a form or qualifier word. */
function isBrand(words: string[], w: { generic: Set<string>; qualifier: Set<string> }): boolean {
  if (words.some((x) => UNIT_WORD.test(x))) return false; // "(1.125 grams)", "(250 i.u.)" are amounts
  return words.some((x) => /^[a-z][a-z'-]{2,}/.test(x) && !w.generic.has(x) && !w.qualifier.has(x)) && !/^(?:e\s?g|i\s?e)$/.test(words.join(' '));
}

const UNIT_WORD = /^(?:grams?|gm|mg|mcg|micrograms?|milligrams?|ml|cc|units?|iu|i|u|dose|doses|liters?|meq|mmol)$/;

function signature(d: DrugDescriptor): string {
  return JSON.stringify([d.form, d.components.map((c) => [c.names, c.salts]), d.brands, d.qualifiers, d.nos]);
}
