import type { Evidence, Suggestion } from './types';

/**
 * A screening instrument given at the visit is a screening encounter (Guideline I.C.21.c.5): PHQ-2/PHQ-9 → Z13.31
 * (depression), EPDS → Z13.32 (maternal depression), GAD-7 → Z13.39 (other mental health). A diagnosis of the
 * condition screened for makes the instrument a measure of known disease, not a screen: no Z13 then.
 */
interface ScreeningRule {
  instrument: RegExp;
  code: string;
  /** Diagnoses that make the instrument follow-up of known disease. */
  known: RegExp;
}

const SCREENINGS: readonly ScreeningRule[] = [
  { instrument: /\bphq[- ]?(?:2|9)\b|\bg0444\b/i, code: 'Z13.31', known: /^F/ },
  { instrument: /\bepds\b|\bedinburgh\b/i, code: 'Z13.32', known: /^F/ },
  { instrument: /\bgad[- ]?7\b/i, code: 'Z13.39', known: /^F/ },
];

/** The Z13 codes for instruments that procedure lines (96127, G0444) bill as given, with their evidence. */
export function screeningEncounters(procedures: readonly Suggestion[], diagnoses: readonly string[]): { code: string; evidence: Evidence[] }[] {
  const screens = procedures.filter((p) => p.code === '96127' || p.code === 'G0444');
  const out: { code: string; evidence: Evidence[] }[] = [];
  for (const rule of SCREENINGS) {
    if (diagnoses.some((d) => rule.known.test(d))) continue;
    const evidence = screens.flatMap((p) => p.evidence).filter((e) => rule.instrument.test(e.text));
    if (evidence.length) out.push({ code: rule.code, evidence });
  }
  return out;
}
