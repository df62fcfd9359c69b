import { useEffect, useRef, useState } from 'react';
import { createVault, hasVault, MIN_PASSPHRASE_LENGTH, passphraseProblem, unlockVault, WrongPassphraseError } from '@/lib/encounter/crypto';
import type { KeyCustody } from '@/lib/encounter/key-custody';
import type { CoderDB } from '@/lib/db';

interface Props {
  db: CoderDB;
  custody: KeyCustody;
  /** Called with the unlocked data key. */
  onUnlock(key: CryptoKey): void;
  /** Why the queue is locked, e.g. after idle time. */
  notice?: string;
}

/**
 * Patient data in the queue is encrypted at rest. The first visit sets the passphrase; later visits unlock
 * with it. The passphrase itself is never stored: only a key derived from it (PBKDF2) that unwraps the data key.
 */
export function VaultGate({ db, custody, onUnlock, notice }: Props) {
  const [exists, setExists] = useState<boolean>();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void hasVault(db).then(setExists);
  }, [db]);
  useEffect(() => input.current?.focus(), [exists]);
  if (exists === undefined) return null;

  const submit = async () => {
    setError('');
    if (!exists) {
      const problem = passphraseProblem(passphrase);
      if (problem) return setError(problem);
      if (passphrase !== confirm) return setError('The two passphrases differ.');
    }
    setBusy(true);
    try {
      const key = exists ? await unlockVault(db, passphrase, { custody }) : await createVault(db, passphrase, { custody });
      setPassphrase('');
      setConfirm('');
      onUnlock(key);
    } catch (e) {
      setError(e instanceof WrongPassphraseError ? 'Wrong passphrase.' : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="vault-gate" aria-labelledby="vault-heading">
      <h2 id="vault-heading">{exists ? 'Unlock the billing queue' : 'Protect the billing queue'}</h2>
      {notice && <p role="status">{notice}</p>}
      <p>
        {exists
          ? 'Encounters hold patient data and are stored encrypted. Enter the queue passphrase.'
          : `Encounters hold patient data and are stored encrypted in this browser. Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; it cannot be recovered, so keep it safe.`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Passphrase</span>
          <input ref={input} type="password" data-testid="vault-passphrase" autoComplete={exists ? 'current-password' : 'new-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </label>
        {!exists && (
          <label className="field">
            <span>Repeat passphrase</span>
            <input type="password" data-testid="vault-confirm" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </label>
        )}
        <button type="submit" data-testid="vault-submit" disabled={busy}>
          {busy ? 'Working…' : exists ? 'Unlock' : 'Set passphrase'}
        </button>
        <p role="alert" className="error" data-testid="vault-error">
          {error}
        </p>
      </form>
    </section>
  );
}
