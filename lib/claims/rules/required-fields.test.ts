import { describe, expect, it } from 'vitest';
import type { CodedEncounter } from '../../encounter/types';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { requiredFields } from './required-fields';

describe('required-fields', () => {
  it('passes a complete encounter', async () => {
    expect(await runRule(requiredFields, claimCheckEncounter())).toEqual([]);
  });

  it('names each missing or malformed field', async () => {
    const base = claimCheckEncounter();
    const broken = claimCheckEncounter({
      claimId: 'X'.repeat(21),
      patient: { ...base.patient, name: { family: '', given: 'Alex' }, dob: '1970-02-30', sex: 'X' as 'F', memberId: ' ' },
      payer: { name: 'Synthetic Health Plan', id: '' },
      billingProvider: { ...base.billingProvider, taxId: '98-7654321' },
      lines: [
        { ...base.lines[0]!, units: 0 },
        { ...base.lines[1]!, charge: -5, dateOfService: '2026-05-01' },
      ],
    });
    const results = await runRule(requiredFields, broken);
    expect(results.map((r) => r.field)).toEqual([
      'claimId',
      'patient.name.family',
      'patient.dob',
      'patient.sex',
      'patient.memberId',
      'payer.id',
      'billingProvider.taxId',
      'lines[0].units',
      'lines[1].charge',
      'lines[1].dateOfService',
    ]);
    expect(results.every((r) => r.severity === 'error')).toBe(true);
    expect(results.find((r) => r.field === 'billingProvider.taxId')!.message).toMatch(/9 digits without the dash/);
    expect(results.find((r) => r.field === 'lines[0].units')).toMatchObject({ line: '1', message: expect.stringMatching(/has 0 units/) });
  });

  it('catches a missing patient, dates in the future and no service lines without crashing', async () => {
    const encounter = { ...claimCheckEncounter({ dateOfService: '2026-07-01', lines: [] }), patient: undefined } as unknown as CodedEncounter;
    const results = await runRule(requiredFields, encounter);
    expect(results.map((r) => r.field)).toEqual(['patient.name.family', 'patient.name.given', 'patient.dob', 'patient.sex', 'patient.mrn', 'patient.memberId', 'dateOfService', 'lines']);
    expect(results.find((r) => r.field === 'dateOfService')!.message).toMatch(/in the future/);
  });
});
