import type { CodeSetCatalog } from '../../codesets';
import { makeLine } from './lines';
import type { NamedProcedureRules } from './rules';
import type { ProcedureLine, StageResult } from './types';

/**
 * Services with their own code alone and an add-on code beside an E/M (psychotherapy 90832/90834/90837
 * alone, 90833/90836/90838 with a same-day E/M): when the visit has an office E/M line, each standalone
 * code named in a concept's `withEm` table becomes its add-on code, same units, evidence and rule.
 *
 * @example withEmAddOns(named, emLines, rules, catalog, '2026-03-01') // 90832 → 90833 when a 99214 is billed
 */
export function withEmAddOns(result: StageResult, emLines: readonly ProcedureLine[], rules: NamedProcedureRules, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  if (!emLines.some((l) => l.kind === 'em')) return result;
  const addOn = new Map(rules.concepts.flatMap((c) => Object.entries(c.withEm ?? {})));
  if (addOn.size === 0) return result;
  const em = emLines.find((l) => l.kind === 'em')!;
  const excluded = [...result.excluded];
  const lines = result.lines.flatMap((line) => {
    const to = addOn.get(line.code);
    if (!to) return [line];
    const { title: _title, system: _system, code: _code, ...rest } = line;
    const made = makeLine(catalog, dateOfService, {
      code: to,
      kind: line.kind,
      rule: `${line.rule}; with the same-day E/M ${em.code} → add-on ${to}`,
      confidence: line.confidence,
      evidence: line.evidence,
      units: line.units ?? 1,
      warnings: line.warnings,
    });
    if (made.excluded) excluded.push(made.excluded);
    return made.line ? [{ ...rest, ...made.line, addOnToEm: true }] : [];
  });
  return { lines, excluded };
}
