import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { diagnosisCount } from './diagnosis-count';

const codes = ['E11.65', 'I10', 'G30.9', 'F02.80', 'N40.0', 'E10.9', 'Z00.00', 'O13.1', 'S72.001A', 'W19.XXXA', 'Z51.89', 'E11.9', 'Z38.00'];

describe('diagnosis-count', () => {
  it('passes 1 to 12 diagnoses', async () => {
    expect(await runRule(diagnosisCount, claimCheckEncounter({ diagnoses: codes.slice(0, 12).map((code) => ({ code })) }))).toEqual([]);
  });

  it('refuses a 13th diagnosis and an encounter with none', async () => {
    const [over] = await runRule(diagnosisCount, claimCheckEncounter({ diagnoses: codes.map((code) => ({ code })) }));
    expect(over).toMatchObject({ severity: 'error', codes: ['Z38.00'], field: 'diagnoses[12]' });
    expect(over!.message).toMatch(/13 diagnoses; a professional claim holds at most 12 \(A–L\)/);
    const [none] = await runRule(diagnosisCount, claimCheckEncounter({ diagnoses: [] }));
    expect(none).toMatchObject({ severity: 'error', field: 'diagnoses' });
  });
});
