import { CodeSearchPanel } from '@/components/CodeSearchPanel';
import { EnableOnThisSite } from '@/components/SiteAccess';
import { db } from '@/lib/db/db';

/** The popup: keyboard-first code search. Enter copies the chosen code. */
export function App() {
  return (
    <main className="popup">
      <h1 className="visually-hidden">Chart Coder code search</h1>
      <EnableOnThisSite />
      <p className="row">
        <a href="/queue.html" target="_blank" rel="noopener">
          Billing queue
        </a>
        <a href="/options.html" target="_blank" rel="noopener">
          Settings
        </a>
      </p>
      <CodeSearchPanel
        db={db}
        onChoose={async ({ code }) => {
          try {
            await navigator.clipboard.writeText(code);
            return `Copied ${code}`;
          } catch {
            return `${code} (copy blocked: select and copy it)`;
          }
        }}
      />
    </main>
  );
}
