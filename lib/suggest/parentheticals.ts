import type { Evidence, ExcludedCandidate, Suggestion } from './types';

/**
 * What a bracketed aside says about the words inside it. "Repeated falls - multifactorial (dementia,
 * deconditioning, evening fatigue)" lists causes the clinician weighs, not problems of their own; "dementia with
 * agitation (sundowning, verbal aggression)" gives instances of the disturbance the dementia code already names.
 */

/** Where the bracket holding `at` opens in the sentence, or -1 when `at` is outside every bracket. */
export function openingBracket(sentence: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = sentence[i];
    if (ch === ')' || ch === ']') depth++;
    else if (ch === '(' || ch === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The evidence's offset inside its own sentence. */
function offsetInSentence(e: Evidence): number {
  return e.sentence.indexOf(e.text);
}

/** The bracketed text opening at `open` (to its closing bracket or the sentence end). */
function bracketText(sentence: string, open: number): string {
  const close = sentence.slice(open + 1).search(/[)\]]/);
  return close < 0 ? sentence.slice(open + 1) : sentence.slice(open + 1, open + 1 + close);
}

/** Words before a bracket that make it a list of causes ("multifactorial (…)", "contributors (…)", "due to (…)"). */
const CAUSES_BEFORE = /\b(?:multi-?factorial|contribut\w*|causes?|factors?|etiolog\w*|due to|secondary to|from|related to)\s*[:\-–]?\s*$/i;
/** Words that open a bracket of causes ("(due to …)", "(likely from …)", "(contributors: …)"). */
const CAUSES_INSIDE = /^\s*(?:likely |possibly |probably )?(?:due to|from|secondary to|related to|contribut\w*|causes?|factors?)\b/i;
/** A bracket holding more than one thing: a list, not a single qualifier. */
const LIST = /,|\/|\bor\b|\band\b|\bvs\.?\b/i;

/** Whether the evidence sits in a bracketed list of causes of something else. */
export function inListOfCauses(e: Evidence): boolean {
  const at = offsetInSentence(e);
  if (at < 0) return false;
  const open = openingBracket(e.sentence, at);
  if (open < 0) return false;
  const inside = bracketText(e.sentence, open);
  if (!LIST.test(inside)) return false;
  return CAUSES_BEFORE.test(e.sentence.slice(0, open)) || CAUSES_INSIDE.test(inside);
}

/**
 * A symptom (chapter 18) named only inside a bracketed list of possible causes of another problem is part of
 * the clinician's reasoning about that problem, not a problem coded on its own (Guideline IV.D: code the
 * conditions the visit addresses). A symptom the chart also states elsewhere keeps that mention.
 */
export function dropSymptomsListedAsCauses(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!s.code.startsWith('R') || s.evidence.length === 0 || !s.evidence.every(inListOfCauses)) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'integral-symptom', explanation: 'named only among the possible causes of another problem, not a problem of its own', evidence: s.evidence });
  }
}

/** Dementia codes whose title carries a behavioural disturbance (F01-F03 "with agitation", "with other behavioral disturbance"). */
const DEMENTIA_WITH_BEHAVIOUR = /^F0[1-3]\./;
const BEHAVIOUR_TITLE = /\bwith (?:agitation|other behavioral disturbance)\b/i;
/** Behaviour codes a dementia-with-behaviour code holds when the chart gives them as its instances. */
const BEHAVIOUR_CODE = /^(?:F05|R45\.|R46\.)/;

/**
 * A behaviour named in the bracket that follows a dementia-with-behavioural-disturbance mention ("dementia with
 * agitation (sundowning, aggression)") is an instance of the disturbance the dementia code names (F02/F03 .x11,
 * .x18): integral, not coded again as delirium (F05) or a behaviour symptom (R45-R46).
 */
export function dropBehaviourInsideDementia(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const dementias = [...chosen.values()].filter((d) => DEMENTIA_WITH_BEHAVIOUR.test(d.code) && BEHAVIOUR_TITLE.test(d.title));
  if (dementias.length === 0) return;
  for (const s of [...chosen.values()]) {
    if (!BEHAVIOUR_CODE.test(s.code) || s.evidence.length === 0) continue;
    const by = dementias.find((d) => s.evidence.every((x) => d.evidence.some((e) => elaborates(e, x))));
    if (!by) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'integral-symptom', explanation: `an instance of the behavioural disturbance ${by.code} ${by.title} names, not coded separately`, evidence: s.evidence });
  }
}

