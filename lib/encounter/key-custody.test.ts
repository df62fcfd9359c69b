import { describe, expect, it } from 'vitest';
import { decryptJson, encryptJson, importDataKey } from './crypto';
import { MemoryKeyCustody, SESSION_KEY_ITEM, StorageKeyCustody, type KeyValueArea } from './key-custody';

/** A stand-in for browser.storage.session that keeps only JSON, as Chrome does. */
class JsonArea implements KeyValueArea {
  items: Record<string, string> = {};
  async get(key: string) {
    return key in this.items ? { [key]: JSON.parse(this.items[key]!) as unknown } : {};
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.items[k] = JSON.stringify(v);
  }
  async remove(key: string) {
    delete this.items[key];
  }
}

const raw = () => crypto.getRandomValues(new Uint8Array(32));

describe('MemoryKeyCustody', () => {
  it('holds a non-extractable key until cleared, and keeps it when the caller wipes the bytes', async () => {
    const bytes = raw();
    const sealed = await encryptJson(await importDataKey(bytes), 'x');
    const custody = new MemoryKeyCustody();
    expect(await custody.get()).toBeUndefined();
    await custody.set(bytes);
    bytes.fill(0);
    const key = (await custody.get())!;
    expect(key.extractable).toBe(false);
    expect(await decryptJson(key, sealed.iv, sealed.data)).toBe('x');
    await custody.clear();
    expect(await custody.get()).toBeUndefined();
  });
});

describe('StorageKeyCustody', () => {
  it('survives a worker restart (a new custody over the same area) and forgets the key on clear', async () => {
    const area = new JsonArea();
    const bytes = raw();
    const sealed = await encryptJson(await importDataKey(bytes), { claim: 'A1' });
    await new StorageKeyCustody(area).set(bytes);
    bytes.fill(0);

    const restarted = new StorageKeyCustody(area);
    const key = (await restarted.get())!;
    expect(key.extractable).toBe(false);
    expect(await decryptJson(key, sealed.iv, sealed.data)).toEqual({ claim: 'A1' });

    await new StorageKeyCustody(area).clear(); // locked from another page
    expect(await restarted.get()).toBeUndefined();
    expect(area.items[SESSION_KEY_ITEM]).toBeUndefined();
  });

  it('sees a new unlock made elsewhere instead of a cached old key', async () => {
    const area = new JsonArea();
    const worker = new StorageKeyCustody(area);
    await worker.set(raw());
    await worker.get();
    const second = raw();
    const sealed = await encryptJson(await importDataKey(second), 2);
    await new StorageKeyCustody(area).set(second);
    expect(await decryptJson((await worker.get())!, sealed.iv, sealed.data)).toBe(2);
  });

  it('refuses a wrong-sized key and reports a damaged stored value', async () => {
    const area = new JsonArea();
    await expect(new StorageKeyCustody(area).set(new Uint8Array(16))).rejects.toThrow(/32 bytes/);
    await area.set({ [SESSION_KEY_ITEM]: 42 });
    await expect(new StorageKeyCustody(area).get()).rejects.toThrow(/damaged/);
  });
});
