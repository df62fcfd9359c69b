import { useEffect, useMemo, useRef, useState } from 'react';
import { runClaimChecks, type CheckResult, type CodeSetSource } from '@/lib/claims';
import type { CoderDB } from '@/lib/db';
import type { AuditEntry } from '@/lib/encounter/audit';
import type { EncounterStore } from '@/lib/encounter/store';
import type { CodedEncounter, EncounterEvidence } from '@/lib/encounter/types';
import { duplicateKeys } from '@/lib/queue/actions';
import type { EncounterCache } from '@/lib/queue/encounter-cache';
import { auditSuggestions, isRelatedCheck } from '@/lib/remit/audit-suggestions';
import { describeAdjustment, describeRemark } from '@/lib/remit/reasons';
import { worklistItems, type WorklistItem } from '@/lib/remit/worklist';
import { AuditLog } from './AuditLog';
import { CATEGORY_LABELS, NEXT_ACTION_LABELS } from './DenialWorklist';
import { EncounterEditor } from './EncounterEditor';
import { STATUS_LABELS } from './status-labels';
import { useQueueEncounters } from './use-queue-encounters';

interface Props {
  db: CoderDB;
  store: EncounterStore;
  cache: EncounterCache;
  source: CodeSetSource;
  encounterId: string;
  /** The worklist item the audit was opened from (the denial stays shown after the encounter is corrected). */
  item?: WorklistItem;
  onBack(): void;
  onEncounters(): void;
}

/** Statuses a coder can still correct from here. */
const CORRECTABLE = new Set(['denied', 'partially-paid', 'reversed']);
const letter = (n: number) => String.fromCharCode(64 + n);
const money = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

/** The refusing reasons of an encounter, also after it moved on (corrected, resent): from its stored line remittance. */
function denialsOf(encounter: CodedEncounter): WorklistItem[] {
  if (encounter.status === 'denied' || encounter.status === 'partially-paid') return worklistItems(encounter);
  const refused = encounter.lines.some((l) => l.remittance?.adjustments.some((a) => describeAdjustment(a, l.remittance!.remarks).denial && a.amount > 0));
  return refused ? worklistItems({ ...encounter, status: 'denied' }) : [];
}

