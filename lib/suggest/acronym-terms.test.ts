import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { acronymKeys, DiagnosisLexicon } from './lexicon';
import { matchSentence } from './mentions';
import { textWords } from './text-words';

const record = (code: string, title: string, synonyms?: string[]): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter: 6, ...(synonyms ? { synonyms } : {}) });
const lexicon = DiagnosisLexicon.build([
  record('I67.83', 'Posterior reversible encephalopathy syndrome', ['PRES']),
  record('J21.0', 'Acute bronchiolitis due to respiratory syncytial virus', ['RSV bronchiolitis']),
  record('H93.91', 'Unspecified disorder of right ear'),
  record('M17.11', 'Unilateral primary osteoarthritis, right knee'),
]);
const codes = (text: string) => matchSentence(expandWords(textWords(text)), lexicon).map((m) => lexicon.codes[m.code]!.code);

describe('acronym terms', () => {
  it('finds the acronyms a phrase writes in capitals, not numerals, levels or a phrase all in capitals', () => {
    expect(acronymKeys('PRES')).toHaveLength(1);
    expect(acronymKeys('Type II diabetes, C3 level, I70 atherosclerosis')).toEqual([]);
    expect(acronymKeys('CHRONIC KIDNEY DISEASE')).toEqual([]);
  });

  it('matches an acronym term only on a standalone word in capitals', () => {
    expect(codes('MRI consistent with PRES.')).toEqual(['I67.83']);
    expect(codes('Pre-treatment labs reviewed; pre-visit call done.')).toEqual([]);
    expect(codes('Pres. of the board visited.')).toEqual([]);
  });

  it('accepts the lower-case form of an abbreviation the table knows', () => {
    expect(codes('rsv bronchiolitis')).toEqual(['J21.0']);
  });
});

describe('titles that name only a place', () => {
  it('are not read from a side and a site alone', () => {
    expect(codes('R ear normal.')).toEqual([]);
    expect(codes('right ear clear.')).toEqual([]);
  });

  it('leave titles with a condition word alone', () => {
    expect(codes('R knee OA')).toEqual(['M17.11']);
  });
});
