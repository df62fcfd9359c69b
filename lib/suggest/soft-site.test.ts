import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { DiagnosisLexicon } from './lexicon';
import { matchSentence, mostSpecific } from './mentions';
import { textWords } from './text-words';

/** A title whose "of <site>" is made only of soft words (upper, lower, limb) keeps the site required. */
const record = (code: string, title: string, chapter: number): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter });
const lexicon = DiagnosisLexicon.build([
  record('C76.42', 'Malignant neoplasm of left upper limb', 2),
  record('C80.1', 'Malignant (primary) neoplasm, unspecified', 2),
  record('L03.116', 'Cellulitis of left lower limb', 12),
  record('G56.02', 'Carpal tunnel syndrome, left upper limb', 6),
]);
const codes = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), lexicon)).kept.map((m) => lexicon.codes[m.code]!.code).sort();

describe('a site phrase of soft words is the title\'s place', () => {
  it('does not read a side alone as the limb of a site-less condition', () => {
    expect(codes('Cancer, left')).not.toContain('C76.42');
    expect(codes('left breast cancer')).not.toContain('C76.42');
  });
  it('still matches when the chart names the limb, and leaves soft words after a comma soft', () => {
    expect(codes('malignant neoplasm of left upper limb')).toContain('C76.42');
    expect(codes('cellulitis of left lower limb')).toEqual(['L03.116']);
    expect(codes('left carpal tunnel syndrome')).toEqual(['G56.02']);
  });
});
