import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CoderDB } from './schema';

describe('CoderDB', () => {
  const name = `migration-${Math.random()}`;
  afterEach(() => Dexie.delete(name));

  describe('version 2', () => {
    it('opens a version 1 database and keeps its favourites and code sets', async () => {
      // The version 1 shape, as shipped before saved search indexes existed.
      const v1 = new Dexie(name);
      v1.version(1).stores({ codeSets: 'storeId, id, system, status', codeBlocks: '[storeId+block]', modifiers: 'storeId', edits: 'storeId, status', favourites: '[system+code], addedAt', recents: '[system+code], usedAt', settings: 'key' });
      await v1.table('favourites').put({ system: 'icd10cm', code: 'E11.9', title: 'Type 2 diabetes mellitus without complications', addedAt: '2026-01-01' });
      await v1.table('codeSets').put({ storeId: 's1', id: 'icd10cm@FY2026', system: 'icd10cm', status: 'ready' });
      v1.close();

      const db = new CoderDB(name);
      expect((await db.favourites.toArray()).map((f) => f.code)).toEqual(['E11.9']);
      expect(await db.codeSets.get('s1')).toMatchObject({ status: 'ready' });
      await db.searchSnapshots.put({ key: 's1', bytes: new Uint8Array([1, 2, 3]), builtAt: '2026-01-01' });
      expect((await db.searchSnapshots.get('s1'))?.bytes).toEqual(new Uint8Array([1, 2, 3]));
      expect(db.verno).toBe(3);
      db.close();
    });
  });
});
