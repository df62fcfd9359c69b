import { foldText, root } from '../search/normalize';
import type { TextWord } from './text-words';

/**
 * A condition named once over a coordinated list of causes or sites: "allergic rhinitis due to tree and grass
 * pollen, dust mite and cat dander" is allergic rhinitis due to each; "osteoarthritis of the hands, knees and hips"
 * is osteoarthritis of each. The condition's words are repeated (as expanded words) just before every later item,
 * so each item reads with its condition however long the list is. The list ends at the first comma (or bracket,
 * colon, semicolon) after its last "and"/"or": "…and cat dander, confirmed by skin testing" stops at "dander".
 */

/** Words that link a condition to its causes or sites. */
const LINK = /\b(?:due to|secondary to|caused by|of)\s+/gi;
/** Heads that frame a list rather than name a condition ("history of", "family history of", "results of"). */
const FRAME_HEADS = new Set(['history', 'hx', 'family', 'personal', 'screening', 'results', 'result', 'review', 'list', 'risk', 'risks', 'signs', 'sign', 'symptoms', 'course', 'none', 'any', 'all', 'use', 'number'].map((w) => root(w)));
/** At most this many words of condition before the link. */
const HEAD_WORDS = 3;

/** Copies of the condition words placed before each later item of a coordinated list (empty when there is none). */
export function distributedWords(text: string, words: readonly TextWord[], offset: number): TextWord[] {
  if (!/\b(?:and|or)\b|&/i.test(text)) return [];
  const written = words.filter((w) => !w.expanded && !w.part);
  const out: TextWord[] = [];
  for (const link of text.matchAll(LINK)) {
    const linkStart = offset + link.index!;
    const listStart = linkStart + link[0].length;
    const head = headBefore(text, written, linkStart, offset);
    if (head.length === 0 || FRAME_HEADS.has(head[0]!.key) || head.some((w) => FRAME_HEADS.has(w.key))) continue;
    for (const item of listItems(text, listStart - offset).slice(1)) {
      const first = written.find((w) => w.start >= offset + item.start && w.start < offset + item.end);
      if (!first) continue;
      head.forEach((w, i) => out.push({ ...w, position: first.position - head.length + i, expanded: true, sourcePosition: w.position }));
    }
  }
  return out;
}

/** The condition words right before a link, back to the start of their clause (a comma, colon, dash or bracket). */
function headBefore(text: string, written: readonly TextWord[], linkStart: number, offset: number): TextWord[] {
  const before = written.filter((w) => w.end <= linkStart);
  const head: TextWord[] = [];
  for (let i = before.length - 1; i >= 0 && head.length < HEAD_WORDS; i--) {
    const w = before[i]!;
    const gap = text.slice(w.end - offset, (head[0]?.start ?? linkStart) - offset);
    if (/[,;:()\u2013\u2014]|\s-\s|\n/.test(gap) || /\b(?:and|or|with|without|to)\b/i.test(gap)) break;
    // A number or a side alone does not carry the condition ("2 of 3").
    head.unshift(w);
  }
  return head.filter((w) => !/^\d/.test(w.raw ?? w.key));
}

/** Items of the coordinated list starting at `from` (text offsets); fewer than two when there is no list. */
function listItems(text: string, from: number): { start: number; end: number }[] {
  // Clause end: a semicolon, a full stop or a line break; brackets are asides and never split items.
  // Full stops inside brackets or after an initial ("D. farinae") do not end it.
  const clauseEnd = (() => {
    const m = /;|(?<!\b[A-Za-z])\.(?:\s|$)|\n/.exec(maskBrackets(text.slice(from)));
    return m ? from + m.index : text.length;
  })();
  const masked = maskBrackets(text.slice(from, clauseEnd));
  const conjunctions = [...masked.matchAll(/\s(?:and|or)\s|\s?&\s?/gi)];
  if (conjunctions.length === 0) return [];
  const lastConj = conjunctions.at(-1)!;
  const afterLast = lastConj.index! + lastConj[0].length;
  const stop = /[,:]/.exec(masked.slice(afterLast));
  const end = stop ? afterLast + stop.index : masked.length;
  const items: { start: number; end: number }[] = [];
  const splitter = /,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s|\s?&\s?|\//gi;
  let start = 0;
  for (const m of masked.slice(0, end).matchAll(splitter)) {
    items.push({ start: from + start, end: from + m.index! });
    start = m.index! + m[0].length;
  }
  items.push({ start: from + start, end: from + end });
  // An item is a short noun phrase: a long run is a new clause, not a list.
  if (items.some((i) => maskBrackets(text.slice(i.start, i.end)).trim().split(/\s+/).length > 5)) return [];
  return items.filter((i) => /[a-z]/i.test(maskBrackets(text.slice(i.start, i.end))));
}

/** The text with bracketed asides blanked out (same length), so their commas and slashes do not split the list. */
function maskBrackets(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    out += depth > 0 ? ' ' : ch;
    if ((ch === ')' || ch === ']') && depth > 0) depth--;
  }
  return out;
}

