import { describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { dropCorrectedQualifiers } from './corrections';
import type { ExcludedCandidate, Suggestion } from './types';

const suggestion = (code: string, title: string): Suggestion => ({ system: 'icd10cm', code, title, confidence: 0.9, rule: 'test', evidence: [], warnings: [] });

describe('dropCorrectedQualifiers', () => {
  const both = () => new Map([['I48.0', suggestion('I48.0', 'Paroxysmal atrial fibrillation')], ['I48.21', suggestion('I48.21', 'Permanent atrial fibrillation')]]);
  it('drops the code whose qualifier a correction denies, keeping its sibling', () => {
    const chosen = both();
    const excluded: ExcludedCandidate[] = [];
    dropCorrectedQualifiers(chartFromText('A/P: paroxysmal AF.\nAddendum: correction - the AF is permanent, not paroxysmal.\n'), chosen, excluded);
    expect([...chosen.keys()]).toEqual(['I48.21']);
    expect(excluded.map((e) => e.code)).toEqual(['I48.0']);
  });
  it('leaves codes alone without a correction, or when no sibling stands', () => {
    const plain = both();
    dropCorrectedQualifiers(chartFromText('A/P: AF, not paroxysmal per patient history.\n'), plain, []);
    expect(plain.size).toBe(2);
    const alone = new Map([['I48.0', suggestion('I48.0', 'Paroxysmal atrial fibrillation')]]);
    dropCorrectedQualifiers(chartFromText('Addendum: correction - not paroxysmal.\n'), alone, []);
    expect(alone.size).toBe(1);
  });
});
