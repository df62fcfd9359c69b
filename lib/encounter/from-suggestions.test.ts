import { describe, expect, it } from 'vitest';
import { draftFromCodes, splitName } from './from-suggestions';
import { draftEncounter } from '../../test/support/encounters';
import { encounterProblems } from './validate';

const defaults = (() => {
  const e = draftEncounter();
  return { billingProvider: e.billingProvider, renderingProvider: e.renderingProvider, payer: e.payer, placeOfService: '11', coder: 'cc', feeSchedule: { '99213': 120, J1100: 4.5 } };
})();
const now = () => new Date(2026, 2, 9, 15, 30);

describe('draftFromCodes', () => {
  it('builds a storable draft from the header, accepted codes and defaults', () => {
    const draft = draftFromCodes({
      header: { name: 'Testperson, Alex J', dobIso: '1970-01-01', sex: 'female', mrn: ' SYN-0001 ', dateOfServiceIso: '2026-03-02', fields: [] },
      diagnoses: [
        { code: 'e11.65', title: 'Type 2 diabetes with high blood sugar', evidence: [{ text: 'DM2 with hyperglycemia', sentence: 'Assessment: DM2 with hyperglycemia.', start: 10, end: 32 }] },
        { code: 'I10' },
        { code: 'E11.65' },
      ],
      procedures: [
        { system: 'cpt', code: '99213', modifiers: ['25'] },
        { system: 'hcpcs', code: 'J1100', units: 3, title: 'Dexamethasone injection', evidence: [{ text: 'dexamethasone 3 mg' }] },
      ],
      defaults,
      now,
    });
    expect(encounterProblems(draft)).toEqual([]);
    expect(draft).toMatchObject({
      status: 'draft',
      patient: { name: { family: 'Testperson', given: 'Alex', middle: 'J' }, dob: '1970-01-01', sex: 'F', mrn: 'SYN-0001' },
      dateOfService: '2026-03-02',
      placeOfService: '11',
      payer: { id: 'SYN01' },
      coder: 'cc',
    });
    expect(draft.diagnoses).toEqual([
      { code: 'E11.65', title: 'Type 2 diabetes with high blood sugar', evidence: [{ text: 'DM2 with hyperglycemia', sentence: 'Assessment: DM2 with hyperglycemia.', start: 10, end: 32 }] },
      { code: 'I10' },
    ]);
    expect(draft.lines).toEqual([
      { id: '1', system: 'cpt', code: '99213', modifiers: ['25'], units: 1, charge: 120, pointers: [1, 2] },
      { id: '2', system: 'hcpcs', code: 'J1100', title: 'Dexamethasone injection', modifiers: [], units: 3, charge: 13.5, pointers: [1, 2], evidence: [{ text: 'dexamethasone 3 mg' }] },
    ]);
    expect(draft.claimId).toMatch(/^[A-Z0-9]{12}$/);
    expect(draft.statusHistory).toEqual([{ status: 'draft', at: now().toISOString(), by: 'cc' }]);
  });

  it('points lines at the first four diagnoses unless told otherwise', () => {
    const draft = draftFromCodes({
      diagnoses: ['A', 'B', 'C', 'D', 'E'].map((c) => ({ code: `Z0${c.charCodeAt(0) - 64}.0` })),
      procedures: [{ system: 'cpt', code: '99214' }, { system: 'cpt', code: '36415', pointers: [5] }],
      now,
    });
    expect(draft.lines.map((l) => l.pointers)).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('uses today and leaves unknown patient and practice fields empty for the checks to flag', () => {
    const draft = draftFromCodes({ diagnoses: [{ code: 'J06.9' }], procedures: [{ system: 'cpt', code: '99212' }], now });
    expect(draft.dateOfService).toBe('2026-03-09');
    expect(draft.patient).toEqual({ name: { family: '', given: '' }, dob: '', sex: 'U', mrn: '' });
    expect(draft.payer).toEqual({ name: '', id: '' });
    expect(draft.lines[0]!.charge).toBe(0);
    expect(encounterProblems(draft)).toEqual([]);
  });

  it('refuses a procedure that is not CPT or HCPCS, and bad units', () => {
    expect(() => draftFromCodes({ diagnoses: [], procedures: [{ system: 'icd10cm' as 'cpt', code: 'E11.9' }] })).toThrow(/cpt or hcpcs/);
    expect(() => draftFromCodes({ diagnoses: [], procedures: [{ system: 'cpt', code: '99213', units: 0 }] })).toThrow(/positive number/);
  });
});

describe('splitName', () => {
  it.each([
    ['Testperson, Alex', { family: 'Testperson', given: 'Alex' }],
    ['Alex Testperson', { family: 'Testperson', given: 'Alex' }],
    ['Alex Jo Testperson', { family: 'Testperson', given: 'Alex', middle: 'Jo' }],
    ['Testperson Jr, Alex', { family: 'Testperson Jr', given: 'Alex' }],
    ['Testperson, Alex, Jr.', { family: 'Testperson Jr.', given: 'Alex' }],
    ['Alex Testperson III', { family: 'Testperson III', given: 'Alex' }],
    ['Testperson', { family: 'Testperson', given: '' }],
    ['  ', { family: '', given: '' }],
  ])('%s', (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });
});
