import type { ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import { contextForChart } from '../context';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Guideline I.C.1.a.2: HIV disease (B20) is coded when the chart says AIDS or HIV disease, or the patient has, or has
 * ever had, an HIV-related illness; a patient documented as HIV positive or "known HIV" without any of that is
 * asymptomatic HIV infection status (Z21). Antiretroviral therapy and an undetectable viral load change neither.
 */

/** Words that make it HIV disease: AIDS, symptomatic or HIV-related illness, and the opportunistic illnesses that define it. */
const HIV_DISEASE = /\b(?:aids|hiv[- ](?:disease|related|associated|wasting|nephropathy|encephalopathy|dementia)|symptomatic hiv|opportunistic (?:infections?|illness)|pneumocystis|pjp|kaposi|toxoplasm\w*|cryptococc\w*|cmv retinitis|mycobacterium avium|esophageal candidiasis|wasting syndrome)\b/gi;

/** Replaces B20 with Z21 when nothing in the chart (affirmed, at any time) makes the infection HIV disease. */
export function hivStatusWithoutDisease(document: ChartDocument, chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], billable: (code: string) => CodeRecord | undefined): void {
  const b20 = chosen.get('B20');
  if (!b20 || chosen.has('Z21')) return;
  const said = [...document.text.matchAll(HIV_DISEASE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // "never had an opportunistic infection", "no thrush": denied illnesses do not count; past ones do.
  const affirmed = said.length > 0 && contextForChart(document, said).some((c) => !c.negated && !c.family && !c.hypothetical && !c.otherExperiencer);
  if (affirmed) return;
  const z21 = billable('Z21');
  if (!z21) return;
  chosen.delete('B20');
  excluded.push({ system: 'icd10cm', code: 'B20', title: b20.title, reason: 'less-specific', explanation: 'no AIDS, HIV disease or HIV-related illness documented: HIV infection status is Z21 (Guideline I.C.1.a.2.d)', evidence: b20.evidence });
  chosen.set(z21.code, { ...b20, code: z21.code, title: z21.title, rule: `${b20.rule}; HIV infection without HIV-related illness → Z21 (Guideline I.C.1.a.2.d)` });
}
