import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { CoderDB } from '@/lib/db';
import type { CodedEncounter } from '@/lib/encounter/types';
import type { EncounterCache } from '@/lib/queue/encounter-cache';

/** Rows read and shown before the whole queue is decrypted: a screenful and a little more. */
const FIRST_SCREEN = 60;

export interface QueueEncounters {
  encounters?: CodedEncounter[];
  /** False while only the most recently changed encounters are in (the rest are being decrypted). */
  complete: boolean;
}

/**
 * Every encounter in the queue, decrypted and kept live: a write anywhere (this page, another tab, the
 * service worker) re-runs the query, and the shared cache decrypts only the rows that changed. The most
 * recently changed encounters are read first (through the clear updatedAt index), so the biller sees the
 * top of the queue while thousands more are decrypted.
 */
export function useQueueEncounters(db: CoderDB, cache: EncounterCache): QueueEncounters {
  const rows = useLiveQuery(() => db.encounters.toArray(), [db]);
  const [state, setState] = useState<QueueEncounters>({ complete: false });

  useEffect(() => {
    let cancelled = false;
    void db.encounters
      .orderBy('updatedAt')
      .reverse()
      .limit(FIRST_SCREEN)
      .toArray()
      .then((first) => cache.peek(first))
      .then((list) => {
        if (cancelled) return;
        performance.mark('queue-first-rows');
        setState((old) => (old.complete ? old : { encounters: list, complete: false }));
      });
    return () => {
      cancelled = true;
    };
  }, [db, cache]);

  useEffect(() => {
    if (!rows) return;
    let cancelled = false;
    performance.mark('queue-rows-read');
    void cache.sync(rows).then((list) => {
      performance.mark('queue-decrypted');
      if (!cancelled) setState({ encounters: list, complete: true });
    });
    return () => {
      cancelled = true;
    };
  }, [rows, cache]);
  return state;
}
