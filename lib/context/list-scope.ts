import type { Token } from './tokens';

/**
 * A negation trigger that opens a comma list ("Denies nausea or vomiting since last cycle, fever, mouth sores, new
 * pain, SOB, leg swelling") covers every item of the list, however many words the items add up to (NegEx reaches to
 * the end of the phrase; its word window only stands in for the phrase boundary). The list goes on while each item
 * after the first comma is short (a noun phrase with at most a qualifier: "since last cycle", "at night") and none
 * starts a clause of its own ("reports", "has", "with", "is"); TERMINATE triggers (but, however, except) are
 * checked by the caller as for any scope.
 */

/** Words that open a new clause (a verb or a linking word with its own subject): the list ends before them. */
const CLAUSE_WORDS = new Set([
  'reports', 'reported', 'reporting', 'endorses', 'endorsed', 'notes', 'noted', 'states', 'stated', 'says', 'admits', 'complains', 'feels', 'felt',
  'has', 'had', 'have', 'is', 'was', 'are', 'were', 'with', 'who', 'which', 'that', 'presents', 'presented', 'describes', 'describe', 'c',
  'positive', 'pt', 'patient', 'he', 'she', 'they', 'but', 'however', 'except', 'although', 'though',
]);

/** Longest item after the first comma (words), a noun phrase with a short qualifier. */
const MAX_ITEM_WORDS = 6;

/**
 * True when the target at token `target` is an item of a comma list that starts within `maxScope` words of the
 * trigger ending at token `triggerEnd`.
 */
export function continuesNegatedList(tokens: readonly Token[], triggerEnd: number, target: number, maxScope: number): boolean {
  let words = 0;
  let itemWords = 0;
  let sawComma = false;
  for (let i = triggerEnd; i < target; i++) {
    const t = tokens[i]!;
    if (!t.isWord) {
      if (t.text === ',') {
        if (!sawComma && words >= maxScope) return false;
        sawComma = true;
        itemWords = 0;
        continue;
      }
      // A sentence or clause stop, or a colon opening something else, ends the list; a slash or hyphen does not.
      if (t.text === ';' || t.text === '.' || t.text === ':' || t.text === '(' || t.text === ')') return false;
      continue;
    }
    words++;
    if (!sawComma) continue;
    itemWords++;
    if (itemWords > MAX_ITEM_WORDS || CLAUSE_WORDS.has(t.text)) return false;
  }
  return sawComma;
}
