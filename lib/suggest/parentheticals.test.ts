import { describe, expect, it } from 'vitest';
import { icdSliceCatalog, type IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { dropBehaviourInsideDementia, dropBracketedGloss, dropSymptomsListedAsCauses, dropUnknownPrimaryBesideNamed, inListOfCauses, openingBracket } from './parentheticals';
import { SuggestionEngine } from './suggest';
import type { Evidence, ExcludedCandidate, Suggestion } from './types';

/** Evidence for `text` as it stands in `sentence` (synthetic sentences). */
const ev = (sentence: string, text: string): Evidence => {
  const start = sentence.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in "${sentence}"`);
  return { start, end: start + text.length, text, sentence };
};
const suggestion = (code: string, title: string, evidence: Evidence[]): Suggestion => ({ system: 'icd10cm', code, title, confidence: 0.8, rule: 'test', evidence, warnings: [] });
const run = (fn: (c: Map<string, Suggestion>, x: ExcludedCandidate[]) => void, list: Suggestion[]) => {
  const chosen = new Map(list.map((s) => [s.code, s]));
  fn(chosen, []);
  return [...chosen.keys()].sort();
};

describe('brackets', () => {
  it('finds the bracket a position sits in, skipping closed ones', () => {
    const s = 'Gait (slow) unsteady (falls (two), dizziness)';
    expect(openingBracket(s, s.indexOf('dizziness'))).toBe(s.indexOf('(falls'));
    expect(openingBracket(s, s.indexOf('unsteady'))).toBe(-1);
  });

  it('reads a bracketed list after multifactorial, contributors or due to as causes', () => {
    const a = 'Repeated falls - multifactorial (weakness, poor vision, evening fatigue).';
    expect(inListOfCauses(ev(a, 'fatigue'))).toBe(true);
    const b = 'Syncope (likely from dehydration, orthostasis or fatigue).';
    expect(inListOfCauses(ev(b, 'fatigue'))).toBe(true);
  });

  it('does not read a single qualifier or a descriptive bracket as causes', () => {
    const a = 'Falls (due to fatigue).';
    expect(inListOfCauses(ev(a, 'fatigue'))).toBe(false);
    const b = 'Chronic cough (productive, worse at night, with fatigue).';
    expect(inListOfCauses(ev(b, 'fatigue'))).toBe(false);
    const c = 'Fatigue, multifactorial (anemia, poor sleep).';
    expect(inListOfCauses(ev(c, 'Fatigue'))).toBe(false);
  });
});

describe('symptoms listed as causes of another problem', () => {
  const s = 'Recurrent falls - multifactorial (weakness, poor vision, evening fatigue).';
  it('drops a symptom named only in the list of causes', () => {
    expect(run(dropSymptomsListedAsCauses, [suggestion('R29.6', 'Repeated falls', [ev(s, 'Recurrent falls')]), suggestion('R53.83', 'Other fatigue', [ev(s, 'fatigue')])])).toEqual(['R29.6']);
  });
  it('keeps it when the chart also states it on its own, and keeps non-symptom codes in the list', () => {
    const own = 'Fatigue - check TSH.';
    expect(run(dropSymptomsListedAsCauses, [suggestion('R53.83', 'Other fatigue', [ev(s, 'fatigue'), ev(own, 'Fatigue')])])).toEqual(['R53.83']);
    const d = 'Falls - multifactorial (dementia, deconditioning).';
    expect(run(dropSymptomsListedAsCauses, [suggestion('F03.90', 'Unspecified dementia', [ev(d, 'dementia')])])).toEqual(['F03.90']);
  });
});

describe('behaviour named inside a dementia with behavioural disturbance', () => {
  const s = "Vascular dementia, mild, with agitation (sundowning, shouting at staff).";
  const dementia = suggestion('F01.A11', 'Vascular dementia, mild, with agitation', [ev(s, 'dementia, mild, with agitation')]);
  it('drops F05 from sundowning given as an instance of the agitation', () => {
    expect(run(dropBehaviourInsideDementia, [dementia, suggestion('F05', 'Delirium due to known physiological condition', [ev(s, 'sundowning')])])).toEqual(['F01.A11']);
  });
  it('keeps it beside a dementia without behavioural disturbance, or said in another sentence', () => {
    const plain = "Vascular dementia, mild (sundowning noted by family).";
    expect(run(dropBehaviourInsideDementia, [suggestion('F01.A0', 'Vascular dementia, mild, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety', [ev(plain, 'dementia, mild')]), suggestion('F05', 'Delirium due to known physiological condition', [ev(plain, 'sundowning')])])).toEqual(['F01.A0', 'F05']);
    const other = 'Acute delirium (UTI, hypoxia) - admit.';
    expect(run(dropBehaviourInsideDementia, [dementia, suggestion('F05', 'Delirium due to known physiological condition', [ev(other, 'delirium')])])).toEqual(['F01.A11', 'F05']);
  });
});

describe('another name in brackets', () => {
  const s = 'Croup (acute laryngotracheitis), mild (Westley score 1).';
  const croup = suggestion('J05.0', 'Acute obstructive laryngitis [croup]', [ev(s, 'Croup')]);
  it('drops the code of a bracket that only renames the condition before it', () => {
    expect(run(dropBracketedGloss, [croup, suggestion('J04.2', 'Acute laryngotracheitis', [ev(s, 'acute laryngotracheitis')])])).toEqual(['J05.0']);
  });
  it('keeps a bracketed condition that is more than the name (other words in the bracket, another chapter, or no condition before it)', () => {
    const t = 'Chest pain (likely GERD), resolved.';
    expect(run(dropBracketedGloss, [suggestion('R07.9', 'Chest pain, unspecified', [ev(t, 'Chest pain')]), suggestion('K21.9', 'Gastro-esophageal reflux disease without esophagitis', [ev(t, 'GERD')])])).toEqual(['K21.9', 'R07.9']);
    const u = 'Type 2 diabetes (hypertension also reviewed).';
    expect(run(dropBracketedGloss, [suggestion('E11.9', 'Type 2 diabetes mellitus without complications', [ev(u, 'Type 2 diabetes')]), suggestion('I10', 'Essential (primary) hypertension', [ev(u, 'hypertension')])])).toEqual(['E11.9', 'I10']);
    const v = 'Stable (acute laryngotracheitis).';
    expect(run(dropBracketedGloss, [suggestion('J04.2', 'Acute laryngotracheitis', [ev(v, 'acute laryngotracheitis')])])).toEqual(['J04.2']);
  });
});

describe('unknown primary beside a named primary', () => {
  const s = 'Adenocarcinoma of the sigmoid colon with liver metastases.';
  it('drops C80.1 when a primary site is coded', () => {
    expect(run(dropUnknownPrimaryBesideNamed, [suggestion('C80.1', 'Malignant (primary) neoplasm, unspecified', [ev(s, 'Adenocarcinoma')]), suggestion('C18.7', 'Malignant neoplasm of sigmoid colon', [ev(s, 'sigmoid colon')]), suggestion('C78.7', 'Secondary malignant neoplasm of liver and intrahepatic bile duct', [ev(s, 'liver metastases')])])).toEqual(['C18.7', 'C78.7']);
  });
  it('keeps C80.1 when only secondary sites are coded', () => {
    const u = 'Metastatic adenocarcinoma of unknown primary with liver metastases.';
    expect(run(dropUnknownPrimaryBesideNamed, [suggestion('C80.1', 'Malignant (primary) neoplasm, unspecified', [ev(u, 'adenocarcinoma')]), suggestion('C78.7', 'Secondary malignant neoplasm of liver and intrahepatic bile duct', [ev(u, 'liver metastases')])])).toEqual(['C78.7', 'C80.1']);
  });
});

describe('history rows and stroke wording', () => {
  const rows: IcdSliceRow[] = [
    ['I63', false, 'Cerebral infarction', 9],
    ['I63.9', true, 'Cerebral infarction, unspecified', 9],
    ['I67', false, 'Other cerebrovascular diseases', 9],
    ['I67.8', false, 'Other specified cerebrovascular diseases', 9],
    ['I67.82', true, 'Cerebral ischemia', 9],
    ['Z72', false, 'Problems related to lifestyle', 21],
    ['Z72.0', true, 'Tobacco use', 21],
    ['Z86', false, 'Personal history of certain other diseases', 21],
    ['Z86.7', false, 'Personal history of diseases of the circulatory system', 21],
    ['Z86.73', true, 'Personal history of transient ischemic attack (TIA), and cerebral infarction without residual deficits', 21],
    ['Z87', false, 'Personal history of other diseases and conditions', 21],
    ['Z87.8', false, 'Personal history of other specified conditions', 21],
    ['Z87.89', false, 'Personal history of other specified conditions', 21],
    ['Z87.891', true, 'Personal history of nicotine dependence', 21],
    ['F43', false, 'Reaction to severe stress, and adjustment disorders', 5],
    ['F43.0', true, 'Acute stress reaction', 5],
    ['F43.1', false, 'Post-traumatic stress disorder (PTSD)', 5],
    ['F43.10', true, 'Post-traumatic stress disorder, unspecified', 5],
    ['F43.12', true, 'Post-traumatic stress disorder, chronic', 5],
  ];
  const engine = new SuggestionEngine(icdSliceCatalog(rows));
  const codes = (note: string) => engine.suggest(chartFromText(note), { dateOfService: '2026-03-01' }).diagnoses.map((d) => d.code);
  it('reads an ischemic stroke as cerebral infarction (Index: Stroke, ischemic), and its history as Z86.73', () => {
    expect(codes('Assessment:\n1. Acute ischemic stroke - transfer.')).toEqual(['I63.9']);
    expect(codes('Assessment:\n1. Hx of ischemic stroke without residual deficit - continue aspirin.')).toEqual(['Z86.73']);
  });
  it('reads former tobacco use as history of tobacco dependence (Z87.891), current use stays Z72.0', () => {
    expect(codes('Assessment:\n1. Former tobacco use - continues abstinence.')).toEqual(['Z87.891']);
    expect(codes('Assessment:\n1. Tobacco use - counseled.')).toEqual(['Z72.0']);
    expect(codes('Assessment:\n1. Cerebral ischemia.')).toEqual(['I67.82']);
  });
  it('reads PTSD and "post traumatic" written apart as the hyphenated title word', () => {
    expect(codes('Assessment:\n1. PTSD, chronic - continue therapy.')).toEqual(['F43.12']);
    expect(codes('Assessment:\n1. Post traumatic stress disorder.')).toEqual(['F43.10']);
    expect(codes('Assessment:\n1. Acute stress reaction after MVA; no PTSD.')).toEqual(['F43.0']);
  });
});
