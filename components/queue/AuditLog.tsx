import type { AuditEntry } from '@/lib/encounter/audit';

/** The detail an entry carries: a note string, or a status change's reason and note. */
function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (!detail || typeof detail !== 'object') return '';
  const d = detail as { reason?: unknown; detail?: unknown; status?: unknown };
  return [d.reason, d.detail].filter((x): x is string => typeof x === 'string' && x !== '').join(' · ');
}

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** The append-only history of one encounter: every change with old and new value, who and when. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No history yet.</p>;
  return (
    <ol className="audit-log" data-testid="audit-log" aria-label="Audit log">
      {entries.map((entry) => (
        <li key={entry.seq} data-action={entry.action}>
          <p>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> · <strong>{entry.by}</strong> · {entry.action}
            {detailText(entry.detail) ? ` — ${detailText(entry.detail)}` : ''}
          </p>
          {entry.changes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Old</th>
                  <th scope="col">New</th>
                </tr>
              </thead>
              <tbody>
                {entry.changes.map((c, i) => (
                  <tr key={i}>
                    <td>{c.field}</td>
                    <td>{show(c.old)}</td>
                    <td>{show(c.new)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
