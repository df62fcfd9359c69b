import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { icdHeaderCode } from './icd-header-code';

describe('icd-header-not-billable', () => {
  it('passes billable codes', async () => {
    expect(await runRule(icdHeaderCode, claimCheckEncounter({ diagnoses: [{ code: 'E11.9' }, { code: 'S72.001A' }] }))).toEqual([]);
  });

  it('flags a category heading as not billable, leaving 7th-character headers to their own rule', async () => {
    const results = await runRule(icdHeaderCode, claimCheckEncounter({ diagnoses: [{ code: 'I10' }, { code: 'E11.6' }, { code: 'S72.001' }] }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ rule: 'icd-header-not-billable', severity: 'error', codes: ['E11.6'], field: 'diagnoses[1]' });
    expect(results[0]!.message).toMatch(/E11.6 \(Type 2 diabetes mellitus with other specified complications\) is a heading/);
    expect(results[0]!.source).toMatch(/Section I.B.2.*FY2026/);
  });
});
