import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeField, bareCode, defaultness, foldText, looksLikeCode, queryWords, root, stem, TokenRole } from './normalize';

const roles = (text: string, options?: { parenthesesOptional?: boolean }) =>
  analyzeField(text, options).map((t) => `${t.term}:${Object.keys(TokenRole).find((k) => TokenRole[k as keyof typeof TokenRole] === t.role)}`);

describe('normalize', () => {
  describe('foldText', () => {
    it('lower-cases, removes accents and possessives', () => {
      expect(foldText("Alzheimer's Ménière’s & Crohn's")).toBe('alzheimer meniere  and  crohn');
    });
  });

  describe('stem', () => {
    it('equates plurals and leaves Latin singulars alone', () => {
      expect(stem('fractures')).toBe('fracture');
      expect(stem('injuries')).toBe(stem('injury'));
      expect(stem('veins')).toBe('vein');
      for (const w of ['pectoris', 'mellitus', 'diagnosis', 'pancreas', 'abscess', 'b12', 'was']) expect(stem(w)).toBe(w);
    });
  });

  describe('root', () => {
    it('equates an adjective and its noun', () => {
      expect(root('hypertensive')).toBe(root('hypertension'));
      expect(root('anemic')).toBe(root('anemia'));
      expect(root('diabetic')).toBe(root('diabetes'));
      expect(root('obese')).toBe(root('obesity'));
      expect(root('heart')).toBe('heart');
    });
    it('equates an organ noun in -ea, -ra or -na with its adjective, and leaves short words alone', () => {
      expect(root('cornea')).toBe(root('corneal'));
      expect(root('urethra')).toBe(root('urethral'));
      expect(root('retina')).toBe(root('retinal'));
      expect(root('trachea')).toBe(root('tracheal'));
      expect(root('area')).toBe('area');
      expect(root('apnea')).toBe('apnea');
    });
  });

  describe('queryWords', () => {
    it('drops stop words and splits hyphens, w/ and w/o', () => {
      expect(queryWords('Type-2 diabetes w/o complications')).toEqual(['type', '2', 'diabetes', 'without', 'complications']);
      expect(queryWords('fracture of the neck of femur')).toEqual(['fracture', 'neck', 'femur']);
    });

    it('reads number words as digits and keeps "a" after a word', () => {
      expect(queryWords('chest x-ray two views')).toEqual(['chest', 'x', 'ray', '2', 'views']);
      expect(queryWords('a fall')).toEqual(['fall']);
      expect(queryWords('hepatitis a')).toEqual(['hepatitis', 'a']);
    });
  });

  describe('analyzeField', () => {
    it('marks parenthesised words optional in ICD-10-CM titles', () => {
      expect(roles('Essential (primary) hypertension')).toEqual(['essential:core', 'primary:optional', 'hypertension:core']);
    });

    it('keeps parenthesised brand names required when asked (HCPCS, CPT)', () => {
      expect(roles('Injection, triamcinolone acetonide (xipere), 1 mg', { parenthesesOptional: false })).toEqual([
        'injection:core', 'triamcinolone:core', 'acetonide:core', 'xipere:core', '1:optional', 'mg:optional',
      ]);
    });

    it('marks unspecified clauses neutral and "without …"/"not …" words absent', () => {
      expect(roles('Pneumonia, unspecified organism')).toEqual(['pneumonia:core', 'unspecified:neutral', 'organism:neutral']);
      expect(roles('Hypertensive heart disease without heart failure')).toEqual([
        'hypertensive:core', 'heart:core', 'disease:core', 'without:absent', 'heart:absent', 'failure:absent',
      ]);
      expect(roles('Migraine, unspecified, not intractable')).toEqual(['migraine:core', 'unspecified:neutral', 'not:absent', 'intractable:absent']);
      expect(roles('Cystitis, unspecified with hematuria')).toEqual(['cystitis:core', 'unspecified:neutral', 'hematuria:core']);
    });

    it('indexes a hyphenated word joined, then its parts', () => {
      expect(roles('Gastro-esophageal reflux disease')).toEqual(['gastroesophageal:core', 'gastro:part', 'esophageal:part', 'reflux:core', 'disease:core']);
    });
  });

  describe('defaultness', () => {
    it('scores titles that read as the default code of their category', () => {
      expect(defaultness('Unspecified atrial fibrillation')).toBe(2);
      expect(defaultness('Type 2 diabetes mellitus without complications')).toBe(1);
      expect(defaultness('Type 2 diabetes mellitus with unspecified complications')).toBe(0);
      expect(defaultness('Paroxysmal atrial fibrillation')).toBe(0);
      expect(defaultness('Acute suppurative otitis media without spontaneous rupture of ear drum, recurrent, unspecified ear')).toBeLessThan(
        defaultness('Acute suppurative otitis media without spontaneous rupture of ear drum, unspecified ear'),
      );
      expect(defaultness('Migraine, unspecified, not intractable, without status migrainosus')).toBeGreaterThan(
        defaultness('Migraine without aura, not intractable, without status migrainosus'),
      );
    });
  });

  describe('bareCode and looksLikeCode', () => {
    it('reads codes the way coders type them', () => {
      expect(bareCode(' e11.65 ')).toBe('E1165');
      for (const q of ['E11.65', 'e116', 'S72.00', 'S72.001A', 'J1100', '99213', '9921', 'E11.', 'O9A.1']) expect(looksLikeCode(q)).toBe(true);
      for (const q of ['diabetes', 'afib', 'E11.65 diabetes', '', 'EE11']) expect(looksLikeCode(q)).toBe(false);
    });

    it('never throws', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
        looksLikeCode(s);
        analyzeField(s);
        queryWords(s);
        defaultness(s);
      }));
    });
  });
});
