/**
 * The billing queue's work in the service worker: storing the coder's finished encounter as a draft, and
 * pushing queued encounters to the billing team's FHIR server. Both need the data key, which is only there
 * while a biller has the queue unlocked (key custody in session storage); otherwise they say so plainly.
 */
import type { CoderDB } from '../db';
import { draftFromCodes } from '../encounter/from-suggestions';
import type { KeyCustody } from '../encounter/key-custody';
import { EncounterStore } from '../encounter/store';
import type { CodedEncounter } from '../encounter/types';
import { encounterToFhirBundle } from '../export/fhir-bundle';
import type { EncounterCreateReply, EncounterDraftPayload } from '../messaging';
import { createFhirClient } from '../push/fhir-client';
import { runPush, type PushSummary } from '../push/pusher';
import { loadFhirEndpoint } from '../push/settings';
import { loadPracticeSettings } from './practice-settings';
import { submittedStatus } from './actions';

export const LOCKED_MESSAGE = 'The billing queue is locked: open the billing queue, unlock it, then send again.';

async function openStore(db: CoderDB, custody: KeyCustody): Promise<EncounterStore | undefined> {
  const key = await custody.get();
  if (!key) return undefined;
  const settings = await loadPracticeSettings(db);
  return new EncounterStore(db, key, { user: settings.user || 'coder' });
}

const SEX: Record<string, 'female' | 'male' | undefined> = { female: 'female', male: 'male' };

/** Stores the sidebar's accepted codes as a draft encounter, filled from the practice's defaults. */
export async function createDraftEncounter(db: CoderDB, custody: KeyCustody, payload: EncounterDraftPayload): Promise<EncounterCreateReply> {
  const store = await openStore(db, custody);
  if (!store) return { ok: false, error: LOCKED_MESSAGE };
  const settings = await loadPracticeSettings(db);
  const h = payload.header;
  const draft = draftFromCodes({
    header: {
      ...(h.name ? { name: h.name } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(h.dob) ? { dobIso: h.dob } : {}),
      ...(SEX[h.sex] ? { sex: SEX[h.sex] } : {}),
      ...(h.mrn ? { mrn: h.mrn } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(h.dateOfService) ? { dateOfServiceIso: h.dateOfService } : {}),
      ...(h.provider ? { provider: h.provider } : {}),
    },
    diagnoses: payload.diagnoses,
    procedures: payload.procedures,
    defaults: { ...settings.defaults, coder: settings.user || settings.defaults.coder },
    source: { url: payload.page.url, title: payload.page.title },
  });
  if (payload.fromSelection) draft.note = [draft.note, 'Coded from a text selection, not the whole note.'].filter(Boolean).join(' ');
  const created = await store.create(draft);
  return { ok: true, id: created.id };
}

/**
 * One push run over the outbox. On each success the encounter moves on (ready → sent, corrected → resent);
 * rows already sent whose encounter did not move (the worker stopped in between) are caught up first.
 */
export async function runQueuedPush(db: CoderDB, custody: KeyCustody, options: { signal?: AbortSignal } = {}): Promise<PushSummary | { error: string }> {
  const store = await openStore(db, custody);
  if (!store) return { error: LOCKED_MESSAGE };
  const endpoint = await loadFhirEndpoint(db);
  if (!endpoint) return { error: 'No billing server is set: add its FHIR base URL and token in the queue settings.' };

  const markSent = async (encounterId: string) => {
    const e = await store.get(encounterId);
    const to = e && submittedStatus(e, 'push');
    // Checks passed when the encounter was marked ready / corrected; the push does not re-run them.
    if (e && to) await store.setStatus(e.id, to, { checksPass: true, detail: 'pushed to the billing server' });
  };
  // Only encounters still marked ready/corrected need catching up; their status is readable without decrypting.
  const sentIds = (await db.pushOutbox.where('state').equals('sent').toArray()).map((row) => row.encounterId);
  const behind = (await db.encounters.bulkGet(sentIds)).filter((row) => row && (row.status === 'ready' || row.status === 'corrected'));
  for (const row of behind) await markSent(row!.id);

  return runPush(db, {
    client: createFhirClient({ baseUrl: endpoint.baseUrl, token: endpoint.token }),
    loadEncounter: (id) => store.get(id) as Promise<CodedEncounter | undefined>,
    buildBundle: (e) => encounterToFhirBundle(e) as never,
    signal: options.signal,
    onProgress: ({ row }) => {
      if (row.state === 'sent') void markSent(row.encounterId);
    },
  });
}