/** Evidence with its text marked inside the sentence it came from. */
function Evidence({ evidence }: { evidence?: EncounterEvidence[] }) {
  if (!evidence?.length) return <span className="muted">No chart evidence stored.</span>;
  return (
    <ul className="evidence-list">
      {evidence.map((ev, i) => {
        const sentence = ev.sentence ?? '';
        const at = sentence.toLowerCase().indexOf(ev.text.toLowerCase());
        return (
          <li key={i} data-testid="audit-evidence">
            {sentence && at >= 0 ? (
              <q>
                {sentence.slice(0, at)}
                <mark>{sentence.slice(at, at + ev.text.length)}</mark>
                {sentence.slice(at + ev.text.length)}
              </q>
            ) : (
              <>
                <mark>{ev.text}</mark>
                {sentence ? (
                  <>
                    {' '}
                    <span className="muted">in</span> <q>{sentence}</q>
                  </>
                ) : null}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The chart audit of a denied or partly paid claim: the denial, each code with the chart evidence stored when it
 * was coded, the claim checks re-run now (those bearing on the denial first), suggested corrections, the editor,
 * and "Mark corrected" to send it back to billing. The audit log shows denial → edits → correction → resend.
 */
export function ChartAudit({ db, store, cache, source, encounterId, item, onBack, onEncounters }: Props) {
  const { encounters } = useQueueEncounters(db, cache);
  const encounter = encounters?.find((e) => e.id === encounterId) ?? cache.get(encounterId);
  const [checks, setChecks] = useState<CheckResult[]>();
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const updatedAt = encounter?.updatedAt;
  useEffect(() => {
    if (!encounter) return;
    let cancelled = false;
    const same = duplicateKeys(encounters ?? []).filter((k) => k.mrn === encounter.patient.mrn && k.dateOfService === encounter.dateOfService);
    void runClaimChecks(encounter, source, { otherEncounters: same }).then((r) => !cancelled && setChecks(r));
    void store.history(encounter.id).then((h) => !cancelled && setHistory(h));
    return () => {
      cancelled = true;
    };
    // Re-run when the encounter changes, not on every list refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [encounterId, updatedAt, source, store]);

  const denials = useMemo(() => {
    const list = encounter ? denialsOf(encounter) : [];
    return list.length ? list : item ? [item] : [];
  }, [encounter, item]);
  const primary = denials.find((d) => d.pointsAtCoding) ?? denials[0];
  const suggestions = useMemo(
    () => (encounter && primary && checks ? auditSuggestions({ encounter, category: primary.category, checks, lineIds: primary.lineIds }) : []),
    [encounter, primary, checks],
  );

  if (!encounter) return <p role="status">{encounters ? 'This encounter is no longer in the queue.' : 'Opening the encounter…'}</p>;

  const related = (checks ?? []).filter((c) => denials.some((d) => isRelatedCheck(d.category, c)));
  const others = (checks ?? []).filter((c) => !related.includes(c));
  const correctable = CORRECTABLE.has(encounter.status);

  const markCorrected = async () => {
    setError('');
    try {
      await store.setStatus(encounter.id, 'corrected', { reason: `corrected after ${denials.map((d) => d.label).join(', ') || 'denial'}` });
      setMessage(`${encounter.claimId} is corrected: export the 837P or send it from the Encounters tab to resend it.`);
    } catch (e) {
      setError(`Mark corrected failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section className="chart-audit" aria-labelledby="audit-heading" data-testid="chart-audit" data-status={encounter.status}>
      <nav className="row audit-nav" aria-label="Back">
        <button type="button" data-testid="audit-back" onClick={onBack}>
          ← Back to denials
        </button>
        <button type="button" data-testid="audit-encounters" onClick={onEncounters}>
          Open the Encounters tab
        </button>
      </nav>
      <h2 id="audit-heading" ref={heading} tabIndex={-1}>
        Chart audit: {encounter.claimId} · {encounter.patient.name.family}, {encounter.patient.name.given} · {encounter.dateOfService}
      </h2>
      <p>
        Status: <strong data-testid="audit-status">{STATUS_LABELS[encounter.status]}</strong> · {encounter.payer.name}
        {encounter.remittance ? ` · payer claim number ${encounter.remittance.payerClaimControlNumber || '—'}, paid ${money(encounter.remittance.paid)} of ${money(encounter.remittance.billed)}` : ''}
      </p>

      <h3>The denial</h3>
      {denials.length === 0 ? (
        <p>No refusing reason is on file for this encounter.</p>
      ) : (
        <ul className="denial-list" data-testid="audit-denials">
          {denials.map((d) => (
            <li key={`${d.label}|${d.category}`} data-label={d.label} data-category={d.category}>
              <strong>{d.label}</strong> {d.description} — {CATEGORY_LABELS[d.category]}, {money(d.amount)} on line{d.lineIds.length === 1 ? '' : 's'} {d.lineIds.join(', ')}. Owner:{' '}
              {d.owner}; next: {NEXT_ACTION_LABELS[d.nextAction].toLowerCase()}.
              <br />
              <span className="muted">{d.hint}</span>
              {d.remarks.length > 0 && (
                <ul>
                  {d.remarks.map((r) => (
                    <li key={r}>
                      Remark {r}: {describeRemark(r).description}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {primary && !primary.pointsAtCoding && <p className="muted">This reason is one for billing, not coding; the codes are shown for reference.</p>}

      <h3>Suggested corrections</h3>
      {!checks ? (
        <p role="status">Re-running the claim checks…</p>
      ) : suggestions.length ? (
        <ul className="suggestion-list" data-testid="audit-suggestions">
          {suggestions.map((s, i) => (
            <li key={i} data-kind={s.kind} data-line={s.lineId}>
              {s.message}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="audit-suggestions-none">No correction to suggest from the codes and checks; read the payer's remark and the chart.</p>
      )}

      <h3>Diagnoses and the chart evidence behind them</h3>
      <table className="audit-table" data-testid="audit-diagnoses">
        <thead>
          <tr>
            <th scope="col">Ptr</th>
            <th scope="col">Code</th>
            <th scope="col">Chart evidence</th>
          </tr>
        </thead>
        <tbody>
          {encounter.diagnoses.map((d, i) => (
            <tr key={`${i}-${d.code}`} data-code={d.code}>
              <td>{letter(i + 1)}</td>
              <td>
                <strong>{d.code}</strong>
                {d.title ? <span className="muted"> {d.title}</span> : null}
              </td>
              <td>
                <Evidence evidence={d.evidence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Service lines</h3>
      <table className="audit-table" data-testid="audit-lines">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Code</th>
            <th scope="col">Pointers</th>
            <th scope="col">Payer said</th>
            <th scope="col">Chart evidence</th>
          </tr>
        </thead>
        <tbody>
          {encounter.lines.map((l) => (
            <tr key={l.id} data-line={l.id} className={denials.some((d) => d.lineIds.includes(l.id)) ? 'refused' : undefined}>
              <td>{l.id}</td>
              <td>
                <strong>{l.code}</strong>
                {l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × {l.units}
              </td>
              <td>{l.pointers.map((p) => `${letter(p)} ${encounter.diagnoses[p - 1]?.code ?? '?'}`).join(', ')}</td>
              <td>
                {l.remittance
                  ? `paid ${money(l.remittance.paid)}${l.remittance.adjustments.length ? `; ${l.remittance.adjustments.map((a) => `${a.group}-${a.reason} ${money(a.amount)}`).join(', ')}` : ''}${l.remittance.remarks.length ? `; remarks ${l.remittance.remarks.join(', ')}` : ''}`
                  : '—'}
              </td>
              <td>
                <Evidence evidence={l.evidence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Claim checks now</h3>
      {!checks ? (
        <p role="status">Checking…</p>
      ) : checks.length === 0 ? (
        <p className="ok" data-testid="checks-clean">
          All claim checks pass now.
        </p>
      ) : (
        <ul className="check-list" data-testid="audit-checks" aria-label="Claim checks, those bearing on the denial first">
          {[...related, ...others].map((c, i) => (
            <li key={i} className={`check ${c.severity}${related.includes(c) ? ' related' : ''}`} data-rule={c.rule} data-severity={c.severity} data-related={related.includes(c)}>
              {related.includes(c) && <span className="related-tag">Bears on the denial · </span>}
              <strong>{c.severity === 'error' ? 'Error' : c.severity === 'warning' ? 'Warning' : 'Advisory'}</strong>
              {c.codes.length > 0 && <span className="codes"> {c.codes.join(', ')}</span>}: {c.message}
              <br />
              <span className="source">Source: {c.source}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>Correct the encounter</h3>
      <EncounterEditor
        encounter={encounter}
        readOnly={!correctable && encounter.status !== 'corrected'}
        onSave={async (draft) => {
          setError('');
          try {
            await store.update(encounter.id, () => ({ ...draft, status: encounter.status, statusHistory: encounter.statusHistory }));
            setMessage(`Saved ${encounter.claimId}.`);
          } catch (e) {
            setError(`Save failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }}
      />
      <div className="status-actions">
        <button type="button" data-testid="audit-mark-corrected" disabled={!correctable} onClick={() => void markCorrected()}>
          Mark corrected
        </button>
        <span className="muted">Sends the claim back to billing; export or push it from the Encounters tab to resend.</span>
      </div>
      <p role="status" aria-live="polite" className="ok" data-testid="audit-message">
        {message}
      </p>
      <p role="alert" className="error" data-testid="audit-error">
        {error}
      </p>

      <h3>History</h3>
      <AuditLog entries={history} />
    </section>
  );
}
