import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderFile, SAMPLE_ORDER_ROWS, sampleAnweb } from '../../test/support/codeset-fixtures';
import { CoderDB } from '../db/schema';
import { encodeBundle } from './bundle';
import { buildBundles } from './release';
import { CodeSetStore, LOAD_PROGRESS_KEY, type LoadProgress } from './store';
import type { CodeSetBundle } from './types';

const enc = (text: string) => new TextEncoder().encode(text);

async function sampleBundles(fiscalYear = 2026): Promise<CodeSetBundle[]> {
  const { bundles } = await buildBundles([
    { name: `icd10cm-order-${fiscalYear}.txt`, bytes: enc(orderFile(SAMPLE_ORDER_ROWS)) },
    { name: 'HCPC2026_JAN_ANWEB_01122026.txt', bytes: enc(sampleAnweb()) },
  ]);
  return bundles as CodeSetBundle[];
}

describe('CodeSetStore', () => {
  let db: CoderDB;
  let store: CodeSetStore;

  beforeEach(() => {
    db = new CoderDB(`test-${Math.random()}`);
    store = new CodeSetStore(db);
  });
  afterEach(async () => {
    await Dexie.delete(db.name);
  });

  describe('loadBundles', () => {
    it('makes codes answer lookups once the load finishes, reporting progress', async () => {
      const seen: LoadProgress[] = [];
      await store.loadBundles(await sampleBundles(), { onProgress: (p) => seen.push(p), chunkSize: 4 });
      expect(seen.at(-1)?.phase).toBe('done');
      expect(seen.filter((p) => p.phase === 'writing').length).toBeGreaterThan(2);
      const hits = await store.lookup('e1165', { dateOfService: '2026-03-01' });
      expect(hits.map((h) => [h.record.system, h.record.code, h.set.version])).toEqual([['icd10cm', 'E11.65', 'FY2026']]);
    });

    it('finds a code string in two systems (J1100-like clashes) when both exist', async () => {
      await store.loadBundles(await sampleBundles());
      const hits = await store.lookup('G0439', { dateOfService: '2026-03-01' });
      expect(hits.map((h) => h.record.system)).toEqual(['hcpcs']);
      expect((await store.lookup('J11.00', { dateOfService: '2026-03-01' }))[0]?.record.title).toMatch(/Influenza/);
    });

    it('keeps the previous sets answering when a load fails midway, and says why', async () => {
      await store.loadBundles(await sampleBundles());
      const replacement = await sampleBundles();
      replacement[0]!.codes = replacement[0]!.codes.map((c) => ({ ...c, title: `NEW ${c.title}` }));
      await expect(store.loadBundles(replacement, { failAfterRows: 5, chunkSize: 2 })).rejects.toThrow(/simulated/);
      const hit = (await store.lookup('E11.65', { dateOfService: '2026-03-01' }))[0];
      expect(hit?.record.title).toBe('Type 2 diabetes mellitus with hyperglycemia');
      const progress = (await db.settings.get(LOAD_PROGRESS_KEY))?.value as LoadProgress;
      expect(progress.phase).toBe('failed');
      expect(progress.message).toMatch(/previous code sets stay in use/);
      expect(await db.codeSets.count()).toBe(2);
    });

    it('replaces a set atomically when the same release is loaded again', async () => {
      await store.loadBundles(await sampleBundles());
      const again = await sampleBundles();
      again[0]!.codes = again[0]!.codes.map((c) => ({ ...c, title: `Revised ${c.title}` }));
      await store.loadBundles(again);
      expect((await store.readySets('icd10cm')).length).toBe(1);
      expect((await store.lookup('I10', { dateOfService: '2026-03-01' }))[0]?.record.title).toBe('Revised Essential (primary) hypertension');
      expect((await store.codesOf((await store.setFor('icd10cm', '2026-03-01'))!.storeId)).length).toBe(SAMPLE_ORDER_ROWS.length);
      expect(await db.codeBlocks.count()).toBe(new Set(SAMPLE_ORDER_ROWS.map(([c]) => c.slice(0, 3))).size + 3);
    });
  });

  describe('recoverInterrupted', () => {
    it('removes rows of a load the browser never finished and keeps the ready sets', async () => {
      await store.loadBundles(await sampleBundles());
      await db.codeSets.put({ storeId: 'icd10cm@FY2027#x', id: 'icd10cm@FY2027', system: 'icd10cm', version: 'FY2027', effectiveFrom: '2026-10-01', sources: [], counts: {}, builtAt: '', loadedAt: '', status: 'loading' });
      await db.codeBlocks.put({ storeId: 'icd10cm@FY2027#x', block: 'Z99', codes: [{ system: 'icd10cm', code: 'Z99.9', title: 'half-written', billable: true }] });
      expect(await store.recoverInterrupted()).toBe(1);
      expect(await db.codeBlocks.where('[storeId+block]').between(['icd10cm@FY2027#x', Dexie.minKey], ['icd10cm@FY2027#x', Dexie.maxKey]).count()).toBe(0);
      expect((await store.readySets()).length).toBe(2);
    });
  });

  describe('setFor', () => {
    it('picks the fiscal year in force for the date of service and keeps the previous year', async () => {
      await store.loadBundles([...(await sampleBundles(2026)), ...(await sampleBundles(2025)).filter((b) => b.system === 'icd10cm')]);
      expect((await store.setFor('icd10cm', '2025-09-30'))?.version).toBe('FY2025');
      expect((await store.setFor('icd10cm', '2025-10-01'))?.version).toBe('FY2026');
    });
  });

  describe('loadBundleFiles', () => {
    it('refuses a damaged bundle file before touching the stored sets', async () => {
      await store.loadBundles(await sampleBundles());
      const good = encodeBundle((await sampleBundles())[0]!);
      await expect(store.loadBundleFiles([{ name: 'broken.json.gz', bytes: good.slice(0, good.length / 2) }])).rejects.toThrow(/not a Chart Coder bundle/);
      expect((await store.lookup('E11.65', { dateOfService: '2026-03-01' })).length).toBe(1);
    });

    it('records the bundle hash so an unchanged bundle is not reloaded', async () => {
      const bytes = encodeBundle((await sampleBundles())[0]!);
      await store.loadBundleFiles([{ name: 'icd.json.gz', bytes }]);
      expect((await store.storedBundleHashes()).length).toBe(1);
    });
  });

  describe('importRelease', () => {
    it('refuses a 0-byte file and an HTML error page, changing nothing', async () => {
      await store.loadBundles(await sampleBundles());
      await expect(store.importRelease([{ name: 'icd10cm-order-2027.txt', bytes: new Uint8Array() }])).rejects.toThrow(/empty/);
      await expect(store.importRelease([{ name: 'icd10cm-order-2027.txt', bytes: enc('<!DOCTYPE html><html><body>404 Not Found</body></html>') }])).rejects.toThrow(/web page/);
      expect((await store.readySets()).map((s) => s.version).sort()).toEqual(['2026 January', 'FY2026']);
    });

    it('refuses a release years older than the one loaded', async () => {
      await store.loadBundles(await sampleBundles());
      await expect(store.importRelease([{ name: 'icd10cm-order-2021.txt', bytes: enc(orderFile(SAMPLE_ORDER_ROWS)) }])).rejects.toThrow(/older than the FY2026/);
    });

    it('loads a newer fiscal year beside the current one', async () => {
      await store.loadBundles(await sampleBundles());
      await store.importRelease([{ name: 'icd10cm-order-2027.txt', bytes: enc(orderFile(SAMPLE_ORDER_ROWS)) }]);
      expect((await store.readySets('icd10cm')).map((s) => s.version)).toEqual(['FY2027', 'FY2026']);
    });
  });
});
