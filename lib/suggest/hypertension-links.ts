import type { CodeRecord } from '../codesets/types';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Guideline I.C.9.a: hypertension with heart failure or chronic kidney disease is presumed linked, and the link is
 * one code of I10-I13 chosen by what the chart has — heart failure (I11.0, I13.0, I13.2), CKD and its stage (I12.-,
 * I13.1-), or both. The chart may say it piecewise ("hypertension", "HFrEF", "CKD 3b") or as a phrase that reads as
 * two codes ("hypertensive heart and kidney disease" → I11.- and I12.-): either way the hypertension is coded once,
 * and the heart failure type and CKD stage stay as the codes the combination asks for.
 */

const HYPERTENSIVE = /^I1[0-3](?:\.|$)/;
const HEART_FAILURE = /^I50\./;
const CKD = /^N18\./;
const STAGE_5_OR_ESRD = /^N18\.[56]$/;

/** The I10-I13 code for hypertension with the heart and kidney involvement the chart states. */
export function hypertensionCode(has: { heart: boolean; heartFailure: boolean; kidney: boolean; stage5: boolean }): string {
  if (has.heart && has.kidney) {
    if (has.heartFailure) return has.stage5 ? 'I13.2' : 'I13.0';
    return has.stage5 ? 'I13.11' : 'I13.10';
  }
  if (has.heart) return has.heartFailure ? 'I11.0' : 'I11.9';
  if (has.kidney) return has.stage5 ? 'I12.0' : 'I12.9';
  return 'I10';
}

/** Replaces the chosen hypertension codes with the one combination the chart supports. */
export function linkHypertension(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], billable: (code: string) => CodeRecord | undefined): void {
  const hypertensive = [...chosen.values()].filter((s) => HYPERTENSIVE.test(s.code));
  if (hypertensive.length === 0) return;
  const codes = [...chosen.keys()];
  const stated = (pattern: RegExp) => hypertensive.some((s) => pattern.test(s.code));
  const heartFailure = codes.filter((c) => HEART_FAILURE.test(c));
  const kidney = codes.filter((c) => CKD.test(c));
  const has = {
    heartFailure: heartFailure.length > 0 || stated(/^I11\.0$|^I13\.[02]$/),
    heart: heartFailure.length > 0 || stated(/^I1[13]\./),
    kidney: kidney.length > 0 || stated(/^I1[23]\./),
    stage5: kidney.some((c) => STAGE_5_OR_ESRD.test(c)) || stated(/^I12\.0$|^I13\.(?:11|2)$/),
  };
  const code = hypertensionCode(has);
  const drop = (s: Suggestion) => {
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `hypertension is coded once, as ${code} (Guideline I.C.9.a)`, evidence: s.evidence });
  };
  const already = chosen.get(code);
  if (already) {
    // The chart said the combination itself ("hypertension with CKD"): it stays as read, the other readings go.
    for (const s of hypertensive) if (s !== already) drop(s);
    return;
  }
  const record = billable(code);
  if (!record) return;
  const partners = [...heartFailure, ...kidney].map((c) => chosen.get(c)!);
  const evidence = [...hypertensive, ...(code === 'I10' ? [] : partners)].flatMap((s) => s.evidence);
  for (const s of hypertensive) drop(s);
  chosen.set(code, {
    system: 'icd10cm',
    code,
    title: record.title,
    // As sure as any combination the guideline presumes (the chart states the parts, not the link).
    confidence: 0.85,
    rule: `combination: hypertension with ${[has.heartFailure ? 'heart failure' : has.heart ? 'heart disease' : '', has.kidney ? 'chronic kidney disease' : ''].filter(Boolean).join(' and ')} presumed linked (Guideline I.C.9.a)`,
    evidence,
    warnings: [],
  });
}

/** A CKD stage written anywhere in a sentence about the kidneys: "CKD 3b", "stage 4 chronic kidney disease", "eGFR 24, which places her at stage 4". */
const STAGE_SAID = /\b(?:ckd|chronic kidney disease|kidney disease|kidney function|egfr|gfr)\b(?:[^.;]|\.\d){0,120}?\bstage\s*(1|2|3a|3b|3|4|5)\b|\bstage\s*(1|2|3a|3b|3|4|5)\s+(?:ckd|chronic kidney disease)\b|\bckd\s*(?:stage\s*)?(1|2|3a|3b|3|4|5)\b/i;
const STAGE_CODES: Record<string, string> = { '1': 'N18.1', '2': 'N18.2', '3': 'N18.30', '3a': 'N18.31', '3b': 'N18.32', '4': 'N18.4', '5': 'N18.5' };

/**
 * "Use additional code to identify the stage of chronic kidney disease" (I12, I13): a combination code read from
 * one phrase ("chronic kidney disease, which we attribute to long-standing hypertension") covers the CKD words, so
 * the stage code is added here — the stage the chart writes about the kidneys, else N18.9.
 */
export function stageOfLinkedCkd(text: string, chosen: Map<string, Suggestion>, billable: (code: string) => CodeRecord | undefined): void {
  const combination = [...chosen.values()].find((s) => /^I12\.9$|^I13\.(?:0|10)$/.test(s.code));
  if (!combination || [...chosen.keys()].some((c) => CKD.test(c))) return;
  const said = STAGE_SAID.exec(text);
  const stage = (said?.[1] ?? said?.[2] ?? said?.[3])?.toLowerCase();
  // Stage 5 or ESRD belongs to another combination code (I12.0, I13.11/I13.2): not this one's companion.
  if (stage === '5') return;
  const record = billable(stage ? STAGE_CODES[stage]! : 'N18.9');
  if (!record) return;
  chosen.set(record.code, {
    system: 'icd10cm',
    code: record.code,
    title: record.title,
    confidence: stage ? 0.75 : 0.6,
    rule: `use additional code at ${combination.code}: the stage of chronic kidney disease${stage ? ` (“${said![0]}”)` : ' (not stated: N18.9)'}`,
    evidence: combination.evidence,
    warnings: stage ? [] : ['CKD stage not documented: N18.9 until it is.'],
  });
}
