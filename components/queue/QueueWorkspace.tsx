import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult, CodeSetSource } from '@/lib/claims';
import type { CoderDB } from '@/lib/db';
import type { AuditEntry } from '@/lib/encounter/audit';
import type { EncounterStore } from '@/lib/encounter/store';
import type { CodedEncounter, EncounterStatus } from '@/lib/encounter/types';
import { nextStatuses, REASON_REQUIRED } from '@/lib/encounter/workflow';
import { CHECKED_STATUSES, checkAll, exportEncounters, moveEncounters, type ExportFormat } from '@/lib/queue/actions';
import type { EncounterCache } from '@/lib/queue/encounter-cache';
import { filterChoices, filterRows, sortRows, statusCounts, toQueueRow, type QueueFilter, type QueueSort } from '@/lib/queue/view';
import { AuditLog } from './AuditLog';
import { offerDownload } from './download';
import { CheckList } from './CheckList';
import { EncounterEditor } from './EncounterEditor';
import { Field } from './Field';
import { EncounterPushStatus, PushSummary } from './PushStatus';
import { QueueFilters } from './QueueFilters';
import { QueueTable } from './QueueTable';
import { STATUS_LABELS } from './status-labels';
import { useQueueEncounters } from './use-queue-encounters';

interface Props {
  db: CoderDB;
  store: EncounterStore;
  /** Decrypted encounters, shared by the queue's views. */
  cache: EncounterCache;
  source: CodeSetSource;
  /** Queues encounters for the push to the billing team's FHIR server. */
  onPush(ids: string[]): Promise<string>;
}

/** Statuses whose data can still be edited (later ones are corrected through the workflow). */
const EDITABLE: EncounterStatus[] = ['draft', 'ready', 'rejected', 'corrected', 'denied', 'partially-paid', 'reversed'];

