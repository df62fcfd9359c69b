import { parseDateBefore } from '../../chart';
import type { ChartDocument } from '../../chart';
import type { MdmLevel } from './em-level';
import type { TextSpan } from '../../chart';

/**
 * Transitional care management (CPT 99495, 99496): the first face-to-face visit after a discharge from a hospital or
 * facility stay is billed as TCM, in place of the office E/M, when the chart shows
 *  1. an interactive contact with the patient or caregiver within two business days of the discharge,
 *  2. the visit within 14 days of the discharge (99495: MDM at least moderate) or within 7 days (99496: MDM high).
 * Without the contact's timing, or past 14 days, the visit is an ordinary E/M: the reason goes to the coder.
 */
export interface TransitionalCare {
  /** Where the chart calls the visit transitional care / post-discharge. */
  mention: TextSpan & { text: string };
  /** Days from the discharge to the visit, when the chart says them or gives the discharge date. */
  daysSinceDischarge?: number;
  /** The interactive contact's sentence, and whether it falls within two business days of the discharge. */
  contact?: TextSpan & { text: string; inTime: boolean };
  /** MDM complexity the chart states ("Medical decision making: high complexity"). */
  statedMdm?: MdmLevel;
}

const TCM_WORDS = /\b(?:transitional care|transitions? of care|TCM|post[- ]?hospital(?:ization)? (?:visit|follow[- ]?up)|post[- ]?discharge (?:visit|follow[- ]?up)|hospital (?:discharge )?follow[- ]?up)\b/;
const TCM_WORDS_I = new RegExp(TCM_WORDS.source, 'i');
const CONTACT = /\b(?:interactive contact|phone call|telephone call|phone contact|telephone contact|called|phoned|spoke (?:with|to)|contacted|reached)\b/i;
const CONTACT_IN_TIME = /\b(?:within\s+(?:1|2|one|two)\s+business\s+days?|(?:1st|2nd|first|second|1|2|one|two)\s+business\s+day|next\s+(?:business\s+)?day|day after (?:the )?discharge|within 48 hours)\b/i;
const DAYS_AFTER = /\b(?:day\s+(\d{1,2})\s+(?:after|post|since|from)\s+(?:hospital\s+)?discharge|(\d{1,2})\s+days?\s+(?:after|post|since|from)\s+(?:hospital\s+)?discharge|discharged\s+(\d{1,2})\s+days?\s+ago)\b/i;
const DATE = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)`;
const STAY_RANGE = new RegExp(String.raw`(${DATE})\s*(?:-|–|to|through|thru)\s*(${DATE})`, 'i');
// A table row "Hospital discharge (St. Aldric Regional) | 2026-06-08" may put a name with a period between.
// "after discharge from Lakeside General (admitted 2026-04-29, discharged 2026-05-04)": the date after "admitted" is the admission's.
const DISCHARGED_ON = new RegExp(String.raw`\bdischarged?\b(?:(?!admi)[^;\n]){0,40}?\b(?:on\s+)?(${DATE})`, 'i');
const DISCHARGE_ROW = new RegExp(String.raw`^\s*(?:hospital\s+)?discharged?\b[^\t\n]*\t[^\t\n]*?(${DATE})\s*$`, 'i');
const STAY_WORDS = /\b(?:admitted|admission|hospital|hospitali[sz]ed|stay|inpatient|observation|snf|rehab)\b/i;
const STATED_MDM = /\b(?:medical decision[- ]making|mdm)\b[^.;]{0,20}?\b(straightforward|low|moderate|high)\b|\b(straightforward|low|moderate|high)[- ](?:complexity[- ])?(?:medical decision[- ]making|mdm)\b/i;

/** The transitional-care facts of a chart, or undefined when it does not call the visit one. */
export function findTransitionalCare(document: ChartDocument, dateOfService: string): TransitionalCare | undefined {
  const text = document.text;
  const named = TCM_WORDS_I.exec(text);
  if (!named) return undefined;
  const mention = { start: named.index, end: named.index + named[0].length, text: named[0] };
  const dateOf = (written: string) => parseDateBefore(written, dateOfService);
  let discharge: string | undefined;
  let days: number | undefined;
  let contact: TransitionalCare['contact'];
  for (const sentence of document.sentences) {
    const s = sentence.text;
    const said = DAYS_AFTER.exec(s);
    if (said && days === undefined) days = Number(said[1] ?? said[2] ?? said[3]);
    if (!discharge) {
      const on = DISCHARGED_ON.exec(s);
      const range = STAY_WORDS.test(s) ? STAY_RANGE.exec(s) : null;
      // A timeline table row: "Discharged from … (acute on chronic HF) | Tue 2026-06-02" dates the event in its last cell.
      const row = DISCHARGE_ROW.exec(s);
      discharge = (on && dateOf(on[1]!)) || (row && dateOf(row[1]!)) || (range ? dateOf(range[2]!) : undefined);
    }
    if (!contact && CONTACT.test(s) && !TCM_WORDS.test(s.replace(CONTACT, ''))) contact = { start: sentence.start, end: sentence.end, text: s, inTime: false };
  }
  if (days === undefined && discharge && discharge <= dateOfService) days = daysBetween(discharge, dateOfService);
  if (contact) {
    const written = new RegExp(DATE, 'g');
    const dates = [...contact.text.matchAll(written)].map((m) => dateOf(m[0])).filter((d): d is string => d !== undefined);
    contact.inTime = CONTACT_IN_TIME.test(contact.text) || (discharge !== undefined && dates.some((d) => d >= discharge! && businessDaysBetween(discharge!, d) <= 2));
  }
  const statedMatch = STATED_MDM.exec(text);
  const stated = (statedMatch?.[1] ?? statedMatch?.[2])?.toLowerCase() as MdmLevel | undefined;
  return { mention, ...(days !== undefined ? { daysSinceDischarge: days } : {}), ...(contact ? { contact } : {}), ...(stated ? { statedMdm: stated } : {}) };
}

/** The TCM code the facts support with the visit's MDM, or why there is none. */
export function transitionalCareCode(tcm: TransitionalCare, mdm: MdmLevel | undefined): { code?: '99495' | '99496'; why: string } {
  const level = tcm.statedMdm ?? mdm;
  if (!tcm.contact) return { why: 'no interactive contact after the discharge is documented' };
  if (!tcm.contact.inTime) return { why: 'the interactive contact is not documented within two business days of the discharge' };
  if (tcm.daysSinceDischarge === undefined) return { why: 'the days from the discharge to this visit are not documented' };
  if (tcm.daysSinceDischarge > 14) return { why: `the visit is ${tcm.daysSinceDischarge} days after the discharge (TCM needs 14 or fewer)` };
  const mdmSaid = tcm.statedMdm ? `stated MDM ${level}` : `MDM estimate ${level}`;
  if (level === 'high' && tcm.daysSinceDischarge <= 7) return { code: '99496', why: `visit on day ${tcm.daysSinceDischarge} after discharge, ${mdmSaid}` };
  if (level === 'high' || level === 'moderate') return { code: '99495', why: `visit on day ${tcm.daysSinceDischarge} after discharge, ${mdmSaid}` };
  return { why: `${mdmSaid}: TCM needs at least moderate complexity` };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Business days after `from` up to and including `to` (Saturdays and Sundays skipped; holidays are not known here). */
function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  const day = new Date(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (day.getTime() < end) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
