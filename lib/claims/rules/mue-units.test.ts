import { describe, expect, it } from 'vitest';
import type { ServiceLine } from '../../encounter/types';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { mueUnits } from './mue-units';

const line = (id: string, system: 'cpt' | 'hcpcs', code: string, units: number, extra: Partial<ServiceLine> = {}): ServiceLine => ({ id, system, code, modifiers: [], units, charge: 10, pointers: [1], ...extra });

describe('mue-units', () => {
  it('passes units within the limits, counting separate dates apart', async () => {
    const lines = [line('1', 'hcpcs', 'J0696', 16), line('2', 'cpt', '20610', 1), line('3', 'cpt', '20610', 1, { modifiers: ['59'] }), line('4', 'cpt', '99486', 4), line('5', 'cpt', '99486', 4)];
    expect(await runRule(mueUnits, claimCheckEncounter({ lines }))).toEqual([]);
    const twoDays = [line('1', 'hcpcs', 'G0439', 1), line('2', 'hcpcs', 'G0439', 1, { dateOfService: '2026-05-05' })];
    expect(await runRule(mueUnits, claimCheckEncounter({ lines: twoDays }))).toEqual([]);
  });

  it('MAI 1: each line is compared to the limit, an error', async () => {
    const [r] = await runRule(mueUnits, claimCheckEncounter({ lines: [line('1', 'cpt', '99486', 5)] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['99486'], line: '1', field: 'lines[0].units' });
    expect(r!.message).toMatch(/Line 1 \(99486\) reports 5 units, but the MUE limit for 99486 is 4 per line \(MAI 1: line edit/);
  });

  it('MAI 2: lines on the same date add up and the limit is absolute, an error', async () => {
    const [r] = await runRule(mueUnits, claimCheckEncounter({ lines: [line('1', 'hcpcs', 'G0439', 1), line('2', 'hcpcs', 'G0439', 1)] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['G0439'], line: '1' });
    expect(r!.message).toMatch(/Lines 1, 2 report 2 units together on 2026-05-04, but the MUE limit for G0439 is 1 per day \(MAI 2: date-of-service edit \(policy\)/);
    expect(r!.source).toBe('CMS NCCI practitioner MUE effective 2026-04-01 — MAI 2, rationale: Code Descriptor / CPT Instruction');
  });

  it('MAI 3: over the daily limit is a warning that documentation can support more', async () => {
    const [r] = await runRule(mueUnits, claimCheckEncounter({ lines: [line('1', 'hcpcs', 'J0696', 10), line('2', 'hcpcs', 'J0696', 8)] }));
    expect(r).toMatchObject({ severity: 'warning', codes: ['J0696'] });
    expect(r!.message).toMatch(/18 units together.*limit for J0696 is 16 per day \(MAI 3.*documentation supports them on appeal/);
  });

  it('says when the date of service is outside the loaded MUE quarter', async () => {
    const [r] = await runRule(mueUnits, claimCheckEncounter({ dateOfService: '2026-01-15', lines: [line('1', 'cpt', '99486', 6)] }));
    expect(r!.message).toMatch(/effective 2026-04-01 to 2026-06-30; the limit on 2026-01-15 may differ/);
  });
});
