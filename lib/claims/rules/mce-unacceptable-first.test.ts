import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { mceUnacceptableFirst } from './mce-unacceptable-first';

describe('mce-unacceptable-first-listed', () => {
  it('passes an acceptable first-listed diagnosis, and Z51.89 when a secondary diagnosis is coded', async () => {
    expect(await runRule(mceUnacceptableFirst, claimCheckEncounter({ diagnoses: [{ code: 'E11.65' }, { code: 'Z00.00' }] }))).toEqual([]);
    expect(await runRule(mceUnacceptableFirst, claimCheckEncounter({ diagnoses: [{ code: 'Z51.89' }, { code: 'S72.001D' }] }))).toEqual([]);
  });

  it('warns, and says it is an inpatient edit, when the first-listed diagnosis is on the list', async () => {
    const [r] = await runRule(mceUnacceptableFirst, claimCheckEncounter({ diagnoses: [{ code: 'Z00.00' }] }));
    expect(r).toMatchObject({ severity: 'warning', codes: ['Z00.00'], field: 'diagnoses[0]' });
    expect(r!.message).toMatch(/applies to inpatient claims; on this professional claim it is a warning only/);
    const [alone] = await runRule(mceUnacceptableFirst, claimCheckEncounter({ diagnoses: [{ code: 'Z51.89' }] }));
    expect(alone?.codes).toEqual(['Z51.89']);
  });
});
