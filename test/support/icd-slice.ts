import { CodeSetCatalog } from '../../lib/codesets/catalog';
import { linkParents } from '../../lib/codesets/parse-icd10cm-order';
import type { CodeRecord, CodeSetBundle, TabularNotes } from '../../lib/codesets/types';

/** One code of a hand-picked ICD-10-CM slice: code, billable, title as published, chapter, optional notes and synonyms. */
export type IcdSliceRow = [code: string, billable: boolean, title: string, chapter: number, notes?: TabularNotes, synonyms?: string[]];

/**
 * A catalog holding only the given FY2026 ICD-10-CM codes (parents linked as the order file would), so engine tests
 * state exactly which titles, notes and synonyms the rule under test can see. `details` adds fields to single codes.
 */
export function icdSliceCatalog(rows: IcdSliceRow[], details: Record<string, Partial<CodeRecord>> = {}): CodeSetCatalog {
  const codes: CodeRecord[] = rows.map(([code, billable, title, chapter, notes, synonyms]) => ({
    system: 'icd10cm',
    code,
    title,
    billable,
    chapter,
    ...(notes ? { notes } : {}),
    ...(synonyms ? { synonyms } : {}),
    ...details[code],
  }));
  linkParents(codes);
  const bundle: CodeSetBundle = { formatVersion: 1, id: 'icd10cm@FY2026', system: 'icd10cm', version: 'FY2026', fiscalYear: 2026, effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30', sources: [], builtAt: '', codes, counts: {} };
  return new CodeSetCatalog([bundle]);
}
