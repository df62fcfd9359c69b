import { describe, expect, it } from 'vitest';
import {
  ChartRuleError,
  compileSectionRules,
  defaultSectionRules,
  loadHeaderFieldRules,
  loadSectionRules,
  matchSectionHeading,
  normalizeHeading,
} from './rules';

describe('chart rules', () => {
  describe('loadSectionRules', () => {
    it('accepts the shipped file', () => {
      expect(defaultSectionRules.byLiteral.size).toBeGreaterThan(200);
    });

    it('rejects an unknown key, naming the rule', () => {
      const json = { formatVersion: 1, rules: [{ literal: 'plan', category: 'plan', weight: 2 }] };
      expect(() => loadSectionRules(json)).toThrow(ChartRuleError);
      expect(() => loadSectionRules(json)).toThrow(/rule 0 \("plan"\): unknown key "weight"/);
    });

    it('rejects an unknown category', () => {
      const json = { formatVersion: 1, rules: [{ literal: 'a' , category: 'plan' }, { literal: 'vitals', category: 'vitalz' }] };
      expect(() => loadSectionRules(json)).toThrow(/rule 1 \("vitals"\): unknown category "vitalz"/);
    });

    it('rejects a pattern that does not compile', () => {
      const json = { formatVersion: 1, rules: [{ literal: 'x', category: 'plan', pattern: '(' }] };
      expect(() => loadSectionRules(json)).toThrow(/rule 0 \("x"\): pattern does not compile/);
    });

    it('rejects another format version and a missing literal', () => {
      expect(() => loadSectionRules({ formatVersion: 2, rules: [] })).toThrow(/formatVersion 2/);
      expect(() => loadSectionRules({ formatVersion: 1, rules: [{ category: 'plan' }] })).toThrow(/rule 0: "literal"/);
      expect(() => loadSectionRules({ formatVersion: 1, rules: [], extra: 1 })).toThrow(/top-level key "extra"/);
    });
  });

  describe('loadHeaderFieldRules', () => {
    it('rejects an unknown field', () => {
      expect(() => loadHeaderFieldRules({ formatVersion: 1, rules: [{ literal: 'DOB', field: 'birthday' }] })).toThrow(
        /rule 0 \("DOB"\): unknown field "birthday"/,
      );
    });
  });

  describe('matchSectionHeading', () => {
    it('matches literal headings after normalisation', () => {
      expect(matchSectionHeading('PHYSICAL EXAMINATION:', defaultSectionRules)?.category).toBe('physical_exam');
      expect(matchSectionHeading('Allergies, Adverse Reactions & Alerts', defaultSectionRules)?.category).toBe('allergies');
      expect(matchSectionHeading('Vital Signs (Last Filed)', defaultSectionRules)?.category).toBe('vital_signs');
      expect(matchSectionHeading('GOALS SECTION', defaultSectionRules)?.category).toBe('goals');
      expect(matchSectionHeading('A/P', defaultSectionRules)?.category).toBe('assessment_and_plan');
    });

    it('matches pattern rules', () => {
      expect(matchSectionHeading('Hospital Discharge Diagnosis', defaultSectionRules)?.category).toBe('diagnoses');
      expect(matchSectionHeading('Repair initial inguinal hernia (49505)', defaultSectionRules)?.category).toBe('procedures');
    });

    it('finds nothing for prose or unknown headings', () => {
      expect(matchSectionHeading('The patient was seen today', defaultSectionRules)).toBeUndefined();
      expect(matchSectionHeading('x'.repeat(500), defaultSectionRules)).toBeUndefined();
    });

    it('uses custom compiled rules', () => {
      const rules = compileSectionRules(loadSectionRules({ formatVersion: 1, rules: [{ literal: 'Befund', category: 'results' }] }));
      expect(matchSectionHeading('BEFUND:', rules)?.category).toBe('results');
    });
  });

  describe('normalizeHeading', () => {
    it('drops list numbers, colons, parentheticals and "section"', () => {
      expect(normalizeHeading('  2.  Review of   Systems (ROS):')).toBe('review of systems');
      expect(normalizeHeading('Health Concerns Section')).toBe('health concerns');
      expect(normalizeHeading('Assessment & Plan')).toBe('assessment and plan');
      expect(normalizeHeading('My assessment:')).toBe('assessment');
      expect(normalizeHeading('Our Plan')).toBe('plan');
    });
  });
});
