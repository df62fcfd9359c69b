import type { EncounterDraftPayload, EncounterHeaderDraft } from '@/lib/messaging';
import type { PatientHeader } from '@/lib/chart';
import type { CodeSystem } from '@/lib/codesets/types';
import type { ExcludedCandidate, Suggestion, SuggestionResult } from '@/lib/suggest/types';

/** A row's status; the values are the testing contract's `data-status`. */
export type RowStatus = 'suggested' | 'accepted' | 'rejected' | 'excluded';

/** One row of the sidebar: a suggestion (possibly changed by the coder) or an excluded candidate. */
export interface Row {
  /** Stable identity: the suggestion as the engine first gave it (`dx:E11.9`), kept when the coder changes the code. */
  key: string;
  kind: 'diagnosis' | 'procedure' | 'excluded';
  item: Suggestion | ExcludedCandidate;
  status: RowStatus;
  /** The engine's code when the coder changed it to another one. */
  editedFrom?: string;
}

/** Rows in display order: diagnoses, procedures, excluded. */
export function toRows(result: SuggestionResult): Row[] {
  return [
    ...result.diagnoses.map((item) => ({ key: `dx:${item.system}:${item.code}`, kind: 'diagnosis' as const, item, status: 'suggested' as const })),
    ...result.procedures.map((item) => ({ key: `px:${item.system}:${item.code}`, kind: 'procedure' as const, item, status: 'suggested' as const })),
    ...result.excluded.map((item) => ({ key: `ex:${item.system}:${item.code}:${item.reason}`, kind: 'excluded' as const, item, status: 'excluded' as const })),
  ];
}

/**
 * The rows of a new reading with the coder's decisions carried over: a code still suggested keeps its
 * accepted/rejected status and the code it was changed to; codes no longer suggested drop out, new ones come in.
 */
export function keepDecisions(previous: readonly Row[], next: readonly Row[]): Row[] {
  const decided = new Map(previous.filter((r) => r.status === 'accepted' || r.status === 'rejected' || r.editedFrom).map((r) => [r.key, r]));
  return next.map((row) => {
    const old = decided.get(row.key);
    if (!old || row.kind === 'excluded') return row;
    const item = old.editedFrom ? { ...row.item, system: old.item.system, code: old.item.code, title: old.item.title, warnings: (old.item as Suggestion).warnings } : row.item;
    return { ...row, item, status: old.status, editedFrom: old.editedFrom };
  });
}

/** Whether a row's code still needs its 7th character confirmed or chosen (the engine's warning says so). */
export function needsSeventh(row: Row): boolean {
  return row.kind !== 'excluded' && ((row.item as Suggestion).warnings ?? []).some((w) => /7th character/i.test(w));
}

/** The row with its code changed to the coder's choice; the change counts as accepting it. */
export function changeCode(row: Row, choice: { system: CodeSystem; code: string; title: string }): Row {
  if (row.kind === 'excluded') return row;
  const item = row.item as Suggestion;
  // The engine's 7th-character warning was about its own guess; the coder has now chosen.
  const warnings = item.warnings.filter((w) => !/7th character/i.test(w));
  return { ...row, item: { ...item, system: choice.system, code: choice.code, title: choice.title, warnings }, status: 'accepted', editedFrom: row.editedFrom ?? item.code };
}

/**
 * Moves the row at `index` to `position` (1-based) among the rows of its own list (diagnoses or procedures).
 * Returns the new rows and where the row now is; unchanged for excluded rows or a position past the list.
 */
export function moveRow(rows: readonly Row[], index: number, position: number): { rows: Row[]; index: number } {
  const row = rows[index];
  if (!row || row.kind === 'excluded') return { rows: [...rows], index };
  const same = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === row.kind);
  const target = same[Math.min(Math.max(position, 1), same.length) - 1]![1];
  if (target === index) return { rows: [...rows], index };
  const out = [...rows];
  out.splice(index, 1);
  out.splice(target, 0, row);
  return { rows: out, index: target };
}

/** The header form's starting values from the header read off the chart. */
export function headerDraft(header: PatientHeader | undefined): EncounterHeaderDraft {
  return {
    name: fieldValue(header?.name),
    dob: header?.dobIso ?? fieldValue(header?.dob),
    sex: header?.sex ?? '',
    mrn: fieldValue(header?.mrn),
    dateOfService: header?.dateOfServiceIso ?? fieldValue(header?.dateOfService),
    provider: fieldValue(header?.provider),
    patientStatus: header?.patientStatus ?? '',
  };
}

/**
 * A header value without what ran on after it on a one-line banner ("Rhee, Dana MD · Established patient"
 * → "Rhee, Dana MD"): the value ends at a spaced bullet or bar, and trailing separators go.
 */
function fieldValue(value: string | undefined): string {
  return (value ?? '').split(/\s+[·•|]\s+/)[0]!.replace(/[\s·•|]+$/, '').trim();
}

/** What 'encounter/create' carries: the edited header and the accepted codes in the coder's order, with evidence. */
export function encounterPayload(rows: readonly Row[], header: EncounterHeaderDraft, page: { url: string; title: string }, fromSelection: boolean): EncounterDraftPayload {
  const accepted = rows.filter((r) => r.status === 'accepted');
  const evidence = (item: Suggestion | ExcludedCandidate) => item.evidence.map((e) => ({ text: e.text, sentence: e.sentence, start: e.start, end: e.end }));
  return {
    header,
    diagnoses: accepted.filter((r) => r.kind === 'diagnosis').map((r) => ({ code: r.item.code, title: r.item.title, evidence: evidence(r.item) })),
    procedures: accepted
      .filter((r) => r.kind === 'procedure' && (r.item.system === 'cpt' || r.item.system === 'hcpcs'))
      .map((r) => {
        const item = r.item as Suggestion;
        return { system: item.system as 'cpt' | 'hcpcs', code: item.code, title: item.title, units: item.units && item.units > 0 ? item.units : 1, modifiers: item.modifiers ?? [], evidence: evidence(item) };
      }),
    page,
    fromSelection,
  };
}
