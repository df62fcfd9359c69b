// Clock times in notes: a session or an infusion timed by its start and end ("10:02-10:57").

/**
 * Minutes between a start and an end clock time ("Session start 10:02 - end 10:57", "10:02-10:57",
 * "from 2:15 pm to 3:05 pm"). Undefined when none, or when the end is not after the start.
 *
 * @example clockMinutes('Session 10:02-10:57') // 55
 */
export function clockMinutes(text: string): number | undefined {
  const m = /\b(\d{1,2}):(\d{2})\s*(am|pm)?\b[^\d:]{0,24}?(?:-|–|to|until|end(?:ed)?:?|stop(?:ped)?:?)\s*(?:time\s*:?\s*)?(\d{1,2}):(\d{2})\s*(am|pm)?\b/i.exec(text);
  if (!m) return undefined;
  const at = (h: string, min: string, ampm?: string) => ((Number(h) % 12) + (ampm?.toLowerCase() === 'pm' || (!ampm && Number(h) === 12) ? 12 : 0)) * 60 + Number(min);
  let start = at(m[1]!, m[2]!, m[3] ?? m[6]);
  const end = at(m[4]!, m[5]!, m[6]);
  if (end <= start && !m[3] && !m[6] && Number(m[1]) < 12 && Number(m[4]) < Number(m[1])) start -= 12 * 60; // "11:40-12:30" read on a 12-hour clock
  const minutes = end - start;
  return minutes > 0 && minutes <= 240 ? minutes : undefined;
}
