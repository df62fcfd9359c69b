import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { icdCodeValid } from './icd-code-valid';

const dx = (...codes: string[]) => codes.map((code) => ({ code }));

describe('icd-code-not-valid-for-date', () => {
  it('passes codes valid in the fiscal year of the date of service, with or without the dot', async () => {
    expect(await runRule(icdCodeValid, claimCheckEncounter({ diagnoses: dx('E11.65', 'i10') }))).toEqual([]);
    expect(await runRule(icdCodeValid, claimCheckEncounter({ dateOfService: '2025-09-30', diagnoses: dx('S30.1XXA') }))).toEqual([]);
  });

  it('picks the release by fiscal year: a code new on October 1 is not yet effective the day before', async () => {
    const [before] = await runRule(icdCodeValid, claimCheckEncounter({ dateOfService: '2025-09-30', diagnoses: dx('E11.A') }));
    expect(before).toMatchObject({ severity: 'error', codes: ['E11.A'], field: 'diagnoses[0]' });
    expect(before!.message).toMatch(/not yet effective on 2025-09-30: it first appears in ICD-10-CM FY2026, for dates of service from 2025-10-01/);
    expect(await runRule(icdCodeValid, claimCheckEncounter({ dateOfService: '2025-10-01', diagnoses: dx('E11.A') }))).toEqual([]);
  });

  it('says a code was deleted when an earlier year holds it', async () => {
    const [r] = await runRule(icdCodeValid, claimCheckEncounter({ diagnoses: dx('E11.65', 'S30.1XXA') }));
    expect(r).toMatchObject({ severity: 'error', codes: ['S30.1XXA'], field: 'diagnoses[1]' });
    expect(r!.message).toMatch(/deleted: it was valid in ICD-10-CM FY2025 \(through 2025-09-30\) but is not in FY2026/);
    expect(r!.source).toMatch(/ICD-10-CM FY2026, dates of service 2025-10-01 to 2026-09-30/);
  });

  it('names the allowed 7th characters for a wrong one, and the nearest code for an unknown one', async () => {
    const results = await runRule(icdCodeValid, claimCheckEncounter({ diagnoses: dx('S72.001Z', 'E11.99', 'E11.6X5') }));
    expect(results.map((r) => r.codes[0])).toEqual(['S72.001Z', 'E11.99', 'E11.6X5']);
    expect(results[0]!.message).toMatch(/7th character Z is not one S72.001 allows \(A, B, D\)/);
    expect(results[1]!.message).toMatch(/nearest existing code is E11.9 \(Type 2 diabetes mellitus without complications\)/);
    expect(results[2]!.message).toMatch(/nearest existing code is E11.6 .*a heading/);
  });

  it('does not blame an allowed 7th character when the code above it is itself a heading', async () => {
    const results = await runRule(icdCodeValid, claimCheckEncounter({ diagnoses: dx('S72.0', 'S72.0XXA') }));
    expect(results.map((r) => r.codes[0])).toEqual(['S72.0XXA']);
    expect(results[0]!.message).toMatch(/nearest existing code is S72.0 \(Fracture of head and neck of femur\), a heading\./);
  });

  it('refuses text that is not shaped like an ICD-10-CM code', async () => {
    const [r] = await runRule(icdCodeValid, claimCheckEncounter({ diagnoses: dx('diabetes') }));
    expect(r).toMatchObject({ severity: 'error', codes: ['diabetes'] });
    expect(r!.message).toMatch(/not written as an ICD-10-CM code/);
  });

  it('warns when no loaded release covers the date instead of calling the code wrong', async () => {
    const [early] = await runRule(icdCodeValid, claimCheckEncounter({ dateOfService: '2023-03-01' }), { today: '2026-06-01' });
    expect(early).toMatchObject({ severity: 'warning', codes: ['E11.65'] });
    expect(early!.message).toMatch(/No ICD-10-CM release loaded covers the date of service 2023-03-01/);
    const late = await runRule(icdCodeValid, claimCheckEncounter({ dateOfService: '2026-10-05', diagnoses: dx('E11.65', 'E11.B') }));
    expect(late.map((r) => [r.severity, r.codes.join()])).toEqual([
      ['warning', 'E11.B'],
      ['warning', 'E11.65,E11.B'],
    ]);
    expect(late[1]!.message).toMatch(/after the newest loaded ICD-10-CM release \(FY2026, valid through 2026-09-30\)/);
  });
});
