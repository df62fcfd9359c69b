/**
 * Keeps the decrypted encounters of the queue page in memory and in step with IndexedDB: on each change
 * (a live query hands over the stored rows) only rows whose `updatedAt` moved are decrypted again, so a
 * draft arriving from the sidebar does not re-decrypt 10,000 encounters.
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
  async sync(rows: StoredEncounter[]): Promise<CodedEncounter[]> {
    const present = new Set<string>();
    const stale: StoredEncounter[] = [];
    for (const row of rows) {
      present.add(row.id);
      if (this.byId.get(row.id)?.updatedAt !== row.updatedAt) stale.push(row);
    }
    for (const id of [...this.byId.keys()]) if (!present.has(id)) this.byId.delete(id);
    for (const e of await this.store.openRows(stale)) this.byId.set(e.id, { updatedAt: e.updatedAt, encounter: e });
    return [...this.byId.values()].map((v) => v.encounter);
  }

  /** Decrypts some rows (the first screen) into the cache without treating the rest as removed. */
  async peek(rows: StoredEncounter[]): Promise<CodedEncounter[]> {
    const stale = rows.filter((row) => this.byId.get(row.id)?.updatedAt !== row.updatedAt);
    for (const e of await this.store.openRows(stale)) this.byId.set(e.id, { updatedAt: e.updatedAt, encounter: e });
    return rows.map((row) => this.byId.get(row.id)!.encounter);
  }

  get(id: string): CodedEncounter | undefined {
    return this.byId.get(id)?.encounter;
  }
}
