import type { RefObject } from 'react';
import type { EncounterStatus } from '@/lib/encounter/types';
import type { QueueFilter } from '@/lib/queue/view';
import { STATUS_LABELS } from './status-labels';

interface Props {
  filter: QueueFilter;
  onChange(filter: QueueFilter): void;
  payers: string[];
  coders: string[];
  counts: Partial<Record<EncounterStatus, number>>;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Search box and filters above the queue; every control is labelled and reachable by Tab. */
export function QueueFilters({ filter, onChange, payers, coders, counts, searchRef }: Props) {
  const status = filter.statuses?.[0] ?? '';
  return (
    <form className="queue-filters" role="search" aria-label="Filter encounters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search <kbd>/</kbd>
        <input
          ref={searchRef}
          type="search"
          data-testid="queue-search"
          placeholder="Patient, MRN, claim, code"
          value={filter.search ?? ''}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
        />
      </label>
      <label>
        Status
        <select data-testid="filter-status" value={status} onChange={(e) => onChange({ ...filter, statuses: e.target.value ? [e.target.value as EncounterStatus] : undefined })}>
          <option value="">All</option>
          {(Object.keys(STATUS_LABELS) as EncounterStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]} ({counts[s] ?? 0})
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={filter.from ?? ''} onChange={(e) => onChange({ ...filter, from: e.target.value || undefined })} />
      </label>
      <label>
        To
        <input type="date" value={filter.to ?? ''} onChange={(e) => onChange({ ...filter, to: e.target.value || undefined })} />
      </label>
      <label>
        Payer
        <select value={filter.payer ?? ''} onChange={(e) => onChange({ ...filter, payer: e.target.value || undefined })}>
          <option value="">All</option>
          {payers.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Coder
        <select value={filter.coder ?? ''} onChange={(e) => onChange({ ...filter, coder: e.target.value || undefined })}>
          <option value="">All</option>
          {coders.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Checks
        <select
          data-testid="filter-errors"
          value={filter.hasErrors === undefined ? '' : filter.hasErrors ? 'errors' : 'clean'}
          onChange={(e) => onChange({ ...filter, hasErrors: e.target.value === '' ? undefined : e.target.value === 'errors' })}
        >
          <option value="">Any</option>
          <option value="errors">Has errors</option>
          <option value="clean">No errors</option>
        </select>
      </label>
    </form>
  );
}
