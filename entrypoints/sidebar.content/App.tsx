import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { chartFromText, sourceRanges, type ChartDocument, type TextSpan } from '@/lib/chart';
import { clearEvidence, prepareEvidence, showEvidence } from '@/lib/chart/adapters/evidence-highlight';
import { watchNoteChanges, type NoteWatch } from '@/lib/chart/adapters/note-watch';
import { readOpenPage, type PageReadStats } from '@/lib/chart/adapters/page-reader';
import { pageRoots } from '@/lib/chart/adapters/sites';
import type { CodeSystem } from '@/lib/codesets/types';
import type { BackgroundReply, BackgroundRequest, ContentCommand, EncounterHeaderDraft } from '@/lib/messaging';
import { SHORTCUTS_STORAGE_KEY, applyOverrides, defaultBindings, displayCombo, loadShortcuts, shortcutFor, type ShortcutBindings } from '@/lib/shortcuts';
import { HeaderForm } from '@/components/sidebar/HeaderForm';
import { HelpOverlay } from '@/components/sidebar/HelpOverlay';
import { InlineSearch, type SearchCodes } from '@/components/sidebar/InlineSearch';
import { ResizeHandle } from '@/components/sidebar/ResizeHandle';
import { DEFAULT_LAYOUT, clampWidth, layoutKey, readLayout, type SidebarLayout } from '@/components/sidebar/layout';
import { changeCode, encounterPayload, headerDraft, keepDecisions, moveRow, needsSeventh, toRows, type Row, type RowStatus } from '@/components/sidebar/rows';

/** A browser command and the in-page key for the same action can both arrive for one press: take the first. */
const SAME_PRESS_MS = 400;

/**
 * The in-page sidebar: reads the open chart, shows suggestions with their evidence, and lets the coder accept,
 * reject, change, reorder and send codes by keyboard (keys from lib/shortcuts.ts, changeable in options).
 *
 * Page text is hostile input: it is only ever rendered as React text children (escaped), never as markup.
 * The page must not drive the sidebar either, so every handler ignores events the page made up
 * (`isTrusted` false: `dispatchEvent`, `el.click()`). Limitation: the shadow root is open (WXT's
 * `createShadowRootUi` contract, and our E2E tests read it), so page scripts can still read the rows and
 * change or remove the sidebar's DOM; they cannot make it accept or reject a code, and they cannot message
 * the background, which only takes CONTENT_SCRIPT_REQUESTS from our own content script.
 */
