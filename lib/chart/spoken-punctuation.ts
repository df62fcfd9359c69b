/**
 * Dictation transcribed word for word says its punctuation: "… of the right mid back period new paragraph exam
 * colon right mid back …". Read as words, "colon" is an organ and a run-on never ends. This turns the spoken marks
 * into punctuation and pads each with spaces, so the text keeps its length and every offset still points at the
 * same place in the source (evidence highlighting depends on it). Text that does not read as such a dictation is
 * returned unchanged.
 *
 * @example spokenPunctuation('pain comma worse at night period new paragraph plan colon rest period')
 */
export function spokenPunctuation(text: string): string {
  if (!isSpokenDictation(text)) return text;
  const out = text.split('');
  const capitalizeAfter: number[] = [];
  const put = (at: number, length: number, mark: string, capitalize: boolean) => {
    for (let i = 0; i < length; i++) out[at + i] = i < mark.length ? mark[i]! : ' ';
    if (capitalize) capitalizeAfter.push(at + length);
  };
  for (const m of text.matchAll(SPOKEN_COMMA)) put(m.index, m[0].length, m[1]!.toLowerCase() === 'semicolon' ? ';' : ',', false);
  for (const m of text.matchAll(SPOKEN_PERIOD)) {
    const before = /([a-z]+)\s*$/i.exec(text.slice(Math.max(0, m.index - 20), m.index))?.[1]?.toLowerCase();
    if (before && TIME_PERIOD_WORDS.has(before)) continue;
    put(m.index, m[0].length, '.', true);
  }
  // "post hyphen traumatic" → "post-traumatic": the joined word starts where the first did, the padding follows it.
  for (const m of text.matchAll(SPOKEN_HYPHEN)) put(m.index, m[0].length, `${m[1]}-${m[2]}`, false);
  // "thirty four minutes": a dictated length of time in digits, as the time readers look for it.
  for (const m of text.matchAll(SPOKEN_MINUTES)) {
    const value = spokenNumber(m[1]!);
    if (value !== undefined) put(m.index, m[1]!.length, String(value), false);
  }
  // "four point five centimeters": a dictated length in digits ("4.5"), as the repair and lesion readers look for it.
  for (const m of text.matchAll(SPOKEN_LENGTH)) {
    const whole = spokenNumber(m[1]!);
    const tenth = m[2] === undefined ? undefined : UNITS.indexOf(m[2].toLowerCase());
    if (whole === undefined || (tenth !== undefined && (tenth < 0 || tenth > 9))) continue;
    put(m.index, m[0].length, tenth === undefined ? String(whole) : `${whole}.${tenth}`, false);
  }
  // "status post C A B G", "L D L 64": letters dictated one by one are the abbreviation ("CABG", "LDL").
  for (const m of text.matchAll(SPELLED_LETTERS)) put(m.index, m[0].length, m[0].replace(/ /g, ''), false);
  for (const m of text.matchAll(SPOKEN_PARAGRAPH)) {
    // The break goes last, so the next label ("exam colon …") starts its own line.
    const padded = m[0].length;
    for (let i = 0; i < padded; i++) out[m.index + i] = i >= padded - 2 ? '\n' : ' ';
    capitalizeAfter.push(m.index + padded);
  }
  // Labels are found once the marks before them are punctuation: "period new paragraph exam colon".
  for (const m of out.join('').matchAll(SPOKEN_LABEL_COLON)) {
    const label = m[2]!;
    if (ORGAN_COLON_WORDS.has(label.split(/\s+/).pop()!.toLowerCase())) continue;
    const at = m.index + m[1]!.length + label.length;
    put(at, m[0].length - m[1]!.length - label.length, ':', false);
  }
  for (const from of capitalizeAfter) {
    let i = from;
    while (i < out.length && /\s/.test(out[i]!)) i++;
    if (i < out.length && /[a-z]/.test(out[i]!)) out[i] = out[i]!.toUpperCase();
  }
  return out.join('');
}

