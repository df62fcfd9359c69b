import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { CodeSetStatus } from '@/components/CodeSetStatus';
import { ChartAudit } from '@/components/queue/ChartAudit';
import { DenialWorklist } from '@/components/queue/DenialWorklist';
import { QueueSettings } from '@/components/queue/QueueSettings';
import { QueueWorkspace } from '@/components/queue/QueueWorkspace';
import { RemittanceImport } from '@/components/queue/RemittanceImport';
import { VaultGate } from '@/components/queue/VaultGate';
import { contextFromStore } from '@/lib/claims';
import { CodeSetStore } from '@/lib/codesets/store';
import { db } from '@/lib/db/db';
import { IdleLock, readIdleLockMinutes } from '@/lib/encounter/idle-lock';
import { StorageKeyCustody } from '@/lib/encounter/key-custody';
import { EncounterStore } from '@/lib/encounter/store';
import type { BackgroundRequest } from '@/lib/messaging';
import { enqueuePush } from '@/lib/push/outbox';
import { cachedSource } from '@/lib/queue/cached-source';
import { EncounterCache } from '@/lib/queue/encounter-cache';
import { loadPracticeSettings, savePracticeSettings } from '@/lib/queue/practice-settings';
import type { WorklistItem } from '@/lib/remit/worklist';

/**
 * The billing team's full-page queue. Locked until the passphrase opens the encrypted encounters; locks
 * again after the configured idle time (the key is forgotten by this page and the service worker alike).
 */
export function App() {
  // Session storage: memory only, shared with the service worker so pushes run while the queue is unlocked.
  const custody = useMemo(() => new StorageKeyCustody(browser.storage.session), []);
  const [key, setKey] = useState<CryptoKey>();
  const [user, setUser] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [tab, setTab] = useState<'queue' | 'remittance' | 'denials' | 'settings'>('queue');
  // The denial whose chart audit is open (inside the Denials tab).
  const [audit, setAudit] = useState<WorklistItem>();
  const [auditLeft, setAuditLeft] = useState<WorklistItem>();
  // The Remittance tab stays mounted once opened, so its file results survive a look at another tab.
  const [remitOpened, setRemitOpened] = useState(false);
  const [idleLock, setIdleLock] = useState<IdleLock>();

  useEffect(() => {
    void custody.get().then((k) => {
      performance.mark('queue-key-ready');
      if (k) setKey(k);
    });
    void loadPracticeSettings(db).then((s) => setUser(s.user));
  }, [custody]);

  // Idle lock: any key press or pointer use counts as activity.
  useEffect(() => {
    if (!key) return;
    let lock: IdleLock | undefined;
    void readIdleLockMinutes(db).then((minutes) => {
      lock = new IdleLock({
        minutes,
        onLock: () => {
          void custody.clear();
          setKey(undefined);
          setNotice(`The queue locked itself after ${minutes} idle minute${minutes === 1 ? '' : 's'}.`);
        },
      });
      lock.start();
      setIdleLock(lock);
    });
    const touch = () => lock?.touch();
    document.addEventListener('keydown', touch, true);
    document.addEventListener('pointerdown', touch, true);
    return () => {
      lock?.stop();
      document.removeEventListener('keydown', touch, true);
      document.removeEventListener('pointerdown', touch, true);
    };
  }, [key, custody]);

  const store = useMemo(() => (key && user ? new EncounterStore(db, key, { user }) : undefined), [key, user]);
  const cache = useMemo(() => store && new EncounterCache(store), [store]);
  const source = useMemo(() => cachedSource(contextFromStore(new CodeSetStore(db), db)), []);

  const lockNow = () => {
    void custody.clear();
    setKey(undefined);
    setNotice('The queue is locked.');
  };

  return (
    <main className="queue">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Billing queue</h1>
        {key && (
          <button type="button" data-testid="lock" onClick={lockNow}>
            Lock queue
          </button>
        )}
      </header>
      {!key ? (
        <VaultGate
          db={db}
          custody={custody}
          notice={notice}
          onUnlock={(k) => {
            setNotice(undefined);
            setKey(k);
          }}
        />
      ) : user === undefined ? null : !user ? (
        <WhoIsWorking
          onName={async (name) => {
            const settings = await loadPracticeSettings(db);
            await savePracticeSettings(db, { ...settings, user: name });
            setUser(name);
          }}
        />
      ) : (
        store &&
        cache && (
          <>
            <div className="tabs" role="tablist" aria-label="Queue views">
              <button type="button" role="tab" aria-selected={tab === 'queue'} onClick={() => setTab('queue')}>
                Encounters
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'remittance'}
                data-testid="tab-remittance"
                onClick={() => {
                  setRemitOpened(true);
                  setTab('remittance');
                }}
              >
                Remittance
              </button>
              <button type="button" role="tab" aria-selected={tab === 'denials'} data-testid="tab-denials" onClick={() => setTab('denials')}>
                Denials
              </button>
              <button type="button" role="tab" aria-selected={tab === 'settings'} data-testid="tab-settings" onClick={() => setTab('settings')}>
                Settings
              </button>
            </div>
            {tab === 'queue' ? (
              <QueueWorkspace
                db={db}
                store={store}
                cache={cache}
                source={source}
                onPush={async (ids) => {
                  const r = await enqueuePush(db, ids, { resend: true });
                  await browser.runtime.sendMessage({ type: 'push/run' } satisfies BackgroundRequest);
                  return `${r.queued} encounter${r.queued === 1 ? '' : 's'} queued for the billing server${r.alreadyQueued ? `, ${r.alreadyQueued} already on the way` : ''}.`;
                }}
              />
            ) : tab === 'remittance' ? null : tab === 'denials' ? (
              audit ? (
                <ChartAudit
                  key={audit.encounterId}
                  db={db}
                  store={store}
                  cache={cache}
                  source={source}
                  encounterId={audit.encounterId}
                  item={audit}
                  onBack={() => {
                    setAuditLeft(audit);
                    setAudit(undefined);
                  }}
                  onEncounters={() => {
                    setAudit(undefined);
                    setTab('queue');
                  }}
                />
              ) : (
                <DenialWorklist db={db} cache={cache} onOpen={setAudit} returnTo={auditLeft} />
              )
            ) : (
              <QueueSettings db={db} store={store} onIdleMinutes={(m) => idleLock?.setMinutes(m)} />
            )}
            {remitOpened && (
              <div hidden={tab !== 'remittance'}>
                <RemittanceImport db={db} store={store} cache={cache} />
              </div>
            )}
          </>
        )
      )}
      <CodeSetStatus db={db} />
    </main>
  );
}

function WhoIsWorking({ onName }: { onName(name: string): Promise<void> }) {
  const [name, setName] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void onName(name.trim());
      }}
    >
      <p>The audit log records who made each change. Who is working in this browser?</p>
      <label className="field">
        <span>Your name</span>
        <input data-testid="queue-user" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit">Continue</button>
    </form>
  );
}
