import type { ChartDocument, TextSpan } from '../../chart';

/**
 * Psychiatric diagnostic evaluation (CPT 90791, 90792): an intake assessment the chart names as such ("initial
 * psychiatric diagnostic evaluation with medical services", "a psychiatric diagnostic evaluation including medical
 * assessment") is billed in place of the office E/M. With medical services (a psychiatrist, psychiatric nurse
 * practitioner or physician assistant assessing medications and health) it is 90792; by a therapist or psychologist
 * it is 90791.
 */
export interface PsychiatricEvaluation {
  code: '90791' | '90792';
  mention: TextSpan & { text: string };
  why: string;
}

const EVALUATION = /\b(?:psychiatric\s+diagnostic\s+(?:evaluation|assessment|interview)|diagnostic\s+psychiatric\s+(?:evaluation|assessment)|psychiatric\s+intake\s+evaluation)\b/i;
/** Words that make the mention a plan or a referral, not today's service. */
const NOT_TODAY = /\b(?:refer(?:red|ral)?\s+(?:for|to)|will\s+(?:schedule|arrange|need)|recommend(?:ed)?|consider|request(?:ed)?|prior|previous|last\s+year)\b[^.;\n]{0,40}$/i;
const MEDICAL = /\b(?:with\s+medical\s+services|including\s+(?:a\s+)?medical\s+(?:assessment|evaluation|services)|medical\s+assessment)\b/i;
/** Credentials of clinicians who provide medical services, and of those who do not (on the provider line or signature). */
const MEDICAL_CREDENTIAL = /\b(?:MD|M\.D\.|DO|D\.O\.|NP|PMHNP(?:-BC)?|APRN|PA-C|psychiatrist|psychiatry)\b/;
const THERAPIST_CREDENTIAL = /\b(?:LCSW|LICSW|LPC|LMHC|LMFT|PsyD|Ph\.?D\.?,?\s+(?:psychologist|clinical)|psychologist|therapist)\b/;

/** The psychiatric diagnostic evaluation the chart says was done today, or undefined. */
export function findPsychiatricEvaluation(document: ChartDocument): PsychiatricEvaluation | undefined {
  const text = document.text;
  const found = EVALUATION.exec(text);
  if (!found) return undefined;
  const lineStart = text.lastIndexOf('\n', found.index) + 1;
  if (NOT_TODAY.test(text.slice(lineStart, found.index))) return undefined;
  const lineEnd = text.indexOf('\n', found.index);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const mention = { start: found.index, end: found.index + found[0].length, text: found[0] };
  const provider = document.header.provider ?? '';
  if (MEDICAL.test(line)) return { code: '90792', mention, why: 'with medical services, as written' };
  if (THERAPIST_CREDENTIAL.test(provider)) return { code: '90791', mention, why: `by ${provider.split(',')[0]} (no medical services)` };
  if (MEDICAL_CREDENTIAL.test(provider)) return { code: '90792', mention, why: `by a prescribing clinician (${provider.split(/[;(]/)[0]!.trim()})` };
  return undefined;
}
