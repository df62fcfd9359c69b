import { describe, expect, it } from 'vitest';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { matchClaim, matchServiceLines } from './match';
import { parse835 } from './parse-835';
import { encountersTo835 } from './write-835';

const enc = syntheticEncounter({ id: 'e1', claimId: 'CC2026031001', status: 'sent' });
const claimOf = (e = enc, omitLineIds = false) => parse835(encountersTo835([{ encounter: e, outcome: { kind: 'paid' }, omitLineIds }])).claims[0]!;

describe('matchClaim', () => {
  it('matches by claim id, ignoring case', () => {
    const claim = { ...claimOf(), claimId: 'cc2026031001' };
    expect(matchClaim(claim, [syntheticEncounter({ id: 'other', claimId: 'X1' }), enc])).toEqual({ kind: 'matched', encounterId: 'e1', by: 'claimId' });
  });

  it('only suggests an encounter with the same patient, date of service and billed total when the claim id is unknown', () => {
    const claim = { ...claimOf(), claimId: 'UNKNOWN1' };
    const wrongDate = syntheticEncounter({ id: 'e2', claimId: 'Z2', dateOfService: '2026-03-11' });
    const wrongTotal = syntheticEncounter({ id: 'e3', claimId: 'Z3', lines: [syntheticLine({ charge: 195.01 })] });
    const lowerCaseName = syntheticEncounter({ id: 'e4', claimId: 'Z4', patient: { ...enc.patient, name: { family: 'testperson', given: 'avery' } } });
    const m = matchClaim(claim, [wrongDate, wrongTotal, lowerCaseName]);
    expect(m).toMatchObject({ kind: 'suggested', encounterIds: ['e4'], by: 'patient-date-charge' });
  });

  it('says unmatched, and why, when nothing fits', () => {
    const claim = { ...claimOf(), claimId: 'UNKNOWN1' };
    const m = matchClaim(claim, [syntheticEncounter({ id: 'e2', claimId: 'Z2', patient: { ...enc.patient, name: { family: 'Other', given: 'Person' } } })]);
    expect(m.kind).toBe('unmatched');
    expect(m.kind === 'unmatched' && m.why).toMatch(/no encounter has claim id UNKNOWN1, nor patient TESTPERSON, AVERY on 2026-03-10 billed 195\.00/);
  });

  it('asks for confirmation when two encounters share the claim id', () => {
    expect(matchClaim(claimOf(), [enc, { ...enc, id: 'dup' }])).toMatchObject({ kind: 'suggested', encounterIds: ['e1', 'dup'], by: 'claimId' });
  });
});

describe('matchServiceLines', () => {
  it('matches by REF*6R line id', () => {
    const m = matchServiceLines(claimOf(), enc);
    expect([...m.lines]).toEqual([[0, '1'], [1, '2']]);
    expect([...m.by.values()]).toEqual(['line-id', 'line-id']);
  });

  it('falls back to code, modifiers in any order and date', () => {
    const lines = [syntheticLine({ id: 'a', code: '20610', modifiers: ['59', 'RT'], charge: 100 }), syntheticLine({ id: 'b', code: '20610', modifiers: ['LT', '59'], charge: 100 })];
    const sent = syntheticEncounter({ lines: [{ ...lines[1]!, modifiers: ['59', 'LT'] }, { ...lines[0]!, modifiers: ['RT', '59'] }] });
    const claim = claimOf(sent, true);
    const m = matchServiceLines(claim, syntheticEncounter({ lines }));
    expect([...m.lines]).toEqual([[0, 'b'], [1, 'a']]);
    expect(m.unmatchedServices).toEqual([]);
  });

  it('leaves services with another code or date unmatched', () => {
    const claim = claimOf(enc, true);
    const m = matchServiceLines(claim, syntheticEncounter({ lines: [syntheticLine({ id: '1', code: '99214', charge: 180, dateOfService: '2026-03-09' }), syntheticLine({ id: '2', code: '36416' })] }));
    expect(m.lines.size).toBe(0);
    expect(m.unmatchedServices).toEqual([0, 1]);
  });
});
