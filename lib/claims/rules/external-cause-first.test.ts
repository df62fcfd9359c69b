import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { externalCauseFirst } from './external-cause-first';

describe('external-cause-first-listed', () => {
  it('passes an external cause code after the injury', async () => {
    expect(await runRule(externalCauseFirst, claimCheckEncounter({ diagnoses: [{ code: 'S72.001A' }, { code: 'W19.XXXA' }] }))).toEqual([]);
  });

  it('refuses an external cause code as the first-listed diagnosis', async () => {
    const [r] = await runRule(externalCauseFirst, claimCheckEncounter({ diagnoses: [{ code: 'W19.XXXA' }, { code: 'S72.001A' }] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['W19.XXXA'], field: 'diagnoses[0]' });
    expect(r!.source).toMatch(/Section I.C.20/);
  });
});
