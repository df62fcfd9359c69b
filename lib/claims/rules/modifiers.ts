/**
 * Line modifiers. An 837P line takes at most four two-character modifiers (SV101-3 to SV101-6). Modifiers that
 * start with a letter are HCPCS Level II modifiers, checked against the CMS HCPCS file (official and complete,
 * so an unknown one is an error, and a terminated one too). Modifiers that start with a digit are CPT
 * modifiers: Chart Coder only holds its own short list of common ones, so an unknown one is a warning.
 */
import { lineNameAtStart, linesOf } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'modifiers';
const SHAPE = '837P (005010X222A1) SV101-3 to SV101-6: up to 4 two-character modifiers';

export const modifiers: ClaimRule = {
  id: RULE,
  description: 'At most 4 modifiers per line, each a known, active HCPCS or CPT modifier',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    for (const { line, field, date } of linesOf(encounter)) {
      const at = { rule: RULE, line: line.id, field: `${field}.modifiers` };
      if (line.modifiers !== undefined && !Array.isArray(line.modifiers)) {
        out.push({ ...at, severity: 'error', codes: [], message: `${lineNameAtStart(line)}: modifiers must be a list of two-character codes.`, source: SHAPE });
        continue;
      }
      const list: unknown[] = line.modifiers ?? [];
      if (list.length > 4) out.push({ ...at, severity: 'error', codes: list.map(String), message: `${lineNameAtStart(line)} has ${list.length} modifiers; a line takes at most 4.`, source: SHAPE });
      const seen = new Set<string>();
      for (const raw of list) {
        const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
        if (!/^[0-9A-Z]{2}$/.test(code)) {
          out.push({ ...at, severity: 'error', codes: [String(raw)], message: `${lineNameAtStart(line)}: "${String(raw)}" is not a two-character modifier.`, source: SHAPE });
          continue;
        }
        if (seen.has(code)) out.push({ ...at, severity: 'warning', codes: [code], message: `${lineNameAtStart(line)} lists modifier ${code} twice; report it once.`, source: SHAPE });
        seen.add(code);
        if (ctx.modifiers.size === 0) continue;
        const known = ctx.modifiers.get(code);
        const isCpt = /^\d/.test(code);
        const listName = isCpt ? "Chart Coder's built-in list of CPT modifiers" : `the ${ctx.modifierLists.hcpcs ?? 'HCPCS'} modifier list`;
        if (known?.terminatedOn && known.terminatedOn < date) {
          out.push({ ...at, severity: 'error', codes: [code], message: `${lineNameAtStart(line)}: modifier ${code} was terminated on ${known.terminatedOn}, before the date of service ${date}.`, source: listName });
        } else if (!known) {
          const official = !isCpt && ctx.modifierLists.hcpcs !== undefined;
          out.push({
            ...at,
            severity: official ? 'error' : 'warning',
            codes: [code],
            message: official
              ? `${lineNameAtStart(line)}: ${code} is not a HCPCS Level II modifier.`
              : `${lineNameAtStart(line)}: modifier ${code} is not in ${listName}, so it was not checked; confirm it in the current CPT book.`,
            source: listName,
          });
        }
      }
    }
    return out;
  },
};
