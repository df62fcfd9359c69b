import { withoutDot } from '../codesets/icd-code';

/**
 * A code reference inside a Tabular note: one code, a category with a dash ("E08.-", "O24.4-") or a range
 * ("O10-O11", "I60-I69"). Every reference covers the codes below it too, so from/to are prefixes (no dot).
 */
export interface CodeRef {
  /** As written in the note, e.g. "O10-O11". */
  text: string;
  from: string;
  to: string;
}

// A code, optionally a trailing dash ("E08.-"), optionally "- code" for a range.
const CODE = String.raw`[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?`;
const REFERENCE = new RegExp(String.raw`\b(${CODE})(?:\.?-(?![A-Z0-9]))?(?:\s*-\s*(${CODE})(?:\.?-(?![A-Z0-9]))?)?`, 'g');

/**
 * The code references in a note's text. References qualified by a following "with …" ("S00-T88 with 7th
 * character S") are left out: they mean a subset this simple model cannot express, and a false warning is worse.
 */
export function codeReferences(note: string): CodeRef[] {
  const refs: CodeRef[] = [];
  for (const m of note.matchAll(REFERENCE)) {
    const after = note.slice(m.index + m[0].length);
    if (/^\.?\s*with\b/i.test(after)) continue;
    const from = withoutDot(m[1]!);
    const to = m[2] ? withoutDot(m[2]) : from;
    refs.push({ text: m[0], from, to });
  }
  return refs;
}

/** Whether a code (with or without the dot) falls under a reference: E11.65 is under "E08-E13" and "E11.-". */
export function referenceCovers(ref: CodeRef, code: string): boolean {
  const bare = withoutDot(code);
  return bare.slice(0, ref.from.length) >= ref.from && bare.slice(0, ref.to.length) <= ref.to;
}
