import { useEffect, useState } from 'react';
import { CodeSetStore, ICD10CM_CHAPTERS, SYSTEM_NAMES, type CodeRecord, type TabularNotes } from '@/lib/codesets';
import type { CoderDB, StoredCodeSet } from '@/lib/db';
import type { CodeSearchResult } from '@/lib/search';

/** What a coder checks before using a code: title, billable flag, hierarchy, Tabular notes (with their year), 7th characters. */
export function CodeDetails({ db, result, onPickSeventh, onClose }: { db: CoderDB; result: CodeSearchResult; onPickSeventh: (code: string) => void; onClose: () => void }) {
  const [detail, setDetail] = useState<{ record: CodeRecord; set: StoredCodeSet; ancestors: CodeRecord[] } | null>();
  useEffect(() => {
    let live = true;
    const store = new CodeSetStore(db);
    void store.lookup(result.code, { system: result.system }).then(async ([hit]) => {
      if (!live) return;
      if (!hit) return setDetail(null);
      const chain = await store.ancestorsOf(hit.set.storeId, hit.record);
      if (live) setDetail({ record: hit.record, set: hit.set, ancestors: [...chain.values()].reverse() });
    });
    return () => {
      live = false;
    };
  }, [db, result.code, result.system]);

  const notes = detail?.record.notes;
  return (
    <section className="details" aria-labelledby="details-heading" data-testid="code-details">
      <header className="row">
        <h2 id="details-heading">
          <span className="system">{SYSTEM_NAMES[result.system]}</span> {result.code}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details (Esc)">
          ×
        </button>
      </header>
      <p>{result.title}</p>
      <p>
        {result.billable ? 'Billable' : result.sevenths ? 'Needs a 7th character' : 'Header: not billable, pick a more specific code'}
        {detail && ` · ${detail.set.version}`}
        {result.terminatedOn && ` · terminated ${result.terminatedOn}`}
      </p>
      {detail && (detail.ancestors.length || detail.record.chapter) ? (
        <nav aria-label="Hierarchy">
          <ol className="hierarchy">
            {topLevels(detail.record, detail.set).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {detail.ancestors.map((a) => (
              <li key={a.code}>
                {a.code} {a.title}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {result.sevenths && (
        <fieldset className="sevenths">
          <legend>7th character</legend>
          {result.sevenths.map((s) => (
            <button key={s.code} type="button" onClick={() => onPickSeventh(s.code)} title={s.title}>
              <strong>{s.char}</strong> {s.title.replace(/^.*, /, '')}
            </button>
          ))}
        </fieldset>
      )}
      {notes && <NotesList notes={notes} />}
      {detail === null && <p>Details are not available for this code in the code sets in force.</p>}
    </section>
  );
}

/** Chapter and section lines for an ICD-10-CM code, from the chapter table and the release's sections. */
function topLevels(record: CodeRecord, set: StoredCodeSet): string[] {
  if (record.system !== 'icd10cm') return [];
  const chapter = ICD10CM_CHAPTERS.find((c) => c.number === record.chapter);
  const section = record.section ? set.sections?.find((s) => s.id === record.section) : undefined;
  return [...(chapter ? [`Chapter ${chapter.number}: ${chapter.title}`] : []), ...(section ? [`${section.id} ${section.title}`] : [])];
}

const NOTE_LABELS: [keyof TabularNotes, string][] = [
  ['inclusionTerms', 'Inclusion terms'],
  ['includes', 'Includes'],
  ['excludes1', 'Excludes1 (never together)'],
  ['excludes2', 'Excludes2 (not included here)'],
  ['codeFirst', 'Code first'],
  ['useAdditionalCode', 'Use additional code'],
  ['codeAlso', 'Code also'],
];

function NotesList({ notes }: { notes: TabularNotes }) {
  const groups = NOTE_LABELS.filter(([key]) => Array.isArray(notes[key]) && (notes[key] as string[]).length);
  return (
    <div className="notes">
      <p className="fy-label">Notes from the FY{notes.fiscalYear} Tabular List</p>
      {groups.map(([key, label]) => (
        <div key={key}>
          <h3>
            {label} <span className="fy">(FY{notes.fiscalYear})</span>
          </h3>
          <ul>
            {(notes[key] as string[]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
      {notes.sevenChr && (
        <div>
          <h3>
            7th characters <span className="fy">(FY{notes.fiscalYear})</span>
          </h3>
          <ul>
            {Object.entries(notes.sevenChr).map(([char, text]) => (
              <li key={char}>
                <strong>{char}</strong> {text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
