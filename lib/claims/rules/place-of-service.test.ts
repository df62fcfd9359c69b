import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { placeOfService } from './place-of-service';

describe('place-of-service', () => {
  it('passes an assigned CMS code', async () => {
    expect(await runRule(placeOfService, claimCheckEncounter({ placeOfService: '02' }))).toEqual([]);
  });

  it('refuses an unassigned code, an unknown code and a malformed one', async () => {
    const [unassigned] = await runRule(placeOfService, claimCheckEncounter({ placeOfService: '28' }));
    expect(unassigned).toMatchObject({ severity: 'error', codes: ['28'], field: 'placeOfService' });
    expect(unassigned!.message).toMatch(/CMS has not assigned/);
    expect((await runRule(placeOfService, claimCheckEncounter({ placeOfService: '12' })))[0]!.message).toMatch(/12 is not a CMS place-of-service code/);
    expect((await runRule(placeOfService, claimCheckEncounter({ placeOfService: 'office' })))[0]!.message).toMatch(/not a two-digit CMS code/);
  });
});
