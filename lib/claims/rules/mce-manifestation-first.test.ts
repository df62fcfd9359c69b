import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { mceManifestationFirst } from './mce-manifestation-first';

describe('mce-manifestation-first-listed', () => {
  it('passes a manifestation code listed after its underlying condition', async () => {
    const encounter = claimCheckEncounter({ diagnoses: [{ code: 'G30.9' }, { code: 'F02.80' }] });
    encounter.lines[0]!.pointers = [1, 2];
    expect(await runRule(mceManifestationFirst, encounter)).toEqual([]);
  });

  it('refuses a manifestation code as diagnosis A', async () => {
    const [r] = await runRule(mceManifestationFirst, claimCheckEncounter({ diagnoses: [{ code: 'F02.80' }, { code: 'G30.9' }] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['F02.80'], field: 'diagnoses[0]' });
    expect(r!.source).toMatch(/MCE v43.1 — Edit 6/);
  });

  it('warns when a line points first to a manifestation code', async () => {
    const encounter = claimCheckEncounter({ diagnoses: [{ code: 'G30.9' }, { code: 'F02.80' }] });
    encounter.lines[1]!.pointers = [2, 1];
    const [r] = await runRule(mceManifestationFirst, encounter);
    expect(r).toMatchObject({ severity: 'warning', codes: ['F02.80'], line: '2', field: 'lines[1].pointers' });
  });
});
