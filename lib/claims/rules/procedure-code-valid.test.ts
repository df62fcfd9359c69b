import { describe, expect, it } from 'vitest';
import { CodeSetCatalog } from '../../codesets/catalog';
import type { ServiceLine } from '../../encounter/types';
import { contextFromCatalog, prepareCheckContext } from '../context';
import { CPT_BUILTIN, EDITS, HCPCS_2026, ICD_FY2026, runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { procedureCodeValid } from './procedure-code-valid';

const line = (id: string, system: 'cpt' | 'hcpcs', code: string, extra: Partial<ServiceLine> = {}): ServiceLine => ({ id, system, code, modifiers: [], units: 1, charge: 10, pointers: [1], ...extra });

describe('procedure-code-not-valid-for-date', () => {
  it('passes active HCPCS codes and CPT codes on the list', async () => {
    expect(await runRule(procedureCodeValid, claimCheckEncounter({ lines: [line('1', 'cpt', '99213'), line('2', 'hcpcs', 'g0439')] }))).toEqual([]);
  });

  it('flags a HCPCS code used after its termination date, but not before it', async () => {
    const [r] = await runRule(procedureCodeValid, claimCheckEncounter({ lines: [line('1', 'hcpcs', 'J2001')] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['J2001'], line: '1', field: 'lines[0].code' });
    expect(r!.message).toMatch(/terminated on 2024-09-30, before the date of service 2026-05-04/);
    const lineDated = await runRule(procedureCodeValid, claimCheckEncounter({ lines: [line('1', 'hcpcs', 'J2001', { dateOfService: '2024-09-30' })], dateOfService: '2024-09-30' }));
    expect(lineDated).toEqual([]);
  });

  it('flags a HCPCS code before it was added, and an unknown one', async () => {
    const results = await runRule(procedureCodeValid, claimCheckEncounter({ dateOfService: '2010-06-01', lines: [line('1', 'hcpcs', 'G0439')] }), { today: '2026-06-01' });
    expect(results[0]!.message).toMatch(/not effective until 2011-01-01/);
    const [unknown] = await runRule(procedureCodeValid, claimCheckEncounter({ lines: [line('1', 'hcpcs', 'J9999')] }));
    expect(unknown).toMatchObject({ severity: 'error' });
    expect(unknown!.message).toMatch(/not a HCPCS code in the 2026 January release/);
  });

  it('only warns about a CPT code missing from the built-in list, but errs when a licensed file lacks it', async () => {
    const encounter = claimCheckEncounter({ lines: [line('1', 'cpt', '99215')] });
    const [builtin] = await runRule(procedureCodeValid, encounter);
    expect(builtin).toMatchObject({ severity: 'warning', codes: ['99215'] });
    expect(builtin!.message).toMatch(/built-in list of common CPT codes.*Import the organisation's licensed CPT file/);
    const licensed = new CodeSetCatalog([ICD_FY2026, HCPCS_2026, { ...CPT_BUILTIN, id: 'cpt@licensed-2026-01-02', version: 'licensed file imported 2026-01-02' }, EDITS]);
    const ctx = await prepareCheckContext(encounter, contextFromCatalog(licensed), { today: '2026-06-01' });
    expect(procedureCodeValid.check(encounter, ctx)[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/not in the organisation's licensed CPT file/) });
  });

  it('says when a code is written for the other system', async () => {
    const [r] = await runRule(procedureCodeValid, claimCheckEncounter({ lines: [line('1', 'cpt', 'J0696')] }));
    expect(r).toMatchObject({ severity: 'error' });
    expect(r!.message).toMatch(/looks like a HCPCS code: set the line system to HCPCS/);
  });
});
