import { describe, expect, it } from 'vitest';
import cuesJson from './cues.json';
import drugNamesJson from './drug-names.json';
import emRulesJson from './em-rules.json';
import namedJson from './named-procedures.json';
import contextJson from './procedure-context.json';
import vaccinesJson from './vaccines.json';
import {
  ProcedureRuleError,
  defaultEmRules,
  defaultNamedProcedureRules,
  loadDrugNameRules,
  loadEmRules,
  loadNamedProcedureRules,
  loadProcedureContextRules,
  loadStatusCues,
  loadVaccineRules,
} from './rules';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('rules', () => {
  describe('shipped files', () => {
    it('all load', () => {
      expect(loadStatusCues(cuesJson).performed).toContain('performed');
      expect(loadDrugNameRules(drugNamesJson).names.length).toBeGreaterThan(20);
      expect(loadNamedProcedureRules(namedJson).concepts.length).toBeGreaterThan(20);
      expect(loadVaccineRules(vaccinesJson).vaccines.length).toBeGreaterThan(10);
      expect(loadEmRules(emRulesJson).timePatterns.length).toBeGreaterThan(3);
      expect(loadProcedureContextRules(contextJson).ruleSet.categoryFlags.PLANNED).toEqual(['hypothetical']);
    });

    it('list only five-digit CPT codes in the concepts', () => {
      for (const c of defaultNamedProcedureRules.concepts) for (const code of c.codes) expect(code).toMatch(/^\d{5}$/);
    });
  });

  describe('validation', () => {
    it('rejects an unknown key and names the concept', () => {
      const bad = clone(namedJson) as { concepts: Record<string, unknown>[] };
      bad.concepts[0]!.colour = 'red';
      expect(() => loadNamedProcedureRules(bad)).toThrow(/concept "ecg": unknown key "colour"/);
    });

    it('rejects a code used by a concept but not listed in its codes', () => {
      const bad = clone(namedJson) as { concepts: Record<string, unknown>[] };
      bad.concepts[0]!.code = '99999';
      expect(() => loadNamedProcedureRules(bad)).toThrow(ProcedureRuleError);
    });

    it('rejects a wrong format version', () => {
      expect(() => loadStatusCues({ ...cuesJson, formatVersion: 2 })).toThrow(/formatVersion/);
    });

    it('rejects a time pattern without {TIME} or that does not compile', () => {
      const bad = clone(emRulesJson);
      bad.timePatterns[0]!.pattern = 'total time';
      expect(() => loadEmRules(bad)).toThrow(/has no \{TIME\}/);
      bad.timePatterns[0]!.pattern = '({TIME}';
      expect(() => loadEmRules(bad)).toThrow(/does not compile/);
    });

    it('rejects an unknown section category', () => {
      expect(() => loadEmRules({ ...emRulesJson, problemSections: ['nowhere'] })).toThrow(/unknown section category "nowhere"/);
    });

    it('rejects a chronic-illness entry that is not a code category', () => {
      expect(() => loadEmRules({ ...emRulesJson, chronicDiagnosisCodes: ['I10', 'hypertension'] })).toThrow(/chronicDiagnosisCodes\[1\]: "hypertension" is not an ICD-10-CM category/);
    });

    it('rejects a bad brand strength', () => {
      const bad = clone(drugNamesJson);
      bad.names[0]!.concentration = 'strong';
      expect(() => loadDrugNameRules(bad)).toThrow(/concentration/);
    });

    it('rejects a vaccine product with both a code and age bands', () => {
      const bad = clone(vaccinesJson) as { vaccines: { products?: Record<string, unknown>[] }[] };
      bad.vaccines[0]!.products![0]!.byAge = [{ code: '90686' }];
      expect(() => loadVaccineRules(bad)).toThrow(/exactly one of "code" and "byAge"/);
    });

    it('rejects a ConText addition with an unknown category', () => {
      expect(() => loadProcedureContextRules({ formatVersion: 1, rules: [{ literal: 'x', category: 'NOPE', direction: 'FORWARD' }] })).toThrow(/unknown category/);
    });
  });

  describe('compiled time patterns', () => {
    it('expand {TIME}', () => {
      const p = defaultEmRules.timePatterns.find((t) => t.id === 'total time')!;
      p.regex.lastIndex = 0;
      expect(p.regex.exec('Total time: 1 hour 15 minutes')?.groups).toMatchObject({ n1: '1', u1: 'hour', n3: '15' });
    });
  });
});
