/**
 * Synthetic outpatient notes (test/fixtures/notes*, gold.json): precision and recall on exact codes, and codes
 * produced from mentions that must not be coded (negated, family history, ruled out). Each held-out set was
 * written, without looking at the engine, before a round of engine work and is never tuned against, so its figure
 * estimates how the engine does on notes nobody has looked at (see NOTE_SETS for what each set has been through).
 * `npx tsx eval/notes.ts [--verbose] [--set dev|holdout-1 … holdout-7]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartFromText } from '../lib/chart';
import { chartFromHtml } from '../lib/chart/from-html';
import type { SuggestionEngine } from '../lib/suggest';

interface GoldNote {
  file: string;
  setting?: 'outpatient' | 'inpatient';
  diagnoses: string[];
  procedures: { code: string; system: string; units?: number; modifiers?: string[] }[];
  mustNotCode: string[];
}

/** Scores for one set of notes. */
export interface NotesEvaluation {
  notes: number;
  diagnoses: Scores;
  procedures: Scores;
  /** Codes suggested that the gold lists under mustNotCode (negated, family, ruled out…): the target is 0. */
  forbiddenCodesSuggested: number;
  /** Notes whose first-listed diagnosis matches the gold's first. */
  firstListedCorrect: number;
  /** Procedure lines with the right units, among correctly suggested procedure codes that state units. */
  unitsCorrect: { right: number; of: number };
  /** Per note: codes missed and extra, must-not codes suggested, and the first-listed diagnosis when it is not the gold's. */
  perNote: { file: string; missing: string[]; extra: string[]; forbidden: string[]; firstListed?: string }[];
}

