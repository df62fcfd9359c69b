/**
 * Tabular List benchmark (part of `npm run bench`; alone: `npx tsx bench/tabular.ts [path]`): parses an
 * ICD-10-CM Tabular List XML (default: the shared FY2021 file) and reports parse time, codes, and how many
 * codes carry each kind of note.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIcd10cmTabular, type TabularList } from '../lib/codesets/parse-icd10cm-tabular';
import type { TabularNotes } from '../lib/codesets/types';

const here = dirname(fileURLToPath(import.meta.url));
const codesetsDir = process.env.CODESETS_DIR ?? resolve(here, '../../shared/codesets');
const defaultFile = join(codesetsDir, 'icd10cm/fy2021-tabular/icd10cm_tabular_2021.xml');

// Note lists written at the code itself; sevenChr/sevenChrNote are counted apart because they are inherited.
const OWN_NOTE_KEYS = ['inclusionTerms', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso'] as const;

/** Parses the tabular twice (cold, then warm) and counts what it holds. */
export function benchTabular(file = defaultFile) {
  const xml = readFileSync(file, 'utf8');
  let started = performance.now();
  const list = parseIcd10cmTabular(xml, file);
  const parseMs = performance.now() - started;
  // A second run shows the steady-state cost once the JIT has warmed up (the extension parses once per import).
  started = performance.now();
  parseIcd10cmTabular(xml, file);
  const warmParseMs = performance.now() - started;
  return { file, bytes: Buffer.byteLength(xml), parseMs: round(parseMs), warmParseMs: round(warmParseMs), ...figures(list) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(benchTabular(process.argv[2]), null, 2));
}

/** Counts codes per note type; a code counts once per type however many notes it has. */
function figures(list: TabularList) {
  const codes = [...list.codes.values()];
  const has = (notes: TabularNotes, key: keyof TabularNotes) => notes[key] !== undefined;
  const perNoteType = Object.fromEntries(OWN_NOTE_KEYS.map((key) => [key, codes.filter((c) => has(c.notes, key)).length]));
  const notesPerType = Object.fromEntries(OWN_NOTE_KEYS.map((key) => [key, codes.reduce((n, c) => n + (c.notes[key]?.length ?? 0), 0)]));
  return {
    fiscalYear: list.fiscalYear,
    chapters: list.chapters.length,
    sections: list.sections.length,
    codes: codes.length,
    placeholderCodes: codes.filter((c) => c.placeholder).length,
    codesWithInclusionTerms: codes.filter((c) => has(c.notes, 'inclusionTerms')).length,
    codesWithAnyNotes: codes.filter((c) => OWN_NOTE_KEYS.some((key) => has(c.notes, key)) || c.generalNotes).length,
    codesPerNoteType: { ...perNoteType, generalNotes: codes.filter((c) => c.generalNotes).length },
    notesPerType: { ...notesPerType, generalNotes: codes.reduce((n, c) => n + (c.generalNotes?.length ?? 0), 0) },
    codesWithSevenChr: codes.filter((c) => has(c.notes, 'sevenChr')).length,
    codesWithSevenChrNote: codes.filter((c) => has(c.notes, 'sevenChrNote')).length,
    chaptersWithNotes: list.chapters.filter((c) => Object.keys(c.notes).length > 1 || c.generalNotes).length,
    sectionsWithNotes: list.sections.filter((s) => Object.keys(s.notes).length > 1 || s.generalNotes).length,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