/** The billing team's work surface: filters, the virtualised list, bulk actions, and the open encounter. */
export function QueueWorkspace({ db, store, cache, source, onPush }: Props) {
  const { encounters, complete } = useQueueEncounters(db, cache);
  const total = useLiveQuery(() => db.encounters.count(), [db]);
  const [checks, setChecks] = useState<Map<string, CheckResult[]>>(new Map());
  // Encounters whose checks are running; -1 until the list is first checked (for the benchmark's wait).
  const [checking, setChecking] = useState(-1);
  const [filter, setFilter] = useState<QueueFilter>({});
  // Most recently changed first: the default order of a work queue, and the order the first screen loads in.
  const [sort, setSort] = useState<QueueSort>({ key: 'updatedAt', direction: 'desc' });
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [reason, setReason] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const checked = useRef(new Map<string, string>());

  // Checks run once the whole list is in, and again only for encounters that changed.
  useEffect(() => {
    if (!encounters || !complete) return;
    const stale = encounters.filter((e) => CHECKED_STATUSES.has(e.status) && checked.current.get(e.id) !== e.updatedAt);
    if (!stale.length) {
      setChecking(0);
      return;
    }
    let cancelled = false;
    setChecking(stale.length);
    void checkAll(stale, source, encounters).then((results) => {
      if (cancelled) return;
      for (const e of stale) checked.current.set(e.id, e.updatedAt);
      setChecks((old) => new Map([...old, ...results]));
      setChecking(0);
    });
    return () => {
      cancelled = true;
    };
  }, [encounters, complete, source]);

  const allRows = useMemo(() => (encounters ?? []).map((e) => toQueueRow(e, checks.get(e.id))), [encounters, checks]);
  const rows = useMemo(() => sortRows(filterRows(allRows, filter), sort), [allRows, filter, sort]);
  const choices = useMemo(() => filterChoices(allRows), [allRows]);
  const counts = useMemo(() => statusCounts(allRows), [allRows]);
  const open = openId ? encounters?.find((e) => e.id === openId) : undefined;

  useEffect(() => setActive((a) => Math.min(a, Math.max(0, rows.length - 1))), [rows.length]);

  // For the benchmark: when the first screen shows, and when every encounter is in (marks on the page's timeline).
  const shown = encounters !== undefined;
  useEffect(() => {
    if (shown) performance.mark('queue-first-shown');
  }, [shown]);
  useEffect(() => {
    if (complete) performance.mark('queue-list-shown');
  }, [complete]);

  // "/" jumps to search from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  /** The encounters a bulk action applies to: the selection, or else the row the keyboard is on. */
  const targets = useMemo((): CodedEncounter[] => {
    if (selected.size) return (encounters ?? []).filter((e) => selected.has(e.id));
    const row = rows[active];
    return row ? [row.encounter] : [];
  }, [selected, encounters, rows, active]);

  const run = useCallback(async (label: string, work: () => Promise<string | void>) => {
    setError('');
    setMessage(`${label}…`);
    try {
      const done = await work();
      setMessage(done ?? `${label}: done.`);
    } catch (e) {
      setMessage('');
      setError(`${label} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  const move = (to: EncounterStatus, list = targets) =>
    run(`Mark ${STATUS_LABELS[to].toLowerCase()}`, async () => {
      if (!list.length) throw new Error('Select encounters first.');
      const why = reason.trim();
      if (REASON_REQUIRED.includes(to) && !why) throw new Error(`a reason is needed (e.g. the payer's code such as CO-16).`);
      await moveEncounters(store, list, to, { source, all: encounters ?? [], reason: why || undefined });
      if (REASON_REQUIRED.includes(to)) setReason('');
      return `${list.length} encounter${list.length > 1 ? 's' : ''} marked ${STATUS_LABELS[to].toLowerCase()}.`;
    });

  const exportAs = (format: ExportFormat, list = targets) =>
    run(`Export ${format.toUpperCase()}`, async () => {
      const file = await exportEncounters(db, store, list, format, { source, all: encounters ?? [] });
      offerDownload(file.name, file.mime, file.text);
      return `Exported ${list.length} encounter${list.length > 1 ? 's' : ''} to ${file.name}.`;
    });

  const push = (list = targets) =>
    run('Send to billing server', async () => {
      if (!list.length) throw new Error('Select encounters first.');
      return onPush(list.map((e) => e.id));
    });

  const bulkStatuses = useMemo(() => [...new Set(targets.flatMap((e) => nextStatuses(e.status)))], [targets]);

  if (!encounters) return <p role="status">Opening the queue…</p>;

  return (
    <div className="queue-layout">
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" data-testid="queue-count" data-shown={rows.length} data-complete={complete}>
          Encounters{' '}
          <span className="muted">
            ({rows.length} of {complete ? allRows.length : (total ?? allRows.length)} shown{complete ? '' : ', loading the rest…'})
          </span>
        </h2>
        <QueueFilters filter={filter} onChange={setFilter} payers={choices.payers} coders={choices.coders} counts={counts} searchRef={searchRef} />
        <div className="queue-toolbar" role="toolbar" aria-label="Actions on the selected encounters (or the highlighted one)">
          <span className="muted">{selected.size ? `${selected.size} selected` : 'Highlighted row'}</span>
          {bulkStatuses.map((s) => (
            <button key={s} type="button" data-testid={`bulk-${s}`} onClick={() => void move(s)}>
              Mark {STATUS_LABELS[s].toLowerCase()}
            </button>
          ))}
          <Field label="Reason (rejections, denials)">
            <input data-testid="status-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. CO-16 missing information" />
          </Field>
          <button type="button" data-testid="export-837p" onClick={() => void exportAs('837p')}>
            Export 837P
          </button>
          <button type="button" data-testid="export-fhir" onClick={() => void exportAs('fhir')}>
            Export FHIR
          </button>
          <button type="button" data-testid="export-csv" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" data-testid="push" onClick={() => void push()}>
            Send to billing server
          </button>
        </div>
        <p className="muted" data-testid="queue-checking" data-checking={checking}>
          {checking > 0 ? `Running claim checks on ${checking.toLocaleString()} encounters…` : ''}
        </p>
        <PushSummary db={db} />
        <p role="status" aria-live="polite" data-testid="queue-message" className="ok">
          {message}
        </p>
        <p role="alert" data-testid="queue-error" className="error">
          {error}
        </p>
        <QueueTable
          rows={rows}
          active={active}
          onActiveChange={setActive}
          selected={selected}
          onToggleSelect={(id) =>
            setSelected((old) => {
              const next = new Set(old);
              if (!next.delete(id)) next.add(id);
              return next;
            })
          }
          onSelectAll={(all) => setSelected(all ? new Set(rows.map((r) => r.encounter.id)) : new Set())}
          onOpen={setOpenId}
          sort={sort}
          onSortChange={setSort}
        />
        <p className="keys">
          Keys: <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> or arrows move · <kbd>Space</kbd> select · <kbd>Enter</kbd> open · <kbd>Esc</kbd> back to the list
        </p>
      </section>
      {open && (
        <EncounterPanel
          key={open.id}
          db={db}
          encounter={open}
          checks={checks.get(open.id)}
          store={store}
          onMove={(to) => move(to, [open])}
          onClose={() => {
            setOpenId(undefined);
            document.querySelector<HTMLElement>('[data-testid="queue-grid"]')?.focus();
          }}
          onSaved={() => setMessage(`Saved ${open.claimId}.`)}
          onError={(e) => setError(e)}
          reason={reason}
          onReason={setReason}
        />
      )}
    </div>
  );
}

interface PanelProps {
  db: CoderDB;
  encounter: CodedEncounter;
  checks?: CheckResult[];
  store: EncounterStore;
  onMove(to: EncounterStatus): void;
  onClose(): void;
  onSaved(): void;
  onError(message: string): void;
  reason: string;
  onReason(reason: string): void;
}

/** The open encounter: its checks, status actions, every field, and its audit log. */
function EncounterPanel({ db, encounter, checks, store, onMove, onClose, onSaved, onError, reason, onReason }: PanelProps) {
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    void store.history(encounter.id).then(setHistory);
  }, [store, encounter]);
  const editable = EDITABLE.includes(encounter.status);

  return (
    <section
      className="detail"
      aria-labelledby="detail-heading"
      data-testid="encounter-detail"
      data-status={encounter.status}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2 id="detail-heading" ref={heading} tabIndex={-1}>
        {encounter.claimId} · {encounter.patient.name.family}, {encounter.patient.name.given} · {encounter.dateOfService}
      </h2>
      <p>
        Status: <strong data-testid="detail-status">{STATUS_LABELS[encounter.status]}</strong>
        {encounter.statusHistory.at(-1)?.reason ? ` — ${encounter.statusHistory.at(-1)!.reason}` : ''}
      </p>
      <div className="status-actions" role="group" aria-label="Move this encounter">
        {nextStatuses(encounter.status).map((s) => (
          <button key={s} type="button" data-testid={`move-${s}`} onClick={() => onMove(s)}>
            Mark {STATUS_LABELS[s].toLowerCase()}
          </button>
        ))}
        {nextStatuses(encounter.status).some((s) => REASON_REQUIRED.includes(s)) && (
          <Field label="Reason">
            <input data-testid="detail-reason" value={reason} onChange={(e) => onReason(e.target.value)} placeholder="e.g. CO-11 diagnosis inconsistent" />
          </Field>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <EncounterPushStatus db={db} encounterId={encounter.id} />
      <h3>Claim checks</h3>
      {checks ? <CheckList checks={checks} /> : <p role="status">Checking…</p>}
      <h3>Encounter</h3>
      <EncounterEditor
        encounter={encounter}
        readOnly={!editable}
        onSave={async (draft) => {
          try {
            await store.update(encounter.id, () => ({ ...draft, status: encounter.status, statusHistory: encounter.statusHistory }));
            onSaved();
          } catch (e) {
            onError(`Save failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }}
      />
      <h3>History</h3>
      <AuditLog entries={history} />
    </section>
  );
}
