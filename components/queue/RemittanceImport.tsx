import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CoderDB } from '@/lib/db';
import type { EncounterStore } from '@/lib/encounter/store';
import type { EncounterCache } from '@/lib/queue/encounter-cache';
import { importRemittance, type RemittanceImport as ImportResult } from '@/lib/queue/remittance';
import { Remit835Error } from '@/lib/remit/parse-835';
import { STATUS_LABELS } from './status-labels';

interface Props {
  db: CoderDB;
  store: EncounterStore;
  cache: EncounterCache;
}

/** One file the biller chose: its result, or why it was refused. */
interface FileOutcome {
  id: number;
  fileName: string;
  text: string;
  result?: ImportResult;
  error?: string;
  /** Set after the biller confirmed suggested matches (the result is then that second import's). */
  confirmed?: number;
}

/** Rows shown per list; a 5,000-claim file would otherwise draw 5,000 rows nobody reads. */
const SHOWN = 200;
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Plain words for a refused file: which segment, and what is wrong with it. */
function refusal(fileName: string, error: unknown): string {
  if (error instanceof Remit835Error) {
    const where = error.segmentIndex === undefined ? 'the file as a whole' : `segment ${error.segmentIndex} (${error.segmentId || 'empty'})`;
    return `${fileName} was refused at ${where}: ${error.reason}. Nothing in the queue was changed.`;
  }
  return `${fileName} could not be imported: ${error instanceof Error ? error.message : String(error)}. Nothing in the queue was changed.`;
}

/**
 * Remittance (835) import: pick or drop files; each is read whole before anything is written, then every
 * matched claim is applied in one transaction. Shows what changed, what was already applied, what matched
 * nothing, and the suggested matches the biller confirms before they are applied.
 */
export function RemittanceImport({ db, store, cache }: Props) {
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const [busy, setBusy] = useState('');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);

  // For the benchmark: file chosen → queue read → imported (parse, match, store) → result rendered.
  useEffect(() => {
    if (outcomes.length) performance.mark('remit-result-shown');
  }, [outcomes]);

  /** The whole queue as stored now (the cache decrypts only rows changed since it last looked). */
  const current = async () => cache.sync(await db.encounters.toArray());

  const importFiles = async (files: File[]) => {
    performance.mark('remit-file-chosen');
    for (const file of files) {
      setBusy(`Importing ${file.name}…`);
      const text = await file.text();
      const id = nextId.current++;
      let outcome: FileOutcome;
      try {
        const encounters = await current();
        performance.mark('remit-queue-read');
        const result = await importRemittance(store, encounters, text, { fileName: file.name });
        performance.mark('remit-imported');
        outcome = { id, fileName: file.name, text, result };
      } catch (e) {
        outcome = { id, fileName: file.name, text, error: refusal(file.name, e) };
      }
      setOutcomes((old) => [outcome, ...old]);
    }
    setBusy('');
  };

  const confirm = async (outcome: FileOutcome, confirmed: Record<string, string>) => {
    setBusy(`Applying ${Object.keys(confirmed).length} confirmed match${Object.keys(confirmed).length === 1 ? '' : 'es'}…`);
    try {
      const result = await importRemittance(store, await current(), outcome.text, { fileName: outcome.fileName, confirmed });
      setOutcomes((old) => old.map((o) => (o.id === outcome.id ? { ...o, result, confirmed: Object.keys(confirmed).length } : o)));
    } catch (e) {
      setOutcomes((old) => old.map((o) => (o.id === outcome.id ? { ...o, error: refusal(o.fileName, e) } : o)));
    } finally {
      setBusy('');
    }
  };

  /** An encounter as the biller knows it, for the suggested matches. */
  const describe = (id: string) => {
    const e = cache.get(id);
    return e ? `${e.claimId} · ${e.patient.name.family}, ${e.patient.name.given} · ${e.dateOfService} · ${STATUS_LABELS[e.status]}` : id;
  };

  return (
    <section className="remittance" aria-labelledby="remit-heading">
      <h2 id="remit-heading">Remittance (835)</h2>
      <p className="muted">
        Import the payer's 835 remittance files. Each claim payment is matched to its encounter by the claim number sent in the 837P; paid, partly paid, denied and
        reversed claims update the encounter. Importing the same file again changes nothing.
      </p>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        role="region"
        tabIndex={0}
        aria-label="Drop zone for 835 remittance files: drop files here, or press Enter to choose them"
        data-testid="remit-drop"
        onKeyDown={(e) => {
          if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onClick={(e) => {
          if (e.target === e.currentTarget) input.current?.click();
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files.length) void importFiles(files);
        }}
      >
        <p>Drop .835 or .txt files here, or</p>
        <label className="field">
          <span>Choose 835 files</span>
          <input
            ref={input}
            type="file"
            multiple
            accept=".835,.txt,.edi,.x12,text/plain"
            data-testid="remit-file"
            disabled={!!busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) void importFiles(files);
            }}
          />
        </label>
      </div>
      <p role="status" aria-live="polite" data-testid="remit-busy">
        {busy}
      </p>
      {outcomes.map((o) => (o.error ? <Refused key={o.id} outcome={o} /> : <FileResult key={o.id} outcome={o} onConfirm={(c) => void confirm(o, c)} disabled={!!busy} describe={describe} />))}
    </section>
  );
}

function Refused({ outcome }: { outcome: FileOutcome }) {
  return (
    <article className="remit-file error-box" data-testid="remit-result" data-file={outcome.fileName} data-error="true">
      <h3>{outcome.fileName}</h3>
      <p role="alert" className="error" data-testid="remit-error">
        {outcome.error}
      </p>
    </article>
  );
}

