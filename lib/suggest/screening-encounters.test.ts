import { describe, expect, it } from 'vitest';
import { screeningEncounters } from './screening-encounters';
import type { Suggestion } from './types';

const line = (code: string, text: string): Suggestion => ({ system: 'cpt', code, title: code, confidence: 0.9, rule: 'test', evidence: [{ start: 0, end: text.length, text, sentence: text }], warnings: [] });

describe('screening encounters from screens done at the visit', () => {
  it('reads an HIV test run in the office as HIV screening (Z11.4), not when HIV or a contact with it is coded', () => {
    const hiv = [line('87806', 'rapid HIV-1/2 antigen/antibody test')];
    expect(screeningEncounters(hiv, ['A51.5']).map((s) => s.code)).toEqual(['Z11.4']);
    expect(screeningEncounters(hiv, ['B20'])).toEqual([]);
    expect(screeningEncounters(hiv, ['Z20.6'])).toEqual([]);
  });

  it('keeps each instrument to its own code', () => {
    expect(screeningEncounters([line('96127', 'PHQ-9 score 4')], []).map((s) => s.code)).toEqual(['Z13.31']);
    expect(screeningEncounters([line('96127', 'GAD-7 score 3')], ['F41.1'])).toEqual([]);
  });
});
