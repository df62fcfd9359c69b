/**
 * Keeps the decrypted encounters of the queue page in memory and in step with IndexedDB: on each change
 * only rows whose `updatedAt` moved are decrypted again, so a draft arriving from the sidebar does not
 * re-decrypt 10,000 encounters.
 */
import type { StoredEncounter } from '../db';
import type { EncounterStore } from '../encounter/store';
import type { CodedEncounter } from '../encounter/types';

export class EncounterCache {
  private readonly byId = new Map<string, { updatedAt: string; encounter: CodedEncounter }>();

  constructor(private readonly store: EncounterStore) {}

  /**
   * Brings the cache up to date with the clear index rows (id, updatedAt) and returns every encounter.
   * `rows` is what a live query of `db.encounters` gives.
   */
  async sync(rows: Pick<StoredEncounter, 'id' | 'updatedAt'>[]): Promise<CodedEncounter[]> {
    const present = new Set<string>();
    const stale: string[] = [];
    for (const row of rows) {
      present.add(row.id);
      if (this.byId.get(row.id)?.updatedAt !== row.updatedAt) stale.push(row.id);
    }
    for (const id of [...this.byId.keys()]) if (!present.has(id)) this.byId.delete(id);
    if (stale.length > rows.length / 2) {
      // Most rows changed (first load): one batched list() is faster than many gets.
      for (const e of await this.store.list()) this.byId.set(e.id, { updatedAt: e.updatedAt, encounter: e });
    } else {
      await Promise.all(
        stale.map(async (id) => {
          const e = await this.store.get(id);
          if (e) this.byId.set(id, { updatedAt: e.updatedAt, encounter: e });
        }),
      );
    }
    return [...this.byId.values()].map((v) => v.encounter);
  }

  get(id: string): CodedEncounter | undefined {
    return this.byId.get(id)?.encounter;
  }
}