interface Scores {
  truePositives: number;
  suggested: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

const here = dirname(fileURLToPath(import.meta.url));
export const NOTES_DIR = resolve(here, '../test/fixtures/notes');

/** One folder of notes with a gold.json, and what it may and may not be used for. */
export interface NoteSet {
  id: string;
  dir: string;
  /** Table title in `npm run eval`. */
  title: string;
  /** True for sets that measure generalisation (never tuned against). */
  heldOut: boolean;
  /**
   * True while nobody working on the engine may see the set's figures: `npm run eval` leaves it out, and only
   * `npx tsx eval/notes.ts --set <id>` (summary figures, no per-note lines) scores it, once, at the final measurement.
   */
  sealed?: boolean;
}

/** Every note set, in the order they were written. */
export const NOTE_SETS: NoteSet[] = [
  { id: 'dev', dir: NOTES_DIR, title: 'Development notes (test/fixtures/notes: tuned against)', heldOut: false },
  { id: 'holdout-1', dir: resolve(here, '../test/fixtures/notes-holdout'), title: 'Held-out 1, written before round 1 (test/fixtures/notes-holdout; its first misses were later described to the engine work)', heldOut: true },
  { id: 'holdout-2', dir: resolve(here, '../test/fixtures/notes-holdout-2'), title: 'Held-out 2, written before round 2 (test/fixtures/notes-holdout-2; its first misses were later described to the engine work)', heldOut: true },
  { id: 'holdout-3', dir: resolve(here, '../test/fixtures/notes-holdout-3'), title: 'Held-out 3, written before round 3 (test/fixtures/notes-holdout-3; first scored dx 0.620 / 0.646, procedures 0.755 / 0.725; its misses were then described to round 3)', heldOut: true },
  { id: 'holdout-4', dir: resolve(here, '../test/fixtures/notes-holdout-4'), title: 'Held-out 4, sealed through round 3 (test/fixtures/notes-holdout-4; first scored dx 0.776 / 0.738, procedures 0.740 / 0.673, 3 must-not codes; then opened for a final round)', heldOut: true },
  { id: 'holdout-5', dir: resolve(here, '../test/fixtures/notes-holdout-5'), title: 'Held-out 5, sealed through round 3 (test/fixtures/notes-holdout-5; first scored dx 0.717 / 0.782, procedures 0.797 / 0.770, 4 must-not codes; then opened for a final round)', heldOut: true },
  { id: 'holdout-6', dir: resolve(here, '../test/fixtures/notes-holdout-6'), title: 'Held-out 6, sealed until round 4 (test/fixtures/notes-holdout-6; first scored dx 0.891 / 0.925, procedures 0.824 / 0.824, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-7', dir: resolve(here, '../test/fixtures/notes-holdout-7'), title: 'Held-out 7, sealed through round 4 (test/fixtures/notes-holdout-7; first scored dx 0.724 / 0.840, procedures 0.857 / 0.840, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-8', dir: resolve(here, '../test/fixtures/notes-holdout-8'), title: 'Held-out 8, sealed through round 5 (test/fixtures/notes-holdout-8; first scored dx 0.789 / 0.882, procedures 0.951 / 0.929, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-9', dir: resolve(here, '../test/fixtures/notes-holdout-9'), title: 'Held-out 9, sealed through round 6 (test/fixtures/notes-holdout-9; first scored dx 0.974 / 0.974, procedures 0.900 / 0.900, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-10', dir: resolve(here, '../test/fixtures/notes-holdout-10'), title: 'Held-out 10, sealed through round 6 (test/fixtures/notes-holdout-10; first scored dx 0.879 / 0.935, procedures 0.838 / 0.861, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-11', dir: resolve(here, '../test/fixtures/notes-holdout-11'), title: 'Held-out 11, sealed until session 5 (test/fixtures/notes-holdout-11; first scored dx 0.892 / 0.702, procedures 0.900 / 0.973, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-12', dir: resolve(here, '../test/fixtures/notes-holdout-12'), title: 'Held-out 12, sealed until session 5 round 2 (test/fixtures/notes-holdout-12; first scored dx 0.878 / 0.857, procedures 0.864 / 0.844, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-13', dir: resolve(here, '../test/fixtures/notes-holdout-13'), title: 'Held-out 13, sealed until session 5 round 3 (test/fixtures/notes-holdout-13; first scored dx 0.889 / 0.930, procedures 0.978 / 0.936, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-14', dir: resolve(here, '../test/fixtures/notes-holdout-14'), title: 'Held-out 14, sealed until session 5 round 4 (test/fixtures/notes-holdout-14; first scored dx 0.812 / 0.605, procedures 0.881 / 0.804, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-15', dir: resolve(here, '../test/fixtures/notes-holdout-15'), title: 'Held-out 15, sealed until session 5 round 5 (test/fixtures/notes-holdout-15; first scored dx 0.827 / 0.896, procedures 0.915 / 0.811, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-16', dir: resolve(here, '../test/fixtures/notes-holdout-16'), title: 'Held-out 16, sealed until the end of session 5 (test/fixtures/notes-holdout-16; first scored dx 0.885 / 0.821, procedures 0.881 / 0.867, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-17', dir: resolve(here, '../test/fixtures/notes-holdout-17'), title: 'Held-out 17, sealed until session 6 (test/fixtures/notes-holdout-17; first scored on 79dd9aa dx 0.833 / 0.877, procedures 0.942 / 0.907, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-18', dir: resolve(here, '../test/fixtures/notes-holdout-18'), title: 'Held-out 18, sealed until session 6 (test/fixtures/notes-holdout-18; first scored on e80859a dx 0.754 / 0.782, procedures 0.867 / 0.796, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-19', dir: resolve(here, '../test/fixtures/notes-holdout-19'), title: 'Held-out 19, sealed until session 6 (test/fixtures/notes-holdout-19; first scored on 7a498ab dx 0.796 / 0.782, procedures 0.960 / 0.906, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-20', dir: resolve(here, '../test/fixtures/notes-holdout-20'), title: 'Held-out 20, sealed until session 6 (test/fixtures/notes-holdout-20; first scored on 0a2170c dx 0.854 / 0.854, procedures 0.878 / 0.923, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-21', dir: resolve(here, '../test/fixtures/notes-holdout-21'), title: 'Held-out 21, sealed until session 7 (test/fixtures/notes-holdout-21; first scored on f8b1d82 dx 0.807 / 0.836, procedures 0.792 / 0.792, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-22', dir: resolve(here, '../test/fixtures/notes-holdout-22'), title: 'Held-out 22, sealed until session 7 (test/fixtures/notes-holdout-22; first scored on df16cc5 dx 0.870 / 0.839, procedures 0.849 / 0.865, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-23', dir: resolve(here, '../test/fixtures/notes-holdout-23'), title: 'Held-out 23, sealed until session 7 (test/fixtures/notes-holdout-23; first scored on bf39bb6 dx 0.896 / 0.796, procedures 0.891 / 0.854, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-24', dir: resolve(here, '../test/fixtures/notes-holdout-24'), title: 'Held-out 24, sealed until the end of session 7 (test/fixtures/notes-holdout-24; first scored on 3bfffea dx 0.710 / 0.830, procedures 0.889 / 0.816, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-25', dir: resolve(here, '../test/fixtures/notes-holdout-25'), title: 'Held-out 25, sealed until session 8 (test/fixtures/notes-holdout-25; first scored on 723ec8c dx 0.827 / 0.796, procedures 0.925 / 0.925, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-26', dir: resolve(here, '../test/fixtures/notes-holdout-26'), title: 'Held-out 26, sealed until session 8 (test/fixtures/notes-holdout-26; first scored on 55193a1 dx 0.804 / 0.891, procedures 0.873 / 0.828, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-27', dir: resolve(here, '../test/fixtures/notes-holdout-27'), title: 'Held-out 27, sealed until the end of session 8 (test/fixtures/notes-holdout-27; first scored on 439a3b6 dx 0.881 / 0.912, procedures 0.882 / 0.849, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-28', dir: resolve(here, '../test/fixtures/notes-holdout-28'), title: 'Held-out 28, sealed until the end of session 8 (test/fixtures/notes-holdout-28; first scored on 439a3b6 dx 0.759 / 0.815, procedures 0.855 / 0.783, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-29', dir: resolve(here, '../test/fixtures/notes-holdout-29'), title: 'Held-out 29, sealed until the end of session 8 (test/fixtures/notes-holdout-29; first scored on a85683d dx 0.891 / 0.891, procedures 0.902 / 0.902, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-30', dir: resolve(here, '../test/fixtures/notes-holdout-30'), title: 'Held-out 30, sealed until the end of session 8 (test/fixtures/notes-holdout-30; first scored on e08f091 dx 0.889 / 0.727, procedures 0.936 / 0.863, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-31', dir: resolve(here, '../test/fixtures/notes-holdout-31'), title: 'Held-out 31, sealed until session 9 (test/fixtures/notes-holdout-31; first scored on 405be86 dx 0.898 / 0.898, procedures 0.946 / 0.946, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-32', dir: resolve(here, '../test/fixtures/notes-holdout-32'), title: 'Held-out 32, sealed until session 9 (test/fixtures/notes-holdout-32; first scored on 405be86 dx 0.860 / 0.896, procedures 0.980 / 0.943, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-33', dir: resolve(here, '../test/fixtures/notes-holdout-33'), title: 'Held-out 33, sealed until session 9 (test/fixtures/notes-holdout-33; first scored on beb0f3d dx 0.849 / 0.918, procedures 0.978 / 0.957, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-34', dir: resolve(here, '../test/fixtures/notes-holdout-34'), title: 'Held-out 34, sealed until session 9 (test/fixtures/notes-holdout-34; first scored on abddda9 dx 0.926 / 0.862, procedures 0.939 / 0.885, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-35', dir: resolve(here, '../test/fixtures/notes-holdout-35'), title: 'Held-out 35, sealed until session 9 (test/fixtures/notes-holdout-35; first scored on abddda9 dx 0.847 / 0.893, procedures 0.936 / 0.880, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-36', dir: resolve(here, '../test/fixtures/notes-holdout-36'), title: 'Held-out 36, sealed until session 9 (test/fixtures/notes-holdout-36; first scored on 3676f2a dx 0.860 / 0.925, procedures 0.898 / 0.917, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-37', dir: resolve(here, '../test/fixtures/notes-holdout-37'), title: 'Held-out 37, sealed until session 9 (test/fixtures/notes-holdout-37; first scored on 3676f2a dx 0.918 / 0.789, procedures 0.826 / 0.844, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-38', dir: resolve(here, '../test/fixtures/notes-holdout-38'), title: 'Held-out 38, sealed until session 10 (test/fixtures/notes-holdout-38; first scored on 8702c9c dx 0.931 / 0.931, procedures 0.978 / 0.898, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-39', dir: resolve(here, '../test/fixtures/notes-holdout-39'), title: 'Held-out 39, sealed until session 10 (test/fixtures/notes-holdout-39; first scored on 8702c9c dx 0.869 / 0.855, procedures 0.872 / 0.911, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-40', dir: resolve(here, '../test/fixtures/notes-holdout-40'), title: 'Held-out 40, sealed until session 10 (test/fixtures/notes-holdout-40; first scored on f87b42d dx 0.929 / 0.929, procedures 0.940 / 0.904, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-41', dir: resolve(here, '../test/fixtures/notes-holdout-41'), title: 'Held-out 41, sealed until session 10 (test/fixtures/notes-holdout-41; first scored on f87b42d dx 0.891 / 0.919, procedures 0.877 / 0.847, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-42', dir: resolve(here, '../test/fixtures/notes-holdout-42'), title: 'Held-out 42, sealed until session 10 (test/fixtures/notes-holdout-42; first scored on d8ae962 dx 0.882 / 0.804, procedures 0.884 / 0.826, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-43', dir: resolve(here, '../test/fixtures/notes-holdout-43'), title: 'Held-out 43, sealed until session 10 (test/fixtures/notes-holdout-43; first scored on d8ae962 dx 0.830 / 0.846, procedures 0.833 / 0.849, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-44', dir: resolve(here, '../test/fixtures/notes-holdout-44'), title: 'Held-out 44, sealed until session 10 (test/fixtures/notes-holdout-44; first scored on 95861db dx 0.877 / 0.847, procedures 0.868 / 0.868, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-45', dir: resolve(here, '../test/fixtures/notes-holdout-45'), title: 'Held-out 45, sealed until session 10 (test/fixtures/notes-holdout-45; first scored on 95861db dx 0.885 / 0.821, procedures 0.962 / 0.943, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-46', dir: resolve(here, '../test/fixtures/notes-holdout-46'), title: 'Held-out 46, sealed until session 10 (test/fixtures/notes-holdout-46; first scored on 26848c8 dx 0.897 / 0.912, procedures 0.980 / 0.980, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-47', dir: resolve(here, '../test/fixtures/notes-holdout-47'), title: 'Held-out 47, sealed until session 10 (test/fixtures/notes-holdout-47; first scored on 26848c8 dx 0.925 / 0.942, procedures 0.920 / 0.958, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-48', dir: resolve(here, '../test/fixtures/notes-holdout-48'), title: 'Held-out 48, sealed until session 11 (test/fixtures/notes-holdout-48; first scored on f721b5c dx 0.893 / 0.862, procedures 0.865 / 0.978, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-49', dir: resolve(here, '../test/fixtures/notes-holdout-49'), title: 'Held-out 49, sealed until session 11 (test/fixtures/notes-holdout-49; first scored on f721b5c dx 0.912 / 0.873, procedures 0.833 / 0.875, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-50', dir: resolve(here, '../test/fixtures/notes-holdout-50'), title: 'Held-out 50, sealed until session 11 (test/fixtures/notes-holdout-50; first scored on f721b5c dx 0.897 / 0.854, procedures 0.978 / 0.900, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-51', dir: resolve(here, '../test/fixtures/notes-holdout-51'), title: 'Held-out 51, sealed until session 11 (test/fixtures/notes-holdout-51; first scored on f721b5c dx 0.880 / 0.898, procedures 0.896 / 0.935, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-52', dir: resolve(here, '../test/fixtures/notes-holdout-52'), title: 'Held-out 52, sealed until session 11 (test/fixtures/notes-holdout-52; first scored on 8c98275 dx 0.743 / 0.776, procedures 0.814 / 0.854, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-53', dir: resolve(here, '../test/fixtures/notes-holdout-53'), title: 'Held-out 53, sealed until session 11 (test/fixtures/notes-holdout-53; first scored on 8c98275 dx 0.767 / 0.917, procedures 0.920 / 0.807, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-54', dir: resolve(here, '../test/fixtures/notes-holdout-54'), title: 'Held-out 54, sealed until session 11 (test/fixtures/notes-holdout-54; first scored on 8c98275 dx 0.833 / 0.784, procedures 0.850 / 0.791, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-55', dir: resolve(here, '../test/fixtures/notes-holdout-55'), title: 'Held-out 55, sealed until session 11 (test/fixtures/notes-holdout-55; first scored on 8c98275 dx 0.800 / 0.889, procedures 0.943 / 0.962, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-56', dir: resolve(here, '../test/fixtures/notes-holdout-56'), title: 'Held-out 56, sealed until session 11 (test/fixtures/notes-holdout-56; first scored on 3879b37 dx 0.887 / 0.932, procedures 0.936 / 0.863, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-57', dir: resolve(here, '../test/fixtures/notes-holdout-57'), title: 'Held-out 57, sealed until session 11 (test/fixtures/notes-holdout-57; first scored on 3879b37 dx 0.903 / 0.918, procedures 0.778 / 0.718, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-58', dir: resolve(here, '../test/fixtures/notes-holdout-58'), title: 'Held-out 58, sealed until session 11 (test/fixtures/notes-holdout-58; first scored on 3879b37 dx 0.886 / 0.912, procedures 0.922 / 0.904, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-59', dir: resolve(here, '../test/fixtures/notes-holdout-59'), title: 'Held-out 59, sealed until session 11 (test/fixtures/notes-holdout-59; first scored on 3879b37 dx 0.889 / 0.976, procedures 0.911 / 0.891, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-60', dir: resolve(here, '../test/fixtures/notes-holdout-60'), title: 'Held-out 60, sealed until session 11 (test/fixtures/notes-holdout-60; first scored on 9007af4 dx 0.871 / 0.900, procedures 0.930 / 0.946, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-61', dir: resolve(here, '../test/fixtures/notes-holdout-61'), title: 'Held-out 61, sealed until session 11 (test/fixtures/notes-holdout-61; first scored on 9007af4 dx 0.852 / 0.896, procedures 0.800 / 0.750, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-62', dir: resolve(here, '../test/fixtures/notes-holdout-62'), title: 'Held-out 62, sealed until session 11 (test/fixtures/notes-holdout-62; first scored on 9007af4 dx 0.900 / 0.849, procedures 0.870 / 0.922, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-63', dir: resolve(here, '../test/fixtures/notes-holdout-63'), title: 'Held-out 63, sealed until session 11 (test/fixtures/notes-holdout-63; first scored on 9007af4 dx 0.840 / 0.808, procedures 0.911 / 0.854, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-64', dir: resolve(here, '../test/fixtures/notes-holdout-64'), title: 'Held-out 64, sealed until session 11 (test/fixtures/notes-holdout-64; first scored on 8eeadb7 dx 0.962 / 0.980, procedures 0.977 / 0.977, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-65', dir: resolve(here, '../test/fixtures/notes-holdout-65'), title: 'Held-out 65, sealed until session 11 (test/fixtures/notes-holdout-65; first scored on 8eeadb7 dx 0.775 / 0.939, procedures 0.880 / 0.863, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-66', dir: resolve(here, '../test/fixtures/notes-holdout-66'), title: 'Held-out 66, sealed until session 11 (test/fixtures/notes-holdout-66; first scored on 8eeadb7 dx 0.845 / 0.860, procedures 0.870 / 0.870, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-67', dir: resolve(here, '../test/fixtures/notes-holdout-67'), title: 'Held-out 67, sealed until session 11 (test/fixtures/notes-holdout-67; first scored on 8eeadb7 dx 0.863 / 0.898, procedures 0.881 / 0.902, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-68', dir: resolve(here, '../test/fixtures/notes-holdout-68'), title: 'Held-out 68, sealed until session 11 (test/fixtures/notes-holdout-68; first scored on 7d4d8de dx 0.976 / 0.952, procedures 0.930 / 0.898, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-69', dir: resolve(here, '../test/fixtures/notes-holdout-69'), title: 'Held-out 69, sealed until session 11 (test/fixtures/notes-holdout-69; first scored on 7d4d8de dx 0.822 / 0.845, procedures 0.841 / 0.860, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-70', dir: resolve(here, '../test/fixtures/notes-holdout-70'), title: 'Held-out 70, sealed until session 11 (test/fixtures/notes-holdout-70; first scored on 7d4d8de dx 0.804 / 0.854, procedures 0.811 / 0.843, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-71', dir: resolve(here, '../test/fixtures/notes-holdout-71'), title: 'Held-out 71, sealed until session 11 (test/fixtures/notes-holdout-71; first scored on 7d4d8de dx 0.891 / 1.000, procedures 0.956 / 0.915, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-72', dir: resolve(here, '../test/fixtures/notes-holdout-72'), title: 'Held-out 72, sealed until session 12 (test/fixtures/notes-holdout-72; first scored on 8c410f0 dx 0.898 / 0.863, procedures 0.980 / 0.941, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-73', dir: resolve(here, '../test/fixtures/notes-holdout-73'), title: 'Held-out 73, sealed until session 12 (test/fixtures/notes-holdout-73; first scored on 8c410f0 dx 0.944 / 0.911, procedures 0.826 / 0.792, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-74', dir: resolve(here, '../test/fixtures/notes-holdout-74'), title: 'Held-out 74, sealed until session 12 (test/fixtures/notes-holdout-74; first scored on 8c410f0 dx 0.921 / 1.000, procedures 0.897 / 0.897, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-75', dir: resolve(here, '../test/fixtures/notes-holdout-75'), title: 'Held-out 75, sealed until session 12 (test/fixtures/notes-holdout-75; first scored on 8c410f0 dx 0.911 / 0.953, procedures 0.935 / 0.977, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-76', dir: resolve(here, '../test/fixtures/notes-holdout-76'), title: 'Held-out 76, sealed until session 12 (test/fixtures/notes-holdout-76; first scored on 3c121c9 dx 0.921 / 0.892, procedures 0.915 / 0.915, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-77', dir: resolve(here, '../test/fixtures/notes-holdout-77'), title: 'Held-out 77, sealed until session 12 (test/fixtures/notes-holdout-77; first scored on 3c121c9 dx 0.737 / 0.875, procedures 0.883 / 0.869, 1 must-not code; then opened)', heldOut: true },
  { id: 'holdout-78', dir: resolve(here, '../test/fixtures/notes-holdout-78'), title: 'Held-out 78, sealed until session 12 (test/fixtures/notes-holdout-78; first scored on 3c121c9 dx 0.909 / 1.000, procedures 1.000 / 0.962, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-79', dir: resolve(here, '../test/fixtures/notes-holdout-79'), title: 'Held-out 79, sealed until session 12 (test/fixtures/notes-holdout-79; first scored on 3c121c9 dx 0.959 / 0.959, procedures 0.822 / 0.902, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-80', dir: resolve(here, '../test/fixtures/notes-holdout-80'), title: 'Held-out 80, sealed until session 13 (test/fixtures/notes-holdout-80; primary care chronic and acute; first scored on 6bcd93a dx 0.897 / 0.963, procedures 0.911 / 0.927, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-81', dir: resolve(here, '../test/fixtures/notes-holdout-81'), title: 'Held-out 81, sealed until session 13 (test/fixtures/notes-holdout-81; urgent care and minor injuries; first scored on 6bcd93a dx 0.844 / 0.964, procedures 0.938 / 0.918, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-82', dir: resolve(here, '../test/fixtures/notes-holdout-82'), title: 'Held-out 82, sealed until session 13 (test/fixtures/notes-holdout-82; pediatrics and adolescents; first scored on 6bcd93a dx 0.811 / 0.968, procedures 0.938 / 0.896, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-83', dir: resolve(here, '../test/fixtures/notes-holdout-83'), title: 'Held-out 83, sealed until session 13 (test/fixtures/notes-holdout-83; geriatrics, wellness, behavioral health, neurology, women health; first scored on 6bcd93a dx 0.935 / 0.935, procedures 0.897 / 0.946, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-84', dir: resolve(here, '../test/fixtures/notes-holdout-84'), title: 'Held-out 84, sealed until session 14 (test/fixtures/notes-holdout-84; cardiology, pulmonology, nephrology, endocrinology; first scored on 65031ca dx 0.962 / 0.926, procedures 0.911 / 0.927, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-85', dir: resolve(here, '../test/fixtures/notes-holdout-85'), title: 'Held-out 85, sealed until session 14 (test/fixtures/notes-holdout-85; injuries, burns, bites, poisonings; first scored on 65031ca dx 0.702 / 0.717, procedures 0.915 / 0.843, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-86', dir: resolve(here, '../test/fixtures/notes-holdout-86'), title: 'Held-out 86, sealed until session 14 (test/fixtures/notes-holdout-86; infectious disease, dermatology, allergy, women health; first scored on 65031ca dx 0.750 / 0.735, procedures 0.865 / 0.763, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-87', dir: resolve(here, '../test/fixtures/notes-holdout-87'), title: 'Held-out 87, sealed until session 14 (test/fixtures/notes-holdout-87; messy primary care, behavioral health, substance use; first scored on 65031ca dx 0.968 / 0.953, procedures 0.934 / 0.950, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-88', dir: resolve(here, '../test/fixtures/notes-holdout-88'), title: 'Held-out 88, sealed until session 15 (test/fixtures/notes-holdout-88; gastroenterology, hepatology, urology; first scored on 925b6d3 dx 0.825 / 0.897, procedures 0.844 / 0.826, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-89', dir: resolve(here, '../test/fixtures/notes-holdout-89'), title: 'Held-out 89, sealed until session 15 (test/fixtures/notes-holdout-89; neurology, rheumatology, non-traumatic musculoskeletal; first scored on 925b6d3 dx 0.737 / 0.792, procedures 0.823 / 0.864, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-90', dir: resolve(here, '../test/fixtures/notes-holdout-90'), title: 'Held-out 90, sealed until session 15 (test/fixtures/notes-holdout-90; oncology, hematology, anticoagulation; first scored on 925b6d3 dx 0.759 / 0.641, procedures 0.863 / 0.830, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-91', dir: resolve(here, '../test/fixtures/notes-holdout-91'), title: 'Held-out 91, sealed until session 15 (test/fixtures/notes-holdout-91; acute ENT, eye and respiratory visits, children and adults; first scored on 925b6d3 dx 0.865 / 0.918, procedures 0.878 / 0.796, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-92', dir: resolve(here, '../test/fixtures/notes-holdout-92'), title: 'Held-out 92, sealed until session 16 (test/fixtures/notes-holdout-92; women\'s health and obstetrics; first scored on e4ca981 dx 0.755 / 0.816, procedures 0.906 / 0.829, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-93', dir: resolve(here, '../test/fixtures/notes-holdout-93'), title: 'Held-out 93, sealed until session 16 (test/fixtures/notes-holdout-93; behavioral health and substance use; first scored on e4ca981 dx 0.788 / 0.854, procedures 0.917 / 0.830, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-94', dir: resolve(here, '../test/fixtures/notes-holdout-94'), title: 'Held-out 94, sealed until session 16 (test/fixtures/notes-holdout-94; dermatology, wound care and podiatry; first scored on e4ca981 dx 0.604 / 0.696, procedures 0.718 / 0.800, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-95', dir: resolve(here, '../test/fixtures/notes-holdout-95'), title: 'Held-out 95, sealed until session 16 (test/fixtures/notes-holdout-95; geriatrics and Medicare chronic care; first scored on e4ca981 dx 0.814 / 0.800, procedures 0.765 / 0.830, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-96', dir: resolve(here, '../test/fixtures/notes-holdout-96'), title: 'Held-out 96, sealed until session 17 (test/fixtures/notes-holdout-96; everyday adult primary care; first scored on 4745961 dx 0.923 / 0.980, procedures 0.980 / 0.943, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-97', dir: resolve(here, '../test/fixtures/notes-holdout-97'), title: 'Held-out 97, sealed until session 17 (test/fixtures/notes-holdout-97; cardiology, endocrinology, nephrology and pulmonology follow-ups; first scored on 4745961 dx 0.886 / 0.925, procedures 0.977 / 0.896, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-98', dir: resolve(here, '../test/fixtures/notes-holdout-98'), title: 'Held-out 98, sealed until session 17 (test/fixtures/notes-holdout-98; pediatrics and urgent care; first scored on 4745961 dx 0.795 / 0.861, procedures 0.918 / 0.862, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-99', dir: resolve(here, '../test/fixtures/notes-holdout-99'), title: 'Held-out 99, sealed until session 17 (test/fixtures/notes-holdout-99; orthopedics, sports medicine and pain management; first scored on 4745961 dx 0.719 / 0.697, procedures 0.809 / 0.760, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-100', dir: resolve(here, '../test/fixtures/notes-holdout-100'), title: 'Held-out 100, sealed until session 18 (test/fixtures/notes-holdout-100; gastroenterology, ENT and ophthalmology; first scored on e07b117 dx 0.878 / 0.860, procedures 0.618 / 0.568, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-101', dir: resolve(here, '../test/fixtures/notes-holdout-101'), title: 'Held-out 101, sealed until session 18 (test/fixtures/notes-holdout-101; infectious disease, wound care and infusion; first scored on e07b117 dx 0.787 / 0.685, procedures 0.814 / 0.761, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-102', dir: resolve(here, '../test/fixtures/notes-holdout-102'), title: 'Held-out 102, sealed until session 18 (test/fixtures/notes-holdout-102; oncology, hematology and urology; first scored on e07b117 dx 0.722 / 0.591, procedures 0.745 / 0.691, 5 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-103', dir: resolve(here, '../test/fixtures/notes-holdout-103'), title: 'Held-out 103, sealed until session 18 (test/fixtures/notes-holdout-103; family medicine and telehealth; first scored on e07b117 dx 0.831 / 0.871, procedures 0.864 / 0.864, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-104', dir: resolve(here, '../test/fixtures/notes-holdout-104'), title: 'Held-out 104, sealed until session 19 (test/fixtures/notes-holdout-104; adult primary care and internal medicine chronic disease; first scored on 2e907c3 dx 0.845 / 0.968, procedures 0.889 / 0.889, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-105', dir: resolve(here, '../test/fixtures/notes-holdout-105'), title: 'Held-out 105, sealed until session 19 (test/fixtures/notes-holdout-105; urgent care and minor procedures; first scored on 2e907c3 dx 0.800 / 0.889, procedures 0.898 / 0.957, 3 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-106', dir: resolve(here, '../test/fixtures/notes-holdout-106'), title: 'Held-out 106, sealed until session 19 (test/fixtures/notes-holdout-106; women\'s health and pediatrics; first scored on 2e907c3 dx 0.810 / 0.839, procedures 0.891 / 0.851, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-107', dir: resolve(here, '../test/fixtures/notes-holdout-107'), title: 'Held-out 107, sealed until session 19 (test/fixtures/notes-holdout-107; behavioral health, neurology and rheumatology; first scored on 2e907c3 dx 0.898 / 0.957, procedures 0.872 / 0.854, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-108', dir: resolve(here, '../test/fixtures/notes-holdout-108'), title: 'Held-out 108, sealed until session 20 (test/fixtures/notes-holdout-108; everyday family medicine sick and chronic visits; first scored on 95bcedb dx 0.939 / 0.958, procedures 0.936 / 0.917, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-109', dir: resolve(here, '../test/fixtures/notes-holdout-109'), title: 'Held-out 109, sealed until session 20 (test/fixtures/notes-holdout-109; cardiology, pulmonology and nephrology follow-up; first scored on 95bcedb dx 0.881 / 0.787, procedures 0.955 / 0.824, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-110', dir: resolve(here, '../test/fixtures/notes-holdout-110'), title: 'Held-out 110, sealed until session 20 (test/fixtures/notes-holdout-110; Medicare geriatrics and chronic care; first scored on 95bcedb dx 0.870 / 0.909, procedures 0.872 / 0.872, 2 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-111', dir: resolve(here, '../test/fixtures/notes-holdout-111'), title: 'Held-out 111, sealed until session 20 (test/fixtures/notes-holdout-111; dermatology and ENT/eye minor procedures; first scored on 95bcedb dx 0.805 / 0.846, procedures 0.833 / 0.833, 1 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-112', dir: resolve(here, '../test/fixtures/notes-holdout-112'), title: 'Held-out 112, sealed until session 21 (test/fixtures/notes-holdout-112; endocrinology and diabetes; first scored on 2ab4d52 dx 0.848 / 0.918, procedures 0.829 / 0.879, 5 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-113', dir: resolve(here, '../test/fixtures/notes-holdout-113'), title: 'Held-out 113, sealed until session 21 (test/fixtures/notes-holdout-113; pediatrics and adolescent medicine; first scored on 2ab4d52 dx 0.739 / 0.872, procedures 0.892 / 0.835, 4 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-114', dir: resolve(here, '../test/fixtures/notes-holdout-114'), title: 'Held-out 114, sealed until session 21 (test/fixtures/notes-holdout-114; urgent care and occupational medicine injuries; first scored on 2ab4d52 dx 0.846 / 0.786, procedures 0.905 / 0.864, 0 must-not codes; then opened)', heldOut: true },
  { id: 'holdout-115', dir: resolve(here, '../test/fixtures/notes-holdout-115'), title: 'Held-out 115, sealed until session 21 (test/fixtures/notes-holdout-115; adult preventive and chronic primary care; first scored on 2ab4d52 dx 0.887 / 0.855, procedures 0.900 / 0.938, 1 must-not codes; then opened)', heldOut: true },
];

/** Runs the engine over every note of a gold file and scores it. */
export function evaluateNotes(engine: SuggestionEngine, dir = NOTES_DIR): NotesEvaluation {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { notes: GoldNote[] };
  const dx = { tp: 0, suggested: 0, gold: 0 };
  const px = { tp: 0, suggested: 0, gold: 0 };
  let forbidden = 0;
  let firstListed = 0;
  const units = { right: 0, of: 0 };
  const perNote: NotesEvaluation['perNote'] = [];
  for (const note of gold.notes) {
    const path = join(dir, note.file);
    if (!existsSync(path)) throw new Error(`gold.json names ${note.file}, which is missing`);
    const text = readFileSync(path, 'utf8');
    const document = note.file.endsWith('.html') ? chartFromHtml(text) : chartFromText(text);
    const result = engine.suggest(document, { setting: note.setting ?? 'outpatient' });
    const suggested = new Set(result.diagnoses.map((d) => d.code));
    const wanted = new Set(note.diagnoses);
    const hits = [...suggested].filter((c) => wanted.has(c));
    dx.tp += hits.length;
    dx.suggested += suggested.size;
    dx.gold += wanted.size;
    const firstRight = result.diagnoses[0]?.code === note.diagnoses[0];
    if (firstRight) firstListed++;
    const procSuggested = new Map(result.procedures.map((p) => [p.code, p]));
    const procWanted = new Map(note.procedures.map((p) => [p.code, p]));
    for (const [code, p] of procSuggested) {
      const g = procWanted.get(code);
      if (!g) continue;
      px.tp++;
      if (g.units !== undefined) {
        units.of++;
        if ((p.units ?? 1) === g.units) units.right++;
      }
    }
    px.suggested += procSuggested.size;
    px.gold += procWanted.size;
    const bad = [...suggested, ...procSuggested.keys()].filter((c) => note.mustNotCode.includes(c));
    forbidden += bad.length;
    perNote.push({ file: note.file, missing: [...wanted].filter((c) => !suggested.has(c)).concat([...procWanted.keys()].filter((c) => !procSuggested.has(c))), extra: [...suggested].filter((c) => !wanted.has(c)).concat([...procSuggested.keys()].filter((c) => !procWanted.has(c))), forbidden: bad, ...(firstRight ? {} : { firstListed: result.diagnoses[0]?.code ?? 'none' }) });
  }
  return { notes: gold.notes.length, diagnoses: scores(dx), procedures: scores(px), forbiddenCodesSuggested: forbidden, firstListedCorrect: firstListed, unitsCorrect: units, perNote };
}

/** Several sets scored as one (micro-averaged: every code counts once, whichever set it is in). */
export function poolNoteEvaluations(sets: NotesEvaluation[]): Omit<NotesEvaluation, 'perNote'> {
  const sum = (pick: (e: NotesEvaluation) => number) => sets.reduce((total, e) => total + pick(e), 0);
  const pool = (pick: (e: NotesEvaluation) => Scores) => scores({ tp: sum((e) => pick(e).truePositives), suggested: sum((e) => pick(e).suggested), gold: sum((e) => pick(e).gold) });
  return {
    notes: sum((e) => e.notes),
    diagnoses: pool((e) => e.diagnoses),
    procedures: pool((e) => e.procedures),
    forbiddenCodesSuggested: sum((e) => e.forbiddenCodesSuggested),
    firstListedCorrect: sum((e) => e.firstListedCorrect),
    unitsCorrect: { right: sum((e) => e.unitsCorrect.right), of: sum((e) => e.unitsCorrect.of) },
  };
}

function scores(s: { tp: number; suggested: number; gold: number }): Scores {
  const precision = s.suggested ? s.tp / s.suggested : 0;
  const recall = s.gold ? s.tp / s.gold : 0;
  return { truePositives: s.tp, suggested: s.suggested, gold: s.gold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { loadCatalog } = await import('../cli/bundles');
  const { createSuggestionEngine } = await import('../lib/suggest');
  const flag = process.argv.indexOf('--set');
  // --holdout / --holdout-2 are the older spellings of --set holdout-1 / holdout-2.
  const id = flag > 0 ? process.argv[flag + 1] : process.argv.includes('--holdout-2') ? 'holdout-2' : process.argv.includes('--holdout') ? 'holdout-1' : 'dev';
  const set = NOTE_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`unknown note set "${id}": one of ${NOTE_SETS.map((s) => s.id).join(', ')}`);
  const result = evaluateNotes(createSuggestionEngine(await loadCatalog()), set.dir);
  const { perNote, ...summary } = result;
  console.log(JSON.stringify(summary, null, 2));
  // A sealed set gives its summary only: per-note misses would show what its notes say.
  if (process.argv.includes('--verbose') && !set.sealed) for (const n of perNote) if (n.missing.length || n.extra.length) console.log(n.file, 'missing', n.missing.join(' '), '| extra', n.extra.join(' '), n.forbidden.length ? `| FORBIDDEN ${n.forbidden.join(' ')}` : '');
}
