import { useLiveQuery } from 'dexie-react-hooks';
import type { CoderDB } from '@/lib/db';

const STATE_TEXT = { pending: 'waiting to send', 'in-flight': 'sending', sent: 'sent', failed: 'failed' } as const;

/** The push to the billing server at a glance: how many encounters are in each state (live). */
export function PushSummary({ db }: { db: CoderDB }) {
  const counts = useLiveQuery(async () => {
    const rows = await db.pushOutbox.toArray();
    const out = { pending: 0, 'in-flight': 0, sent: 0, failed: 0 };
    for (const r of rows) out[r.state]++;
    return out;
  }, [db]);
  if (!counts || Object.values(counts).every((n) => n === 0)) return null;
  return (
    <p className="muted" role="status" aria-live="polite" data-testid="push-summary" data-sent={counts.sent} data-failed={counts.failed} data-pending={counts.pending + counts['in-flight']}>
      Billing server: {counts.sent} sent · {counts.pending + counts['in-flight']} waiting · {counts.failed} failed
    </p>
  );
}

/** One encounter's push: state, attempts, next try, the server's id or the last error. */
export function EncounterPushStatus({ db, encounterId }: { db: CoderDB; encounterId: string }) {
  const row = useLiveQuery(() => db.pushOutbox.get(encounterId), [db, encounterId]);
  if (!row) return null;
  return (
    <p data-testid="encounter-push" data-state={row.state} className={row.state === 'failed' ? 'error' : undefined}>
      Billing server: {STATE_TEXT[row.state]}
      {row.state === 'sent' && row.serverId ? ` (Claim/${row.serverId})` : ''}
      {row.state === 'pending' && row.attempts > 0 ? `, attempt ${row.attempts + 1} after ${new Date(row.nextAttemptAt).toLocaleTimeString()}` : ''}
      {row.lastError && row.state !== 'sent' ? ` — ${row.lastError}` : ''}
    </p>
  );
}
