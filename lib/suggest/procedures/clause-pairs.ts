import type { PhraseTable, SentenceView } from './text';

/** An object word and an action word of one procedure found near each other (see {@link clausePairs}). */
export interface ClausePair {
  /** Word indexes of the whole pair (object to action or action to object). */
  from: number;
  to: number;
  /** Document offsets of the whole pair. */
  start: number;
  end: number;
}

/** How far apart (in words) the object and the action of a pair may be. */
export const PAIR_WINDOW = 8;

/**
 * Procedures written as an object and an action with other words between them, in either order:
 * "removal of impacted cerumen", "cerumen, left ear - removed", "short leg splint (calf to foot)
 * applied". The object and the action must be within {@link PAIR_WINDOW} words and not split by a
 * semicolon, a sentence stop or another object; the nearest action wins. The pair's span goes to the
 * done/planned decision as one mention, so an action word inside it is the "done" cue.
 *
 * @example clausePairs(view('Removal of impacted cerumen, left ear.'), objects, actions) // one pair, "Removal … cerumen"
 */
export function clausePairs(view: SentenceView, objects: PhraseTable<string>, actions: PhraseTable<string>, window = PAIR_WINDOW): ClausePair[] {
  const words = view.words;
  const text = view.sentence.text;
  const objectHits = objects.longest(words);
  if (objectHits.length === 0) return [];
  const actionHits = actions.longest(words).filter((a) => !objectHits.some((o) => a.from < o.to && o.from < a.to));
  const out: ClausePair[] = [];
  for (const o of objectHits) {
    let best: ClausePair | undefined;
    let bestGap = Infinity;
    for (const a of actionHits) {
      const gap = a.from >= o.to ? a.from - o.to : o.from - a.to;
      if (gap < 0 || gap > window || gap >= bestGap) continue;
      const from = Math.min(a.from, o.from);
      const to = Math.max(a.to, o.to);
      const between = text.slice(words[from]!.end - view.start, words[to - 1]!.start - view.start);
      if (/[;]|\.\s/.test(between)) continue;
      if (objectHits.some((x) => x !== o && x.from >= from && x.to <= to)) continue;
      best = { from, to, start: words[from]!.start, end: words[to - 1]!.end };
      bestGap = gap;
    }
    if (best && !out.some((p) => p.from === best!.from && p.to === best!.to)) out.push(best);
  }
  return out;
}
