import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter, SYNTHETIC_RENDERING_NPI as RENDERING_NPI } from '../../../test/support/encounters';
import { duplicateEncounter } from './duplicate-encounter';

const other = { id: 'other-1', mrn: 'MRN-SYN-0001', dateOfService: '2026-05-04', renderingNpi: RENDERING_NPI };

describe('duplicate-encounter', () => {
  it('passes when another encounter differs in patient, date or provider, and ignores itself', async () => {
    const encounter = claimCheckEncounter();
    const otherEncounters = [
      { ...other, mrn: 'MRN-SYN-0002' },
      { ...other, dateOfService: '2026-05-05' },
      { ...other, renderingNpi: '1245319599' },
      { ...other, id: encounter.id },
    ];
    expect(await runRule(duplicateEncounter, encounter, { otherEncounters })).toEqual([]);
  });

  it('warns about the same patient, date and rendering NPI', async () => {
    const [r] = await runRule(duplicateEncounter, claimCheckEncounter(), { otherEncounters: [other] });
    expect(r).toMatchObject({ severity: 'warning', field: 'dateOfService' });
    expect(r!.message).toMatch(/Another encounter \(other-1\) has the same patient \(MRN MRN-SYN-0001\), date of service 2026-05-04 and rendering NPI 1234567893/);
  });
});
