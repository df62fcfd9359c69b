/**
 * Who holds the unlocked data key between unlock and lock.
 *
 * The queue page can keep the key in memory, but the background service worker pushes encounters while the
 * queue is unlocked and is stopped and restarted by the browser at will, losing its memory. So the extension
 * keeps the raw key bytes in `browser.storage.session`: memory-only (never written to disk), cleared when the
 * browser closes, and readable only by the extension's own pages and worker (leave its access level at the
 * default TRUSTED_CONTEXTS: content scripts must never see it).
 *
 * Trade-off: a raw key in session storage can be read by any code running in the extension's trusted
 * contexts while the queue is unlocked, which a non-extractable CryptoKey held only in one page's memory
 * could not. We accept that so pushes survive worker restarts; locking (`clear()`) forgets the key everywhere
 * at once, and the passphrase itself is never kept.
 */
import { fromBase64, toBase64 } from './bytes';
import { importDataKey } from './crypto';

export interface KeyCustody {
  /** The data key while unlocked (non-extractable AES-GCM), undefined once locked. */
  get(): Promise<CryptoKey | undefined>;
  /** Takes the raw 32-byte data key on unlock. Must copy what it keeps: the caller wipes `rawKey` afterwards. */
  set(rawKey: Uint8Array): Promise<void>;
  /** Locks: forgets the key. */
  clear(): Promise<void>;
}

/** Custody in this JavaScript context's memory only (the queue page, tests). */
export class MemoryKeyCustody implements KeyCustody {
  private key: CryptoKey | undefined;

  async get(): Promise<CryptoKey | undefined> {
    return this.key;
  }

  async set(rawKey: Uint8Array): Promise<void> {
    this.key = await importDataKey(rawKey);
  }

  async clear(): Promise<void> {
    this.key = undefined;
  }
}

/** The part of `browser.storage.session` (or any async key/value area) that custody needs. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Storage key of the raw data key in the session area. */
export const SESSION_KEY_ITEM = 'encounterDataKey';

/**
 * Custody in an async key/value area (the extension passes `browser.storage.session`). The bytes are stored
 * as base64 because Chrome's storage areas keep only JSON values; `get()` imports them non-extractable.
 */
export class StorageKeyCustody implements KeyCustody {
  // The imported key is cached, but only alongside the exact stored text, so a lock or a new unlock in
  // another context (another page, the worker) is seen on the next get().
  private cached: { text: string; key: CryptoKey } | undefined;

  constructor(private readonly area: KeyValueArea, private readonly item = SESSION_KEY_ITEM) {}

  async get(): Promise<CryptoKey | undefined> {
    const text = (await this.area.get(this.item))[this.item];
    if (text === undefined) {
      this.cached = undefined;
      return undefined;
    }
    if (typeof text !== 'string') throw new Error('The stored encounter key is damaged: lock the queue and unlock it again.');
    if (this.cached?.text === text) return this.cached.key;
    const raw = fromBase64(text, 'stored encounter key');
    try {
      const key = await importDataKey(raw);
      this.cached = { text, key };
      return key;
    } finally {
      raw.fill(0);
    }
  }

  async set(rawKey: Uint8Array): Promise<void> {
    if (rawKey.length !== 32) throw new Error(`A data key must be 32 bytes, not ${rawKey.length}.`);
    this.cached = undefined;
    await this.area.set({ [this.item]: toBase64(rawKey) });
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.area.remove(this.item);
  }
}
