import type { Evidence, Suggestion } from './types';

/**
 * A screening done at the visit is a screening encounter (Guideline I.C.21.c.5): an instrument billed as given
 * (PHQ-2/PHQ-9 → Z13.31 depression, EPDS → Z13.32 maternal depression, GAD-7 → Z13.39 other mental health), or an
 * HIV test run in the office (→ Z11.4). A diagnosis of the condition screened for makes the test a measure of known
 * disease, not a screen: no screening code then.
 */
interface ScreeningRule {
  /** The procedure lines that do the screening. */
  procedures: readonly string[];
  /** Which of their evidence names this screen (an instrument line may bill several instruments); absent: any. */
  instrument?: RegExp;
  code: string;
  /** Diagnoses that make the screen follow-up of known disease (or of a known exposure). */
  known: RegExp;
}

const INSTRUMENT_LINES = ['96127', 'G0444'];
/** HIV antibody and antigen/antibody tests, rapid or not. */
const HIV_TESTS = ['87806', '86701', '86702', '86703', '87389', '87390'];

const SCREENINGS: readonly ScreeningRule[] = [
  { procedures: INSTRUMENT_LINES, instrument: /\bphq[- ]?(?:2|9)\b|\bg0444\b/i, code: 'Z13.31', known: /^F/ },
  { procedures: INSTRUMENT_LINES, instrument: /\bepds\b|\bedinburgh\b/i, code: 'Z13.32', known: /^F/ },
  { procedures: INSTRUMENT_LINES, instrument: /\bgad[- ]?7\b/i, code: 'Z13.39', known: /^F/ },
  // HIV disease, asymptomatic HIV status, HIV in pregnancy, an inconclusive HIV test or contact with HIV.
  { procedures: HIV_TESTS, code: 'Z11.4', known: /^(?:B20|Z21|O98\.7|R75|Z20\.6)/ },
];

/** The screening codes for screens that procedure lines bill as done today, with their evidence. */
export function screeningEncounters(procedures: readonly Suggestion[], diagnoses: readonly string[]): { code: string; evidence: Evidence[] }[] {
  const out: { code: string; evidence: Evidence[] }[] = [];
  for (const rule of SCREENINGS) {
    if (diagnoses.some((d) => rule.known.test(d))) continue;
    const evidence = procedures.filter((p) => rule.procedures.includes(p.code)).flatMap((p) => p.evidence).filter((e) => !rule.instrument || rule.instrument.test(e.text));
    if (evidence.length) out.push({ code: rule.code, evidence });
  }
  return out;
}
