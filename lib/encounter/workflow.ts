/**
 * The status workflow of a coded encounter. Pure rules: the claim checks run elsewhere and the caller tells
 * us whether they passed, so this module never depends on the rule engine.
 */
import type { CodedEncounter, EncounterStatus, StatusChange } from './types';

export const ENCOUNTER_STATUSES: readonly EncounterStatus[] = [
  'draft', 'ready', 'exported', 'sent', 'accepted', 'rejected', 'corrected', 'resent', 'paid', 'partially-paid', 'denied', 'reversed',
];

const REMITTANCE: EncounterStatus[] = ['paid', 'partially-paid', 'denied'];

/**
 * Allowed moves. Decisions beyond the obvious ones:
 * - corrected → resent once the corrected claim is re-exported or pushed; corrected → draft to edit further.
 * - exported counts as submitted: a clearinghouse response (accepted/rejected) or a remittance may follow.
 * - partially-paid → paid when a later remittance pays the rest, → corrected to resubmit the unpaid lines.
 * - reversed → corrected, or a new remittance outcome when the payer re-adjudicates.
 */
export const STATUS_TRANSITIONS: Readonly<Record<EncounterStatus, readonly EncounterStatus[]>> = {
  draft: ['ready'],
  ready: ['draft', 'exported', 'sent'],
  exported: ['sent', 'accepted', 'rejected', ...REMITTANCE],
  sent: ['accepted', 'rejected', ...REMITTANCE],
  resent: ['accepted', 'rejected', ...REMITTANCE],
  accepted: [...REMITTANCE],
  rejected: ['corrected'],
  corrected: ['resent', 'draft'],
  paid: ['reversed'],
  'partially-paid': ['paid', 'reversed', 'corrected'],
  denied: ['corrected'],
  reversed: ['corrected', ...REMITTANCE],
};

/** Moves that need a reason (the payer's or clearinghouse's code, or free text). */
export const REASON_REQUIRED: readonly EncounterStatus[] = ['rejected', 'denied'];

/** Moves that put a claim in front of a payer: the claim checks must have passed. */
export function needsPassingChecks(from: EncounterStatus, to: EncounterStatus): boolean {
  return (from === 'draft' && to === 'ready') || (from === 'corrected' && to === 'resent');
}

export function isEncounterStatus(value: unknown): value is EncounterStatus {
  return typeof value === 'string' && (ENCOUNTER_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: EncounterStatus, to: EncounterStatus): boolean {
  return STATUS_TRANSITIONS[from]?.includes(to) ?? false;
}

/** The statuses `from` may move to, in workflow order. */
export function nextStatuses(from: EncounterStatus): EncounterStatus[] {
  return [...(STATUS_TRANSITIONS[from] ?? [])];
}

export interface TransitionOptions {
  /** Who made the change. */
  by: string;
  /** ISO time. Default: now. */
  at?: string;
  /** Required for rejected and denied. */
  reason?: string;
  /** Whether the claim checks passed; required true for draft → ready and corrected → resent. */
  checksPass?: boolean;
}

/** A refused status change, with the reason in plain words. */
export class InvalidTransitionError extends Error {
  constructor(message: string, readonly from: EncounterStatus | string, readonly to: EncounterStatus | string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

/** Why `encounter` cannot move to `to`, or undefined when it can. */
export function transitionProblem(encounter: Pick<CodedEncounter, 'status'>, to: EncounterStatus, options: Omit<TransitionOptions, 'by' | 'at'> & { by?: string }): string | undefined {
  const from = encounter.status;
  if (!isEncounterStatus(to)) return `"${String(to)}" is not an encounter status.`;
  if (!isEncounterStatus(from)) return `The encounter has an unknown status "${String(from)}".`;
  if (!canTransition(from, to)) {
    const allowed = nextStatuses(from);
    return `An encounter cannot go from ${from} to ${to}; from ${from} it can go to ${allowed.length ? allowed.join(', ') : 'nothing'}.`;
  }
  if (REASON_REQUIRED.includes(to) && !options.reason?.trim()) return `Marking an encounter ${to} needs a reason (e.g. the payer's code).`;
  if (needsPassingChecks(from, to) && options.checksPass !== true) return `An encounter can go from ${from} to ${to} only when its claim checks pass.`;
  if (options.by !== undefined && !options.by.trim()) return 'A status change needs the name of who made it.';
  return undefined;
}

/** The encounter after a status change: a new object with `status`, `updatedAt` and `statusHistory` updated. */
export function transition(encounter: CodedEncounter, to: EncounterStatus, options: TransitionOptions): CodedEncounter {
  const problem = transitionProblem(encounter, to, { ...options, by: options.by ?? '' });
  if (problem) throw new InvalidTransitionError(problem, encounter.status, to);
  const at = options.at ?? new Date().toISOString();
  const change: StatusChange = { status: to, at, by: options.by };
  const reason = options.reason?.trim();
  if (reason) change.reason = reason;
  return { ...encounter, status: to, updatedAt: at, statusHistory: [...(encounter.statusHistory ?? []), change] };
}
