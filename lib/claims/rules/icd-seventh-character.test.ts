import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { icdSeventhCharacter } from './icd-seventh-character';

describe('icd-missing-7th-character', () => {
  it('passes codes that carry their 7th character', async () => {
    expect(await runRule(icdSeventhCharacter, claimCheckEncounter({ diagnoses: [{ code: 'S72.001A' }, { code: 'S02.5XXB' }] }))).toEqual([]);
  });

  it('lists the allowed 7th characters (inherited from the category) and the complete codes', async () => {
    const [r] = await runRule(icdSeventhCharacter, claimCheckEncounter({ diagnoses: [{ code: 'S72.001' }] }));
    expect(r).toMatchObject({ severity: 'error', codes: ['S72.001'], field: 'diagnoses[0]' });
    expect(r!.message).toMatch(/Complete it as one of S72.001A, S72.001B, S72.001D\./);
    expect(r!.message).toMatch(/A \(initial encounter for closed fracture\); B \(initial encounter for open fracture type I or II\); D \(subsequent encounter/);
    expect(r!.source).toMatch(/Tabular List FY2026 7th-character note/);
  });

  it('adds the X placeholder for a short code, and asks for a more specific code when the header has codes below it', async () => {
    const results = await runRule(icdSeventhCharacter, claimCheckEncounter({ diagnoses: [{ code: 'S02.5' }, { code: 'S72.0' }] }));
    expect(results[0]!.message).toMatch(/S02.5XXA, S02.5XXB \(X is the placeholder/);
    expect(results[1]!.message).toMatch(/Choose the specific code under S72.0 first, then add the 7th character/);
  });
});
