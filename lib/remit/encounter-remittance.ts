/**
 * The encounter after a remittance: line remittances filled, status and history updated. Pure: the input
 * encounter is never changed (callers keep it for the audit log's "before").
 */
import type { CodedEncounter, EncounterStatus, LineRemittance, StatusChange } from '../encounter/types';

export interface EncounterRemittanceChange {
  /** The status after the remittance. */
  status: EncounterStatus;
  /** Line id → what the payer said about that line; lines not named keep what they had. */
  lineRemittance: Readonly<Record<string, LineRemittance>>;
  /** Kept in the status history, e.g. "CO-16 Claim is missing information … (M51)". */
  reason?: string;
  by: string;
  /** ISO time of the import. */
  at: string;
}

/** A copy of `encounter` with the remittance applied; a history entry is added only when the status changes. */
export function encounterWithRemittance(encounter: CodedEncounter, change: EncounterRemittanceChange): CodedEncounter {
  const lines = encounter.lines.map((line) => {
    const remittance = change.lineRemittance[line.id];
    return remittance ? { ...line, remittance: copyRemittance(remittance) } : line;
  });
  const statusHistory = [...(encounter.statusHistory ?? [])];
  if (change.status !== encounter.status) {
    const entry: StatusChange = { status: change.status, at: change.at, by: change.by };
    if (change.reason?.trim()) entry.reason = change.reason.trim();
    statusHistory.push(entry);
  }
  return { ...encounter, lines, status: change.status, updatedAt: change.at, statusHistory };
}

function copyRemittance(r: LineRemittance): LineRemittance {
  return {
    paid: r.paid,
    ...(r.allowed !== undefined ? { allowed: r.allowed } : {}),
    adjustments: r.adjustments.map((a) => ({ ...a })),
    remarks: [...r.remarks],
  };
}
