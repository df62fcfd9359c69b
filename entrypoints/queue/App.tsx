import { CodeSetStatus } from '@/components/CodeSetStatus';
import { db } from '@/lib/db/db';

/** The billing team's full-page queue. Coded encounters arrive here once coders send them. */
export function App() {
  return (
    <main>
      <h1>Billing queue</h1>
      <p>No coded encounters yet. Encounters that coders finish in the sidebar appear here for billing.</p>
      <CodeSetStatus db={db} />
    </main>
  );
}
