import { useState } from 'react';
import { browser } from 'wxt/browser';
import { CodeSetStore } from '@/lib/codesets/store';
import type { CodeSystem } from '@/lib/codesets/types';
import { flagAffected, whatChanged, type AffectedReport, type CodeChange, type ReleaseChanges } from '@/lib/codesets/what-changed';
import type { CoderDB } from '@/lib/db';
import { StorageKeyCustody } from '@/lib/encounter/key-custody';
import { EncounterStore } from '@/lib/encounter/store';

const SYSTEMS: { system: CodeSystem; label: string }[] = [
  { system: 'icd10cm', label: 'ICD-10-CM' },
  { system: 'hcpcs', label: 'HCPCS Level II' },
  { system: 'cpt', label: 'CPT' },
];
/** Codes listed per kind; the counts say how many more there are. */
const SHOWN = 200;

interface Result {
  changes: (ReleaseChanges & { label: string })[];
  affected: AffectedReport;
  /** Whether queued encounters were checked (only when the billing queue is unlocked). */
  queueChecked: boolean;
  /** Systems with only one release loaded. */
  single: string[];
}

/**
 * What changed between the two newest loaded releases of each code system, and which favourites, recent codes
 * and queued encounters use codes that were deleted or revised. Reading whole releases is heavy, so it runs only
 * when asked.
 */
export function WhatChanged({ db }: { db: CoderDB }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState('');

  const run = async () => {
    setBusy(true);
    setError('');
    try {
      const store = new CodeSetStore(db);
      const changes: Result['changes'] = [];
      const single: string[] = [];
      for (const { system, label } of SYSTEMS) {
        // One system at a time, so at most two releases are in memory at once.
        const bundles = (await store.readyCodeSetBundles(system)).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
        if (bundles.length < 2) {
          if (bundles.length === 1) single.push(`${label} ${bundles[0]!.version}`);
          continue;
        }
        changes.push({ ...whatChanged(bundles.at(-2)!, bundles.at(-1)!), label });
      }
      const key = await new StorageKeyCustody(browser.storage.session).get();
      const encounters = key ? await new EncounterStore(db, key, { user: 'settings page' }).list() : undefined;
      const favourites = await db.favourites.toArray();
      const recents = await db.recents.toArray();
      // Each system from its own effective date (an ICD-10-CM year and a HCPCS quarter start on different days).
      const affected: AffectedReport = { favourites: [], recents: [], encounters: [] };
      const byEncounter = new Map<string, AffectedReport['encounters'][number]>();
      for (const c of changes) {
        const r = flagAffected({ changes: c, effectiveFrom: c.effectiveFrom, favourites, recents, ...(encounters ? { encounters } : {}) });
        affected.favourites.push(...r.favourites);
        affected.recents.push(...r.recents);
        for (const e of r.encounters) {
          const seen = byEncounter.get(e.encounterId);
          if (seen) seen.codes.push(...e.codes);
          else byEncounter.set(e.encounterId, e);
        }
      }
      affected.encounters = [...byEncounter.values()];
      setResult({ changes, affected, queueChecked: !!encounters, single });
    } catch (e) {
      setError(`Could not compare the releases: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="what-changed-heading" data-testid="what-changed">
      <h2 id="what-changed-heading">What changed in the code sets</h2>
      <p>Added, revised and deleted codes between the two newest releases loaded of each code system, and your saved codes and queued encounters they touch.</p>
      <button type="button" data-testid="what-changed-run" disabled={busy} onClick={() => void run()}>
        {busy ? 'Comparing releases…' : 'Show what changed'}
      </button>
      <p role="alert" className="error">
        {error}
      </p>
      {result && <Report result={result} />}
    </section>
  );
}

function Report({ result }: { result: Result }) {
  const { changes, affected, queueChecked, single } = result;
  return (
    <div data-testid="what-changed-report">
      {changes.length === 0 && <p>No code system has two releases loaded, so there is nothing to compare.</p>}
      {single.length > 0 && <p className="muted">One release only: {single.join(', ')}.</p>}
      {changes.map((c) => (
        <article key={c.system} data-system={c.system} data-added={c.added.length} data-revised={c.revised.length} data-deleted={c.deleted.length}>
          <h3>
            {c.label} {c.fromVersion} → {c.toVersion}
          </h3>
          <p>
            {c.added.length.toLocaleString('en-US')} added, {c.revised.length.toLocaleString('en-US')} revised, {c.deleted.length.toLocaleString('en-US')} deleted, for dates of
            service from {c.effectiveFrom} ({c.source === 'addenda' ? 'from the official addenda' : 'computed by comparing the code lists'}).
          </p>
          <CodeList title="Added" list={c.added} />
          <CodeList title="Revised" list={c.revised} />
          <CodeList title="Deleted" list={c.deleted} replacements={c.replacements} />
        </article>
      ))}
      {changes.length > 0 && (
        <>
          <h3>Your codes</h3>
          <Affected title="Favourites" list={affected.favourites} />
          <Affected title="Recent codes" list={affected.recents} />
          <h3>Queued encounters</h3>
          {!queueChecked ? (
            <p data-testid="what-changed-locked">Unlock the billing queue to check queued encounters.</p>
          ) : affected.encounters.length === 0 ? (
            <p>No queued encounter uses a deleted or revised code on or after its effective date.</p>
          ) : (
            <ul data-testid="what-changed-encounters">
              {affected.encounters.map((e) => (
                <li key={e.encounterId}>
                  {e.claimId} ({e.dateOfService}, {e.status}): {e.codes.map((c) => `${c.code} ${c.change}${c.replacements.length ? ` → ${c.replacements.join(', ')}` : ''}`).join('; ')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function CodeList({ title, list, replacements }: { title: string; list: CodeChange[]; replacements?: Record<string, string[]> }) {
  if (!list.length) return null;
  return (
    <details>
      <summary>
        {title} ({list.length.toLocaleString('en-US')}){list.length > SHOWN ? `, first ${SHOWN} shown` : ''}
      </summary>
      <ul className="code-change-list">
        {list.slice(0, SHOWN).map((c) => (
          <li key={c.code}>
            <strong>{c.code}</strong> {c.after?.title ?? c.before?.title ?? ''}
            {c.kind === 'revised' && c.before && c.after && c.before.title !== c.after.title ? <span className="muted"> (was: {c.before.title})</span> : null}
            {c.kind === 'revised' && c.before && c.after && c.before.billable !== c.after.billable ? <span className="muted"> ({c.after.billable ? 'now billable' : 'no longer billable'})</span> : null}
            {replacements?.[c.code]?.length ? <span className="muted"> → {replacements[c.code]!.join(', ')}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Affected({ title, list }: { title: string; list: AffectedReport['favourites'] }) {
  return (
    <p>
      {title}:{' '}
      {list.length === 0
        ? 'none affected.'
        : list.map((a) => `${a.code} ${a.change}${a.replacements.length ? ` (maybe ${a.replacements.join(', ')})` : ''}`).join('; ')}
    </p>
  );
}
