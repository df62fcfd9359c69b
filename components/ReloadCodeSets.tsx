import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { BackgroundReply, BackgroundRequest } from '@/lib/messaging';

/** Reloads the code sets shipped with the extension (after a damaged profile, or to undo an import). */
export function ReloadCodeSets() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const reload = async () => {
    setBusy(true);
    setError('');
    try {
      const request: BackgroundRequest = { type: 'codesets/reload-shipped', force: true };
      (await browser.runtime.sendMessage(request)) as BackgroundReply['codesets/reload-shipped'];
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row">
      <button type="button" onClick={reload} disabled={busy}>
        Reload the code sets shipped with Chart Coder
      </button>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
