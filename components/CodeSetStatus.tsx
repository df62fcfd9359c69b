import { useLiveQuery } from 'dexie-react-hooks';
import { LOAD_PROGRESS_KEY, type LoadProgress } from '@/lib/codesets';
import type { CoderDB } from '@/lib/db';
import { ProgressBar } from './ProgressBar';

/** The code sets in the browser, and the progress of any load under way. Live: updates as the background writes. */
export function CodeSetStatus({ db }: { db: CoderDB }) {
  const sets = useLiveQuery(() => db.codeSets.where('status').equals('ready').toArray(), [db]);
  const progress = useLiveQuery(async () => (await db.settings.get(LOAD_PROGRESS_KEY))?.value as LoadProgress | undefined, [db]);
  if (!sets) return null;
  const loading = progress && progress.phase !== 'done' && progress.phase !== 'failed';
  return (
    <section aria-labelledby="codesets-heading">
      <h2 id="codesets-heading">Code sets</h2>
      {loading && <ProgressBar label="Loading code sets" done={progress.done} total={progress.total} />}
      {progress && (
        <p role="status" data-testid="load-status" className={progress.phase === 'failed' ? 'error' : undefined}>
          {progress.message}
        </p>
      )}
      {sets.length === 0 ? (
        <p>No code sets loaded yet.</p>
      ) : (
        <table data-testid="codeset-table">
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Release</th>
              <th scope="col">Dates of service</th>
              <th scope="col">Counts</th>
              <th scope="col">Source files</th>
            </tr>
          </thead>
          <tbody>
            {[...sets]
              .sort((a, b) => a.system.localeCompare(b.system) || b.effectiveFrom.localeCompare(a.effectiveFrom))
              .map((s) => (
                <tr key={s.storeId}>
                  <td>{SYSTEM_NAMES[s.system]}</td>
                  <td>{s.version}</td>
                  <td>
                    {s.effectiveFrom} to {s.effectiveTo ?? 'next release'}
                  </td>
                  <td>
                    {Object.entries(s.counts)
                      .map(([k, v]) => `${v.toLocaleString('en-US')} ${COUNT_LABELS[k] ?? k}`)
                      .join(', ')}
                  </td>
                  <td>
                    {s.sources.map((src) => (
                      <div key={src.name} title={`SHA-256 ${src.sha256}`}>
                        {src.name}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const SYSTEM_NAMES = { icd10cm: 'ICD-10-CM', hcpcs: 'HCPCS Level II', cpt: 'CPT' } as const;

/** Plain words for the counts the pipeline records. */
const COUNT_LABELS: Record<string, string> = {
  billable: 'billable codes',
  headers: 'headers',
  withNotes: 'with Tabular notes',
  withInclusionTerms: 'with inclusion terms',
  codes: 'codes',
  activeOnEffectiveDate: 'active on the release date',
  modifiers: 'modifiers',
  licensed: 'with licensed descriptors',
};
