import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CoderDB } from '@/lib/db';
import type { EncounterCache } from '@/lib/queue/encounter-cache';
import type { NextAction, ReasonCategory } from '@/lib/remit/reasons';
import { buildWorklist, type WorklistGroup, type WorklistItem } from '@/lib/remit/worklist';
import { useQueueEncounters } from './use-queue-encounters';

interface Props {
  db: CoderDB;
  cache: EncounterCache;
  /** Opens the chart audit of an item's encounter. */
  onOpen(item: WorklistItem): void;
  /** The item whose audit the coder just left: the list starts on it, with the keyboard in the list. */
  returnTo?: WorklistItem;
}

type GroupBy = 'category' | 'payer' | 'age';

export const CATEGORY_LABELS: Record<ReasonCategory, string> = {
  'missing-information': 'Missing information',
  'non-covered': 'Non-covered service',
  bundled: 'Bundled / inclusive',
  'diagnosis-procedure-mismatch': 'Diagnosis inconsistent with procedure',
  'invalid-code': 'Invalid code',
  modifier: 'Modifier',
  'units-over-limit': 'Units over limit',
  'age-sex-conflict': 'Age / sex conflict',
  'timely-filing': 'Timely filing',
  duplicate: 'Duplicate',
  eligibility: 'Eligibility',
  authorization: 'Authorisation',
  contractual: 'Contractual',
  'patient-responsibility': 'Patient responsibility',
  other: 'Other',
};

export const NEXT_ACTION_LABELS: Record<NextAction, string> = {
  'correct-and-resend': 'Correct and resend',
  appeal: 'Appeal',
  'write-off': 'Write off',
  'bill-patient': 'Bill the patient',
  none: 'Nothing to do',
  'check-eligibility': 'Check eligibility',
};

const money = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const groupTitle = (by: GroupBy, g: WorklistGroup) => (by === 'category' ? CATEGORY_LABELS[g.key as ReasonCategory] ?? g.key : by === 'age' ? `${g.key} days` : g.key);
const itemKey = (i: WorklistItem) => `${i.encounterId}|${i.label}|${i.category}`;

/**
 * Denied and partly paid encounters, one item per refusing reason, grouped by reason, payer or age, largest
 * amounts first. The list is one keyboard stop: ↑/↓ (or j/k) move, Enter opens the chart audit.
 */
export function DenialWorklist({ db, cache, onOpen, returnTo }: Props) {
  const { encounters, complete } = useQueueEncounters(db, cache);
  const [by, setBy] = useState<GroupBy>('category');
  const [codingOnly, setCodingOnly] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const worklist = useMemo(() => buildWorklist(encounters ?? []), [encounters]);
  const groups = useMemo(() => {
    const source = by === 'category' ? worklist.byCategory : by === 'payer' ? worklist.byPayer : worklist.byAge;
    return source
      .map((g) => {
        const items = codingOnly ? g.items.filter((i) => i.owner === 'coding') : g.items;
        return { ...g, items, count: items.length, amount: items.reduce((s, i) => s + Math.round(i.amount * 100), 0) / 100 };
      })
      .filter((g) => g.items.length);
  }, [worklist, by, codingOnly]);
  // The order the keyboard walks: group by group, as shown.
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  useEffect(() => setActive((a) => Math.min(a, Math.max(0, flat.length - 1))), [flat.length]);
  // Back from a chart audit: once the list is in, land on the item the coder left (it may be gone if corrected).
  const returned = useRef(false);
  useEffect(() => {
    if (!returnTo || returned.current || !complete) return;
    returned.current = true;
    const at = flat.findIndex((i) => itemKey(i) === itemKey(returnTo));
    if (at >= 0) setActive(at);
    listRef.current?.focus();
  }, [returnTo, complete, flat]);
  useEffect(() => {
    document.getElementById(`denial-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (!encounters) return <p role="status">Opening the queue…</p>;

  const onKeyDown = (e: KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(flat.length - 1, to)));
    };
    if (e.key === 'ArrowDown' || e.key === 'j') move(active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(active - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(flat.length - 1);
    else if (e.key === 'Enter' && flat[active]) {
      e.preventDefault();
      onOpen(flat[active]);
    }
  };

  let n = 0;
  return (
    <section className="worklist" aria-labelledby="worklist-heading">
      <h2 id="worklist-heading" data-testid="worklist-count" data-count={flat.length} data-complete={complete}>
        Denials{' '}
        <span className="muted">
          ({flat.length} item{flat.length === 1 ? '' : 's'}, {money(groups.reduce((s, g) => s + g.amount, 0))} at stake{complete ? '' : ', loading the rest of the queue…'})
        </span>
      </h2>
      <div className="queue-filters">
        <label>
          Group by
          <select data-testid="worklist-group" value={by} onChange={(e) => setBy(e.target.value as GroupBy)}>
            <option value="category">Reason</option>
            <option value="payer">Payer</option>
            <option value="age">Age</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" data-testid="worklist-coding-only" checked={codingOnly} onChange={(e) => setCodingOnly(e.target.checked)} /> Coding only
        </label>
      </div>
      {flat.length === 0 ? (
        <p role="status">{codingOnly ? 'No denials for coding to work.' : 'No denied or partly paid claims.'}</p>
      ) : (
        <ul
          ref={listRef}
          className="worklist-list"
          role="listbox"
          tabIndex={0}
          aria-label="Denial worklist (arrows or j/k move, Enter opens the chart audit)"
          aria-activedescendant={`denial-${active}`}
          data-testid="worklist"
          onKeyDown={onKeyDown}
        >
          {groups.map((g) => (
            <li key={g.key} role="presentation" className="worklist-group">
              <h3 className="worklist-group-title" id={`group-${by}-${g.key}`} data-group={g.key}>
                {groupTitle(by, g)} <span className="muted">· {g.count} · {money(g.amount)}</span>
              </h3>
              <ul role="group" aria-labelledby={`group-${by}-${g.key}`}>
                {g.items.map((item) => {
                  const index = n++;
                  return (
                    <li
                      key={itemKey(item)}
                      id={`denial-${index}`}
                      role="option"
                      aria-selected={index === active}
                      className={`worklist-item${index === active ? ' active' : ''}`}
                      data-testid="worklist-item"
                      data-claim={item.claimId}
                      data-label={item.label}
                      data-owner={item.owner}
                      data-category={item.category}
                      onClick={() => setActive(index)}
                      onDoubleClick={() => onOpen(item)}
                    >
                      <span className="worklist-main">
                        <strong>{item.claimId}</strong> · {item.patient} · {item.payer.name} · DOS {item.dateOfService}
                      </span>
                      <span>
                        <strong>{item.label}</strong> {item.description}
                        {item.remarks.length ? <span className="muted"> (remarks {item.remarks.join(', ')})</span> : null}
                      </span>
                      <span className="worklist-facts">
                        <span className="number">{money(item.amount)}</span>
                        <span className={`owner ${item.owner}`}>{item.owner === 'coding' ? 'Coding' : 'Billing'}</span>
                        <span>{NEXT_ACTION_LABELS[item.nextAction]}</span>
                        <span>
                          {item.ageDays} day{item.ageDays === 1 ? '' : 's'}
                        </span>
                        <button type="button" tabIndex={-1} data-testid="worklist-open" onClick={() => onOpen(item)}>
                          {item.pointsAtCoding ? 'Chart audit' : 'Open'}
                        </button>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="keys">
        Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> opens the chart audit
      </p>
    </section>
  );
}
