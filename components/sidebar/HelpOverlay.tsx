import { SHORTCUTS, displayCombo, type ShortcutBindings, type ShortcutScope } from '@/lib/shortcuts';

const SCOPE_TITLES: Record<ShortcutScope, string> = {
  page: 'On the page',
  sidebar: 'In the sidebar',
  browser: 'Browser shortcuts (change them at chrome://extensions/shortcuts)',
};

/** Every shortcut from the one table (lib/shortcuts.ts), with the keys bound now. */
export function HelpOverlay({ bindings, onClose }: { bindings: ShortcutBindings; onClose(): void }) {
  return (
    <div role="dialog" aria-label="Keyboard shortcuts" className="help" data-testid="sidebar-help">
      <div className="help-head">
        <h3>Keyboard shortcuts</h3>
        <button type="button" onClick={(e) => e.nativeEvent.isTrusted && onClose()} aria-label="Close keyboard shortcuts">
          ×
        </button>
      </div>
      {(['page', 'sidebar', 'browser'] as const).map((scope) => (
        <section key={scope} aria-label={SCOPE_TITLES[scope]}>
          <h4>{SCOPE_TITLES[scope]}</h4>
          <dl>
            {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
              <div key={s.id} data-shortcut={s.id}>
                <dt>
                  {s.id === 'sidebar.reorder'
                    ? '1–9'
                    : (scope === 'browser' ? s.defaults : bindings[s.id].map(displayCombo)).map((k, i) => (
                        <span key={k}>
                          {i > 0 ? ' or ' : ''}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p>Change the page and sidebar keys on Chart Coder's settings page.</p>
    </div>
  );
}
