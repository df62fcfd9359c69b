import type { ChartDocument, TextSpan } from '../../chart';
import type { MdmLevel } from './em-level';
import type { Payer } from './types';

/**
 * Office consultation (CPT 99242–99245): a visit another clinician asked for, for an opinion, reported back in
 * writing. Medicare does not pay consultation codes, and many payers no longer do: they are suggested only when the
 * chart says the visit was a requested consultation and that the payer accepts consultation codes. Otherwise the
 * visit is a new or established patient visit as usual.
 */
export interface Consultation {
  /** Where the chart says a clinician asked for the consultation. */
  request: TextSpan & { text: string };
  /** Where the chart says the payer takes consultation codes. */
  accepted: TextSpan & { text: string };
}

const REQUESTED = /\b(?:consultation|consult)\s+(?:was\s+)?requested\s+by\b|\brequested\s+(?:a\s+|an\s+)?(?:consultation|consult|opinion)\b|\b(?:consultation|consult)\s+at\s+the\s+request\s+of\b/i;
const NOT_REQUESTED = /\bno\s+(?:consultation|consult|opinion)\s+(?:was\s+)?requested\b|\bnot\s+a\s+consult(?:ation)?\b|\btransfer\s+of\s+care\b/i;
const ACCEPTS = /\baccepts?\s+(?:consultation|consult)\s+codes\b|\b(?:consultation|consult)\s+codes\s+(?:are\s+)?(?:accepted|covered|allowed|payable)\b/i;

/** The consultation facts of a chart, or undefined when it is not a consultation a payer takes. */
export function findConsultation(document: ChartDocument, payer: Payer): Consultation | undefined {
  if (payer === 'medicare') return undefined;
  const text = document.text;
  if (NOT_REQUESTED.test(text)) return undefined;
  const request = REQUESTED.exec(text);
  const accepted = ACCEPTS.exec(text);
  if (!request || !accepted) return undefined;
  return {
    request: { start: request.index, end: request.index + request[0].length, text: request[0] },
    accepted: { start: accepted.index, end: accepted.index + accepted[0].length, text: accepted[0] },
  };
}

/** Office consultation levels: total time thresholds (CPT 2023+) and the MDM each level needs. */
const LEVELS: readonly { code: string; minutes: number; mdm: MdmLevel }[] = [
  { code: '99245', minutes: 55, mdm: 'high' },
  { code: '99244', minutes: 40, mdm: 'moderate' },
  { code: '99243', minutes: 30, mdm: 'low' },
  { code: '99242', minutes: 20, mdm: 'straightforward' },
];

/** The consultation code for a documented total time, when it reaches the lowest threshold. */
export function consultationByTime(minutes: number): { code: string; range: string } | undefined {
  const level = LEVELS.find((l) => minutes >= l.minutes);
  return level ? { code: level.code, range: `${level.minutes}+ min` } : undefined;
}

/** The consultation code for an MDM level. */
export function consultationByMdm(level: MdmLevel): string {
  return LEVELS.find((l) => l.mdm === level)!.code;
}
