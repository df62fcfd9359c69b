import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { CodeSetCatalog } from '../codesets/catalog';
import { linkParents } from '../codesets/parse-icd10cm-order';
import type { CodeRecord, CodeSetBundle } from '../codesets/types';
import { SuggestionEngine } from './suggest';
import { wordKey } from './text-words';

/** A small hand-written ICD-10-CM slice in the official shape (titles as published), enough for each rule. */
function fixtureCatalog(): CodeSetCatalog {
  const rows: [string, boolean, string, string[]?][] = [
    ['E11', false, 'Type 2 diabetes mellitus', ['diabetes NOS']],
    ['E11.2', false, 'Type 2 diabetes mellitus with kidney complications'],
    ['E11.22', true, 'Type 2 diabetes mellitus with diabetic chronic kidney disease'],
    ['E11.6', false, 'Type 2 diabetes mellitus with other specified complications'],
    ['E11.65', true, 'Type 2 diabetes mellitus with hyperglycemia'],
    ['E11.9', true, 'Type 2 diabetes mellitus without complications'],
    ['I10', true, 'Essential (primary) hypertension', ['high blood pressure', 'hypertension (arterial) (benign) (essential) (malignant) (primary) (systemic)']],
    ['I12', false, 'Hypertensive chronic kidney disease'],
    ['I12.9', true, 'Hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease'],
    ['N18', false, 'Chronic kidney disease (CKD)'],
    ['N18.3', false, 'Chronic kidney disease, stage 3 (moderate)'],
    ['N18.31', true, 'Chronic kidney disease, stage 3a'],
    ['N18.9', true, 'Chronic kidney disease, unspecified'],
    ['R05', false, 'Cough'],
    ['R05.9', true, 'Cough, unspecified'],
    ['R50', false, 'Fever of other and unknown origin'],
    ['R50.9', true, 'Fever, unspecified'],
    ['R07', false, 'Pain in throat and chest'],
    ['R07.9', true, 'Chest pain, unspecified'],
    ['J18', false, 'Pneumonia, unspecified organism'],
    ['J18.9', true, 'Pneumonia, unspecified organism'],
    ['C50', false, 'Malignant neoplasm of breast'],
    ['C50.9', false, 'Malignant neoplasm of breast of unspecified site'],
    ['C50.91', false, 'Malignant neoplasm of breast of unspecified site, female'],
    ['C50.919', true, 'Malignant neoplasm of unspecified site of unspecified female breast'],
    ['C18', false, 'Malignant neoplasm of colon'],
    ['C18.9', true, 'Malignant neoplasm of colon, unspecified'],
    ['Z80', false, 'Family history of primary malignant neoplasm'],
    ['Z80.3', true, 'Family history of malignant neoplasm of breast'],
    ['Z85', false, 'Personal history of malignant neoplasm'],
    ['Z85.0', false, 'Personal history of malignant neoplasm of digestive organs'],
    ['Z85.03', false, 'Personal history of malignant neoplasm of large intestine'],
    ['Z85.038', true, 'Personal history of other malignant neoplasm of large intestine'],
    ['Z79', false, 'Long term (current) drug therapy'],
    ['Z79.4', true, 'Long term (current) use of insulin'],
    ['S93', false, 'Dislocation and sprain of joints and ligaments at ankle, foot and toe level'],
    ['S93.40', false, 'Sprain of unspecified ligament of ankle'],
    ['S93.401', false, 'Sprain of unspecified ligament of right ankle'],
    ['S93.401A', true, 'Sprain of unspecified ligament of right ankle, initial encounter'],
    ['S93.401D', true, 'Sprain of unspecified ligament of right ankle, subsequent encounter'],
    ['J45', false, 'Asthma'],
    ['J45.90', false, 'Unspecified asthma'],
    ['J45.901', true, 'Unspecified asthma with (acute) exacerbation'],
    ['J45.909', true, 'Unspecified asthma, uncomplicated'],
    ['R06', false, 'Abnormalities of breathing'],
    ['R06.2', true, 'Wheezing'],
  ];
  const codes: CodeRecord[] = rows.map(([code, billable, title, synonyms]) => ({ system: 'icd10cm', code, title, billable, chapter: 1, ...(synonyms ? { synonyms } : {}) }));
  linkParents(codes);
  const bundle: CodeSetBundle = { formatVersion: 1, id: 'icd10cm@FY2026', system: 'icd10cm', version: 'FY2026', fiscalYear: 2026, effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30', sources: [], builtAt: '', codes, counts: {} };
  return new CodeSetCatalog([bundle]);
}

const note = (assessment: string, extra = '') => chartFromText(`Date of service: 03/02/2026\n${extra}\nASSESSMENT:\n${assessment}\n`);

describe('SuggestionEngine', () => {
  const engine = new SuggestionEngine(fixtureCatalog());
  const codes = (assessment: string, extra = '', setting: 'outpatient' | 'inpatient' = 'outpatient') => engine.suggest(note(assessment, extra), { setting }).diagnoses.map((d) => d.code);

  describe('suggest', () => {
    it('codes the most specific code the words support, with evidence', () => {
      const result = engine.suggest(note('1. Type 2 diabetes mellitus with hyperglycemia.'));
      expect(result.diagnoses.map((d) => d.code)).toEqual(['E11.65']);
      expect(result.diagnoses[0]!.evidence[0]!.text).toMatch(/Type 2 diabetes mellitus with hyperglycemia/);
      expect(result.excluded.map((e) => e.code)).not.toContain('E11.65');
    });

    it('reads abbreviations in capitals (DM2, HTN) and never suggests a header', () => {
      expect(codes('DM2, uncomplicated. HTN.')).toEqual(['E11.9', 'I10']);
      for (const code of codes('Diabetes.')) expect(code).not.toBe('E11');
    });

    it('sets aside negated findings and says why', () => {
      const result = engine.suggest(note('Denies chest pain. No fever.'));
      expect(result.diagnoses).toEqual([]);
      expect(result.excluded.map((e) => [e.code, e.reason])).toEqual(expect.arrayContaining([['R07.9', 'negated'], ['R50.9', 'negated']]));
    });

    it('codes the symptoms, not the uncertain diagnosis, in the outpatient setting', () => {
      expect(codes('Cough and fever, rule out pneumonia.')).toEqual(['R05.9', 'R50.9']);
      const result = engine.suggest(note('Cough and fever, rule out pneumonia.'));
      expect(result.excluded.find((e) => e.code === 'J18.9')?.reason).toBe('uncertain');
    });

    it('codes the uncertain diagnosis in the inpatient setting', () => {
      expect(codes('Probable pneumonia.', '', 'inpatient')).toContain('J18.9');
    });

    it('codes a family member’s cancer as family history, never as the cancer', () => {
      const result = codes('Family history of breast cancer in her mother; screening discussed.');
      expect(result).toContain('Z80.3');
      expect(result).not.toContain('C50.919');
    });

    it('codes a resolved cancer as personal history', () => {
      const result = codes('History of colon cancer, status post resection, no recurrence.');
      expect(result).toContain('Z85.038');
      expect(result).not.toContain('C18.9');
    });

    it('presumes the link between hypertension and CKD (I12.9 with the stage code)', () => {
      const result = codes('Hypertension. Chronic kidney disease stage 3a.');
      expect(result).toEqual(expect.arrayContaining(['I12.9', 'N18.31']));
      expect(result).not.toContain('I10');
    });

    it('adds the long-term insulin companion when insulin is a current drug', () => {
      expect(codes('Type 2 diabetes with hyperglycemia. Continue insulin glargine 20 units nightly.')).toEqual(['E11.65', 'Z79.4']);
      expect(codes('Type 2 diabetes with hyperglycemia. Insulin was stopped last year.')).not.toContain('Z79.4');
    });

    it('chooses the 7th character from the encounter', () => {
      expect(codes('Sprain of right ankle.')).toEqual(['S93.401A']);
      expect(codes('Sprain of right ankle, follow-up visit, healing well.')).toEqual(['S93.401D']);
    });

    it('does not code a symptom the chart ties to a confirmed diagnosis', () => {
      const result = engine.suggest(note('Asthma with acute exacerbation with wheezing.'));
      expect(result.diagnoses.map((d) => d.code)).toEqual(['J45.901']);
      expect(result.excluded.find((e) => e.code === 'R06.2')?.reason).toBe('integral-symptom');
    });

    it('never throws, whatever the text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 400 }), (text) => {
          const result = engine.suggest(chartFromText(text));
          return Array.isArray(result.diagnoses) && result.diagnoses.every((d) => d.evidence.length > 0);
        }),
        { numRuns: 150 },
      );
    });
  });
});

