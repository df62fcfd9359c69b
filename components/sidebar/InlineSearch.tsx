import { useEffect, useRef, useState } from 'react';
import type { CodeSystem } from '@/lib/codesets/types';
import type { CodeSearchResult } from '@/lib/search/types';

/** Asks for search results (the sidebar asks the background; the content script holds no code sets). */
export type SearchCodes = (query: string, system?: CodeSystem) => Promise<CodeSearchResult[]>;

const SYSTEM_LABEL: Record<CodeSystem, string> = { icd10cm: 'ICD-10-CM', cpt: 'CPT', hcpcs: 'HCPCS' };

/**
 * The inline "change this code" search inside a sidebar row: type, ↑/↓ move, Enter confirms (or opens the
 * 7th-character picker when the code needs one), Esc cancels (or goes back from the picker). Keys stay
 * inside it: they neither drive the list around it nor reach the EHR page.
 */
export function InlineSearch(props: {
  /** The code being changed, for the label. */
  code: string;
  initialQuery: string;
  /** Only this system (ICD-10-CM for diagnoses); procedures take CPT and HCPCS. */
  systems: CodeSystem[];
  search: SearchCodes;
  onChoose(choice: { system: CodeSystem; code: string; title: string }): void;
  onCancel(): void;
}) {
  const [query, setQuery] = useState(props.initialQuery);
  const [results, setResults] = useState<CodeSearchResult[]>([]);
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState<CodeSearchResult | undefined>();
  const [seventh, setSeventh] = useState(0);
  const [status, setStatus] = useState('Searching…');
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  const latest = useRef(0);
  const { search, systems } = props;
  // Compared by value: the parent passes a new array on every render.
  const systemsKey = systems.join(',');

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  // Results follow the query (a short pause so every keystroke does not cross to the background).
  useEffect(() => {
    const ticket = ++latest.current;
    if (query.trim() === '') {
      setResults([]);
      setStatus('Type a code or words');
      return;
    }
    const timer = setTimeout(() => {
      search(query, systems.length === 1 ? systems[0] : undefined)
        .then((found) => {
          if (ticket !== latest.current) return;
          const allowed = found.filter((r) => systems.includes(r.system));
          setResults(allowed);
          setActive(0);
          setStatus(allowed.length ? `${allowed.length} codes found` : `No ${systems.map((s) => SYSTEM_LABEL[s]).join(' or ')} codes for ${query}`);
        })
        .catch((error: Error) => ticket === latest.current && setStatus(`Search failed: ${error.message}`));
    }, 120);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, search, systemsKey]);

  useEffect(() => {
    if (picking) picker.current?.focus();
    else input.current?.focus();
  }, [picking]);

  const current = results[Math.min(active, results.length - 1)];
  const choose = (result: CodeSearchResult) => {
    if (result.sevenths?.length) {
      setPicking(result);
      setSeventh(0);
    } else props.onChoose({ system: result.system, code: result.code, title: result.title });
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    event.stopPropagation();
    if (!event.nativeEvent.isTrusted) return;
    const choices = picking?.sevenths ?? [];
    if (event.key === 'Escape') {
      event.preventDefault();
      if (picking) setPicking(undefined);
      else props.onCancel();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (picking) setSeventh((i) => Math.min(i + 1, choices.length - 1));
      else setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (picking) setSeventh((i) => Math.max(i - 1, 0));
      else setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (picking) {
        const pick = choices[seventh];
        if (pick) props.onChoose({ system: picking.system, code: pick.code, title: pick.title });
      } else if (current) choose(current);
    } else if (picking && /^[a-z0-9]$/i.test(event.key)) {
      // Typing the character itself picks it.
      const pick = choices.findIndex((c) => c.char.toUpperCase() === event.key.toUpperCase());
      if (pick >= 0) setSeventh(pick);
    }
  };

  const id = 'cc-edit';
  return (
    <div className="edit" onKeyDown={onKeyDown} onKeyUp={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      <label htmlFor={`${id}-input`}>Change {props.code} to</label>
      <input
        id={`${id}-input`}
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={`${id}-results`}
        aria-activedescendant={current && !picking ? `${id}-option-${Math.min(active, results.length - 1)}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        spellCheck={false}
        value={query}
        disabled={picking !== undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
      />
      <p className="edit-status" aria-live="polite">
        {picking ? `Pick the 7th character of ${picking.code}: ↑/↓ or the character, Enter confirms, Esc goes back` : status}
      </p>
      {!picking && (
        <ul id={`${id}-results`} role="listbox" aria-label="Codes found" className="edit-results">
          {results.map((r, i) => (
            <li
              key={`${r.system}:${r.code}`}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              data-result-code={r.code}
              className={i === active ? 'active' : undefined}
              onMouseEnter={(e) => e.nativeEvent.isTrusted && setActive(i)}
              onClick={(e) => e.nativeEvent.isTrusted && choose(r)}
            >
              <strong>{r.code}</strong>
              {r.sevenths?.length ? <span className="hint"> +7th</span> : null} <span>{r.title}</span>
            </li>
          ))}
        </ul>
      )}
      {picking && (
        <div
          ref={picker}
          tabIndex={0}
          role="listbox"
          aria-label={`7th character for ${picking.code}`}
          aria-activedescendant={`${id}-seventh-${seventh}`}
          className="edit-results sevenths"
        >
          {(picking.sevenths ?? []).map((s, i) => (
            <div
              key={s.code}
              id={`${id}-seventh-${i}`}
              role="option"
              aria-selected={i === seventh}
              data-result-code={s.code}
              className={i === seventh ? 'active' : undefined}
              onClick={(e) => e.nativeEvent.isTrusted && props.onChoose({ system: picking.system, code: s.code, title: s.title })}
            >
              <strong>{s.char}</strong> {s.code} <span>{s.title}</span>
            </div>
          ))}
        </div>
      )}
      <p className="keys">↑/↓ move · Enter confirms · Esc cancels</p>
    </div>
  );
}
