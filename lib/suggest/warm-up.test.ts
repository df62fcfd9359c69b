import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';
import { WARM_UP_NOTE, warmUpEngine } from './warm-up';

const shared = process.env.CODESETS_DIR ?? resolve(__dirname, '../../../shared/codesets');
const built = resolve(__dirname, '../../public/codesets/manifest.json');

describe.skipIf(!existsSync(shared) || !existsSync(built))('the warm-up note', () => {
  let engine: SuggestionEngine;
  beforeAll(async () => {
    const { loadCatalog } = await import('../../cli/bundles');
    engine = createSuggestionEngine(await loadCatalog());
  });

  it('walks the main paths: combinations, companions, drug units, vaccines, E/M time and every ConText exclusion', () => {
    const result = engine.suggest(chartFromText(WARM_UP_NOTE));
    const diagnoses = result.diagnoses.map((d) => d.code);
    expect(diagnoses).toEqual(expect.arrayContaining(['E11.22', 'I13.0', 'N18.32', 'M17.11', 'Z79.4', 'Z79.01']));
    const procedures = result.procedures.map((p) => `${p.code}×${p.units ?? 1}`);
    expect(procedures).toEqual(expect.arrayContaining(['99215×1', '20610×1', 'J3301×4', '90471×1']));
    const reasons = new Set(result.excluded.map((e) => e.reason));
    for (const reason of ['negated', 'family', 'historical', 'ruled-out', 'uncertain', 'hypothetical'] as const) expect(reasons).toContain(reason);
  });

  it('leaves the engine answering as before', () => {
    const chart = chartFromText('Assessment: type 2 diabetes with diabetic CKD stage 3a. Denies chest pain.');
    const before = engine.suggest(chart).diagnoses.map((d) => d.code);
    warmUpEngine(engine, 2);
    expect(engine.suggest(chart).diagnoses.map((d) => d.code)).toEqual(before);
  });
});