const shared = process.env.CODESETS_DIR ?? resolve(__dirname, '../../../shared/codesets');
const built = resolve(__dirname, '../../public/codesets/manifest.json');

describe.skipIf(!existsSync(shared) || !existsSync(built))('SuggestionEngine on the full FY2026 code set', () => {
  let engine: SuggestionEngine;
  beforeAll(async () => {
    const { loadCatalog } = await import('../../cli/bundles');
    engine = new SuggestionEngine(await loadCatalog());
  });

  it('codes the demo chart: combinations, companions, laterality; nothing from the rule-out or the family member', async () => {
    const { chartFromHtml } = await import('../chart/from-html');
    const result = engine.suggest(chartFromHtml(readFileSync(join(__dirname, '../../assets/demo/demo-chart.html'), 'utf8')));
    const codes = result.diagnoses.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['E11.22', 'E11.65', 'N18.31', 'I12.9', 'M17.12', 'Z79.4', 'Z79.84']));
    expect(codes).not.toContain('I10');
    expect(codes).not.toContain('E11.42');
    expect(codes.some((c) => c.startsWith('C50'))).toBe(false);
    expect(result.excluded.find((e) => e.code === 'M25.562')?.reason).toBe('integral-symptom');
  });

  it('a type the item sets aside is not the condition’s type: "strep pharyngitis not supported" stays J02.9', () => {
    const codes = (text: string) => engine.suggest(chartFromText(text)).diagnoses.map((d) => d.code);
    expect(codes('A: Acute pharyngitis, likely viral. Strep pharyngitis not supported (rapid strep negative, low Centor).')).toEqual(['J02.9']);
    expect(codes('A: Acute pharyngitis, likely viral. Strep pharyngitis ruled out by rapid antigen test.')).toEqual(['J02.9']);
    expect(codes('A: Acute pharyngitis. Rapid strep positive: streptococcal.')).toEqual(['J02.0']);
  });

  it('a code outside the symptom chapter that the chart calls a symptom of a diagnosis is not coded beside it', () => {
    const result = engine.suggest(chartFromText('Assessment: Concussion without loss of consciousness, initial encounter. Headache, nausea and photophobia are concussion symptoms.'));
    const codes = result.diagnoses.map((d) => d.code);
    expect(codes).toContain('S06.0X0A');
    expect(codes).not.toContain('H53.149');
    expect(result.excluded.find((e) => e.code === 'H53.149')?.reason).toBe('integral-symptom');
  });

  it('a condition is not "uncomplicated" when the chart codes its sibling with the complication', () => {
    const result = engine.suggest(
      chartFromText(
        'dictated: this is a six year old male with known moderate persistent asthma on budesonide nebs daily who comes in same day with mom for cough and work of breathing since last night, no fever per mom.\n\nassessment moderate persistent asthma with acute exacerbation, responded to treatment in office. not status asthmaticus.',
      ),
    );
    const codes = result.diagnoses.map((d) => d.code);
    expect(codes).toContain('J45.41');
    expect(codes).not.toContain('J45.40');
    expect(result.excluded.find((e) => e.code === 'J45.40')?.reason).toBe('less-specific');
  });

  it('an unspecified code moves to the sibling that carries the most of what the chart says', () => {
    const codes = engine.suggest(chartFromText('Assessment: ADHD, predominantly inattentive presentation.')).diagnoses.map((d) => d.code);
    expect(codes).toEqual(['F90.0']);
  });

  it('a structure named alone ("tympanic membrane") is no disorder of it', () => {
    const codes = engine.suggest(chartFromText('Physical exam temp 38.2 pulse 120. Left tympanic membrane pearly gray, normal landmarks, no effusion.\n\nAssessment acute suppurative otitis media right ear with spontaneous rupture of the ear drum. Left ear normal.')).diagnoses.map((d) => d.code);
    expect(codes.some((c) => c.startsWith('H73'))).toBe(false);
    expect(codes.some((c) => c.startsWith('H66'))).toBe(true);
  });

  it('reads the BMI, not the weight of a shared "Wt / BMI" label', () => {
    const codes = engine.suggest(chartFromText('DOB: 01/01/1980\nDate of Service: 03/02/2026\nVitals:\nWt / BMI\t88 kg / BMI 32.4\nAssessment: Obesity due to excess calories, counseled on diet.')).diagnoses.map((d) => d.code);
    expect(codes).toContain('Z68.32');
    expect(codes).not.toContain('Z68.45');
  });

  it('"and" in a title is "and/or" (I.A.14): adenomatous polyps take "adenomatous and serrated colon polyps"', () => {
    const codes = engine.suggest(chartFromText('Assessment: Personal history of adenomatous colon polyps; surveillance colonoscopy due next year.')).diagnoses.map((d) => d.code);
    expect(codes).toContain('Z86.0101');
    expect(codes).not.toContain('Z86.0100');
  });

  it('an adjective in -otic names its -osis condition: "osteoporotic compression fracture, healed" is Z87.310', () => {
    const codes = engine.suggest(chartFromText('Assessment: Age-related osteoporosis on denosumab. History of osteoporotic T12 compression fracture in 2023, healed.')).diagnoses.map((d) => d.code);
    expect(codes).toContain('Z87.310');
    expect(wordKey('osteoporotic')).toBe(wordKey('osteoporosis'));
    expect(wordKey('antibiotic')).not.toBe(wordKey('antibiosis'));
  });

  it('a relative\'s condition stays the relative\'s past a possessive inside the phrase ("Mother had GDM with her pregnancies")', () => {
    const result = engine.suggest(chartFromText('Date of Service: 03/02/2026\nA:\n- IUP at 24w1d, normal first pregnancy.\n- Mother had GDM with her pregnancies - noted.'));
    expect(result.diagnoses.map((d) => d.code).some((c) => c.startsWith('O24'))).toBe(false);
    expect(result.excluded.find((e) => e.code.startsWith('O24'))?.reason).toBe('family');
  });

  it('ear discharge with an otitis and itch with a skin infection are part of the diagnosis (H92.-, L29.-)', () => {
    const ear = engine.suggest(chartFromText('Exam: right ear canal with purulent otorrhea.\nAssessment: acute suppurative otitis media, right ear.')).diagnoses.map((d) => d.code);
    expect(ear.some((c) => c.startsWith('H66'))).toBe(true);
    expect(ear.some((c) => c.startsWith('H92'))).toBe(false);
    const skin = engine.suggest(chartFromText('Assessment: Impetigo of the face. Itching is from the impetigo.')).diagnoses.map((d) => d.code);
    expect(skin.some((c) => c.startsWith('L01'))).toBe(true);
    expect(skin.some((c) => c.startsWith('L29'))).toBe(false);
  });

  it('"epilepsy and epileptic syndromes" in a title reads as epilepsy: focal epilepsy takes its own code', () => {
    const codes = engine.suggest(chartFromText('Assessment:\n1. Localization-related symptomatic epilepsy with complex partial seizures, not intractable, without status epilepticus - well controlled.')).diagnoses.map((d) => d.code);
    expect(codes).toContain('G40.209');
    expect(codes).not.toContain('G40.909');
  });

  it('"moderate severity" is moderate: severity does not root to severe', () => {
    const codes = engine.suggest(chartFromText('Assessment: major depressive disorder, recurrent episode, moderate severity, PHQ-9 of 14.')).diagnoses.map((d) => d.code);
    expect(codes).toContain('F33.1');
    expect(codes).not.toContain('F33.2');
  });

  it('never throws or hangs on empty, huge, binary or hostile input', async () => {
    const { chartFromHtml } = await import('../chart/from-html');
    expect(engine.suggest(chartFromText('')).diagnoses).toEqual([]);
    const huge = 'Assessment: hypertension, type 2 diabetes with hyperglycemia, no chest pain. '.repeat(70_000);
    expect(huge.length).toBeGreaterThan(5_000_000);
    const result = engine.suggest(chartFromText(huge));
    expect(result.diagnoses.map((d) => d.code)).toContain('E11.65');
    const junk = String.fromCharCode(...Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 65_536));
    expect(() => engine.suggest(chartFromText(junk))).not.toThrow();
    const hostile = `<html><body><script>alert(1)</script><img src=x onerror="alert(2)"><div>${'<div>'.repeat(5000)}Assessment: asthma${'</div>'.repeat(5000)}</div></body></html>`;
    expect(engine.suggest(chartFromHtml(hostile)).diagnoses.every((d) => !d.evidence.some((e) => e.text.includes('alert')))).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        engine.suggest(chartFromText(new TextDecoder().decode(bytes)));
        return true;
      }),
      { numRuns: 50 },
    );
  });
});

