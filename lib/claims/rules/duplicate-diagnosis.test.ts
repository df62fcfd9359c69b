import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { duplicateDiagnosis } from './duplicate-diagnosis';

describe('duplicate-diagnosis', () => {
  it('passes distinct codes', async () => {
    expect(await runRule(duplicateDiagnosis, claimCheckEncounter())).toEqual([]);
  });

  it('flags the same code twice, however it is written', async () => {
    const [r] = await runRule(duplicateDiagnosis, claimCheckEncounter({ diagnoses: [{ code: 'E11.65' }, { code: 'I10' }, { code: 'e1165' }] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['E11.65'], field: 'diagnoses[2]' });
    expect(r!.message).toMatch(/listed twice \(diagnoses A and C\); remove diagnosis C and point its lines to A/);
  });
});
