import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { mceSexConflict } from './mce-sex-conflict';

const withSex = (sex: 'F' | 'M' | 'U') => ({ ...claimCheckEncounter().patient, sex });

describe('mce-sex-conflict-historical', () => {
  it('says nothing when the sex matches or is unknown', async () => {
    expect(await runRule(mceSexConflict, claimCheckEncounter({ patient: withSex('M'), diagnoses: [{ code: 'N40.0' }] }))).toEqual([]);
    expect(await runRule(mceSexConflict, claimCheckEncounter({ patient: withSex('U'), diagnoses: [{ code: 'N40.0' }] }))).toEqual([]);
  });

  it('gives only an advisory, labelled with the historical list and its year', async () => {
    const [r] = await runRule(mceSexConflict, claimCheckEncounter({ patient: withSex('F'), diagnoses: [{ code: 'E11.9' }, { code: 'N40.0' }] }));
    expect(r).toMatchObject({ severity: 'advisory', codes: ['N40.0'], field: 'diagnoses[1]' });
    expect(r!.source).toMatch(/^MCE v37 \(FY2020\), historical — Edit 5 Sex conflict \(deactivated by CMS on 2024-10-01; advisory only\)$/);
    expect(r!.message).toMatch(/male-only list .* recorded as female/);
  });
});
