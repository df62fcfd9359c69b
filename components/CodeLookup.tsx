import { useState } from 'react';
import { CodeSetStore, SYSTEM_NAMES, type LookupHit } from '@/lib/codesets';
import type { CoderDB } from '@/lib/db';

/** Looks a code up in every system's release in force, with its hierarchy and notes. */
export function CodeLookup({ db }: { db: CoderDB }) {
  const [code, setCode] = useState('');
  const [hits, setHits] = useState<LookupHit[] | undefined>();
  const [error, setError] = useState('');

  const lookup = async (event: React.FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      setHits(await new CodeSetStore(db).lookup(code.trim()));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="lookup-heading">
      <h2 id="lookup-heading">Look up a code</h2>
      <form onSubmit={lookup} className="row">
        <label htmlFor="lookup-code">Code</label>
        <input id="lookup-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="E11.65, J1100, 99213" autoComplete="off" />
        <button type="submit">Look up</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {hits && (
        <div role="status" data-testid="lookup-result">
          {hits.length === 0 ? (
            <p>No code {code} in the code sets in force.</p>
          ) : (
            hits.map(({ record, set }) => (
              <article key={`${record.system}-${record.code}`} className="code-card">
                <h3>
                  <span className="system">{SYSTEM_NAMES[record.system]}</span> {record.code}
                </h3>
                <p>{record.title}</p>
                <p>
                  {record.billable ? 'Billable' : 'Header: not billable'} · {set.version}
                  {record.terminatedOn && ` · terminated ${record.terminatedOn}`}
                </p>
                {record.notes && <p>Tabular notes from FY{record.notes.fiscalYear}</p>}
              </article>
            ))
          )}
        </div>
      )}
    </section>
  );
}
