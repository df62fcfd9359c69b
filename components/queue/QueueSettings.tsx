import { useEffect, useState } from 'react';
import { Field } from './Field';
import { browser } from 'wxt/browser';
import type { CoderDB } from '@/lib/db';
import { createBackup, restoreBackup } from '@/lib/encounter/backup';
import { readIdleLockMinutes, saveIdleLockMinutes } from '@/lib/encounter/idle-lock';
import type { EncounterStore } from '@/lib/encounter/store';
import { loadFhirEndpoint, saveFhirEndpoint } from '@/lib/push/settings';
import { offerDownload } from './download';
import { loadPracticeSettings, savePracticeSettings, type PracticeSettings } from '@/lib/queue/practice-settings';

interface Props {
  db: CoderDB;
  store: EncounterStore;
  onIdleMinutes(minutes: number): void;
}

/** Practice defaults, the 837P envelope, the FHIR server, idle lock, backup/restore and file import. */
export function QueueSettings({ db, store, onIdleMinutes }: Props) {
  const [settings, setSettings] = useState<PracticeSettings>();
  const [endpoint, setEndpoint] = useState({ baseUrl: '', token: '' });
  const [idle, setIdle] = useState(15);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [backupPass, setBackupPass] = useState('');

  useEffect(() => {
    void loadPracticeSettings(db).then(setSettings);
    void loadFhirEndpoint(db).then((e) => e && setEndpoint(e));
    void readIdleLockMinutes(db).then(setIdle);
  }, [db]);
  if (!settings) return null;

  const act = async (label: string, work: () => Promise<string>) => {
    setError('');
    try {
      setStatus(await work());
    } catch (e) {
      setStatus('');
      setError(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const set = (mutate: (s: PracticeSettings) => void) =>
    setSettings((old) => {
      const copy = structuredClone(old!);
      mutate(copy);
      return copy;
    });
  const d = settings.defaults;

  return (
    <section aria-labelledby="queue-settings-heading" className="queue-settings">
      <h2 id="queue-settings-heading">Queue settings</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act('Saving settings', async () => {
            await savePracticeSettings(db, settings);
            await saveIdleLockMinutes(db, idle);
            onIdleMinutes(idle);
            return 'Settings saved.';
          });
        }}
      >
        <fieldset>
          <legend>New encounters start with</legend>
          <Field label="Billing provider name">
            <input value={d.billingProvider?.name ?? ''} onChange={(e) => set((s) => void (s.defaults.billingProvider = { ...emptyBilling(), ...s.defaults.billingProvider, name: e.target.value }))} />
          </Field>
          <Field label="Billing NPI">
            <input inputMode="numeric" value={d.billingProvider?.npi ?? ''} onChange={(e) => set((s) => void (s.defaults.billingProvider = { ...emptyBilling(), ...s.defaults.billingProvider, npi: e.target.value.trim() }))} />
          </Field>
          <Field label="Tax id (EIN)">
            <input inputMode="numeric" value={d.billingProvider?.taxId ?? ''} onChange={(e) => set((s) => void (s.defaults.billingProvider = { ...emptyBilling(), ...s.defaults.billingProvider, taxId: e.target.value.replace(/\D/g, '') }))} />
          </Field>
          <Field label="Address">
            <input value={d.billingProvider?.address.line ?? ''} onChange={(e) => set((s) => void ((s.defaults.billingProvider ??= emptyBilling()).address.line = e.target.value))} />
          </Field>
          <Field label="City">
            <input value={d.billingProvider?.address.city ?? ''} onChange={(e) => set((s) => void ((s.defaults.billingProvider ??= emptyBilling()).address.city = e.target.value))} />
          </Field>
          <Field label="State">
            <input maxLength={2} value={d.billingProvider?.address.state ?? ''} onChange={(e) => set((s) => void ((s.defaults.billingProvider ??= emptyBilling()).address.state = e.target.value.toUpperCase()))} />
          </Field>
          <Field label="ZIP">
            <input value={d.billingProvider?.address.zip ?? ''} onChange={(e) => set((s) => void ((s.defaults.billingProvider ??= emptyBilling()).address.zip = e.target.value.replace(/\D/g, '')))} />
          </Field>
          <Field label="Rendering NPI">
            <input inputMode="numeric" value={d.renderingProvider?.npi ?? ''} onChange={(e) => set((s) => void (s.defaults.renderingProvider = { name: { family: '', given: '' }, ...s.defaults.renderingProvider, npi: e.target.value.trim() }))} />
          </Field>
          <Field label="Rendering provider (First Last)">
            <input
              value={d.renderingProvider ? `${d.renderingProvider.name.given} ${d.renderingProvider.name.family}`.trim() : ''}
              onChange={(e) =>
                set((s) => {
                  const parts = e.target.value.trim().split(/\s+/);
                  s.defaults.renderingProvider = { npi: '', ...s.defaults.renderingProvider, name: { given: parts.slice(0, -1).join(' '), family: parts.at(-1) ?? '' } };
                })
              }
            />
          </Field>
          <Field label="Payer name">
            <input value={d.payer?.name ?? ''} onChange={(e) => set((s) => void (s.defaults.payer = { id: '', ...s.defaults.payer, name: e.target.value }))} />
          </Field>
          <Field label="Payer id">
            <input value={d.payer?.id ?? ''} onChange={(e) => set((s) => void (s.defaults.payer = { name: '', ...s.defaults.payer, id: e.target.value }))} />
          </Field>
          <Field label="Place of service">
            <input maxLength={2} value={d.placeOfService ?? ''} onChange={(e) => set((s) => void (s.defaults.placeOfService = e.target.value))} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>837P envelope</legend>
          {(
            [
              ['senderId', 'Submitter id (ISA06)'],
              ['senderName', 'Submitter name'],
              ['receiverId', 'Receiver id (ISA08)'],
              ['receiverName', 'Receiver name'],
              ['contactName', 'Contact name'],
              ['contactPhone', 'Contact phone'],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label}>
              <input data-testid={`x12-${key}`} value={settings.x12[key]} onChange={(e) => set((s) => void (s.x12[key] = e.target.value))} />
            </Field>
          ))}
          <Field label="Usage">
            <select value={settings.x12.usage} onChange={(e) => set((s) => void (s.x12.usage = e.target.value as 'T' | 'P'))}>
              <option value="T">Test</option>
              <option value="P">Production</option>
            </select>
          </Field>
        </fieldset>
        <Field label="Lock the queue after idle minutes (0 = never)">
          <input type="number" min={0} max={1440} value={idle} onChange={(e) => setIdle(Number(e.target.value))} />
        </Field>
        <button type="submit" data-testid="save-settings">
          Save settings
        </button>
      </form>

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act('Saving the billing server', async () => {
            // The service worker may only reach origins the user granted: ask for this one (the click is the gesture).
            const origin = `${new URL(endpoint.baseUrl).origin}/*`;
            if (!(await browser.permissions.contains({ origins: [origin] })) && !(await browser.permissions.request({ origins: [origin] }))) {
              throw new Error(`Chart Coder needs your permission to send claims to ${new URL(endpoint.baseUrl).origin}.`);
            }
            await saveFhirEndpoint(db, endpoint);
            return 'Billing server saved.';
          });
        }}
      >
        <fieldset>
          <legend>Billing team's FHIR R4 server</legend>
          <Field label="Base URL">
            <input data-testid="fhir-url" type="url" value={endpoint.baseUrl} onChange={(e) => setEndpoint({ ...endpoint, baseUrl: e.target.value })} />
          </Field>
          <Field label="Access token">
            <input data-testid="fhir-token" type="password" value={endpoint.token} onChange={(e) => setEndpoint({ ...endpoint, token: e.target.value })} />
          </Field>
          <button type="submit">Save server</button>
        </fieldset>
      </form>

      <fieldset>
        <legend>Backup, restore and import</legend>
        <Field label="Backup passphrase">
          <input type="password" data-testid="backup-passphrase" value={backupPass} onChange={(e) => setBackupPass(e.target.value)} />
        </Field>
        <button
          type="button"
          data-testid="backup"
          onClick={() =>
            void act('Backup', async () => {
              const text = await createBackup(store, backupPass);
              offerDownload(`chart-coder-queue-${new Date().toISOString().slice(0, 10)}.backup.json`, 'application/json', text);
              return 'Encrypted backup saved.';
            })
          }
        >
          Save encrypted backup
        </button>
        <Field label="Restore a backup">
          <input
            type="file"
            accept=".json,application/json"
            data-testid="restore-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file)
                void act('Restore', async () => {
                  const r = await restoreBackup(store, await file.text(), backupPass);
                  return `Restored: ${r.added} added, ${r.replaced} replaced, ${r.kept} kept.`;
                });
            }}
          />
        </Field>
        <Field label="Import encounters (JSON)">
          <input
            type="file"
            accept=".json,application/json"
            data-testid="import-encounters"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file)
                void act('Import', async () => {
                  let parsed: unknown;
                  try {
                    parsed = JSON.parse(await file.text());
                  } catch {
                    throw new Error(`${file.name} is not JSON.`);
                  }
                  const r = await store.importEncounters(parsed);
                  return `Imported ${r.imported} encounter${r.imported === 1 ? '' : 's'}${r.skipped ? `, ${r.skipped} already in the queue` : ''}.`;
                });
            }}
          />
        </Field>
      </fieldset>
      <p role="status" aria-live="polite" className="ok" data-testid="settings-status">
        {status}
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </section>
  );
}

function emptyBilling() {
  return { npi: '', name: '', taxId: '', address: { line: '', city: '', state: '', zip: '' } };
}
