import { useEffect, useState } from 'react';

/** The in-page sidebar. Alt+Shift+C toggles it, for EHRs that swallow browser shortcuts. */
export function App() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.shiftKey && event.code === 'KeyC') {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!open) return null;
  return (
    <aside className="sidebar" aria-label="Chart Coder">
      <header>
        <h2>Chart Coder</h2>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close Chart Coder">
          ×
        </button>
      </header>
      <p>Chart Coder is enabled on this page.</p>
    </aside>
  );
}
