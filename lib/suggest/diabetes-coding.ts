import { mergeEvidence } from './evidence-merge';
import { sectionAt, type ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import { contextForChart } from '../context';
import { chronicUlcerCode, ULCER_WORD } from './chronic-ulcers';
import { DIABETES, diabetesCombination } from './diabetes-links';
import type { DiagnosisLexicon } from './lexicon';
import { linesName, notesWithAncestors } from './tabular-notes';
import type { Evidence, ExcludedCandidate, Suggestion } from './types';

const WITH_RULE = 'Guideline I.A.15 "with" and I.C.4.a: a condition the diabetes titles list "with" is presumed linked';

/**
 * The diabetes stage of the engine: chronic skin ulcers coded by site and depth (L97/L98.4-) with the diabetes
 * "with … ulcer" code whose use-additional note asks for them, then every other coded condition that a title of the
 * diabetes category names "with" turned into that combination code (polyneuropathy → E11.42), the standalone code
 * and "without complications" going. `conditions` are conditions said inside a diabetes phrase, used only here.
 */
export function linkDiabetes(
  document: ChartDocument,
  chosen: Map<string, Suggestion>,
  lexicon: DiagnosisLexicon,
  conditions: Suggestion[],
  excluded: ExcludedCandidate[],
  isCodingSection: (category: string | undefined) => boolean,
): void {
  const record = (code: string): CodeRecord | undefined => lexicon.codes[lexicon.indexOf.get(code) ?? -1];
  const put = (code: string, evidence: Evidence[], rule: string, confidence = 0.8) => {
    const r = record(code);
    if (!r) return;
    const existing = chosen.get(code);
    if (existing) mergeEvidence(existing.evidence, evidence);
    else chosen.set(code, { system: 'icd10cm', code, title: r.title, confidence, rule, evidence: [...evidence], warnings: [] });
  };
  const drop = (s: Suggestion, by: string) => {
    if (!chosen.delete(s.code)) return;
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `coded within ${by}`, evidence: s.evidence });
  };
  const diabetesCategory = () => [...chosen.keys()].find((c) => DIABETES.test(c))?.slice(0, 3);
  applyStatedType(document, chosen, lexicon, excluded);

  // Ulcers: each sentence of the assessment naming an ulcer of skin, by its site, side and depth.
  for (const u of ulcerMentions(document, isCodingSection)) {
    const code = chronicUlcerCode(lexicon, u.clause);
    if (!code) continue;
    // The lexicon's own reading of the same words (a guessed site) gives way to the one built from the titles.
    for (const s of [...chosen.values()]) if (/^(L97|L98\.4)/.test(s.code) && s.code !== code && s.evidence.every((e) => e.sentence === u.evidence.sentence)) drop(s, code);
    put(code, [u.evidence], `non-pressure chronic ulcer by site, side and depth from the L97/L98.4 titles (Guideline I.C.12)`);
    const category = diabetesCategory() ?? (/\bdiabet/i.test(u.clause) ? 'E11' : undefined);
    if (!category) continue;
    const ulcerCode = firstAsking(lexicon, category, code);
    if (!ulcerCode) continue;
    for (const s of [...chosen.values()]) if (s.code.startsWith(`${category}.62`) && s.code !== ulcerCode && /ulcer/i.test(s.title) && s.evidence.every((e) => e.sentence === u.evidence.sentence)) drop(s, ulcerCode);
    put(ulcerCode, [u.evidence], `${WITH_RULE}; its use-additional note asks for ${code}`);
  }

  // Other conditions: the combination code a title of the diabetes category names "with" them.
  for (const diabetes of [...chosen.values()].filter((s) => DIABETES.test(s.code))) {
    for (const condition of [...chosen.values(), ...conditions]) {
      if (condition === diabetes) continue;
      // "Diabetic gastroparesis (diabetic autonomic neuropathy …)": a word another diabetes code was read from
      // (E11.43) is that code's, not a second condition to link (no E11.42 from its "neuropathy").
      if (condition.evidence.length > 0 && condition.evidence.every((e) => [...chosen.values()].some((d) => d !== condition && DIABETES.test(d.code) && d.code !== diabetes.code && d.evidence.some((x) => x.start <= e.start && e.end <= x.end)))) continue;
      // Distinct clauses only: a long chart repeats the same item many times.
      const near = [...new Set(condition.evidence.map((e) => clauseAfter(e)))];
      const combination = diabetesCombination(lexicon, diabetes.code, condition, near);
      if (!combination) continue;
      const notes = notesWithAncestors(lexicon, combination);
      const keepsCondition = linesName(notes.useAdditional, condition.code);
      const conditionSentences = new Set(condition.evidence.map((e) => e.sentence));
      const sameSentence = diabetes.evidence.filter((d) => conditionSentences.has(d.sentence));
      put(combination, [...(sameSentence.length ? sameSentence : diabetes.evidence.slice(0, 1)), ...condition.evidence], `${WITH_RULE}: ${condition.code} ${condition.title}`, 0.85);
      if (!keepsCondition && chosen.has(condition.code) && condition.code !== combination) drop(condition, combination);
    }
  }
  // "Without complications" and a category's "unspecified" complication give way to the combination codes.
  const withCodes = [...chosen.keys()].filter((c) => DIABETES.test(c) && !/without complications/i.test(record(c)?.title ?? ''));
  for (const s of [...chosen.values()]) {
    if (!DIABETES.test(s.code)) continue;
    if (/without complications/i.test(s.title) && withCodes.some((c) => c.slice(0, 3) === s.code.slice(0, 3))) drop(s, withCodes.find((c) => c.slice(0, 3) === s.code.slice(0, 3))!);
  }
}

