/**
 * The age of a myocardial infarction from a date written beside it (Guideline I.C.9.e.1): I21/I22 cover four weeks
 * from onset; a dated MI older than that, seen in the office, is an old myocardial infarction (I25.2). "NSTEMI
 * 2025-11-18 treated with a stent", "Old MI (NSTEMI 11/2025)", "STEMI in 2019".
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** How near the date must be written to the MI words: its own clause, a few words on. */
const WINDOW = 40;

/** The first date written in the text, as [year, month (1-12) or undefined, day or undefined]. */
function firstDate(text: string): [number, number | undefined, number | undefined] | undefined {
  const iso = /\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/.exec(text);
  const us = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d\d)\b/.exec(text);
  const monthYear = /\b(\d{1,2})\/((?:19|20)\d\d)\b/.exec(text);
  const named = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d\d)\b/i.exec(text);
  // A year alone after a preposition ("in 2019"), or right after the MI words ("NSTEMI 2023", "MI (2023)"), their
  // abbreviation included ("Old myocardial infarction (type 2 MI 2019)").
  const year = /\b(?:in|since|of|from)\s+((?:19|20)\d\d)\b/i.exec(text) ?? /^\W{0,3}(?:(?:N?STEMI|MI)\W{1,3})?((?:19|20)\d\d)\b(?![-/])/.exec(text);
  const found: { at: number; date: [number, number | undefined, number | undefined] }[] = [];
  if (iso) found.push({ at: iso.index, date: [Number(iso[1]), Number(iso[2]), Number(iso[3])] });
  if (us) found.push({ at: us.index, date: [Number(us[3]), Number(us[1]), Number(us[2])] });
  else if (monthYear) found.push({ at: monthYear.index, date: [Number(monthYear[2]), Number(monthYear[1]), undefined] });
  if (named) found.push({ at: named.index, date: [Number(named[2]), MONTHS.indexOf(named[1]!.slice(0, 3).toLowerCase()) + 1, undefined] });
  if (year) found.push({ at: year.index, date: [Number(year[1]), undefined, undefined] });
  found.sort((a, b) => a.at - b.at);
  const date = found[0]?.date;
  return date && (date[1] === undefined || (date[1] >= 1 && date[1] <= 12)) ? date : undefined;
}

/**
 * True when a date written right after the MI words ("NSTEMI 2025-11-18", "MI (11/2025)", "STEMI in 2019") is more
 * than four weeks before the date of service. A date that cannot be placed that far back (this month, a later
 * date, no date) leaves the MI as written.
 */
export function infarctionOlderThanFourWeeks(after: string, dateOfService: string): boolean {
  const dos = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateOfService);
  if (!dos) return false;
  const clause = after.slice(0, WINDOW).split(/[;.](?:\s|$)/)[0]!;
  const date = firstDate(clause);
  if (!date) return false;
  const [y, m, d] = date;
  const service = Date.UTC(Number(dos[1]), Number(dos[2]) - 1, Number(dos[3]));
  // The latest day the written date can mean: a year alone is its 31 December, a month its last day.
  const latest = m === undefined ? Date.UTC(y, 11, 31) : d === undefined ? Date.UTC(y, m, 0) : Date.UTC(y, m - 1, d);
  return service - latest > 28 * 24 * 3600 * 1000;
}
