/**
 * Diagnosis pointers. Each 837P service line points to 1–4 of the claim's diagnoses (SV107, CMS-1500 item 24E),
 * by their position 1–12 (A–L); a line with no pointer has no diagnosis to support it, a pointer past the end
 * of the list points at nothing, and the same pointer twice is rejected.
 */
import { diagnosisLetter, lineNameAtStart, linesOf } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'diagnosis-pointers';
const SOURCE = '837P (005010X222A1) SV107 diagnosis code pointers; CMS-1500 item 24E';

export const diagnosisPointers: ClaimRule = {
  id: RULE,
  description: 'Every line points to 1–4 existing diagnoses, each once',
  check(encounter) {
    const count = Array.isArray(encounter.diagnoses) ? encounter.diagnoses.length : 0;
    const out: CheckResult[] = [];
    for (const { line, field } of linesOf(encounter)) {
      const at = { rule: RULE, severity: 'error' as const, codes: line.code ? [line.code] : [], source: SOURCE, line: line.id, field: `${field}.pointers` };
      const pointers: unknown[] = Array.isArray(line.pointers) ? line.pointers : [];
      if (pointers.length === 0) {
        out.push({ ...at, message: `${lineNameAtStart(line)} points to no diagnosis; every line needs at least one diagnosis that supports it.` });
        continue;
      }
      if (pointers.length > 4) out.push({ ...at, message: `${lineNameAtStart(line)} has ${pointers.length} diagnosis pointers; a line takes at most 4.` });
      const seen = new Set<unknown>();
      const repeated = new Set<unknown>();
      for (const p of pointers) {
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > count) {
          const range = count === 0 ? 'but the encounter has no diagnoses' : `but only 1–${count} (${diagnosisLetter(0)}–${diagnosisLetter(count - 1)}) exist`;
          out.push({ ...at, message: `${lineNameAtStart(line)} has pointer ${JSON.stringify(p)}, ${range}.` });
        } else if (seen.has(p) && !repeated.has(p)) {
          repeated.add(p);
          out.push({ ...at, message: `${lineNameAtStart(line)} points to diagnosis ${p} (${diagnosisLetter(p - 1)}) twice; list each pointer once.` });
        }
        seen.add(p);
      }
    }
    return out;
  },
};
