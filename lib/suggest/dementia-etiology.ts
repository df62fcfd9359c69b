import type { CodeRecord } from '../codesets/types';
import type { DiagnosisLexicon } from './lexicon';
import { qualifiedSibling } from './site-specificity';
import { codesIn, notesWithAncestors, refCovers } from './tabular-notes';
import { textWords, wordKey } from './text-words';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Dementia with a named cause (Guideline I.C.5.d and the F02 "code first" note): "Alzheimer's dementia, moderate,
 * with agitation" is the disease (G30.9) followed by F02.B11, dementia in other diseases classified elsewhere, with
 * the same severity and disturbance as the unspecified dementia code read from the words (F03.B11). Which diseases
 * count is the F02 note's own list ("Alzheimer's (G30.-)", "dementia with Lewy bodies (G31.83)", "Parkinson's
 * disease (G20)"…). A generic F03 code beside a dementia code that names its kind goes.
 */

/** Words of a code-first label that do not name the disease. */
const LABEL_FILLER = new Set(['disease', 'dementia', 'with', 'of', 'and', 'the', 'such', 'as', 'other', 'specified', 'unspecified', 'disorder'].map(wordKey));

interface Etiology {
  keys: string[];
  /** The code the note gives: a category ("G30.-") or a code. */
  code: string;
}