export function App() {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [active, setActive] = useState(0);
  const [state, setState] = useState<'idle' | 'reading' | 'ready' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const [notice, setNotice] = useState('');
  const [help, setHelp] = useState(false);
  const [readStats, setReadStats] = useState<PageReadStats | undefined>(undefined);
  const [unhighlightable, setUnhighlightable] = useState(false);
  const [fromSelection, setFromSelection] = useState(false);
  const [header, setHeader] = useState<EncounterHeaderDraft>(headerDraft(undefined));
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [noteChanged, setNoteChanged] = useState(false);
  const [layout, setLayout] = useState<SidebarLayout>(DEFAULT_LAYOUT);
  const [bindings, setBindings] = useState<ShortcutBindings>(defaultBindings);
  const chart = useRef<ChartDocument | undefined>(undefined);
  const unmapped = useRef<TextSpan[]>([]);
  const list = useRef<HTMLDivElement>(null);
  const edited = useRef(new Set<keyof EncounterHeaderDraft>());
  const watch = useRef<NoteWatch | undefined>(undefined);
  const lastToggle = useRef<{ at: number; source: 'page' | 'browser' }>({ at: -Infinity, source: 'page' });
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const bindingsRef = useRef(bindings);
  bindingsRef.current = bindings;

  /** Shows a reading's suggestions, keeping the coder's decisions on codes still suggested. */
  const showResult = useCallback((result: NonNullable<BackgroundReply['suggest']['result']>, selection: boolean) => {
    const next = keepDecisions(rowsRef.current, toRows(result));
    setRows(next);
    setActive(0);
    setFromSelection(selection);
    // Fields the coder typed stay as typed; the rest follow the chart.
    const fresh = headerDraft(result.header);
    setHeader((current) => Object.fromEntries(Object.entries(fresh).map(([k, v]) => [k, edited.current.has(k as keyof EncounterHeaderDraft) ? current[k as keyof EncounterHeaderDraft] : v])) as unknown as EncounterHeaderDraft);
    setState('ready');
    setMessage(`${result.diagnoses.length} diagnoses and ${result.procedures.length} procedures suggested${selection ? ' from the selection' : ''}`);
  }, []);

  const suggest = async (document: ChartDocument) => {
    const { segments: _segments, ...transferable } = document;
    const request: BackgroundRequest = { type: 'suggest', chart: transferable };
    const reply = (await browser.runtime.sendMessage(request)) as BackgroundReply['suggest'] | undefined;
    if (!reply?.result) throw new Error(reply?.error ?? 'no answer from Chart Coder');
    return reply.result;
  };

  const read = useCallback(async () => {
    setState('reading');
    setMessage('Reading the chart…');
    setNoteChanged(false);
    try {
      // The highlight rule restyles the whole page once; the reader's style checks pay for that restyle anyway.
      prepareEvidence();
      const roots = pageRoots(location, document)?.roots;
      const reading = await readOpenPage(document, { roots });
      chart.current = reading.chart;
      unmapped.current = reading.unmapped;
      setReadStats(reading.stats);
      // The note as read is the baseline for "the note changed".
      if (watch.current) watch.current.reset();
      else watch.current = watchNoteChanges(document, { roots, onChange: () => setNoteChanged(true) });
      showResult(await suggest(reading.chart), false);
    } catch (error) {
      setState('error');
      setMessage(`Could not read this chart: ${(error as Error).message}`);
    }
  }, [showResult]);

  /** "Code selection with Chart Coder": codes only the selected text (as text: it is not highlighted in the page). */
  const codeSelection = useCallback(
    async (text: string) => {
      setOpen(true);
      setState('reading');
      setMessage('Coding the selection…');
      try {
        const document = chartFromText(text.slice(0, 200_000));
        chart.current = document;
        unmapped.current = [{ start: 0, end: document.text.length }];
        showResult(await suggest(document), true);
      } catch (error) {
        setState('error');
        setMessage(`Could not code the selection: ${(error as Error).message}`);
      }
    },
    [showResult],
  );

  const toggle = useCallback((source: 'page' | 'browser') => {
    const now = performance.now();
    if (now - lastToggle.current.at < SAME_PRESS_MS && lastToggle.current.source !== source) return;
    lastToggle.current = { at: now, source };
    setOpen((value) => !value);
  }, []);

  const reread = useCallback(() => {
    setOpen(true);
    void read();
  }, [read]);

  // The coder's keys (stored overrides), kept current when they change them in options.
  useEffect(() => {
    void loadShortcuts(browser.storage.local).then(({ bindings }) => setBindings(bindings));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SHORTCUTS_STORAGE_KEY in changes) setBindings(applyOverrides(changes[SHORTCUTS_STORAGE_KEY]!.newValue).bindings);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  // This site's dock side and width.
  useEffect(() => {
    const key = layoutKey(location.origin);
    void browser.storage.local.get(key).then((stored) => setLayout(readLayout(stored[key])));
  }, []);
  const saveLayout = (next: SidebarLayout) => void browser.storage.local.set({ [layoutKey(location.origin)]: next });

  // In-page shortcuts, for EHRs that swallow browser shortcuts.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Only the coder's own key presses, not events a page script dispatches.
      if (!event.isTrusted) return;
      const id = shortcutFor(event, bindingsRef.current, ['page']);
      if (id === 'page.toggle') toggle('page');
      else if (id === 'page.reread') reread();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [toggle, reread]);

  // Browser commands and the context menu, relayed by the background (only our own extension's messages).
  useEffect(() => {
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const command = message as ContentCommand;
      if (command?.type === 'sidebar/toggle') toggle('browser');
      else if (command?.type === 'sidebar/reread') reread();
      else if (command?.type === 'sidebar/code-selection' && typeof command.text === 'string') void codeSelection(command.text);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [toggle, reread, codeSelection]);

  useEffect(() => {
    if (open && state === 'idle') void read();
    if (open) list.current?.focus();
    if (!open) clearEvidence();
  }, [open, state, read]);

  useEffect(() => () => watch.current?.stop(), []);

  // Show the evidence of the row in focus on the page (CSS highlights: the page's DOM is not changed).
  useEffect(() => {
    const row = rows[active];
    if (!open || !row || !chart.current) return clearEvidence();
    const ranges = row.item.evidence.flatMap((e) => sourceRanges(chart.current!, e.start, e.end));
    showEvidence(ranges);
    // Evidence read from a text box's value has no text node to highlight: say so on the row instead.
    setUnhighlightable(row.item.evidence.some((e) => unmapped.current.some((u) => e.start < u.end && e.end > u.start)));
  }, [open, rows, active]);

  const searchCodes: SearchCodes = useCallback(async (query: string, system?: CodeSystem) => {
    const request: BackgroundRequest = { type: 'search', query, limit: 20, system };
    const reply = (await browser.runtime.sendMessage(request)) as BackgroundReply['search'] | undefined;
    if (!reply?.results) throw new Error(reply?.error ?? 'no answer from Chart Coder');
    return reply.results;
  }, []);

  const setStatus = (index: number, status: RowStatus) => setRows((current) => current.map((r, i) => (i === index && r.status !== 'excluded' ? { ...r, status } : r)));

  const move = (index: number, position: number) => {
    const moved = moveRow(rows, index, position);
    setRows(moved.rows);
    setActive(moved.index);
    const row = moved.rows[moved.index];
    if (row && moved.index !== index) setNotice(`${row.item.code} moved to position ${moved.rows.filter((r) => r.kind === row.kind).indexOf(row) + 1}`);
  };

  const send = async () => {
    const payload = encounterPayload(rows, header, { url: location.href, title: document.title }, fromSelection);
    if (payload.diagnoses.length === 0 && payload.procedures.length === 0) {
      setNotice('Accept at least one code before sending');
      return;
    }
    setNotice('Sending to the billing queue…');
    try {
      const request: BackgroundRequest = { type: 'encounter/create', payload };
      const reply = (await browser.runtime.sendMessage(request)) as BackgroundReply['encounter/create'] | undefined;
      if (!reply) throw new Error('no answer from Chart Coder');
      setNotice(reply.ok ? `Sent ${payload.diagnoses.length + payload.procedures.length} codes to the billing queue` : reply.error);
    } catch (error) {
      setNotice(`Could not send: ${(error as Error).message}`);
    }
  };

  const dock = () =>
    setLayout((current) => {
      const next = { ...current, side: current.side === 'right' ? ('left' as const) : ('right' as const) };
      saveLayout(next);
      setNotice(`Docked ${next.side}`);
      return next;
    });

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!event.nativeEvent.isTrusted) return;
    const id = shortcutFor(event, bindings, ['sidebar']);
    const row = rows[active];
    switch (id) {
      case 'sidebar.next':
        setActive((i) => Math.min(i + 1, rows.length - 1));
        break;
      case 'sidebar.previous':
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'sidebar.accept':
        setStatus(active, 'accepted');
        break;
      case 'sidebar.reject':
        setStatus(active, 'rejected');
        break;
      case 'sidebar.edit':
        if (row && row.kind !== 'excluded') setEditing(row.key);
        break;
      case 'sidebar.reorder':
        move(active, Number(/^Digit|^Numpad/.test(event.code) ? event.code.slice(-1) : event.key));
        break;
      case 'sidebar.moveUp':
      case 'sidebar.moveDown': {
        if (!row || row.kind === 'excluded') break;
        const position = rows.filter((r) => r.kind === row.kind).indexOf(row) + 1;
        move(active, id === 'sidebar.moveUp' ? position - 1 : position + 1);
        break;
      }
      case 'sidebar.send':
        void send();
        break;
      case 'sidebar.dock':
        dock();
        break;
      case 'sidebar.help':
        setHelp((h) => !h);
        break;
      case 'sidebar.close':
        if (help) setHelp(false);
        else setOpen(false);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const editRow = rows.find((r) => r.key === editing);
  const keyOf = useMemo(() => (id: keyof ShortcutBindings) => bindings[id].map(displayCombo)[0] ?? '', [bindings]);

  if (!open) return null;
  const sections: [Row['kind'], string][] = [
    ['diagnosis', 'Diagnoses'],
    ['procedure', 'Procedures'],
    ['excluded', 'Excluded'],
  ];
  const trusted = (fn: () => void) => (e: React.MouseEvent) => e.nativeEvent.isTrusted && fn();
  return (
    <aside className={`sidebar ${layout.side}`} aria-label="Chart Coder" data-dock={layout.side} style={{ width: `${clampWidth(layout.width, window.innerWidth)}px` }}>
      <ResizeHandle
        side={layout.side}
        width={layout.width}
        onResize={(width) => setLayout((current) => ({ ...current, width: clampWidth(width, window.innerWidth) }))}
        onDone={() => saveLayout(layout)}
      />
      <div className="panel">
        <header>
          <h2>Chart Coder</h2>
          <div>
            <button type="button" onClick={trusted(() => void read())} title={`Re-read the page (${keyOf('page.reread')})`}>
              Re-read
            </button>
            <button type="button" onClick={trusted(() => void send())} title={`Send accepted codes to the billing queue (${keyOf('sidebar.send')})`}>
              Send to billing queue
            </button>
            <button type="button" onClick={trusted(dock)} aria-label={`Dock ${layout.side === 'right' ? 'left' : 'right'}`} title={`Dock on the other side (${keyOf('sidebar.dock')})`}>
              {layout.side === 'right' ? '⇤' : '⇥'}
            </button>
            <button type="button" onClick={trusted(() => setHelp((h) => !h))} aria-label="Keyboard shortcuts" aria-expanded={help}>
              ?
            </button>
            <button type="button" onClick={trusted(() => setOpen(false))} aria-label="Close Chart Coder">
              ×
            </button>
          </div>
        </header>
        <p
          role="status"
          className={state === 'error' ? 'error' : 'status'}
          data-testid="sidebar-status"
          data-read-ms={readStats ? readStats.ms.toFixed(1) : undefined}
          data-read-busy-ms={readStats ? readStats.busyMs.toFixed(1) : undefined}
          data-read-longest-slice-ms={readStats ? readStats.longestSliceMs.toFixed(1) : undefined}
          data-read-yields={readStats?.yields}
        >
          {message}
        </p>
        <p className="notice" aria-live="polite" data-testid="sidebar-notice">
          {notice}
        </p>
        <div className="offer" aria-live="polite" data-testid="sidebar-offer">
          {noteChanged && (
            <>
              The note changed —{' '}
              <button type="button" onClick={trusted(() => void read())}>
                Re-read ({keyOf('page.reread')})
              </button>
            </>
          )}
        </div>
        {fromSelection && (
          <p className="selection" data-testid="sidebar-source" data-source="selection">
            From selection: only the selected text was coded.
          </p>
        )}
        <HeaderForm
          value={header}
          onChange={(field, value) => {
            edited.current.add(field);
            setHeader((current) => ({ ...current, [field]: value }));
          }}
        />
        {editRow && (
          <InlineSearch
            key={editRow.key}
            code={editRow.item.code}
            // A code waiting for its 7th character starts from its stem, so the picker is one Enter away.
            initialQuery={needsSeventh(editRow) && /^[A-Z]\d\d\.[0-9A-Z]{4}$/.test(editRow.item.code) ? editRow.item.code.slice(0, -1) : editRow.item.code}
            systems={editRow.kind === 'diagnosis' ? ['icd10cm'] : ['cpt', 'hcpcs']}
            search={searchCodes}
            onChoose={(choice) => {
              setRows((current) => current.map((r) => (r.key === editRow.key ? changeCode(r, choice) : r)));
              setNotice(`${editRow.item.code} changed to ${choice.code}`);
              setEditing(undefined);
              list.current?.focus();
            }}
            onCancel={() => {
              setEditing(undefined);
              list.current?.focus();
            }}
          />
        )}
        <div
          ref={list}
          tabIndex={0}
          onKeyDown={onKeyDown}
          className="rows"
          aria-label={`Suggestions: ${keyOf('sidebar.next')} and ${keyOf('sidebar.previous')} move, ${keyOf('sidebar.accept')} accepts, ${keyOf('sidebar.reject')} rejects, ${keyOf('sidebar.edit')} changes the code, ${keyOf('sidebar.help')} shows keys`}
          role="listbox"
          aria-activedescendant={rows[active] ? `cc-row-${active}` : undefined}
          data-source={fromSelection ? 'selection' : 'page'}
        >
          {sections.map(([kind, title]) => {
            const items = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === kind);
            if (items.length === 0) return null;
            return (
              <section key={kind} aria-label={title}>
                <h3>{title}</h3>
                {items.map(([r, i]) => (
                  <div
                    key={r.key}
                    id={`cc-row-${i}`}
                    role="option"
                    aria-selected={i === active}
                    className={`row ${r.status}${i === active ? ' active' : ''}`}
                    data-code={r.item.code}
                    data-system={r.item.system}
                    data-status={r.status}
                    data-highlight={i === active && unhighlightable ? 'unavailable' : undefined}
                    onMouseEnter={(e) => e.nativeEvent.isTrusted && setActive(i)}
                    onClick={(e) => e.nativeEvent.isTrusted && setActive(i)}
                  >
                    <strong>{r.item.code}</strong>
                    {'units' in r.item && r.item.units && r.item.units > 1 ? ` × ${r.item.units}` : ''}
                    {'modifiers' in r.item && r.item.modifiers?.length ? ` -${r.item.modifiers.join(' -')}` : ''} <span>{r.item.title}</span>
                    {r.editedFrom && <span className="hint"> (was {r.editedFrom})</span>}
                    <div className="why">{'explanation' in r.item ? r.item.explanation : `“${r.item.evidence[0]?.text ?? ''}”`}</div>
                    {needsSeventh(r) && <div className="why warn">Check the 7th character: press {keyOf('sidebar.edit')} to pick it.</div>}
                    {i === active && unhighlightable && (
                      <div className="why">{fromSelection ? 'Coded from the selection: the evidence is not highlighted on the page.' : 'Evidence is in a text box: it cannot be highlighted on the page.'}</div>
                    )}
                  </div>
                ))}
              </section>
            );
          })}
        </div>
      </div>
      {help && (
        <HelpOverlay
          bindings={bindings}
          onClose={() => {
            setHelp(false);
            list.current?.focus();
          }}
        />
      )}
    </aside>
  );
}
