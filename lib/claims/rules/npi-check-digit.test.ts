import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { npiCheckDigitRule } from './npi-check-digit';

describe('npi-check-digit', () => {
  it('passes valid rendering and billing NPIs', async () => {
    expect(await runRule(npiCheckDigitRule, claimCheckEncounter())).toEqual([]);
  });

  it('flags a mistyped rendering NPI and a missing billing NPI', async () => {
    const base = claimCheckEncounter();
    const encounter = claimCheckEncounter({ renderingProvider: { ...base.renderingProvider, npi: '1234567890' }, billingProvider: { ...base.billingProvider, npi: '' } });
    const results = await runRule(npiCheckDigitRule, encounter);
    expect(results.map((r) => [r.field, r.codes])).toEqual([
      ['renderingProvider.npi', ['1234567890']],
      ['billingProvider.npi', []],
    ]);
    expect(results[0]!.message).toMatch(/rendering provider NPI is not valid: the check digit of 1234567890 is wrong/);
    expect(results[1]!.message).toMatch(/billing provider NPI is not valid: no NPI is given/);
  });
});
