import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../claims/types';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { auditSuggestions, isEvaluationAndManagement, isRelatedCheck, lateralityIn } from './audit-suggestions';

const check = (rule: string, message: string, extra: Partial<CheckResult> = {}): CheckResult => ({ rule, severity: 'error', codes: [], message, source: 'test', ...extra });

describe('chart audit suggestions', () => {
  it('relates claim checks to the denial category', () => {
    expect(isRelatedCheck('units-over-limit', { rule: 'mue-units' })).toBe(true);
    expect(isRelatedCheck('units-over-limit', { rule: 'npi-check-digit' })).toBe(false);
    expect(isRelatedCheck('age-sex-conflict', { rule: 'mce-age-conflict' })).toBe(true);
    expect(isRelatedCheck('timely-filing', { rule: 'mue-units' })).toBe(false);
  });

  it('diagnosis inconsistent with procedure: reviews the pointers and suggests the diagnosis the chart supports', () => {
    const encounter = syntheticEncounter({
      diagnoses: [{ code: 'Z00.00' }, { code: 'E11.65', evidence: [{ text: 'type 2 diabetes', sentence: 'Type 2 diabetes with hyperglycemia.' }] }],
      lines: [syntheticLine({ id: '1', code: '99214', pointers: [1] }), syntheticLine({ id: '2', code: '36415', pointers: [2] })],
    });
    const out = auditSuggestions({ encounter, category: 'diagnosis-procedure-mismatch', checks: [], lineIds: ['1'] });
    expect(out.find((s) => s.kind === 'review')?.message).toContain('A Z00.00');
    const pointer = out.find((s) => s.kind === 'pointer')!;
    expect(pointer.lineId).toBe('1');
    expect(pointer.message).toContain('B E11.65');
    expect(out.find((s) => s.kind === 'evidence')?.codes).toEqual(['Z00.00']);
    // Line 2 was not refused: nothing about it.
    expect(out.every((s) => s.lineId !== '2')).toBe(true);
  });

  it('no pointer change when the primary diagnosis already has evidence', () => {
    const encounter = syntheticEncounter({ diagnoses: [{ code: 'E11.65', evidence: [{ text: 'diabetes' }] }], lines: [syntheticLine({ pointers: [1] })] });
    const out = auditSuggestions({ encounter, category: 'diagnosis-procedure-mismatch', checks: [] });
    expect(out.map((s) => s.kind)).toEqual(['review']);
  });

  it('invalid code: passes on the check messages that name the complete codes', () => {
    const seventh = check('icd-missing-7th-character', 'S52.501 (diagnosis A) needs a 7th character. Complete it as the code for the encounter, e.g. S52.501A or S52.501S.', { codes: ['S52.501'] });
    const out = auditSuggestions({ encounter: syntheticEncounter(), category: 'invalid-code', checks: [seventh, check('npi-check-digit', 'bad NPI')] });
    expect(out).toEqual([{ kind: 'code', codes: ['S52.501'], message: seventh.message }]);
    expect(auditSuggestions({ encounter: syntheticEncounter(), category: 'invalid-code', checks: [] })[0]!.kind).toBe('review');
  });

  it('modifier: 25 on a visit billed with a procedure the same day, and the side the evidence names', () => {
    const encounter = syntheticEncounter({
      diagnoses: [{ code: 'M17.11', evidence: [{ text: 'osteoarthritis of the left knee' }] }],
      lines: [syntheticLine({ id: '1', code: '99213', pointers: [1] }), syntheticLine({ id: '2', code: '20610', modifiers: ['RT'], pointers: [1] })],
    });
    const out = auditSuggestions({ encounter, category: 'modifier', checks: [] });
    expect(out.find((s) => s.lineId === '1')?.codes).toEqual(['99213', '25', '20610']);
    const side = out.find((s) => s.lineId === '2')!;
    expect(side.codes).toEqual(['20610', 'LT', 'RT']);
    expect(side.message).toContain('left');
    // With 25 and LT already there, nothing to suggest.
    const fixed = { ...encounter, lines: [{ ...encounter.lines[0]!, modifiers: ['25'] }, { ...encounter.lines[1]!, modifiers: ['LT'] }] };
    expect(auditSuggestions({ encounter: fixed, category: 'modifier', checks: [] })).toEqual([]);
  });

  it('units over limit: reads the MUE limit from the check', () => {
    const encounter = syntheticEncounter({ lines: [syntheticLine({ id: '1', code: '36415', units: 3 })] });
    const mue = check('mue-units', 'Line 1 (36415) reports 3 units, but the MUE limit for 36415 is 1 per day (MAI 3).', { codes: ['36415'], line: '1' });
    const [s] = auditSuggestions({ encounter, category: 'units-over-limit', checks: [mue] });
    expect(s!.kind).toBe('units');
    expect(s!.message).toContain('at most 1');
    expect(s!.message).toContain('reports 3 units');
    expect(auditSuggestions({ encounter, category: 'units-over-limit', checks: [] })[0]!.kind).toBe('review');
  });

  it('age/sex conflict: asks to verify sex and date of birth, with the age on the date of service', () => {
    const encounter = syntheticEncounter({ patient: { ...syntheticEncounter().patient, dob: '1961-07-04', sex: 'M' }, dateOfService: '2026-03-10' });
    const out = auditSuggestions({ encounter, category: 'age-sex-conflict', checks: [check('mce-age-conflict', 'age conflict', { codes: ['Z00.129'] })] });
    expect(out[0]!.message).toContain('male');
    expect(out[0]!.message).toContain('age 64');
    expect(out[1]).toMatchObject({ kind: 'code', codes: ['Z00.129'] });
  });

  it('helpers: E/M codes and laterality', () => {
    expect(isEvaluationAndManagement('99214')).toBe(true);
    expect(isEvaluationAndManagement('20610')).toBe(false);
    expect(lateralityIn('pain in the right shoulder')).toBe('right');
    expect(lateralityIn('bilateral knee pain')).toBe('both');
    expect(lateralityIn('lightheaded')).toBeUndefined();
  });
});
