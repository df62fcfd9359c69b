import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartFromText } from '../../chart';
import { PhraseTable, ageOn, headingViews, readNumber, sentenceViews, wordsOf } from './text';

describe('text', () => {
  describe('wordsOf', () => {
    it('lower-cases words, splits hyphens and keeps document offsets', () => {
      const words = wordsOf('Gave Depo-Medrol 40 mg', 10);
      expect(words.map((w) => w.text)).toEqual(['gave', 'depo', 'medrol', '40', 'mg']);
      expect(words[1]).toMatchObject({ start: 15, end: 19 });
    });
  });

  describe('PhraseTable', () => {
    it('matches phrases on word boundaries, longest first', () => {
      const t = new PhraseTable<string>();
      t.add('rapid strep', 'A');
      t.add('rapid strep test', 'B');
      t.add('strep', 'C');
      const hits = t.longest(wordsOf('Rapid-strep test: negative; strep culture sent'));
      expect(hits.map((h) => h.values[0])).toEqual(['B', 'C']);
      expect(t.test(wordsOf('streptococcus'))).toBe(false);
    });

    it('never throws on arbitrary text', () => {
      const t = new PhraseTable<number>();
      t.add('a b', 1);
      fc.assert(fc.property(fc.string(), (s) => Array.isArray(t.all(wordsOf(s)))));
    });
  });

  describe('readNumber', () => {
    it('reads digits, thousands separators and number words', () => {
      expect(readNumber('1,000')).toBe(1000);
      expect(readNumber('2.5')).toBe(2.5);
      expect(readNumber('three')).toBe(3);
      expect(readNumber('many')).toBeUndefined();
    });
  });

  describe('ageOn', () => {
    it('counts whole years up to the date', () => {
      expect(ageOn('1980-05-20', '2026-03-10')).toBe(45);
      expect(ageOn('1980-03-10', '2026-03-10')).toBe(46);
      expect(ageOn(undefined, '2026-03-10')).toBeUndefined();
    });
  });

  describe('sentenceViews / headingViews', () => {
    it('skips headings, and joins a heading with its first line', () => {
      const doc = chartFromText('EKG:\nNormal sinus rhythm.\nPLAN:\nFollow up.');
      expect(sentenceViews(doc).map((v) => v.sentence.text)).toEqual(['Normal sinus rhythm.', 'Follow up.']);
      const joined = headingViews(doc)[0]!;
      expect(joined.sentence.text).toBe('EKG:\nNormal sinus rhythm.');
      expect(doc.text.slice(joined.start, joined.sentence.end)).toBe(joined.sentence.text);
    });
  });
});