/** The F02 code-first list as (label words, code). */
function etiologies(lexicon: DiagnosisLexicon): Etiology[] {
  const out: Etiology[] = [];
  for (const line of notesWithAncestors(lexicon, 'F02').codeFirst) {
    const refs = codesIn(line);
    const label = line.replace(/\(.*$/, '').replace(/\[.*?\]/g, '');
    const keys = [...new Set(textWords(label).map((w) => w.key))].filter((k) => !LABEL_FILLER.has(k));
    if (refs.length !== 1 || refs[0]!.hi || keys.length === 0) continue;
    out.push({ keys, code: refs[0]!.lo });
  }
  return out;
}

/** The F02 code with the same severity and disturbance as an F03 one ("Unspecified dementia, moderate, with agitation"). */
function inOtherDiseases(lexicon: DiagnosisLexicon, f03: CodeRecord): CodeRecord | undefined {
  const tail = (title: string) => title.split(',').slice(1).join(',').trim();
  const twin = lexicon.codes[lexicon.indexOf.get(`F02${f03.code.slice(3)}`) ?? -1];
  if (twin?.billable && tail(twin.title) === tail(f03.title)) return twin;
  // The unspecified-severity rows do not share their digits (F03.90 ↔ F02.80): the twin is the F02 code whose title
  // says the same after its first comma.
  return lexicon.codes.find((c) => c.billable && c.code.startsWith('F02.') && tail(c.title) === tail(f03.title));
}

/**
 * Rewrites unspecified dementia (F03) whose sentence names a cause from the F02 note, or beside a coded dementing
 * disease of G30-G31, as the disease plus F02; drops F03 beside any F01/F02 code.
 */
export function dementiaWithEtiology(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[]): void {
  dementiaOfAlzheimer(chosen, lexicon);
  for (const s of [...chosen.values()]) if (/^F0[123]/.test(s.code)) withSeverity(chosen, lexicon, s);
  for (const s of [...chosen.values()]) if (/^F0[123]/.test(s.code)) withDisturbance(chosen, lexicon, s);
  const f03s = [...chosen.values()].filter((s) => s.code.startsWith('F03'));
  if (f03s.length === 0) return;
  const list = etiologies(lexicon);
  const covered = (code: string) => list.find((e) => refCovers({ lo: e.code }, code));
  for (const s of f03s) {
    const record = lexicon.codes[lexicon.indexOf.get(s.code) ?? -1];
    const twin = record ? inOtherDiseases(lexicon, record) : undefined;
    if (!twin) continue;
    // The cause said with the dementia, or a dementing degenerative disease (G30-G31) coded anywhere.
    const said = list.find((e) => s.evidence.some((ev) => {
      const keys = new Set(textWords(ev.sentence).map((w) => w.key));
      return e.keys.every((k) => keys.has(k));
    }));
    const coded = [...chosen.keys()].find((c) => /^G3[01]/.test(c) && covered(c));
    const named = said ? billable(lexicon, said.code) : undefined;
    // "Alzheimer's dementia, late onset type": the disease's own kind said beside it (G30.1, not G30.9).
    const refined = named ? s.evidence.map((e) => qualifiedSibling(lexicon, named, e.sentence)).find((c) => c !== undefined) : undefined;
    const etiologyCode = coded ?? refined ?? named;
    if (!etiologyCode) continue;
    const etiology = lexicon.codes[lexicon.indexOf.get(etiologyCode)!]!;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the dementia has a named cause (${etiology.code}): coded as ${twin.code} after it (F02 code-first note)`, evidence: s.evidence });
    // Code first the disease: it goes in before the dementia so the chart order keeps it first.
    const rest = [...chosen.entries()];
    chosen.clear();
    const etiologySuggestion = rest.find(([c]) => c === etiology.code)?.[1] ?? { system: 'icd10cm' as const, code: etiology.code, title: etiology.title, confidence: 0.8, rule: `code first the underlying disease of dementia (F02 note: ${said ? said.keys.join(' ') : etiology.title})`, evidence: s.evidence, warnings: [] };
    chosen.set(etiology.code, etiologySuggestion);
    chosen.set(twin.code, { ...s, code: twin.code, title: twin.title, rule: `${s.rule}; dementia in ${etiology.title} (F02, code first ${etiology.code})` });
    for (const [c, v] of rest) if (!chosen.has(c)) chosen.set(c, v);
  }
  // A generic dementia beside a dementia code that names its kind says nothing more.
  if ([...chosen.keys()].some((c) => /^F0[12]/.test(c))) {
    for (const s of [...chosen.values()]) {
      if (!s.code.startsWith('F03')) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: 'a dementia code naming its kind is coded', evidence: s.evidence });
    }
  }
}

/** A denial and the rest of its clause ("no behavioral, psychotic, mood or anxiety disturbance"). */
const DENIED_RUN = /\b(?:no|not|without|denies|negative for)\b[^.;]*/gi;

/** Severity words of a dementia and the F02 group that codes them (unspecified severity is F02.8-). */
const SEVERITY_GROUPS: [string, string][] = [['mild', 'F02.A'], ['moderate', 'F02.B'], ['severe', 'F02.C']];

/**
 * The Alphabetic Index pairs Alzheimer's disease with its dementia, "Disease, Alzheimer's G30.9 [F02.80]": the F02
 * code goes after G30 even when the chart says only "Alzheimer disease, moderate stage, with agitation". Its
 * severity (F02.A/B/C, else F02.8) and disturbance come from the words said with the disease.
 */
function dementiaOfAlzheimer(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon): void {
  const alzheimer = [...chosen.values()].find((s) => s.code.startsWith('G30'));
  if (!alzheimer || [...chosen.keys()].some((c) => /^F0[123]/.test(c))) return;
  const words = new Set(alzheimer.evidence.flatMap((e) => textWords(e.sentence).filter((w) => !w.negated).map((w) => w.key)));
  const group = SEVERITY_GROUPS.find(([word]) => words.has(wordKey(word)))?.[1] ?? 'F02.8';
  // "no behavioral, psychotic, mood or anxiety disturbance": a disturbance after a denial in its clause is absent.
  const affirmed = new Set(alzheimer.evidence.flatMap((e) => textWords(e.sentence.replace(DENIED_RUN, ' ')).filter((w) => !w.negated).map((w) => w.key)));
  const said = DISTURBANCE_WORDS.find((k) => affirmed.has(k));
  const within = lexicon.codes.filter((r) => r.billable && r.code.startsWith(group));
  const last = (title: string) => textWords(title.split(',').at(-1) ?? '').map((w) => w.key);
  const code = said ? within.find((r) => !/\bwithout\b/i.test(r.title) && last(r.title).includes(said)) : within.find((r) => /\bwithout behavioral disturbance\b/i.test(r.title));
  if (!code) return;
  chosen.set(code.code, { system: 'icd10cm', code: code.code, title: code.title, confidence: 0.75, rule: `dementia of Alzheimer's disease (Index: Disease, Alzheimer's G30.- [F02.-]; code first ${alzheimer.code})`, evidence: alzheimer.evidence, warnings: [] });
}

function billable(lexicon: DiagnosisLexicon, code: string): string | undefined {
  const at = lexicon.indexOf.get(code);
  const target = at === undefined ? undefined : lexicon.defaultDescendant(at);
  return target === undefined ? undefined : lexicon.codes[target]!.code;
}

/** The disturbance word of a dementia title ("with psychotic disturbance" → psychotic), by 5th/6th character. */
const DISTURBANCE_WORDS = ['agitation', 'psychotic', 'mood', 'anxiety'].map(wordKey);

/** A stage said of the dementia in its sentence: "MoCA 19 of 30, so mild stage", "severity: moderate". */
const STAGE_SAID = /\b(mild|moderate|severe)\s+(?:stage|severity|degree)\b|\b(?:stage|severity)\s*(?:is|:)?\s*(mild|moderate|severe)\b/i;

/** "Unspecified dementia, unspecified severity, …" with a stage said beside it: the code of that stage, same disturbance. */
function withSeverity(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, s: Suggestion): void {
  if (!/\bunspecified severity\b/i.test(s.title)) return;
  const stage = s.evidence.map((e) => STAGE_SAID.exec(e.sentence)).find((m) => m !== null);
  const severity = (stage?.[1] ?? stage?.[2])?.toLowerCase();
  if (!severity) return;
  const wanted = s.title.replace(/\bunspecified severity\b/i, severity).toLowerCase();
  const sibling = lexicon.codes.find((r) => r.billable && r.code.slice(0, 3) === s.code.slice(0, 3) && r.title.toLowerCase() === wanted);
  if (!sibling || chosen.has(sibling.code)) return;
  chosen.delete(s.code);
  chosen.set(sibling.code, { ...s, code: sibling.code, title: sibling.title, rule: `${s.rule}; refined to ${sibling.code}, the ${severity} stage the chart states` });
}

/**
 * A dementia read without a disturbance (F03.B0 "… without behavioral disturbance, psychotic disturbance…") whose
 * sentence names one of the disturbances its sibling titles carry ("with psychotic features", "anxiety"): the
 * sibling of the same severity whose title says it.
 */
function withDisturbance(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, s: Suggestion): void {
  if (!/\bwithout behavioral disturbance\b/i.test(s.title)) return;
  const words = s.evidence.flatMap((e) => textWords(e.sentence.replace(DENIED_RUN, ' ')).filter((w) => !w.negated).map((w) => w.key));
  const said = DISTURBANCE_WORDS.find((k) => words.includes(k));
  if (!said) return;
  const group = s.code.slice(0, 5);
  const sibling = lexicon.codes.find((r) => r.billable && r.code.startsWith(group) && r.code !== s.code && !/\bwithout\b/i.test(r.title) && textWords(r.title.split(',').at(-1) ?? '').some((w) => w.key === said));
  if (!sibling || chosen.has(sibling.code)) return;
  chosen.delete(s.code);
  chosen.set(sibling.code, { ...s, code: sibling.code, title: sibling.title, rule: `${s.rule}; refined to ${sibling.code}, whose title names the disturbance the chart states` });
}
