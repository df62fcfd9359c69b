import type { CheckResult } from '@/lib/claims';

const LABEL = { error: 'Error', warning: 'Warning', advisory: 'Advisory' } as const;

/** The claim checks of one encounter, errors first; what each found, why, and the list it comes from. */
export function CheckList({ checks }: { checks: CheckResult[] }) {
  if (checks.length === 0)
    return (
      <p className="ok" data-testid="checks-clean">
        All claim checks pass.
      </p>
    );
  return (
    <ul className="check-list" data-testid="check-list" aria-label="Claim checks">
      {checks.map((c, i) => (
        <li key={i} className={`check ${c.severity}`} data-rule={c.rule} data-severity={c.severity}>
          <strong>{LABEL[c.severity]}</strong>
          {c.codes.length > 0 && <span className="codes"> {c.codes.join(', ')}</span>}: {c.message}
          <br />
          <span className="source">
            Source: {c.source}
            {c.line ? ` · line ${c.line}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
