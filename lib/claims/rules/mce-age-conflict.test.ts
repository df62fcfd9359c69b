import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { mceAgeConflict } from './mce-age-conflict';

const patient = (dob: string) => ({ ...claimCheckEncounter().patient, dob });

describe('mce-age-conflict', () => {
  it('passes diagnoses that fit the age on the date of service', async () => {
    expect(await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('2010-05-05'), diagnoses: [{ code: 'Z00.129' }] }))).toEqual([]);
    expect(await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('2026-04-20'), diagnoses: [{ code: 'Z38.00' }] }))).toEqual([]);
  });

  it('flags a pediatric code once the patient has turned 18 on the date of service', async () => {
    // Born 2008-05-04: 18 on the date of service 2026-05-04, still 17 the day before.
    expect(await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('2008-05-05'), diagnoses: [{ code: 'Z00.129' }] }))).toEqual([]);
    const [r] = await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('2008-05-04'), diagnoses: [{ code: 'Z00.129' }] }));
    expect(r).toMatchObject({ rule: 'mce-age-conflict', severity: 'error', codes: ['Z00.129'], field: 'diagnoses[0]' });
    expect(r!.message).toMatch(/pediatric diagnoses list \(ages 0 through 17\), but the patient is 18/);
    expect(r!.source).toBe('CMS MCE v43.1 — Edit 4 Age conflict (Pediatric diagnoses, age 0 through 17)');
  });

  it('applies the newborn, maternity and adult lists', async () => {
    const results = await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('2012-01-01'), diagnoses: [{ code: 'Z38.00' }, { code: 'O13.1' }, { code: 'N40.0' }] }));
    expect(results.map((r) => r.codes[0])).toEqual(['Z38.00', 'N40.0']);
    expect(results[0]!.message).toMatch(/perinatal\/newborn diagnoses list \(age 0 only\)/);
    const old = await runRule(mceAgeConflict, claimCheckEncounter({ patient: patient('1950-01-01'), diagnoses: [{ code: 'O13.1' }] }));
    expect(old[0]!.message).toMatch(/maternity diagnoses list \(ages 9 through 64\), but the patient is 76/);
  });
});
