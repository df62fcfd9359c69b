import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeSetStore } from '../codesets/store';
import { CoderDB } from '../db/schema';
import { checkEncounter } from './check';
import { contextFromCatalog, contextFromStore, pickRelease, prepareCheckContext, seventhCharacterForms } from './context';
import { CPT_BUILTIN, EDITS, HCPCS_2026, ICD_FY2025, ICD_FY2026, testCatalog } from '../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../test/support/encounters';
import type { CodeSetRelease } from './types';

const release = (id: string, effectiveFrom: string, effectiveTo?: string): CodeSetRelease => ({ id, system: 'icd10cm', version: id, effectiveFrom, key: id, ...(effectiveTo ? { effectiveTo } : {}) });

describe('pickRelease', () => {
  const fy26 = release('FY2026', '2025-10-01', '2026-09-30');
  const fy25 = release('FY2025', '2024-10-01', '2025-09-30');
  it('picks the fiscal year in force, switching on October 1', () => {
    expect(pickRelease([fy26, fy25], 'icd10cm', '2025-09-30')).toEqual({ release: fy25, inForce: true });
    expect(pickRelease([fy26, fy25], 'icd10cm', '2025-10-01')).toEqual({ release: fy26, inForce: true });
  });
  it('falls back to the newest earlier release (not in force), and for ICD-10-CM to none before the first', () => {
    expect(pickRelease([fy26, fy25], 'icd10cm', '2026-10-01')).toEqual({ release: fy26, inForce: false });
    expect(pickRelease([fy26, fy25], 'icd10cm', '2024-09-30')).toEqual({ inForce: false });
    expect(pickRelease([{ ...fy26, system: 'hcpcs' }], 'hcpcs', '2024-09-30')).toEqual({ release: { ...fy26, system: 'hcpcs' }, inForce: false });
  });
});

describe('seventhCharacterForms', () => {
  it('pads with the X placeholder to six characters', () => {
    expect(seventhCharacterForms('S02.5', ['A', 'B'])).toEqual(['S02.5XXA', 'S02.5XXB']);
    expect(seventhCharacterForms('S72.001', ['A'])).toEqual(['S72.001A']);
    expect(seventhCharacterForms('S72.001A', ['A'])).toEqual([]);
  });
});

describe('prepareCheckContext', () => {
  let db: CoderDB | undefined;
  afterEach(async () => {
    if (db) await Dexie.delete(db.name);
    db = undefined;
  });

  it('gives the same findings from IndexedDB as from the in-memory catalog', async () => {
    db = new CoderDB(`claims-${Math.random()}`);
    const store = new CodeSetStore(db);
    await store.loadBundles([ICD_FY2026, ICD_FY2025, HCPCS_2026, CPT_BUILTIN, EDITS]);
    const encounter = claimCheckEncounter({ diagnoses: [{ code: 'F02.80' }, { code: 'S72.001' }, { code: 'E11.65' }, { code: 'E10.9' }, { code: 'S30.1XXA' }, { code: 'N40.0' }] });
    encounter.lines[0]!.modifiers = ['ZZ', '25'];
    encounter.lines[1]!.code = 'J2001';
    const options = { today: '2026-06-01' };
    const fromStore = checkEncounter(encounter, await prepareCheckContext(encounter, contextFromStore(store, db), options));
    const fromCatalog = checkEncounter(encounter, await prepareCheckContext(encounter, contextFromCatalog(testCatalog()), options));
    expect(fromStore).toEqual(fromCatalog);
    expect(new Set(fromStore.map((r) => r.rule))).toEqual(
      new Set(['mce-manifestation-first-listed', 'icd-missing-7th-character', 'icd-code-not-valid-for-date', 'icd-excludes1-pair', 'mce-sex-conflict-historical', 'modifiers', 'procedure-code-not-valid-for-date']),
    );
  });

  it('prefetches each code for its own line date and the modifiers in force', async () => {
    const encounter = claimCheckEncounter();
    encounter.lines[1]!.dateOfService = '2026-05-06';
    const ctx = await prepareCheckContext(encounter, contextFromCatalog(testCatalog()));
    expect(ctx.code('hcpcs', 'J0696', '2026-05-06')?.found?.record.title).toBe('Injection, ceftriaxone sodium, per 250 mg');
    expect(ctx.code('hcpcs', 'J0696', '2026-05-04')).toBeUndefined();
    expect(ctx.code('icd10cm', 'e1165', '2026-05-04')?.found?.ancestors.map((a) => a.code)).toEqual(['E11.6', 'E11']);
    expect([...ctx.modifiers.keys()].sort()).toEqual(['25', '59', 'LT', 'RT', 'XS']);
    expect(ctx.modifierLists).toEqual({ hcpcs: 'HCPCS 2026 January', cpt: 'builtin' });
  });
});
