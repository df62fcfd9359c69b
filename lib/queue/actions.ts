/**
 * What the queue's buttons do, without React: run the claim checks, move encounters through the workflow,
 * and export claim files. Each action either completes or leaves the queue as it was: an export is built in
 * full before any status changes, and status changes happen in one transaction.
 */
import { blocksReady, runClaimChecks, type CheckResult, type CodeSetSource } from '../claims';
import type { OtherEncounterKey } from '../claims/types';
import type { CoderDB } from '../db';
import type { EncounterStore } from '../encounter/store';
import type { CodedEncounter, EncounterStatus } from '../encounter/types';
import { needsPassingChecks } from '../encounter/workflow';
import { encountersToCsv } from '../export/csv';
import { encountersToFhirBundle } from '../export/fhir-bundle';
import { encountersTo837p } from '../export/x12-837p';
import { loadPracticeSettings, nextControlNumber } from './practice-settings';

export type ExportFormat = '837p' | 'fhir' | 'csv';

export interface ExportFile {
  name: string;
  mime: string;
  text: string;
  /** The statuses the exported encounters moved to. */
  moved: { id: string; to: EncounterStatus }[];
}

/** Keys the duplicate-encounter rule compares. */
export function duplicateKeys(encounters: readonly CodedEncounter[]): OtherEncounterKey[] {
  return encounters.map((e) => ({ id: e.id, mrn: e.patient.mrn, dateOfService: e.dateOfService, renderingNpi: e.renderingProvider.npi }));
}

/** Encounters the queue checks: those still being prepared or corrected (sent ones cannot change). */
export const CHECKED_STATUSES: ReadonlySet<EncounterStatus> = new Set(['draft', 'ready', 'corrected', 'rejected', 'denied', 'partially-paid', 'reversed']);

/**
 * Claim checks of many encounters (sharing one cached source), by encounter id. With a cached source the
 * awaits resolve at once, so it gives the event loop a turn every `yieldEvery` encounters: a page stays
 * responsive to the biller's typing while thousands are checked.
 */
export async function checkAll(encounters: readonly CodedEncounter[], source: CodeSetSource, all: readonly CodedEncounter[] = encounters, yieldEvery = 50): Promise<Map<string, CheckResult[]>> {
  // The duplicate rule only needs encounters with the same patient, date and provider: group them once
  // instead of handing every check all 10k.
  const sameVisit = new Map<string, OtherEncounterKey[]>();
  const visitKey = (k: OtherEncounterKey) => `${k.mrn}|${k.dateOfService}|${k.renderingNpi}`;
  for (const k of duplicateKeys(all)) sameVisit.set(visitKey(k), [...(sameVisit.get(visitKey(k)) ?? []), k]);
  const out = new Map<string, CheckResult[]>();
  let n = 0;
  for (const e of encounters) {
    const [own] = duplicateKeys([e]);
    out.set(e.id, await runClaimChecks(e, source, { otherEncounters: sameVisit.get(visitKey(own!)) ?? [] }));
    if (++n % yieldEvery === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/**
 * Moves encounters to `to`. Moves that put a claim in front of a payer (draft → ready, corrected → resent)
 * run the claim checks first and are refused for any encounter with an error.
 */
export async function moveEncounters(store: EncounterStore, encounters: readonly CodedEncounter[], to: EncounterStatus, options: { source: CodeSetSource; all: readonly CodedEncounter[]; reason?: string }): Promise<CodedEncounter[]> {
  const passing = new Set<string>();
  const gated = encounters.filter((e) => needsPassingChecks(e.status, to));
  if (gated.length) {
    const results = await checkAll(gated, options.source, options.all);
    for (const e of gated) if (!blocksReady(results.get(e.id) ?? [])) passing.add(e.id);
  }
  return store.bulkSetStatus(
    encounters.map((e) => e.id),
    to,
    { reason: options.reason, checksPass: (e) => passing.has(e.id) },
  );
}

/** Where an encounter goes when its claim leaves by file or push: first submission or a corrected resubmission. */
export function submittedStatus(e: CodedEncounter, via: 'file' | 'push'): EncounterStatus | undefined {
  if (e.status === 'ready') return via === 'file' ? 'exported' : 'sent';
  if (e.status === 'corrected') return 'resent';
  return undefined;
}

/**
 * Builds the export file for the encounters, then (for 837P and FHIR, which are claims) moves ready ones to
 * exported and corrected ones to resent. The file is complete before any status changes; if the status
 * change is refused (a check fails), the error reaches the caller and no file should be offered.
 */
export async function exportEncounters(db: CoderDB, store: EncounterStore, encounters: readonly CodedEncounter[], format: ExportFormat, options: { source: CodeSetSource; all: readonly CodedEncounter[]; now?: Date }): Promise<ExportFile> {
  if (encounters.length === 0) throw new Error('Select at least one encounter to export.');
  const now = options.now ?? new Date();
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  let file: Omit<ExportFile, 'moved'>;
  if (format === 'csv') {
    file = { name: `encounters-${stamp}.csv`, mime: 'text/csv', text: encountersToCsv(encounters) };
  } else if (format === 'fhir') {
    file = { name: `claims-${stamp}.fhir.json`, mime: 'application/fhir+json', text: JSON.stringify(encountersToFhirBundle(encounters), null, 2) };
  } else {
    const settings = await loadPracticeSettings(db);
    const x12 = settings.x12;
    const missing = (['senderId', 'senderName', 'receiverId', 'receiverName', 'contactName'] as const).filter((k) => !x12[k].trim());
    if (missing.length) throw new Error(`Set the 837P submitter and receiver first (queue settings): ${missing.join(', ')} missing.`);
    const control = await nextControlNumber(db);
    const text = encountersTo837p(encounters, {
      senderId: x12.senderId,
      senderName: x12.senderName,
      receiverId: x12.receiverId,
      receiverName: x12.receiverName,
      contact: { name: x12.contactName, ...(x12.contactPhone ? { phone: x12.contactPhone } : {}) },
      interchangeControlNumber: control,
      usage: x12.usage,
      lineBreaks: true,
    });
    file = { name: `claims-${String(control).padStart(9, '0')}.837`, mime: 'application/edi-x12', text };
  }
  const moved: ExportFile['moved'] = [];
  if (format !== 'csv') {
    const byTarget = new Map<EncounterStatus, CodedEncounter[]>();
    for (const e of encounters) {
      const to = submittedStatus(e, 'file');
      if (to) byTarget.set(to, [...(byTarget.get(to) ?? []), e]);
    }
    for (const [to, list] of byTarget) {
      await moveEncounters(store, list, to, { source: options.source, all: options.all });
      moved.push(...list.map((e) => ({ id: e.id, to })));
    }
  }
  for (const e of encounters) await store.recordEvent(e.id, 'exported', { detail: `${format.toUpperCase()} file ${file.name}` });
  return { ...file, moved };
}
