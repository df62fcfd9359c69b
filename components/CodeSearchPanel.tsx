import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { SYSTEM_NAMES, type CodeSystem } from '@/lib/codesets';
import type { CoderDB } from '@/lib/db';
import type { CodeSearchResult } from '@/lib/search';
import { CodeDetails } from './CodeDetails';
import { useCodeSearch } from './use-code-search';

/** What the panel does when a code is chosen: copy it (popup), or add it to an encounter (sidebar). */
export type ChooseCode = (choice: { system: CodeSystem; code: string; title: string }) => Promise<string> | string;

/**
 * Keyboard-first code search: type, ↑/↓ to move, Enter to choose, → for details, Esc to close them,
 * Alt+S to star. An empty query lists favourites and recent codes.
 */
export function CodeSearchPanel({ db, onChoose }: { db: CoderDB; onChoose: ChooseCode }) {
  const opened = useCodeSearch(db);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [system, setSystem] = useState<CodeSystem | 'all'>('all');
  const [billableOnly, setBillableOnly] = useState(false);
  const [details, setDetails] = useState<CodeSearchResult | undefined>();
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const favourites = useLiveQuery(() => db.favourites.orderBy('addedAt').reverse().toArray(), [db]);
  const recents = useLiveQuery(() => db.recents.orderBy('usedAt').reverse().limit(15).toArray(), [db]);
  const starred = useMemo(() => new Set((favourites ?? []).map((f) => `${f.system}:${f.code}`)), [favourites]);

  const results: CodeSearchResult[] = useMemo(() => {
    if (!opened || opened instanceof Error) return [];
    if (query.trim() === '') {
      const seen = new Set<string>();
      return [...(favourites ?? []), ...(recents ?? [])]
        .filter((c) => !seen.has(`${c.system}:${c.code}`) && seen.add(`${c.system}:${c.code}`))
        .map((c) => ({ system: c.system, code: c.code, title: c.title, billable: true, score: 0 }));
    }
    return opened.search.search(query, { limit: 30, billableOnly, ...(system === 'all' ? {} : { systems: [system] }) });
  }, [opened, query, system, billableOnly, favourites, recents]);

  const current = results[Math.min(active, results.length - 1)];

  const choose = async (choice: { system: CodeSystem; code: string; title: string }) => {
    await db.recents.put({ ...choice, usedAt: new Date().toISOString() });
    setStatus(await onChoose(choice));
  };

  const toggleFavourite = async (row: CodeSearchResult) => {
    const key: [CodeSystem, string] = [row.system, row.code];
    if (starred.has(`${row.system}:${row.code}`)) {
      await db.favourites.delete(key);
      setStatus(`Removed ${row.code} from favourites`);
    } else {
      await db.favourites.put({ system: row.system, code: row.code, title: row.title, addedAt: new Date().toISOString() });
      setStatus(`Added ${row.code} to favourites`);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      // A grouped row needs its 7th character first: open the picker instead of choosing an incomplete code.
      if (current.sevenths) setDetails(current);
      else void choose(current);
    } else if (event.key === 'ArrowRight' && current && input.current?.selectionStart === query.length) {
      event.preventDefault();
      setDetails(current);
    } else if (event.key === 'Escape' && details) {
      event.preventDefault();
      setDetails(undefined);
    } else if (event.altKey && event.key.toLowerCase() === 's' && current) {
      event.preventDefault();
      void toggleFavourite(current);
    }
  };

  if (opened instanceof Error) return <p role="alert">{opened.message}</p>;
  const listId = 'code-search-results';
  const optionId = (i: number) => `code-search-option-${i}`;
  const countText = query.trim() === '' ? `${results.length} favourites and recent codes` : `${results.length === 30 ? 'Top 30' : results.length} results for ${query}`;

  return (
    <div className="code-search" onKeyDown={(e) => e.key === 'Escape' && details && (e.preventDefault(), setDetails(undefined), input.current?.focus())}>
      <div className="row">
        <label htmlFor="code-search-input" className="visually-hidden">
          Search codes
        </label>
        <input
          id="code-search-input"
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={current ? optionId(Math.min(active, results.length - 1)) : undefined}
          aria-autocomplete="list"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={opened ? 'Code or words: e11.65, diab ty 2 hyperg, afib…' : 'Loading code sets…'}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="row filters">
        <label>
          System{' '}
          <select value={system} onChange={(e) => setSystem(e.target.value as CodeSystem | 'all')}>
            <option value="all">All</option>
            <option value="icd10cm">ICD-10-CM</option>
            <option value="hcpcs">HCPCS</option>
            <option value="cpt">CPT</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={billableOnly} onChange={(e) => setBillableOnly(e.target.checked)} /> Billable only
        </label>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="result-count">
        {opened ? countText : ''}
      </p>
      {query.trim() === '' && results.length > 0 && <h2 className="list-heading">Favourites and recent codes</h2>}
      <ul id={listId} role="listbox" aria-label="Codes" className="results" data-testid="search-results">
        {results.map((r, i) => (
          <li
            key={`${r.system}:${r.code}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            data-code={r.code}
            data-system={r.system}
            className={i === active ? 'active' : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => (r.sevenths ? setDetails(r) : void choose(r))}
          >
            <span className="system">{SYSTEM_NAMES[r.system]}</span> <strong>{r.code}</strong>
            {r.sevenths && <span className="hint"> +7th</span>}
            {!r.billable && !r.sevenths && <span className="hint"> header</span>}
            {starred.has(`${r.system}:${r.code}`) && <span aria-label="favourite"> ★</span>}
            <span className="title"> {r.title}</span>
          </li>
        ))}
      </ul>
      {details && (
        <CodeDetails
          db={db}
          result={details}
          onClose={() => {
            setDetails(undefined);
            input.current?.focus();
          }}
          onPickSeventh={(code) => {
            const picked = details.sevenths?.find((s) => s.code === code);
            if (picked) void choose({ system: details.system, code: picked.code, title: picked.title });
          }}
        />
      )}
      {details && (
        <button type="button" onClick={() => void toggleFavourite(details)} aria-pressed={starred.has(`${details.system}:${details.code}`)}>
          {starred.has(`${details.system}:${details.code}`) ? '★ Starred' : '☆ Star'} (Alt+S)
        </button>
      )}
      <p role="status" data-testid="search-status" className="status">
        {status}
      </p>
      <p className="keys">↑/↓ move · Enter choose · → details · Esc close · Alt+S star</p>
    </div>
  );
}
