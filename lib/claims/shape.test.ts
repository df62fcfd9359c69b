import { describe, expect, it } from 'vitest';
import { encounterShapeProblems } from './shape';
import { claimCheckEncounter } from '../../test/support/encounters';

describe('encounterShapeProblems', () => {
  it('accepts a well-formed encounter, and one with values missing (the rules report those)', () => {
    expect(encounterShapeProblems(claimCheckEncounter())).toEqual([]);
    expect(encounterShapeProblems({ id: 'e1' })).toEqual([]);
  });

  it('names every structural problem with its path', () => {
    expect(encounterShapeProblems([], 'encounters[0]')).toEqual(['encounters[0] is not an object']);
    expect(encounterShapeProblems({ id: '', patient: 'Alex', diagnoses: 'E11.9', lines: [null, { pointers: 1 }] }, 'encounters[2]')).toEqual([
      'encounters[2] has no id',
      'encounters[2].patient is not an object',
      'encounters[2].diagnoses is not a list',
      'encounters[2].lines[0] is not an object',
      'encounters[2].lines[1].pointers is not a list',
    ]);
  });
});
