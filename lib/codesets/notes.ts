import type { CodeRecord, TabularNotes } from './types';

/**
 * A code's Tabular notes with the 7th-character definitions it inherits from the nearest ancestor that
 * declares them (S72.001A uses the definitions written at S72). `parentOf` returns a code's parent record.
 */
export function inheritedNotes(record: CodeRecord, parentOf: (code: string) => CodeRecord | undefined): TabularNotes | undefined {
  if (record.notes?.sevenChr) return record.notes;
  for (let parent = record.parent ? parentOf(record.parent) : undefined; parent; parent = parent.parent ? parentOf(parent.parent) : undefined) {
    const sevenChr = parent.notes?.sevenChr;
    if (!sevenChr) continue;
    const inherited: TabularNotes = { ...(record.notes ?? { fiscalYear: parent.notes!.fiscalYear }), sevenChr };
    if (parent.notes?.sevenChrNote) inherited.sevenChrNote = parent.notes.sevenChrNote;
    return inherited;
  }
  return record.notes;
}
