import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { patientLabel, type QueueRow, type QueueSort, type QueueSortKey } from '@/lib/queue/view';
import { STATUS_LABELS } from './status-labels';

const ROW_HEIGHT = 36;

const COLUMNS: { key: QueueSortKey; label: string; width: string }[] = [
  { key: 'claimId', label: 'Claim', width: '7.5rem' },
  { key: 'patient', label: 'Patient', width: 'minmax(7rem, 1fr)' },
  { key: 'dateOfService', label: 'Date of service', width: '6.5rem' },
  { key: 'payer', label: 'Payer', width: 'minmax(5rem, 9rem)' },
  { key: 'coder', label: 'Coder', width: '4rem' },
  { key: 'status', label: 'Status', width: '6rem' },
  { key: 'errors', label: 'Checks', width: '5rem' },
  { key: 'total', label: 'Charge', width: '4.5rem' },
];
const GRID_TEMPLATE = `2rem ${COLUMNS.map((c) => c.width).join(' ')}`;

interface Props {
  rows: QueueRow[];
  /** Index of the row the keyboard is on. */
  active: number;
  onActiveChange(index: number): void;
  selected: ReadonlySet<string>;
  onToggleSelect(id: string): void;
  onSelectAll(select: boolean): void;
  onOpen(id: string): void;
  sort: QueueSort;
  onSortChange(sort: QueueSort): void;
}

/**
 * The encounter list. Only the rows in view are rendered (10k+ encounters stay fast); the grid keeps focus
 * itself and points at the active row with aria-activedescendant, so screen readers follow j/k and arrows.
 */
export function QueueTable({ rows, active, onActiveChange, selected, onToggleSelect, onSelectAll, onOpen, sort, onSortChange }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(Math.min(active, rows.length - 1), { align: 'auto' });
  }, [active, rows.length, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[active];
    const move = (to: number) => {
      event.preventDefault();
      onActiveChange(Math.max(0, Math.min(rows.length - 1, to)));
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        return move(active + 1);
      case 'ArrowUp':
      case 'k':
        return move(active - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(rows.length - 1);
      case 'PageDown':
        return move(active + 15);
      case 'PageUp':
        return move(active - 15);
      case ' ':
      case 'x':
        if (row) {
          event.preventDefault();
          onToggleSelect(row.encounter.id);
        }
        return;
      case 'Enter':
        if (row) {
          event.preventDefault();
          onOpen(row.encounter.id);
        }
        return;
    }
  };

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.encounter.id));
  const activeId = rows[active] ? `queue-row-${rows[active].encounter.id}` : undefined;

  return (
    <div className="queue-table" data-testid="queue-table">
      <div className="queue-row queue-head" role="presentation" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
        <span>
          <input type="checkbox" aria-label="Select all shown encounters" checked={allSelected} onChange={(e) => onSelectAll(e.target.checked)} />
        </span>
        {COLUMNS.map((c) => (
          <button
            key={c.key}
            type="button"
            className="sort-button"
            aria-label={`Sort by ${c.label}${sort.key === c.key ? (sort.direction === 'asc' ? ', sorted ascending' : ', sorted descending') : ''}`}
            onClick={() => onSortChange({ key: c.key, direction: sort.key === c.key && sort.direction === 'asc' ? 'desc' : 'asc' })}
          >
            {c.label}
            {sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="queue-scroll"
        role="grid"
        tabIndex={0}
        aria-label="Coded encounters (j/k or arrows move, space selects, Enter opens)"
        aria-rowcount={rows.length}
        aria-activedescendant={activeId}
        aria-multiselectable="true"
        data-testid="queue-grid"
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const e = row.encounter;
            const isSelected = selected.has(e.id);
            return (
              <div
                key={e.id}
                id={`queue-row-${e.id}`}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={isSelected}
                data-encounter-id={e.id}
                data-status={e.status}
                className={`queue-row${item.index === active ? ' active' : ''}${isSelected ? ' selected' : ''}`}
                style={{ gridTemplateColumns: GRID_TEMPLATE, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => onActiveChange(item.index)}
                onDoubleClick={() => onOpen(e.id)}
              >
                <span role="gridcell">
                  <input type="checkbox" tabIndex={-1} aria-label={`Select ${e.claimId}`} checked={isSelected} onChange={() => onToggleSelect(e.id)} />
                </span>
                <span role="gridcell">{e.claimId}</span>
                <span role="gridcell">{patientLabel(e)}</span>
                <span role="gridcell">{e.dateOfService}</span>
                <span role="gridcell">{e.payer.name}</span>
                <span role="gridcell">{e.coder}</span>
                <span role="gridcell">{STATUS_LABELS[e.status]}</span>
                <span role="gridcell" className={row.errors ? 'error' : undefined}>
                  {row.errors ? `${row.errors} error${row.errors > 1 ? 's' : ''}` : row.warnings ? `${row.warnings} warning${row.warnings > 1 ? 's' : ''}` : 'OK'}
                </span>
                <span role="gridcell" className="number">
                  {row.total.toFixed(2)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <p role="status">No encounters match.</p>}
    </div>
  );
}
