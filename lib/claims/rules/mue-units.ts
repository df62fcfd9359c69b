/**
 * NCCI Medically Unlikely Edits (practitioner table): the most units of a code one provider reports for one
 * patient on one date of service. The MUE Adjudication Indicator (MAI) says how the limit applies:
 * MAI 1, line edit: each claim line is compared to the limit (more units may go on separate lines with
 *   modifiers), so a line over the limit is an error;
 * MAI 2, date-of-service edit, policy: all lines of the code on the same date add up, and the limit is absolute
 *   (set by policy or regulation) — an error;
 * MAI 3, date-of-service edit, clinical: all lines on the date add up; payers deny units over the limit, but
 *   they can be paid on appeal when documentation supports them — a warning.
 */
import { MUE_ADJUDICATION_MEANING } from '../../codesets/parse-cms-edits';
import type { MueEdit } from '../../codesets/types';
import { lineName, linesOf, type PlacedLine } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'mue-units';

/** The limits by code, built once per edits table (a queue checks thousands of encounters against it). */
const limitsByTable = new WeakMap<MueEdit[], Map<string, MueEdit>>();
function limitsOf(table: MueEdit[]): Map<string, MueEdit> {
  let limits = limitsByTable.get(table);
  if (!limits) {
    limits = new Map(table.map((m) => [m.code, m]));
    limitsByTable.set(table, limits);
  }
  return limits;
}

export const mueUnits: ClaimRule = {
  id: RULE,
  description: 'Units per line and per date of service stay within the NCCI MUE practitioner limits',
  check(encounter, ctx) {
    const mue = ctx.edits?.mue;
    if (!mue) return [];
    const limits = limitsOf(mue.practitioner);
    const out: CheckResult[] = [];
    const byDay = new Map<string, { edit: MueEdit; lines: PlacedLine[] }>();
    for (const placed of linesOf(encounter)) {
      const { line, field, date } = placed;
      const code = typeof line.code === 'string' ? line.code.trim().toUpperCase() : '';
      const edit = limits.get(code);
      if (!edit || !Number.isFinite(line.units)) continue;
      if (edit.mai === 1) {
        if (line.units > edit.units) out.push(finding(edit, [placed], line.units, `${lineName(line)} reports ${line.units} units`, mue, date, `${field}.units`));
        continue;
      }
      const key = `${code}|${date}`;
      const group = byDay.get(key);
      if (group) group.lines.push(placed);
      else byDay.set(key, { edit, lines: [placed] });
    }
    for (const { edit, lines } of byDay.values()) {
      const total = lines.reduce((n, l) => n + l.line.units, 0);
      if (total <= edit.units) continue;
      const what = lines.length === 1 ? `${lineName(lines[0]!.line)} reports ${total} units` : `lines ${lines.map((l) => l.line.id).join(', ')} report ${total} units together on ${lines[0]!.date}`;
      out.push(finding(edit, lines, total, what, mue, lines[0]!.date, `${lines[0]!.field}.units`));
    }
    return out;
  },
};

function finding(edit: MueEdit, lines: PlacedLine[], units: number, what: string, mue: { version: string; effectiveFrom: string; effectiveTo: string }, date: string, field: string): CheckResult {
  const limit = edit.units === 0 ? `Medicare pays no units of ${edit.code} in the practitioner setting` : `the MUE limit for ${edit.code} is ${edit.units} ${edit.mai === 1 ? 'per line' : 'per day'}`;
  const advice =
    edit.mai === 3
      ? ' Units over the limit are denied unless documentation supports them on appeal: check the units, and keep the record ready.'
      : edit.mai === 2
        ? ' The limit is absolute policy; correct the units.'
        : ' Correct the units, or report the extra units on a separate line only where a modifier makes it a distinct service.';
  const outside = date < mue.effectiveFrom || date > mue.effectiveTo ? ` (The loaded MUE table is effective ${mue.effectiveFrom} to ${mue.effectiveTo}; the limit on ${date} may differ.)` : '';
  return {
    rule: RULE,
    severity: edit.mai === 3 ? 'warning' : 'error',
    codes: [edit.code],
    message: `${what}, but ${limit} (MAI ${edit.mai}: ${MUE_ADJUDICATION_MEANING[edit.mai]}).${advice}${outside}`.replace(/^./, (c) => c.toUpperCase()),
    source: `CMS NCCI practitioner ${mue.version} — MAI ${edit.mai}${edit.rationale ? `, rationale: ${edit.rationale}` : ''}`,
    line: lines[0]!.line.id,
    field,
  };
}
