import type { Evidence } from './types';

/** The start offsets already held by each evidence list, kept beside it so a long chart merges in linear time. */
const startsOf = new WeakMap<Evidence[], Set<number>>();

/**
 * Adds to `target` the pieces of `more` whose start it does not hold yet (the same words read twice are one piece of
 * evidence). A chart that repeats one item thousands of times stays linear: the starts are remembered per list.
 */
export function mergeEvidence(target: Evidence[], more: readonly Evidence[]): void {
  let starts = startsOf.get(target);
  if (!starts || starts.size !== target.length) {
    starts = new Set(target.map((e) => e.start));
    startsOf.set(target, starts);
  }
  for (const e of more) {
    if (starts.has(e.start)) continue;
    starts.add(e.start);
    target.push(e);
  }
}
