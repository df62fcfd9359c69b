import { describe, expect, it } from 'vitest';
import { diffEncounters } from './audit';
import { draftEncounter } from '../../test/support/encounters';

describe('diffEncounters', () => {
  it('names changed fields at readable paths', () => {
    const before = draftEncounter();
    const after = structuredClone(before);
    after.patient.dob = '1971-02-03';
    after.diagnoses[1]!.code = 'I12.9';
    after.lines[0]!.modifiers = ['25'];
    after.lines[0]!.units = 2;
    expect(diffEncounters(before, after)).toEqual([
      { field: 'patient.dob', old: '1970-01-01', new: '1971-02-03' },
      { field: 'diagnoses[1].code', old: 'I10', new: 'I12.9' },
      { field: 'lines[0].modifiers', old: [], new: ['25'] },
      { field: 'lines[0].units', old: 1, new: 2 },
    ]);
  });

  it('reports added and removed list items whole, and added or removed fields with one side only', () => {
    const before = draftEncounter();
    const after = structuredClone(before);
    after.diagnoses.push({ code: 'Z79.4', title: 'Insulin use' });
    after.note = 'Coder note';
    delete after.patient.memberId;
    expect(diffEncounters(before, after)).toEqual([
      { field: 'patient.memberId', old: 'M000001' },
      { field: 'diagnoses[2]', new: { code: 'Z79.4', title: 'Insulin use' } },
      { field: 'note', new: 'Coder note' },
    ]);
    expect(diffEncounters(after, before)).toContainEqual({ field: 'diagnoses[2]', old: { code: 'Z79.4', title: 'Insulin use' } });
  });

  it('compares code lists as a whole per line, so reordered pointers read as one change', () => {
    const before = draftEncounter();
    const after = structuredClone(before);
    after.lines[0]!.pointers = [2, 1];
    expect(diffEncounters(before, after)).toEqual([{ field: 'lines[0].pointers', old: [1, 2], new: [2, 1] }]);
  });

  it('finds nothing between equal encounters and ignores updatedAt and statusHistory', () => {
    const before = draftEncounter();
    const after = structuredClone(before);
    after.updatedAt = '2030-01-01T00:00:00.000Z';
    after.statusHistory.push({ status: 'ready', at: 'x', by: 'y' });
    expect(diffEncounters(before, after)).toEqual([]);
    expect(diffEncounters(before, after, { ignore: [] }).map((c) => c.field)).toEqual(['updatedAt', 'statusHistory[1]']);
  });

  it('walks evidence inside diagnoses', () => {
    const before = draftEncounter({ diagnoses: [{ code: 'E11.9', evidence: [{ text: 'type 2 diabetes' }] }] });
    const after = structuredClone(before);
    after.diagnoses[0]!.evidence![0]!.text = 'DM2';
    expect(diffEncounters(before, after)).toEqual([{ field: 'diagnoses[0].evidence[0].text', old: 'type 2 diabetes', new: 'DM2' }]);
  });
});
