import type { CodeRecord } from '../codesets/types';

/**
 * Words a Tabular note makes equivalent within its category. G40 and G43 say "the following terms are to be
 * considered equivalent to intractable: pharmacoresistant (pharmacologically resistant), treatment resistant,
 * refractory (medically) and poorly controlled": "migraine refractory to preventives" is intractable migraine.
 */
export interface EquivalentWords {
  /** The title word the note is about ("intractable"). */
  word: string;
  /** Phrases that mean the same ("refractory", "treatment resistant", "pharmacologically resistant"). */
  equivalents: string[];
}

const NOTE = /\bconsidered equivalent to ([a-z]+):\s*(.+?)\.?$/i;

/** The equivalences one note list states. */
export function equivalentsIn(notes: readonly string[]): EquivalentWords[] {
  const out: EquivalentWords[] = [];
  for (const note of notes) {
    const m = NOTE.exec(note);
    if (!m) continue;
    const equivalents = new Set<string>();
    for (const item of m[2]!.split(/\s*,\s*|\s+and\s+/)) {
      const base = item.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
      if (base) equivalents.add(base);
      // A parenthesised phrase of more than one word is another name ("(pharmacologically resistant)"); a single
      // word ("refractory (medically)") is a nonessential modifier.
      for (const [, inner] of item.matchAll(/\(([^)]+)\)/g)) if (/\s/.test(inner!.trim())) equivalents.add(inner!.trim().toLowerCase());
    }
    if (equivalents.size) out.push({ word: m[1]!.toLowerCase(), equivalents: [...equivalents] });
  }
  return out;
}

/** Every code whose notes state equivalences, by code (the note sits on the category: G40, G43). */
export function equivalentsByCode(codes: readonly CodeRecord[]): Map<string, EquivalentWords[]> {
  const out = new Map<string, EquivalentWords[]>();
  for (const record of codes) {
    const found = record.notes?.general ? equivalentsIn(record.notes.general) : [];
    if (found.length) out.set(record.code, found);
  }
  return out;
}

/** The equivalences that reach a code from itself or the codes above it. */
export function equivalentsFor(code: string, byCode: ReadonlyMap<string, EquivalentWords[]>): EquivalentWords[] {
  if (byCode.size === 0) return [];
  const out: EquivalentWords[] = [];
  const bare = code.replace('.', '');
  for (let length = 3; length <= bare.length; length++) {
    const prefix = length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3, length)}` : bare.slice(0, 3);
    out.push(...(byCode.get(prefix) ?? []));
  }
  return out;
}

/** A title rewritten with each equivalent of a word it states ("…, intractable" → "…, refractory"); none for "not intractable". */
export function equivalentPhrasings(text: string, equivalences: readonly EquivalentWords[]): string[] {
  const out: string[] = [];
  for (const { word, equivalents } of equivalences) {
    const stated = new RegExp(String.raw`(?<!\bnot )\b${word}\b`, 'i');
    if (!stated.test(text)) continue;
    for (const phrase of equivalents) out.push(text.replace(stated, phrase));
  }
  return out;
}

/** Single words that mean the word a title says is absent ("not intractable" is contradicted by "refractory"). */
export function contradictingWords(text: string, equivalences: readonly EquivalentWords[]): string[] {
  return equivalences.filter(({ word }) => new RegExp(String.raw`\bnot ${word}\b`, 'i').test(text)).flatMap(({ equivalents }) => equivalents.filter((p) => !/\s/.test(p)));
}