/** A type the chart writes out: "type 2", "T2DM", "DM II", "NIDDM". */
const TYPE_2_SAID = /\b(?:type\s*(?:2|ii|two)\b|t2(?:dm)?\b|dm\s*(?:2|ii)\b|dm2\b|niddm\b)/i;

/**
 * Guideline I.C.4.a.2: diabetes is type 2 (E11) only when the chart does not give its type. "Type 1 diabetes … 
 * Diabetic retinopathy": the retinopathy read by the untyped E11 title is the stated type's (E10.319); an untyped
 * E11 code moves to the one other diabetes category the chart states, where that category has the same code.
 * A chart that also writes "type 2" anywhere is left as it is.
 */
function applyStatedType(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  const stated = new Set([...chosen.keys()].filter((c) => DIABETES.test(c) && !c.startsWith('E11')).map((c) => c.slice(0, 3)));
  if (stated.size !== 1 || TYPE_2_SAID.test(document.text)) return;
  const category = [...stated][0]!;
  for (const s of [...chosen.values()]) {
    if (!s.code.startsWith('E11.')) continue;
    const target = `${category}${s.code.slice(3)}`;
    const record = lexicon.codes[lexicon.indexOf.get(target) ?? -1];
    if (!record?.billable) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the chart states the diabetes type elsewhere: coded ${target} (Guideline I.C.4.a.2: E11 only when the type is not documented)`, evidence: s.evidence });
    const existing = chosen.get(target);
    if (existing) mergeEvidence(existing.evidence, s.evidence);
    else chosen.set(target, { ...s, code: target, title: record.title, rule: `${s.rule}, read for ${s.code}; moved to the type the chart states (${category}, Guideline I.C.4.a.2)` });
  }
}

/**
 * "Diabetic kidney disease" read as an organ's catch-all ("Disorder of kidney and ureter, unspecified") beside a
 * diabetes combination code of that organ (E11.22): the combination code holds it. Runs after the combinations.
 */
export function dropOrganCatchAllOfDiabetes(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    const organ = ORGAN_CATCH_ALL.exec(s.title)?.[1]?.split(/\s+and\s+|\s+/)[0];
    if (!organ) continue;
    const by = [...chosen.values()].find((d) => DIABETES.test(d.code) && new RegExp(`\\b${organ}\\b`, 'i').test(d.title));
    if (!by) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `coded within ${by.code}`, evidence: s.evidence });
  }
}

/** "Disorder of kidney and ureter, unspecified": an organ's catch-all code, and the organ. */
const ORGAN_CATCH_ALL = /^(?:disorder|disease) of ([a-z ]+), unspecified$/i;

/** The billable code of a diabetes category whose "use additional code" note asks for the given code. */
function firstAsking(lexicon: DiagnosisLexicon, category: string, code: string): string | undefined {
  const at = lexicon.indexOf.get(category);
  if (at === undefined) return undefined;
  const found: string[] = [];
  const walk = (i: number) => {
    for (const kid of lexicon.children.get(i) ?? []) {
      const r = lexicon.codes[kid]!;
      if (r.billable && linesName(r.notes?.useAdditionalCode ?? [], code)) found.push(r.code);
      walk(kid);
    }
  };
  walk(at);
  return found.sort()[0];
}

/** The words of a condition and what follows it in its clause ("neuropathy due to B12 deficiency"). */
function clauseAfter(e: Evidence): string {
  const at = e.sentence.indexOf(e.text);
  if (at < 0) return e.text;
  return `${e.text}${(e.sentence.slice(at + e.text.length, at + e.text.length + 60).split(/[;.]|,\s*(?:and\b)?/)[0] ?? '')}`;
}

/** Ulcer words in the sentences a coder codes from, affirmed, with the clause that describes them. */
function ulcerMentions(document: ChartDocument, isCodingSection: (category: string | undefined) => boolean): { clause: string; evidence: Evidence }[] {
  const targets: { start: number; end: number; clause: string; sentence: string; section?: string }[] = [];
  const hasCoding = document.sentences.some((s) => isCodingSection(s.section >= 0 ? document.sections[s.section]?.category : undefined));
  for (const sentence of document.sentences) {
    const section = sectionAt(document.sections, sentence.start)?.category;
    if (hasCoding && !isCodingSection(section)) continue;
    const m = ULCER_WORD.exec(sentence.text);
    if (!m) continue;
    // The clause of the ulcer: up to a semicolon, or a numbered item after it.
    const before = sentence.text.slice(0, m.index).split(/[;]|\b\d{1,2}[.)]\s/).at(-1) ?? '';
    const after = sentence.text.slice(m.index).split(/[;]|\s\d{1,2}[.)]\s/)[0] ?? '';
    targets.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, clause: `${before}${after}`, sentence: sentence.text, ...(section ? { section } : {}) });
  }
  if (targets.length === 0) return [];
  const contexts = contextForChart(document, targets);
  return targets
    .filter((_, i) => {
      const c = contexts[i]!;
      return !(c.negated || c.ruledOut || c.historical || c.hypothetical || c.family || c.otherExperiencer);
    })
    .map((t) => ({ clause: t.clause, evidence: { start: t.start, end: t.end, text: document.text.slice(t.start, t.end), sentence: t.sentence, ...(t.section ? { section: t.section } : {}) } }));
}
