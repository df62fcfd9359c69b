import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { sourceRanges, type ChartDocument, type TextSpan } from '@/lib/chart';
import { clearEvidence, prepareEvidence, showEvidence } from '@/lib/chart/adapters/evidence-highlight';
import { readOpenPage, type PageReadStats } from '@/lib/chart/adapters/page-reader';
import type { BackgroundReply, BackgroundRequest } from '@/lib/messaging';
import type { ExcludedCandidate, Suggestion, SuggestionResult } from '@/lib/suggest/types';

type Status = 'suggested' | 'accepted' | 'rejected' | 'excluded';
interface Row {
  key: string;
  kind: 'diagnosis' | 'procedure' | 'excluded';
  item: Suggestion | ExcludedCandidate;
  status: Status;
}

/**
 * The in-page sidebar: reads the open chart, shows suggestions with their evidence, and lets the coder accept
 * or reject by keyboard (j/k or ↑/↓ move, a accept, x reject, ? help). Alt+Shift+C toggles it.
 *
 * Page text is hostile input: it is only ever rendered as React text children (escaped), never as markup.
 * The page must not drive the sidebar either, so every handler ignores events the page made up
 * (`isTrusted` false: `dispatchEvent`, `el.click()`). Limitation: the shadow root is open (WXT's
 * `createShadowRootUi` contract, and our E2E tests read it), so page scripts can still read the rows and
 * change or remove the sidebar's DOM; they cannot make it accept or reject a code, and they cannot message
 * the background, which only takes 'suggest' from our own content script.
 */
export function App() {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [active, setActive] = useState(0);
  const [state, setState] = useState<'idle' | 'reading' | 'ready' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const [readStats, setReadStats] = useState<PageReadStats | undefined>(undefined);
  const [unhighlightable, setUnhighlightable] = useState(false);
  const chart = useRef<ChartDocument | undefined>(undefined);
  const unmapped = useRef<TextSpan[]>([]);
  const list = useRef<HTMLDivElement>(null);

  const read = useCallback(async () => {
    setState('reading');
    setMessage('Reading the chart…');
    try {
      // The highlight rule restyles the whole page once; the reader's style checks pay for that restyle anyway.
      prepareEvidence();
      const reading = await readOpenPage();
      const document = reading.chart;
      chart.current = document;
      unmapped.current = reading.unmapped;
      setReadStats(reading.stats);
      const { segments: _segments, ...transferable } = document;
      const request: BackgroundRequest = { type: 'suggest', chart: transferable };
      const reply = (await browser.runtime.sendMessage(request)) as BackgroundReply['suggest'] | undefined;
      if (!reply?.result) throw new Error(reply?.error ?? 'no answer from Chart Coder');
      setRows(toRows(reply.result));
      setActive(0);
      setState('ready');
      setMessage(`${reply.result.diagnoses.length} diagnoses and ${reply.result.procedures.length} procedures suggested`);
    } catch (error) {
      setState('error');
      setMessage(`Could not read this chart: ${(error as Error).message}`);
    }
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Only the coder's own key presses toggle the sidebar, not events a page script dispatches.
      if (!event.isTrusted) return;
      if (event.altKey && event.shiftKey && event.code === 'KeyC') {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => {
    if (open && state === 'idle') void read();
    if (open) list.current?.focus();
    if (!open) clearEvidence();
  }, [open, state, read]);

  // Show the evidence of the row in focus on the page (CSS highlights: the page's DOM is not changed).
  useEffect(() => {
    const row = rows[active];
    if (!open || !row || !chart.current) return clearEvidence();
    const ranges = row.item.evidence.flatMap((e) => sourceRanges(chart.current!, e.start, e.end));
    showEvidence(ranges);
    // Evidence read from a text box's value has no text node to highlight: say so on the row instead.
    setUnhighlightable(row.item.evidence.some((e) => unmapped.current.some((u) => e.start < u.end && e.end > u.start)));
  }, [open, rows, active]);

  const setStatus = (index: number, status: Status) => setRows((current) => current.map((r, i) => (i === index && r.status !== 'excluded' ? { ...r, status } : r)));

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!event.nativeEvent.isTrusted) return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown') setActive((i) => Math.min(i + 1, rows.length - 1));
    else if (key === 'k' || key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (key === 'a' || key === 'Enter') setStatus(active, 'accepted');
    else if (key === 'x') setStatus(active, 'rejected');
    else if (key === '?') setHelp((h) => !h);
    else if (key === 'Escape') (help ? setHelp(false) : setOpen(false));
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  if (!open) return null;
  const sections: [Row['kind'], string][] = [
    ['diagnosis', 'Diagnoses'],
    ['procedure', 'Procedures'],
    ['excluded', 'Excluded'],
  ];
  return (
    <aside className="sidebar" aria-label="Chart Coder">
      <header>
        <h2>Chart Coder</h2>
        <div>
          <button type="button" onClick={(e) => e.nativeEvent.isTrusted && void read()}>
            Re-read
          </button>
          <button type="button" onClick={(e) => e.nativeEvent.isTrusted && setOpen(false)} aria-label="Close Chart Coder">
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
      <div ref={list} tabIndex={0} onKeyDown={onKeyDown} className="rows" aria-label="Suggestions: j and k move, a accepts, x rejects, ? shows keys" role="listbox" aria-activedescendant={rows[active] ? `cc-row-${active}` : undefined}>
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
                  <div className="why">{'explanation' in r.item ? r.item.explanation : `“${r.item.evidence[0]?.text ?? ''}”`}</div>
                  {i === active && unhighlightable && <div className="why">Evidence is in a text box: it cannot be highlighted on the page.</div>}
                </div>
              ))}
            </section>
          );
        })}
      </div>
      {help && (
        <div role="dialog" aria-label="Keyboard shortcuts" className="help">
          <p>Alt+Shift+C show or hide · j/k or ↑/↓ move · a or Enter accept · x reject · ? this help · Esc close</p>
        </div>
      )}
    </aside>
  );
}

function toRows(result: SuggestionResult): Row[] {
  return [
    ...result.diagnoses.map((item) => ({ key: `dx:${item.code}`, kind: 'diagnosis' as const, item, status: 'suggested' as const })),
    ...result.procedures.map((item) => ({ key: `px:${item.code}`, kind: 'procedure' as const, item, status: 'suggested' as const })),
    ...result.excluded.map((item) => ({ key: `ex:${item.system}:${item.code}:${item.reason}`, kind: 'excluded' as const, item, status: 'excluded' as const })),
  ];
}
