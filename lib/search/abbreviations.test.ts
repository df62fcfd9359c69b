import { describe, expect, it } from 'vitest';
import rulesJson from './abbreviations.json';
import { AbbreviationRuleError, compileAbbreviations, defaultAbbreviations, loadAbbreviationRules, readQuery } from './abbreviations';

const readings = (words: string[]) => readQuery(words, defaultAbbreviations).map((v) => v.words.map((w) => w.text).join(' '));

describe('abbreviations', () => {
  describe('loadAbbreviationRules', () => {
    it('reads the shipped rules, which map to words and never to codes', () => {
      const rules = loadAbbreviationRules(rulesJson);
      expect(rules.length).toBeGreaterThan(250);
      for (const rule of rules) for (const meaning of rule.means) expect(meaning).not.toMatch(/\b[A-Z]\d\d(\.\w+)?\b|\b\d{5}\b/);
      for (const literal of ['htn', 'dm2', 't2dm', 'chf', 'copd', 'ckd', 'afib', 'gerd', 'uti', 'osa', 'bph', 'aki', 'dvt', 'pe', 'tia', 'mdd', 'gad', 'adhd', 'oa', 'ra', 'sob', 'uri']) {
        expect(rules.some((r) => r.literal === literal)).toBe(true);
      }
    });

    it('refuses a wrong version, unknown keys and kinds, and empty meanings, naming the rule', () => {
      expect(() => loadAbbreviationRules({ formatVersion: 2, rules: [] })).toThrow(AbbreviationRuleError);
      expect(() => loadAbbreviationRules({ formatVersion: 1, rules: [{ literal: 'htn', means: ['hypertension'], kind: 'abbreviation', code: 'I10' }] })).toThrow(/rule 1 \("htn"\): unknown key "code"/);
      expect(() => loadAbbreviationRules({ formatVersion: 1, rules: [{ literal: 'htn', means: ['hypertension'], kind: 'slang' }] })).toThrow(/unknown kind/);
      expect(() => loadAbbreviationRules({ formatVersion: 1, rules: [{ literal: 'htn', means: [], kind: 'abbreviation' }] })).toThrow(/"means"/);
    });
  });

  describe('readQuery', () => {
    it('reads an abbreviation as its meaning and literally', () => {
      expect(readings(['afib'])).toEqual(['atrial fibrillation', 'afib']);
      expect(readQuery(['afib'], defaultAbbreviations)[1]!.words[0]!.abbreviation).toBe(true);
    });

    it('replaces the longest lay phrase and keeps the other words', () => {
      expect(readings(['high', 'blood', 'pressure', 'pregnancy'])[0]).toBe('hypertension pregnancy');
    });

    it('finishes a lay phrase whose last word is being typed', () => {
      expect(readings(['high', 'blood', 'press'])[0]).toBe('hypertension');
    });

    it('splits an abbreviation glued to a number', () => {
      expect(readings(['ckd3a'])[0]).toBe('chronic kidney disease 3a');
    });

    it('offers less usual meanings later', () => {
      const variants = readQuery(['cp'], defaultAbbreviations);
      expect(variants[0]!.words.map((w) => w.text).join(' ')).toBe('chest pain');
      expect(variants.some((v) => v.words.map((w) => w.text).join(' ') === 'cerebral palsy' && v.rank > 0)).toBe(true);
    });

    it('marks the words after a negation as negated', () => {
      const [variant] = readQuery(['migraine', 'without', 'aura'], defaultAbbreviations);
      expect(variant!.words.map((w) => [w.text, !!w.negation, !!w.negated])).toEqual([['migraine', false, false], ['without', true, false], ['aura', false, true]]);
    });

    it('works with any rule table', () => {
      const table = compileAbbreviations([{ literal: 'foo bar', means: ['baz'], kind: 'lay' }]);
      expect(readQuery(['foo', 'bars'], table).map((v) => v.words.map((w) => w.text).join(' '))).toEqual(['baz', 'foo bars']);
    });
  });
});
