import { withDot } from '../codesets/icd-code';
import type { EditsBundle, MceEntry } from '../codesets/types';

const indexes = new WeakMap<EditsBundle, { entries: Map<string, MceEntry[]>; sex: Map<string, 'F' | 'M'> }>();

function indexOf(edits: EditsBundle) {
  let index = indexes.get(edits);
  if (!index) {
    const entries = new Map<string, MceEntry[]>();
    for (const e of edits.mce.entries) {
      const list = entries.get(e.code);
      if (list) list.push(e);
      else entries.set(e.code, [e]);
    }
    index = { entries, sex: new Map(edits.mce.sexConflict.entries.map((e) => [e.code, e.sex])) };
    indexes.set(edits, index);
  }
  return index;
}

/** The Medicare Code Editor list entries of one edit (4 age, 6 manifestation, 9 unacceptable principal…) for a diagnosis. */
export function mceEntries(edits: EditsBundle, edit: number, code: string): MceEntry[] {
  return (indexOf(edits).entries.get(withDot(code)) ?? []).filter((e) => e.edit === edit);
}

/** The sex a diagnosis is limited to on the historical MCE sex-conflict list, if any. */
export function sexConflictOf(edits: EditsBundle, code: string): 'F' | 'M' | undefined {
  return indexOf(edits).sex.get(withDot(code));
}

/** The sublist name of an entry's label ("Age conflict: Pediatric diagnoses (age 0 through 17)" → the part after the colon). */
export function sublistName(entry: MceEntry): string {
  const at = entry.label.indexOf(': ');
  return at >= 0 ? entry.label.slice(at + 2) : entry.label;
}