/** Whether `x` sits in a bracket of the same sentence that opens after the mention `e`. */
function elaborates(e: Evidence, x: Evidence): boolean {
  if (e.sentence !== x.sentence) return false;
  const at = offsetInSentence(x);
  const open = at < 0 ? -1 : openingBracket(x.sentence, at);
  const mention = offsetInSentence(e);
  return open >= 0 && mention >= 0 && mention < open && open - (mention + e.text.length) <= 40;
}

/** Codes of a malignancy whose primary site is not known (C80.0 disseminated, C80.1 unspecified). */
const UNKNOWN_PRIMARY = /^C80\.[01]$/;
/** Codes of a primary malignancy of a named site or tissue (C00-C76, C7A.0-, C81-C96). */
const NAMED_PRIMARY = /^(?:C[0-6]\d|C7[0-6]|C7A\.0|C8[1-9]|C9[0-6])/;

/**
 * C80.0/C80.1 are for a malignancy whose primary site cannot be determined (Guideline I.C.2.t, I.C.2.d): beside a
 * primary of a named site ("adenocarcinoma of the head of the pancreas with liver metastases") the bare cancer
 * word is that primary, not a second, unknown one.
 */
export function dropUnknownPrimaryBesideNamed(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const named = [...chosen.keys()].find((c) => NAMED_PRIMARY.test(c));
  if (!named) return;
  for (const s of [...chosen.values()]) {
    if (!UNKNOWN_PRIMARY.test(s.code)) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the primary site is named (${named} ${chosen.get(named)?.title ?? ''})`.trim(), evidence: s.evidence });
  }
}

/**
 * "Dehydration, mild to moderate (orthostatic tachycardia, dry mucosa)", "Pneumonia (fever, crackles)": signs in the
 * bracket that follows a diagnosis are the findings that support it, integral to it (Guideline I.B.5), not problems
 * of their own. A sign the chart also states elsewhere keeps that mention.
 */
export function dropFindingsSupportingDiagnosis(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const diagnoses = [...chosen.values()].filter((d) => !/^[RZ]/.test(d.code));
  for (const s of [...chosen.values()]) {
    if (!s.code.startsWith('R') || s.evidence.length === 0) continue;
    const by = diagnoses.find((d) =>
      s.evidence.every((e) => {
        const at = e.sentence.indexOf(e.text);
        const open = at < 0 ? -1 : openingBracket(e.sentence, at);
        if (open < 0) return false;
        return d.evidence.some((x) => x.sentence === e.sentence && x.sentence.indexOf(x.text) >= 0 && x.sentence.indexOf(x.text) + x.text.length <= open);
      }),
    );
    if (!by) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'integral-symptom', explanation: `a finding given in support of ${by.code} ${by.title}, not coded separately (Guideline I.B.5)`, evidence: s.evidence });
  }
}

/**
 * "Croup (acute laryngotracheitis)": a bracket that holds nothing but another name for the condition right before it
 * glosses that condition; it is not a second problem. The code of the gloss goes when the condition before the bracket
 * is coded in the same chapter (its first letter); the clinician's own term leads.
 */
export function dropBracketedGloss(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (/^[RZ]/.test(s.code) || s.evidence.length === 0) continue;
    let glossed: Suggestion | undefined;
    const all = s.evidence.every((e) => {
      const at = offsetInSentence(e);
      const open = at < 0 ? -1 : openingBracket(e.sentence, at);
      if (open < 0 || bracketText(e.sentence, open).trim().toLowerCase() !== e.text.trim().toLowerCase()) return false;
      const sentenceStart = e.start - at;
      glossed = [...chosen.values()].find(
        (d) => d !== s && d.code[0] === s.code[0] && !/^[RZ]/.test(d.code) && d.evidence.some((x) => x.sentence === e.sentence && x.end - sentenceStart <= open && /^\s*$/.test(e.sentence.slice(x.end - sentenceStart, open))),
      );
      return !!glossed;
    });
    if (!all || !glossed) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `another name in brackets for ${glossed.code} ${glossed.title}, coded there`, evidence: s.evidence });
  }
}
