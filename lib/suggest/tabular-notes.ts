import { BoundedMemo } from '../memo';
import type { DiagnosisLexicon } from './lexicon';

/** A code reference in a Tabular note: one code or category ("I50.-", "N18"), or a range ("I51.4-I51.7"). */
export interface CodeRef {
  lo: string;
  hi?: string;
}

/** Code references anywhere in a Tabular note line, with or without parentheses. */
export function codesIn(line: string): readonly CodeRef[] {
  return refsByLine.get(line, parseRefs);
}

function parseRefs(line: string): readonly CodeRef[] {
  const refs: CodeRef[] = [];
  for (const m of line.matchAll(/\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-(?![A-Z]\d))?(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g)) {
    refs.push(m[2] ? { lo: m[1]!, hi: m[2] } : { lo: m[1]! });
  }
  return Object.freeze(refs);
}

/** Note lines are few and read for every pair of chosen codes: each is parsed once. */
const refsByLine = new BoundedMemo<string, readonly CodeRef[]>(50000);

export function refCovers(ref: CodeRef, code: string): boolean {
  return ref.hi ? code.slice(0, ref.lo.length) >= ref.lo && code.slice(0, ref.hi.length) <= ref.hi : code.startsWith(ref.lo);
}

/** Whether any of a code's note lines ("use additional code … (I50.-)") names the given code. */
export function linesName(lines: readonly string[], code: string): boolean {
  return lines.some((line) => codesIn(line).some((ref) => refCovers(ref, code)));
}

export function notesWithAncestors(lexicon: DiagnosisLexicon, code: string): InheritedNotes {
  let byCode = inherited.get(lexicon);
  if (!byCode) inherited.set(lexicon, (byCode = new Map()));
  let notes = byCode.get(code);
  if (!notes) byCode.set(code, (notes = collectNotes(lexicon, code)));
  return notes;
}

/** A code's Tabular notes with those of its ancestors (excludes1, code first, includes, inclusion terms, use additional). */
export interface InheritedNotes {
  readonly excludes1: readonly string[];
  readonly codeFirst: readonly string[];
  readonly includes: readonly string[];
  readonly inclusionTerms: readonly string[];
  readonly useAdditional: readonly string[];
  readonly fiscalYear: number;
}

/** Inherited notes by lexicon and code: the engine asks for the same codes' notes pair by pair, chart after chart. */
const inherited = new WeakMap<DiagnosisLexicon, Map<string, InheritedNotes>>();

function collectNotes(lexicon: DiagnosisLexicon, code: string): InheritedNotes {
  const out = { excludes1: [] as string[], codeFirst: [] as string[], includes: [] as string[], inclusionTerms: [] as string[], useAdditional: [] as string[], fiscalYear: 0 };
  for (let index = lexicon.indexOf.get(code); index !== undefined; ) {
    const record = lexicon.codes[index]!;
    if (record.notes) {
      out.fiscalYear ||= record.notes.fiscalYear;
      out.excludes1.push(...(record.notes.excludes1 ?? []));
      out.codeFirst.push(...(record.notes.codeFirst ?? []));
      out.includes.push(...(record.notes.includes ?? []));
      out.inclusionTerms.push(...(record.notes.inclusionTerms ?? []));
      out.useAdditional.push(...(record.notes.useAdditionalCode ?? []));
    }
    index = record.parent ? lexicon.indexOf.get(record.parent) : undefined;
  }
  for (const list of [out.excludes1, out.codeFirst, out.includes, out.inclusionTerms, out.useAdditional]) Object.freeze(list);
  return Object.freeze(out);
}
