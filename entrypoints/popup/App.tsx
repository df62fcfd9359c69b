import { CodeLookup } from '@/components/CodeLookup';
import { CodeSetStatus } from '@/components/CodeSetStatus';
import { db } from '@/lib/db/db';

/** The popup: code lookup (code search grows here). */
export function App() {
  return (
    <main>
      <CodeLookup db={db} />
      <CodeSetStatus db={db} />
    </main>
  );
}
