import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultMaxEdits, editDistance, FuzzyVocabulary } from './fuzzy';

describe('fuzzy', () => {
  describe('editDistance', () => {
    it('counts insertions, deletions, substitutions and adjacent transpositions as one edit', () => {
      expect(editDistance('pnuemonia', 'pneumonia', 2).full).toBe(1);
      expect(editDistance('hypertention', 'hypertension', 2).full).toBe(1);
      expect(editDistance('astma', 'asthma', 2).full).toBe(1);
      expect(editDistance('diabetis', 'diabetes', 2).full).toBe(1);
    });

    it('measures against the closest beginning of a word for prefix matches', () => {
      expect(editDistance('pnuemo', 'pneumonia', 1, true).prefix).toBe(1);
      expect(editDistance('pnuemo', 'pneumonia', 1, false).full).toBe(2);
    });

    it('agrees with a plain Levenshtein bound: never more than the longer length, symmetric', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
          const d = editDistance(a, b, 16).full;
          expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
          expect(d).toBe(editDistance(b, a, 16).full);
          expect(d === 0).toBe(a === b);
        }),
      );
    });
  });

  describe('FuzzyVocabulary.lookup', () => {
    const words = ['arthritis', 'arteritis', 'fibrillation', 'hypertension', 'pneumonia', 'pneumonitis'].sort();
    const vocabulary = new FuzzyVocabulary(words);

    it('finds the words within the allowed edits, closest first', () => {
      const hits = vocabulary.lookup('pnuemonia');
      expect(words[hits[0]!.term]).toBe('pneumonia');
      expect(hits[0]!.distance).toBe(1);
      expect(vocabulary.lookup('artritis').map((h) => words[h.term]).sort()).toEqual(['arteritis', 'arthritis']);
    });

    it('finds a misspelt beginning of a word being typed', () => {
      const hits = vocabulary.lookup('fibrilat');
      expect(hits.map((h) => words[h.term])).toContain('fibrillation');
      expect(hits.find((h) => words[h.term] === 'fibrillation')?.prefix).toBe(true);
    });

    it('tolerates nothing for words shorter than 4 letters', () => {
      expect(defaultMaxEdits(3)).toBe(0);
      expect(vocabulary.lookup('pne')).toEqual([]);
    });
  });
});
