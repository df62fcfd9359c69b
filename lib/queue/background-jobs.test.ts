import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { importDataKey } from '../encounter/crypto';
import { MemoryKeyCustody } from '../encounter/key-custody';
import { EncounterStore } from '../encounter/store';
import type { EncounterDraftPayload } from '../messaging';
import { createDraftEncounter, LOCKED_MESSAGE, runQueuedPush } from './background-jobs';
import { DEFAULT_PRACTICE_SETTINGS, savePracticeSettings } from './practice-settings';

const payload: EncounterDraftPayload = {
  header: { name: 'Testpatient, Alex', dob: '1970-04-12', sex: 'female', mrn: 'MRN-SYN-0001', dateOfService: '2026-05-04', provider: 'Dr Robin Example', patientStatus: 'established' },
  diagnoses: [
    { code: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia', evidence: [{ text: 'type 2 diabetes, uncontrolled with hyperglycemia', start: 120, end: 168 }] },
    { code: 'I10', title: 'Essential (primary) hypertension', evidence: [{ text: 'hypertension', start: 200, end: 212 }] },
  ],
  procedures: [{ system: 'cpt', code: '99214', title: 'Office visit, established, moderate', units: 1, modifiers: [], evidence: [{ text: 'total time 32 minutes', start: 400, end: 421 }] }],
  page: { url: 'http://127.0.0.1/demo-chart.html', title: 'Demo chart' },
  fromSelection: false,
};

describe('billing queue jobs in the service worker', () => {
  let db: CoderDB;
  let custody: MemoryKeyCustody;
  beforeEach(async () => {
    db = new CoderDB(`queue-jobs-${Math.random()}`);
    custody = new MemoryKeyCustody();
    await savePracticeSettings(db, { ...DEFAULT_PRACTICE_SETTINGS, user: 'Coder One', defaults: { placeOfService: '11', payer: { name: 'Synthetic Health Plan', id: 'SYN01' }, feeSchedule: { '99214': 150 } } });
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('refuses to store a draft while the queue is locked, and says how to unlock', async () => {
    expect(await createDraftEncounter(db, custody, payload)).toEqual({ ok: false, error: LOCKED_MESSAGE });
    expect(await db.encounters.count()).toBe(0);
    expect(await runQueuedPush(db, custody)).toEqual({ error: LOCKED_MESSAGE });
  });

  it('stores the accepted codes as an encrypted draft with the header, defaults and evidence', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    await custody.set(raw);
    const reply = await createDraftEncounter(db, custody, payload);
    expect(reply.ok).toBe(true);
    const store = new EncounterStore(db, await importDataKey(raw), { user: 'reader' });
    const draft = (await store.get((reply as { id: string }).id))!;
    expect(draft).toMatchObject({
      status: 'draft',
      dateOfService: '2026-05-04',
      placeOfService: '11',
      coder: 'Coder One',
      payer: { name: 'Synthetic Health Plan' },
      patient: { name: { family: 'Testpatient', given: 'Alex' }, dob: '1970-04-12', sex: 'F', mrn: 'MRN-SYN-0001' },
      source: { url: 'http://127.0.0.1/demo-chart.html' },
    });
    expect(draft.diagnoses.map((d) => d.code)).toEqual(['E11.65', 'I10']);
    expect(draft.diagnoses[0]!.evidence![0]!.text).toBe('type 2 diabetes, uncontrolled with hyperglycemia');
    expect(draft.lines[0]).toMatchObject({ code: '99214', units: 1, charge: 150, pointers: [1, 2] });
    // Only id, status and time are readable without the key.
    const row = (await db.encounters.get(draft.id))!;
    expect(JSON.stringify(Object.keys(row).sort())).toBe(JSON.stringify(['data', 'id', 'iv', 'status', 'updatedAt']));
    expect(new TextDecoder().decode(row.data)).not.toContain('Testpatient');
  });

  it('marks a draft made from a selection as such', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    await custody.set(raw);
    const reply = (await createDraftEncounter(db, custody, { ...payload, fromSelection: true })) as { id: string };
    const store = new EncounterStore(db, await importDataKey(raw), { user: 'reader' });
    expect((await store.get(reply.id))!.note).toMatch(/from a text selection/);
  });
});