function FileResult({ outcome, onConfirm, disabled, describe }: { outcome: FileOutcome; onConfirm(confirmed: Record<string, string>): void; disabled: boolean; describe(encounterId: string): string }) {
  const r = outcome.result!;
  const [picked, setPicked] = useState<Record<string, string>>({});
  return (
    <article
      className="remit-file"
      data-testid="remit-result"
      data-file={outcome.fileName}
      data-claims={r.claims}
      data-applied={r.applied.length}
      data-already={r.alreadyApplied.length}
      data-unmatched={r.unmatched.length}
      data-suggested={r.suggested.length}
    >
      <h3>{outcome.fileName}</h3>
      <p data-testid="remit-summary">
        {r.claims} claim{r.claims === 1 ? '' : 's'} in the file: <strong>{r.applied.length} applied</strong>, {r.alreadyApplied.length} already applied, {r.unmatched.length} unmatched,{' '}
        {r.suggested.length} to confirm, {r.conflicts.length} conflict{r.conflicts.length === 1 ? '' : 's'}
        {r.balance.length ? `, ${r.balance.length} balance problem${r.balance.length === 1 ? '' : 's'}` : ', totals balance'}.
        {outcome.confirmed ? ` (After confirming ${outcome.confirmed} match${outcome.confirmed === 1 ? '' : 'es'}.)` : ''}
      </p>
      {r.balance.length > 0 && (
        <Part title={`Totals that do not balance (${r.balance.length})`} open testId="remit-balance">
          <ul className="remit-list">
            {r.balance.slice(0, SHOWN).map((b, i) => (
              <li key={i} className="error">
                {b.claimId ? `${b.claimId}: ` : ''}
                {b.message} (expected {money(b.expected)}, parts add up to {money(b.actual)})
              </li>
            ))}
          </ul>
        </Part>
      )}
      {r.applied.length > 0 && (
        <Part title={`Applied (${r.applied.length})`} open testId="remit-applied">
          <table className="remit-table">
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Status</th>
                <th scope="col">Paid</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {r.applied.slice(0, SHOWN).map((u) => (
                <tr key={u.key} data-claim={u.claimId} data-after={u.after}>
                  <td>{u.claimId}</td>
                  <td>
                    {STATUS_LABELS[u.before]} → <strong>{STATUS_LABELS[u.after]}</strong>
                  </td>
                  <td className="number">{money(u.claim.paid)}</td>
                  <td>{u.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More total={r.applied.length} />
        </Part>
      )}
      {r.suggested.length > 0 && (
        <Part title={`Suggested matches to confirm (${r.suggested.length})`} open testId="remit-suggested">
          <p className="muted">These claims came back without a claim number we know; they match by patient, date of service and charge. Confirm the ones that are right.</p>
          <ul className="remit-list">
            {r.suggested.slice(0, SHOWN).map((s) => (
              <li key={s.key} data-claim={s.claimId}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked[s.key] !== undefined}
                    onChange={(e) =>
                      setPicked((old) => {
                        const next = { ...old };
                        if (e.target.checked) next[s.key] = s.encounterIds[0]!;
                        else delete next[s.key];
                        return next;
                      })
                    }
                  />{' '}
                  {s.claimId} ({money(s.claim.billed)} billed): {s.why}
                  {s.encounterIds.length === 1 ? ` → ${describe(s.encounterIds[0]!)}` : ''}
                </label>
                {s.encounterIds.length > 1 && picked[s.key] !== undefined && (
                  <select aria-label={`Encounter for ${s.claimId}`} value={picked[s.key]} onChange={(e) => setPicked((old) => ({ ...old, [s.key]: e.target.value }))}>
                    {s.encounterIds.map((id) => (
                      <option key={id} value={id}>
                        {describe(id)}
                      </option>
                    ))}
                  </select>
                )}
              </li>
            ))}
          </ul>
          <button type="button" data-testid="remit-confirm" disabled={disabled || !Object.keys(picked).length} onClick={() => onConfirm(picked)}>
            Confirm match{Object.keys(picked).length === 1 ? '' : 'es'}
          </button>
        </Part>
      )}
      {r.conflicts.length > 0 && (
        <Part title={`Conflicts (${r.conflicts.length})`} open testId="remit-conflicts">
          <ul className="remit-list">
            {r.conflicts.slice(0, SHOWN).map((c) => (
              <li key={c.key} className="error">
                {c.claimId}: {c.problem}
              </li>
            ))}
          </ul>
        </Part>
      )}
      {r.unmatched.length > 0 && (
        <Part title={`Unmatched (${r.unmatched.length})`} testId="remit-unmatched">
          <ul className="remit-list">
            {r.unmatched.slice(0, SHOWN).map((u) => (
              <li key={u.key}>
                {u.claimId}: {u.why}
              </li>
            ))}
          </ul>
          <More total={r.unmatched.length} />
        </Part>
      )}
      {r.alreadyApplied.length > 0 && (
        <Part title={`Already applied (${r.alreadyApplied.length})`} testId="remit-already">
          <p className="muted">Claims of this file that were imported before: nothing changed for them.</p>
          <ul className="remit-list">
            {r.alreadyApplied.slice(0, SHOWN).map((a) => (
              <li key={a.key}>{a.claimId}</li>
            ))}
          </ul>
          <More total={r.alreadyApplied.length} />
        </Part>
      )}
    </article>
  );
}

function Part({ title, open, testId, children }: { title: string; open?: boolean; testId: string; children: ReactNode }) {
  return (
    <details open={open} data-testid={testId}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

function More({ total }: { total: number }) {
  return total > SHOWN ? <p className="muted">First {SHOWN} of {total.toLocaleString('en-US')} shown.</p> : null;
}
