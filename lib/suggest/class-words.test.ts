import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { DiagnosisLexicon } from './lexicon';
import { matchSentence, mostSpecific } from './mentions';
import { textWords } from './text-words';

const record = (code: string, title: string): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter: 13 });
const lexicon = DiagnosisLexicon.build([
  record('M75.41', 'Impingement syndrome of right shoulder'),
  record('M75.42', 'Impingement syndrome of left shoulder'),
  record('M35.00', 'Sjogren syndrome, unspecified'),
  record('J84.9', 'Interstitial pulmonary disease, unspecified'),
  record('G56.01', 'Carpal tunnel syndrome, right upper limb'),
]);
const codes = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), lexicon)).kept.map((m) => lexicon.codes[m.code]!.code).sort();

describe('class nouns a chart leaves out', () => {
  it('reads "impingement" at a named site without "syndrome", in varied phrasing', () => {
    expect(codes('L shoulder impingement')).toEqual(['M75.42']);
    expect(codes('impingement of the right shoulder, subacromial')).toEqual(['M75.41']);
    expect(codes('Impingement syndrome of left shoulder')).toEqual(['M75.42']);
  });

  it('keeps the class noun where too little is left without it', () => {
    // "Sjogren" alone and "carpal tunnel" without "syndrome" before no "of <site>" stay as they were.
    expect(codes('Sjogren antibodies negative')).toEqual([]);
    expect(codes('carpal tunnel release scar, right')).toEqual([]);
    expect(codes('interstitial markings on the pulmonary film')).toEqual([]);
    expect(codes('shoulder exam: no impingement sign')).not.toContain('M75.41');
  });
});
