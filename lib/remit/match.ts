/**
 * Finds the encounter each 835 claim is about, and the encounter line each paid service is about.
 * Only the patient control number (CLP01 = claimId) is trusted on its own; a match by patient, date and
 * charge is a suggestion a biller must confirm, because two visits can look alike.
 */
import type { CodedEncounter, ServiceLine } from '../encounter/types';
import type { RemittanceClaim, RemittanceService } from './types';

export type ClaimMatch =
  | { kind: 'matched'; encounterId: string; by: 'claimId' | 'confirmed' }
  | { kind: 'suggested'; encounterIds: string[]; by: 'claimId' | 'patient-date-charge'; why: string }
  | { kind: 'unmatched'; why: string };

const norm = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
const cents = (d: number) => Math.round(d * 100);

function encounterTotalCents(e: CodedEncounter): number {
  return e.lines.reduce((s, l) => s + cents(l.charge), 0);
}

/** The encounters indexed for matching many claims at once. */
export interface EncounterIndex {
  byClaimId: Map<string, CodedEncounter[]>;
  byPatientDate: Map<string, CodedEncounter[]>;
  byId: Map<string, CodedEncounter>;
}

const patientDateKey = (family: string, given: string, date: string) => `${norm(family)}|${norm(given)}|${date}`;

export function indexEncounters(encounters: readonly CodedEncounter[]): EncounterIndex {
  const index: EncounterIndex = { byClaimId: new Map(), byPatientDate: new Map(), byId: new Map() };
  const add = (map: Map<string, CodedEncounter[]>, key: string, e: CodedEncounter) => map.set(key, [...(map.get(key) ?? []), e]);
  for (const e of encounters) {
    index.byId.set(e.id, e);
    if (e.claimId) add(index.byClaimId, norm(e.claimId), e);
    add(index.byPatientDate, patientDateKey(e.patient.name.family, e.patient.name.given, e.dateOfService), e);
  }
  return index;
}

/** The date of service a claim reports: DTM*232, else its earliest service date. */
export function claimServiceDate(claim: RemittanceClaim): string | undefined {
  if (claim.serviceDate) return claim.serviceDate;
  const dates = claim.services.map((s) => s.date).filter((d): d is string => !!d).sort();
  return dates[0];
}

/**
 * Matches one claim: CLP01 equal to an encounter's claimId (case-insensitive) → matched; else the patient's name
 * (NM1*QC), date of service and billed total all equal to one or more encounters' → suggested; else unmatched.
 */
export function matchClaim(claim: RemittanceClaim, encounters: readonly CodedEncounter[] | EncounterIndex): ClaimMatch {
  const index = Array.isArray(encounters) ? indexEncounters(encounters) : (encounters as EncounterIndex);
  const byId = index.byClaimId.get(norm(claim.claimId)) ?? [];
  if (byId.length === 1) return { kind: 'matched', encounterId: byId[0]!.id, by: 'claimId' };
  if (byId.length > 1) return { kind: 'suggested', encounterIds: byId.map((e) => e.id), by: 'claimId', why: `${byId.length} encounters share claim id ${claim.claimId}` };
  const date = claimServiceDate(claim);
  if (!claim.patient || !date) return { kind: 'unmatched', why: `no encounter has claim id ${claim.claimId}, and the claim lacks the patient name or date of service to look further` };
  const billed = cents(Math.abs(claim.billed));
  const candidates = (index.byPatientDate.get(patientDateKey(claim.patient.family, claim.patient.given, date)) ?? []).filter((e) => encounterTotalCents(e) === billed);
  if (candidates.length === 0) return { kind: 'unmatched', why: `no encounter has claim id ${claim.claimId}, nor patient ${claim.patient.family}, ${claim.patient.given} on ${date} billed ${(billed / 100).toFixed(2)}` };
  return {
    kind: 'suggested',
    encounterIds: candidates.map((e) => e.id),
    by: 'patient-date-charge',
    why: `claim id ${claim.claimId} is unknown; same patient, date of service ${date} and billed total ${(billed / 100).toFixed(2)}`,
  };
}

/** Which encounter line each service matched (by index into claim.services), and the services left over. */
export interface LineMatches {
  /** Service index → encounter line id. */
  lines: Map<number, string>;
  /** How each service was matched. */
  by: Map<number, 'line-id' | 'code-date'>;
  unmatchedServices: number[];
}

const modifierKey = (mods: readonly string[]) => mods.map(norm).filter(Boolean).sort().join(',');

/**
 * Matches services to lines: REF*6R equal to a line id first; the rest by code + modifiers (any order) + date
 * (the service's DTM*472, else the claim's date; the line's own date, else the encounter's). A line takes one service.
 */
export function matchServiceLines(claim: RemittanceClaim, encounter: CodedEncounter): LineMatches {
  const result: LineMatches = { lines: new Map(), by: new Map(), unmatchedServices: [] };
  const free = new Map<string, ServiceLine>(encounter.lines.map((l) => [l.id, l]));
  const claimDate = claimServiceDate(claim);
  claim.services.forEach((svc, i) => {
    if (svc.lineId && free.has(svc.lineId)) {
      result.lines.set(i, svc.lineId);
      result.by.set(i, 'line-id');
      free.delete(svc.lineId);
    }
  });
  claim.services.forEach((svc, i) => {
    if (result.lines.has(i)) return;
    const line = [...free.values()].find((l) => sameService(svc, l, svc.date ?? claimDate, l.dateOfService ?? encounter.dateOfService));
    if (!line) return void result.unmatchedServices.push(i);
    result.lines.set(i, line.id);
    result.by.set(i, 'code-date');
    free.delete(line.id);
  });
  return result;
}

function sameService(svc: RemittanceService, line: ServiceLine, svcDate: string | undefined, lineDate: string): boolean {
  // SVC06 carries the code as sent when the payer paid under another; that is the one our line has.
  const code = norm(svc.submittedCode || svc.code);
  return code === norm(line.code) && modifierKey(svc.modifiers) === modifierKey(line.modifiers) && (svcDate === undefined || svcDate === lineDate);
}