describe('DiagnosisLexicon with an Alphabetic Index', () => {
  it('reads index paths as ways of writing their codes, but not cross-references or incomplete codes', async () => {
    const { DiagnosisLexicon } = await import('./lexicon');
    const { matchSentence } = await import('./mentions');
    const { expandWords } = await import('./expansions');
    const { textWords } = await import('./text-words');
    const codes: CodeRecord[] = [
      { system: 'icd10cm', code: 'E85.4', title: 'Organ-limited amyloidosis', billable: true },
      { system: 'icd10cm', code: 'E85.9', title: 'Amyloidosis, unspecified', billable: true },
    ];
    const index = [
      { path: ['Amyloidosis', 'heart'], code: 'E85.4', manifestation: 'I43' },
      { path: ['Amyloidosis', 'kidney'], code: 'E85.4', incomplete: true as const },
      { path: ['Abdominalgia'], see: 'Pain, abdominal' },
    ];
    const lexicon = DiagnosisLexicon.build(codes, { index });
    const found = (text: string) => matchSentence(expandWords(textWords(text)), lexicon).map((m) => lexicon.codes[m.code]!.code);
    expect(found('cardiac amyloidosis of the heart')).toContain('E85.4');
    expect(found('amyloidosis of the kidney')).not.toContain('E85.4');
  });
});
