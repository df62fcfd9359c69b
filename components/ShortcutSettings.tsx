import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  SHORTCUTS,
  SHORTCUTS_STORAGE_KEY,
  comboFromEvent,
  comboProblem,
  defaultBindings,
  displayCombo,
  findConflicts,
  formatCombo,
  loadShortcuts,
  saveShortcut,
  type ShortcutBindings,
  type ShortcutId,
  type ShortcutOverrides,
} from '@/lib/shortcuts';

/**
 * Options section: the page and sidebar keys, each changeable by pressing the new key ("Change", then the
 * key; Esc cancels) or reset to its default; conflicts are listed. Browser commands are set by the browser.
 */
export function ShortcutSettings() {
  const [bindings, setBindings] = useState<ShortcutBindings>(defaultBindings);
  const [problems, setProblems] = useState<string[]>([]);
  const [overrides, setOverrides] = useState<ShortcutOverrides>({});
  const [capturing, setCapturing] = useState<ShortcutId | undefined>();
  const [status, setStatus] = useState('');
  const [commands, setCommands] = useState<{ name?: string; description?: string; shortcut?: string }[]>([]);

  const reload = () =>
    loadShortcuts(browser.storage.local).then((loaded) => {
      setBindings(loaded.bindings);
      setOverrides(loaded.overrides);
      setProblems(loaded.problems);
    });
  useEffect(() => {
    // The browser's own shortcuts as it assigned them (it may leave a suggested key unset when it clashes).
    void browser.commands
      ?.getAll()
      .then(setCommands)
      .catch(() => setCommands([]));
    void reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => area === 'local' && SHORTCUTS_STORAGE_KEY in changes && void reload();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const save = async (id: ShortcutId, combos: string[] | undefined, done: string) => {
    try {
      await saveShortcut(browser.storage.local, id, combos);
      await reload();
      setStatus(done);
    } catch (error) {
      setStatus((error as Error).message);
    }
  };

  const onCaptureKey = (id: ShortcutId, event: React.KeyboardEvent) => {
    // Tab keeps moving the focus, so keyboard users are never trapped in the capture button.
    if (event.key === 'Tab') return;
    event.preventDefault();
    if (event.key === 'Escape' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      setCapturing(undefined);
      setStatus('Change cancelled');
      return;
    }
    const combo = comboFromEvent(event.nativeEvent);
    if (!combo) return;
    const problem = comboProblem(id, combo);
    if (problem) {
      setStatus(problem);
      return;
    }
    setCapturing(undefined);
    const def = SHORTCUTS.find((s) => s.id === id)!;
    void save(id, [formatCombo(combo)], `${def.description}: now ${displayCombo(combo)}`);
  };

  const conflicts = findConflicts(bindings);
  const describe = (id: ShortcutId) => SHORTCUTS.find((s) => s.id === id)?.description ?? id;
  return (
    <section aria-labelledby="shortcut-settings-title" className="shortcut-settings">
      <h2 id="shortcut-settings-title">Keyboard shortcuts</h2>
      <p>
        The browser's own shortcuts (open search, show or hide the sidebar, re-read the page) are changed at{' '}
        <code>chrome://extensions/shortcuts</code> (Firefox: about:addons → Manage Extension Shortcuts). The keys below work
        inside the EHR page and the sidebar, also where the EHR swallows browser shortcuts.
      </p>
      {commands.length > 0 && (
        <ul className="browser-commands" data-testid="browser-commands">
          {commands.map((c) => (
            <li key={c.name}>
              {c.name === '_execute_action' ? 'Open code search' : c.description}: <kbd>{c.shortcut || 'not set'}</kbd>
              {!c.shortcut && c.name !== '_execute_action' ? ' (the page key below works without it)' : ''}
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul role="alert" className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Where</th>
            <th scope="col">Keys</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.filter((s) => s.scope !== 'browser').map((s) => {
            const custom = s.id in overrides;
            return (
              <tr key={s.id} data-shortcut={s.id}>
                <th scope="row">{s.description}</th>
                <td>{s.scope === 'page' ? 'On the page' : 'In the sidebar'}</td>
                <td data-testid={`keys-${s.id}`}>{s.id === 'sidebar.reorder' ? '1–9' : bindings[s.id].map(displayCombo).join(' or ')}</td>
                <td>
                  {s.remappable && (
                    <>
                      <button
                        type="button"
                        aria-label={capturing === s.id ? `Press the new key for ${s.description} (Esc cancels)` : `Change keys for ${s.description}`}
                        aria-pressed={capturing === s.id}
                        onClick={() => {
                          setCapturing(s.id);
                          setStatus(`Press the new key for ${s.description}; Esc cancels`);
                        }}
                        onKeyDown={(e) => capturing === s.id && onCaptureKey(s.id, e)}
                        onBlur={() => capturing === s.id && setCapturing(undefined)}
                      >
                        {capturing === s.id ? 'Press a key…' : 'Change'}
                      </button>{' '}
                      <button type="button" disabled={!custom} aria-label={`Reset ${s.description} to ${s.defaults.join(' or ')}`} onClick={() => void save(s.id, undefined, `${s.description}: back to ${s.defaults.join(' or ')}`)}>
                        Reset
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {conflicts.length > 0 && (
        <div role="alert" className="conflicts" data-testid="shortcut-conflicts">
          <p>These keys do two things; change one of them:</p>
          <ul>
            {conflicts.map((c) => (
              <li key={c.combo}>
                <kbd>{c.combo}</kbd>: {c.ids.map(describe).join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" data-testid="shortcut-status">
        {status}
      </p>
    </section>
  );
}
