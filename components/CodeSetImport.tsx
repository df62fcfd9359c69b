import { useState } from 'react';
import { CodeSetStore, type ReleaseFile } from '@/lib/codesets';
import type { CoderDB } from '@/lib/db';
import builtinCpt from '@/assets/cpt/common-cpt.json';

/**
 * Imports a newer official release (CDC/CMS zips or their files) or an organisation's licensed CPT file.
 * Bad files are refused with a plain message and the code sets in use stay as they were.
 */
export function CodeSetImport({ db }: { db: CoderDB }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; details?: string[] }>();
  const [dragging, setDragging] = useState(false);

  const importFiles = async (list: FileList | File[]) => {
    const picked = Array.from(list);
    if (picked.length === 0) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const files: ReleaseFile[] = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const { report } = await new CodeSetStore(db).importRelease(files, { builtinCpt });
      setMessage({ kind: 'ok', text: 'Imported. The new code sets are in use.', details: report });
    } catch (error) {
      setMessage({ kind: 'error', text: `Not imported: ${(error as Error).message}. The code sets you had are still in use.` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import a code-set release</h2>
      <p>
        Official files: the CDC ICD-10-CM code descriptions or table-and-index zip (or the order file and Tabular/Index XML inside), the CMS HCPCS
        alpha-numeric zip or ANWEB text file, or your organisation's licensed CPT file (tab- or comma-separated code and descriptor).
      </p>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void importFiles(e.dataTransfer.files);
        }}
      >
        <label htmlFor="import-files">Choose files, or drop them here</label>
        <input id="import-files" data-testid="import-files" type="file" multiple disabled={busy} onChange={(e) => e.target.files && void importFiles(e.target.files)} />
      </div>
      {busy && <p role="status">Importing…</p>}
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} data-testid="import-result" className={message.kind === 'error' ? 'error' : 'ok'}>
          <p>{message.text}</p>
          {message.details && (
            <ul>
              {message.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
