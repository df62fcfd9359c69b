// Clock times in notes: a session or an infusion timed by its start and end ("10:02-10:57").

/**
 * Minutes between a start and an end clock time ("Session start 10:02 - end 10:57", "10:02-10:57",
 * "from 2:15 pm to 3:05 pm", 24-hour "1010-1115"). Undefined when none, or when the end is not after the start.
 *
 * @example clockMinutes('Session 10:02-10:57') // 55
 */
export function clockMinutes(text: string): number | undefined {
  const m = /\b(\d{1,2}):(\d{2})\s*(am|pm)?\b[^\d:]{0,24}?(?:-|–|to|until|end(?:ed)?:?|stop(?:ped)?:?)\s*(?:time\s*:?\s*)?(\d{1,2}):(\d{2})\s*(am|pm)?\b/i.exec(text);
  if (!m) return militaryMinutes(text);
  const at = (h: string, min: string, ampm?: string) => ((Number(h) % 12) + (ampm?.toLowerCase() === 'pm' || (!ampm && Number(h) === 12) ? 12 : 0)) * 60 + Number(min);
  let start = at(m[1]!, m[2]!, m[3] ?? m[6]);
  const end = at(m[4]!, m[5]!, m[6]);
  if (end <= start && !m[3] && !m[6] && Number(m[1]) < 12 && Number(m[4]) < Number(m[1])) start -= 12 * 60; // "11:40-12:30" read on a 12-hour clock
  const minutes = end - start;
  return minutes > 0 && minutes <= 240 ? minutes : militaryMinutes(text);
}

/**
 * The add-on hours of an infusion past its first: one for each further hour begun more than 30 minutes past the
 * last (CPT time rule), so 91–150 minutes give 1 and 151–210 give 2.
 *
 * @example furtherHours(120) // 1
 */
export function furtherHours(minutes: number): number {
  return minutes > 90 ? Math.ceil((minutes - 90) / 60) : 0;
}

/** "1010-1115", "start 0905, stop 1105": a range of 24-hour times written without a colon. */
const MILITARY_RANGE = /(?<![\d:/.-])([01]\d|2[0-3])([0-5]\d)(?:\s?[-–]\s?|,?\s+(?:stop(?:ped)?|end(?:ed)?|to|until|completed?)\s*:?\s*)([01]\d|2[0-3])([0-5]\d)(?![\d:/-]|\.\d)/gi;

/**
 * Minutes of 24-hour ranges written without colons, several back to back summed ("bag #1 1010-1115, bag #2
 * 1115-1220" is 130 minutes). Undefined when none; a range that does not run forward ends the sum.
 */
function militaryMinutes(text: string): number | undefined {
  let total = 0;
  let lastEnd: number | undefined;
  for (const m of text.matchAll(MILITARY_RANGE)) {
    // "2019-2022" is years.
    const [from, to] = [Number(m[1]! + m[2]!), Number(m[3]! + m[4]!)];
    if (from >= 1900 && to <= 2099 && to - from <= 30) break;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (end <= start || (lastEnd !== undefined && start !== lastEnd)) break;
    total += end - start;
    lastEnd = end;
  }
  return total > 0 && total <= 600 ? total : undefined;
}
