import { describe, expect, it } from 'vitest';
import contextJson from '../../assets/rules/context.json';
import { ContextRuleError, compileContextRules, contextRulesToJson, defaultContextRules, loadContextRules } from './rules';

const base = {
  formatVersion: 1,
  categoryFlags: { NEGATED_EXISTENCE: ['negated'], FAMILY: ['family'] },
};

describe('context rules', () => {
  describe('loadContextRules', () => {
    it('accepts the shipped file, and writes back what it read', () => {
      expect(defaultContextRules.ruleSet.rules.length).toBeGreaterThan(400);
      const again = loadContextRules(contextRulesToJson(loadContextRules(contextJson)));
      expect(again.rules).toEqual(defaultContextRules.ruleSet.rules);
    });

    it('rejects an unknown key, naming the rule', () => {
      const json = { ...base, rules: [{ literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'FORWARD', allowed_types: [] }] };
      expect(() => loadContextRules(json)).toThrow(ContextRuleError);
      expect(() => loadContextRules(json)).toThrow(/rule 0 \("no"\): unknown key "allowed_types"/);
    });

    it('rejects an unknown category', () => {
      const json = { ...base, rules: [{ literal: 'maybe', category: 'MAYBE', direction: 'FORWARD' }] };
      expect(() => loadContextRules(json)).toThrow(/rule 0 \("maybe"\): unknown category "MAYBE"/);
    });

    it('rejects an unknown direction', () => {
      const json = { ...base, rules: [{ literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'SIDEWAYS' }] };
      expect(() => loadContextRules(json)).toThrow(/rule 0 \("no"\): unknown direction "SIDEWAYS"/);
    });

    it('rejects a bad maxScope, a bad pattern, TERMINATE misuse and empty literals', () => {
      const rule = (extra: object) => ({ ...base, rules: [{ literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'FORWARD', ...extra }] });
      expect(() => loadContextRules(rule({ maxScope: 0 }))).toThrow(/"maxScope" must be a positive integer/);
      expect(() => loadContextRules(rule({ maxScope: 2.5 }))).toThrow(/maxScope/);
      expect(() => loadContextRules(rule({ pattern: '[' }))).toThrow(/pattern does not compile/);
      expect(() => loadContextRules({ ...base, rules: [{ literal: 'but', category: 'TERMINATE', direction: 'FORWARD' }] })).toThrow(
        /category TERMINATE needs direction TERMINATE/,
      );
      expect(() => loadContextRules({ ...base, rules: [{ literal: ' ', category: 'FAMILY', direction: 'FORWARD' }] })).toThrow(/literal/);
      expect(() => loadContextRules({ ...base, rules: [{ literal: '…', category: 'FAMILY', direction: 'FORWARD' }] })).not.toThrow();
    });

    it('rejects unknown flags, section categories, versions and top-level keys', () => {
      expect(() => loadContextRules({ ...base, categoryFlags: { X: ['denied'] }, rules: [] })).toThrow(/categoryFlags.X: unknown flag "denied"/);
      expect(() => loadContextRules({ ...base, sectionCategories: { family_history: 'KIN' }, rules: [] })).toThrow(
        /sectionCategories.family_history: unknown category "KIN"/,
      );
      expect(() => loadContextRules({ ...base, formatVersion: 9, rules: [] })).toThrow(/formatVersion 9/);
      expect(() => loadContextRules({ ...base, rules: [], extra: true })).toThrow(/unknown top-level key "extra"/);
      expect(() => loadContextRules([])).toThrow(ContextRuleError);
    });
  });

  describe('compileContextRules', () => {
    it('builds a token trie of literals and keeps patterns apart', () => {
      const compiled = compileContextRules(
        loadContextRules({
          ...base,
          rules: [
            { literal: 'negative for', category: 'NEGATED_EXISTENCE', direction: 'FORWARD' },
            { literal: '<label>', category: 'NEGATED_EXISTENCE', direction: 'FORWARD', pattern: 'X+' },
          ],
        }),
      );
      expect(compiled.trie.next.get('negative')?.next.get('for')?.rules).toHaveLength(1);
      expect(compiled.patterns).toHaveLength(1);
    });
  });
});