/** At least two spoken commas and two spoken periods: a word-for-word transcription, not a note that says "period" once. */
function isSpokenDictation(text: string): boolean {
  const count = (re: RegExp) => {
    let n = 0;
    for (const _ of text.matchAll(re)) if (++n >= 2) return n;
    return n;
  };
  return count(/\bcomma\b/gi) >= 2 && count(/\b(?:period|full stop)\b/gi) >= 2;
}

/** " comma" or " semicolon". */
const SPOKEN_COMMA = /[ \t]+(comma|semicolon)\b/gi;
/** " period" or " full stop", not "period of" (a length of time). */
const SPOKEN_PERIOD = /[ \t]+(?:period|full stop)\b(?!\s+of\b)/gi;
const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORD = `(?:${[...TENS.filter(Boolean), ...UNITS].join('|')})`;
/** A number said in words before a unit of time ("thirty four minutes", "forty-five min", "one hour"). */
const SPOKEN_MINUTES = new RegExp(`\\b(${NUMBER_WORD}(?:[ -]${NUMBER_WORD})?)(?=\\s+(?:minutes?|mins?|hours?|hrs?)\\b)`, 'gi');

/** A length said in words before its unit: "four point five centimeters", "twelve mm". */
const SPOKEN_LENGTH = new RegExp(`\\b(${NUMBER_WORD}(?:[ -]${NUMBER_WORD})?)(?:\\s+point\\s+(${NUMBER_WORD}))?(?=\\s+(?:centimeters?|centimetres?|cm|millimeters?|millimetres?|mm)\\b)`, 'gi');

/** The value of "thirty four", "forty-five", "twelve"; undefined for a pair that is no number ("four four"). */
function spokenNumber(words: string): number | undefined {
  const [first, second] = words.toLowerCase().split(/[ -]/);
  const tens = TENS.indexOf(first!);
  if (second === undefined) return tens > 1 ? tens * 10 : UNITS.indexOf(first!);
  const unit = UNITS.indexOf(second);
  return tens > 1 && unit >= 1 && unit <= 9 ? tens * 10 + unit : undefined;
}

/** Two to five capital letters dictated one by one ("C A B G"); "I" and "A" alone are words, so they do not start one. */
const SPELLED_LETTERS = /(?<!\b[A-Z] )\b(?![AI] )[A-Z](?: [A-Z]){1,4}\b(?! [A-Z]\b)/g;
/** Two words joined by a spoken " hyphen " ("PHQ hyphen 9", "post hyphen traumatic"). */
const SPOKEN_HYPHEN = /\b([A-Za-z0-9]+)[ \t]+hyphen[ \t]+([A-Za-z0-9]+)\b/gi;
/** " new paragraph" / " next paragraph" with the spaces around it. */
const SPOKEN_PARAGRAPH = /[ \t]*\b(?:new|next) paragraph\b[ \t]*/gi;
/**
 * A label of one to four words at the start of a line or after a mark, then " colon": "exam colon",
 * "history of present illness colon". Group 1 is what comes before the label, group 2 the label.
 */
const SPOKEN_LABEL_COLON = /(^|[.:;,\n][ \t]*)((?!colon\b)[a-z]+(?:[ \t]+(?!colon\b)[a-z]+){0,3})[ \t]+colon\b/gim;

/** Words before "period" that make it a length of time ("last menstrual period", "the postpartum period"). */
const TIME_PERIOD_WORDS = new Set(['menstrual', 'last', 'postpartum', 'perinatal', 'neonatal', 'refractory', 'incubation', 'grace', 'waiting', 'window', 'observation', 'trial', 'washout', 'this', 'that', 'the', 'a', 'same', 'time', 'each', 'per', 'first', 'second', 'third', 'any', 'no', 'heavy', 'light', 'her', 'his', 'their', 'recovery', 'global']);

/** Words right before "colon" that make it the organ ("sigmoid colon", "history of colon cancer"). */
const ORGAN_COLON_WORDS = new Set(['sigmoid', 'ascending', 'descending', 'transverse', 'right', 'left', 'the', 'of', 'her', 'his', 'my', 'your', 'a', 'whole', 'entire', 'distal', 'proximal', 'spastic', 'irritable', 'redundant', 'with', 'and', 'or', 'in', 'to', 'for', 'adenomatous']);
