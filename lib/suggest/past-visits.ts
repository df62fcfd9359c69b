import { parseDate } from '../chart/header';

/**
 * A visit the sentence places in the past ("AF was found incidentally at his Medicare wellness visit in late
 * January", "at her annual physical last year"): the patient's own earlier visit, named with a possessive, in a
 * sentence in the past tense or with a past time. Today's visit is not written that way ("here for her annual
 * physical", "Medicare annual wellness visit").
 */
const POSSESSIVE_BEFORE = /\b(?:his|her|their|your|the patient's|patient's|last|prior|previous|recent)\s+(?:\w+\s+){0,3}$/i;
const PAST_TENSE = /\b(?:was|were|had|found|noted|seen|done|performed|completed|diagnosed|detected|picked up)\b/i;
const PAST_TIME = /\b(?:in (?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august|september|october|november|december)|last (?:week|month|year|spring|summer|fall|winter)|(?:weeks?|months?|years?) ago|on \d{1,2}\/\d{1,2}(?:\/\d{2,4})?|in (?:19|20)\d\d)\b/i;

/** "at last well visit", "her previous physical": an earlier visit whatever the tense of the sentence. */
const EARLIER_BEFORE = /\b(?:last|prior|previous|most recent)\s+(?:\w+\s+){0,2}$/i;

/** "… well visit was in November", "physical was on 3/2", "at well visit 3 wks ago": the visit dated after its name, in the past. */
const DATED_PAST_AFTER = /^\s*(?:(?:was|were)\s+(?:done\s+|completed\s+)?(?:in|on|last|back in)\b|(?:about\s+|approx\.?\s+|~\s*)?(?:\d+|a|one|two|three|four|five|six|several|few)\s*(?:days?|d|wks?|weeks?|w|mos?|months?|m|yrs?|years?|y)\s+ago\b)/i;

/** "Recheck ears at next well visit", "at her upcoming physical", "Schedule well-child visit": a visit still to come. */
const FUTURE_BEFORE = /\b(?:(?:next|upcoming|future)\s+|(?:schedule[ds]?|scheduling|book(?:ed)?|arrange[ds]?|return for|come back for)\s+(?:(?:a|an|the|her|his|their)\s+)?)(?:[\w-]+\s+){0,2}$/i;

/** "Establish care with annual exam in the fall", "physical in 6 months", "well visit next year": dated to come. */
const FUTURE_AFTER = /^\s*(?:(?:in|during|by|this|next|around)\s+(?:the\s+)?(?:fall|autumn|spring|summer|winter|new year)\b|in\s+(?:\d+|one|two|three|four|six|a few|several)\s*(?:-\s*\d+\s*)?(?:weeks?|wks?|months?|mos?|years?|yrs?)\b|next\s+(?:week|month|year)\b)/i;

/** Whether the visit phrase at `at` in `sentence` names an earlier visit, not this one. */
export function namesPastVisit(sentence: string, at: number): boolean {
  if (EARLIER_BEFORE.test(sentence.slice(Math.max(0, at - 40), at))) return true;
  if (!POSSESSIVE_BEFORE.test(sentence.slice(Math.max(0, at - 40), at))) return false;
  return PAST_TENSE.test(sentence) || PAST_TIME.test(sentence);
}

/**
 * Whether the visit phrase at `at` in `sentence` names another visit, earlier or to come, not this one. With the
 * phrase's end and the date of service, a date written right after it that falls before the date of service dates an
 * earlier visit too ("est pt (well visit 11/2025)").
 */
export function namesOtherVisit(sentence: string, at: number, end?: number, dateOfService?: string): boolean {
  const before = sentence.slice(Math.max(0, at - 40), at);
  return namesPastVisit(sentence, at) || FUTURE_BEFORE.test(before) || earlierDateBefore(before, dateOfService) || (end !== undefined && (DATED_PAST_AFTER.test(sentence.slice(end)) || FUTURE_AFTER.test(sentence.slice(end)) || datedBefore(sentence.slice(end), dateOfService)));
}

/** "per the standing order from the 12/2025 well visit": a date right before the visit's name, before the date of service. */
function earlierDateBefore(before: string, dateOfService: string | undefined): boolean {
  const m = DATE_JUST_BEFORE.exec(before);
  return m !== null && datedBefore(m[1]!, dateOfService);
}

/** A written date: ISO, M/D/YYYY or month/year. */
const DATE = String.raw`(\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\/\d{4})`;
const DATE_AT_START = new RegExp(String.raw`^\s*(?:[a-z]+\s+){0,2}?(?:on\s+|in\s+|of\s+)?${DATE}\b`);
const DATE_JUST_BEFORE = new RegExp(String.raw`\b${DATE}\s+(?:[a-z-]+\s+){0,2}$`, 'i');

/** A date (ISO, M/D/YYYY or month/year) at the start of `after` that falls before the date of service. */
function datedBefore(after: string, dateOfService: string | undefined): boolean {
  if (!dateOfService) return false;
  const m = DATE_AT_START.exec(after);
  if (!m) return false;
  const monthYear = /^(\d{1,2})\/(\d{4})$/.exec(m[1]!);
  const written = monthYear ? `${monthYear[2]}-${monthYear[1]!.padStart(2, '0')}` : (parseDate(m[1]!) ?? m[1]!);
  return written < dateOfService.slice(0, written.length);
}
