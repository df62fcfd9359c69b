import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { chartFromHtml } from '../chart/from-html';
import type { CodeSetCatalog } from '../codesets/catalog';
import { compileExpansions, expandWords, loadExpansionRules } from './expansions';
import { foldListItemLabels } from './list-item-labels';
import { SuggestionEngine } from './suggest';
import { textWords } from './text-words';

/** A slice of ICD-10-CM (titles as published) for the recall gaps: lone-word titles, "except" clauses, family history. */
function catalog(): CodeSetCatalog {
  const rows: IcdSliceRow[] = [
    ['F31', false, 'Bipolar disorder', 5],
    ['F31.9', true, 'Bipolar disorder, unspecified', 5],
    ['F31.81', true, 'Bipolar II disorder', 5],
    ['F50', false, 'Eating disorders', 5],
    ['F50.9', true, 'Eating disorder, unspecified', 5],
    ['M25', false, 'Other joint disorder, not elsewhere classified', 13],
    ['M25.9', true, 'Joint disorder, unspecified', 13],
    ['M25.50', true, 'Pain in unspecified joint', 13],
    ['M25.51', false, 'Pain in shoulder', 13],
    ['M25.511', true, 'Pain in right shoulder', 13],
    ['M24', false, 'Other specific joint derangements', 13],
    ['M24.9', true, 'Joint derangement, unspecified', 13],
    ['M24.8', false, 'Other specific joint derangements, not elsewhere classified', 13],
    ['M26', false, 'Dentofacial anomalies [including malocclusion]', 13],
    ['M26.6', false, 'Temporomandibular joint disorders', 13],
    ['M26.60', false, 'Temporomandibular joint disorder, unspecified', 13],
    ['M26.63', false, 'Articular disc disorder of temporomandibular joint', 13],
    ['T84', false, 'Complications of internal orthopedic prosthetic devices, implants and grafts', 19],
    ['T84.0', false, 'Mechanical complication of internal joint prosthesis', 19],
    ['L23', false, 'Allergic contact dermatitis', 12],
    ['L23.7', true, 'Allergic contact dermatitis due to plants, except food', 12],
    ['L23.6', true, 'Allergic contact dermatitis due to food in contact with the skin', 12],
    ['L23.9', true, 'Allergic contact dermatitis, unspecified cause', 12],
    ['T65', false, 'Toxic effect of other and unspecified substances', 19],
    ['T65.9', false, 'Toxic effect of unspecified substance', 19],
    ['T65.91', false, 'Toxic effect of unspecified substance, accidental (unintentional)', 19],
    ['T65.91XA', true, 'Toxic effect of unspecified substance, accidental (unintentional), initial encounter', 19],
    ['J11', false, 'Influenza due to unidentified influenza virus', 10],
    ['J11.1', true, 'Influenza due to unidentified influenza virus with other respiratory manifestations', 10],
    ['D51', false, 'Vitamin B12 deficiency anemia', 3],
    ['D51.0', true, 'Vitamin B12 deficiency anemia due to intrinsic factor deficiency', 3],
    ['Z23', true, 'Encounter for immunization', 21],
    ['Z86', false, 'Personal history of certain other diseases', 21],
    ['Z86.0', false, 'Personal history of in-situ and benign neoplasms and neoplasms of uncertain behavior', 21],
    ['Z86.00', false, 'Personal history of in-situ neoplasm', 21],
    ['Z86.006', true, 'Personal history of melanoma in-situ', 21],
    ['Z80', false, 'Family history of primary malignant neoplasm', 21],
    ['Z80.3', true, 'Family history of malignant neoplasm of breast', 21],
    ['Z81', false, 'Family history of mental and behavioral disorders', 21],
    ['Z81.8', true, 'Family history of other mental and behavioral disorders', 21],
    ['C50', false, 'Malignant neoplasm of breast', 2],
    ['C50.919', true, 'Malignant neoplasm of unspecified site of unspecified female breast', 2],
  ];
  return icdSliceCatalog(rows, { 'T65.91XA': { synonyms: ['Poisoning NOS'] }, 'J11.1': { synonyms: ['Influenza NOS'] }, 'D51.0': { synonyms: ['Pernicious anemia'] } });
}

const engine = new SuggestionEngine(catalog());
const codes = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`)).diagnoses.map((d) => d.code).sort();

describe('a title that is one word once "disorder" goes', () => {
  it('codes "bipolar disorder"', () => {
    expect(codes('ASSESSMENT:\n1. Bipolar disorder, stable on lithium.')).toEqual(['F31.9']);
  });

  it('counts the word only where the chart writes the filler noun after it', () => {
    expect(codes('ASSESSMENT:\n1. Eating disorder, in therapy.')).toEqual(['F50.9']);
    expect(codes('ASSESSMENT:\n1. Eating well, weight stable. Bipolar affect not seen.')).toEqual([]);
  });

  it('gives the family-history code for a relative\'s bipolar disorder, never F31', () => {
    const found = codes('ASSESSMENT:\n1. Family history of bipolar disorder in her sister - relevant to the choice of antidepressant.');
    expect(found).toEqual(['Z81.8']);
  });
});

describe('"in situ" is a word, not filler', () => {
  it('needs "in situ" for the in-situ history code ("situation" stems to "situ" but is no longer filler)', () => {
    expect(codes('ASSESSMENT:\n1. Personal history of melanoma, excised 2019.')).not.toContain('Z86.006');
    expect(codes('ASSESSMENT:\n1. Personal history of melanoma in situ, excised 2019.')).toContain('Z86.006');
  });
});

describe('"except" in a title rules words out', () => {
  it('reads poison oak as a plant, not a poisoning, and picks the plant code', () => {
    expect(codes('ASSESSMENT:\n1. Allergic contact dermatitis due to poison oak on both forearms.')).toEqual(['L23.7']);
  });

  it('does not give the "except food" code when food is named', () => {
    expect(codes('ASSESSMENT:\n1. Allergic contact dermatitis due to plants and food.')).not.toContain('L23.7');
  });

  it('replace rules drop the phrase\'s own words; plain rules keep them', () => {
    const table = compileExpansions(loadExpansionRules({ formatVersion: 1, rules: [{ literal: 'poison sumac', means: ['plant'], replace: true }, { literal: 'htn', means: ['hypertension'] }] }));
    const keysOf = (text: string) => expandWords(textWords(text), table).map((w) => w.key);
    expect(keysOf('poison sumac rash')).not.toContain(textWords('poison')[0]!.key);
    expect(keysOf('poison sumac rash')).toContain(textWords('plant')[0]!.key);
    expect(keysOf('htn')).toEqual(expect.arrayContaining([textWords('htn')[0]!.key, textWords('hypertension')[0]!.key]));
    expect(() => loadExpansionRules({ formatVersion: 1, rules: [{ literal: 'x', means: ['y'], replace: 'yes' }] })).toThrow(/replace/);
  });
});

describe('diagnoses named for an order or a vaccine', () => {
  it('codes the diagnosis written on an order ("Dx on order:") even when a plan section exists', () => {
    expect(codes('Reason: monthly injection per standing order.\nDx on order: Pernicious anemia.\nPlan: Continue monthly injections.')).toEqual(['D51.0']);
  });

  it('reads a disease after an "Immunizations:" label as a vaccine, not a diagnosis', () => {
    expect(codes('ASSESSMENT:\n1. Bipolar disorder.\n2. Immunizations: influenza given today.')).toEqual(['F31.9']);
  });
});

describe('an immunization given today', () => {
  const z23 = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`)).diagnoses.some((d) => d.code === 'Z23');

  it('is not negated by "preservative-free" in the product description', () => {
    expect(z23('IMMUNIZATIONS: Influenza vaccine, preservative-free, 0.5 mL IM given by the nurse today.')).toBe(true);
  });

  it('is found on a later line when an earlier line says it was declined', () => {
    expect(z23('HPI: Declined the influenza vaccine last fall.\nASSESSMENT:\n1. Bipolar disorder.\n2. Influenza vaccine given today.')).toBe(true);
  });

  it('is not an immunization when it is only offered for a later visit', () => {
    expect(z23('HPI: Declined the influenza vaccine last fall.\nPLAN: Offered influenza vaccine today once well; will return for it.')).toBe(false);
  });
});

describe('labelled list items in an HTML assessment stay in the assessment', () => {
  const html = `<html><body><h2>History</h2><p>Feels well.</p><h2>Assessment and Plan</h2><ol>
    <li>Bipolar disorder, stable.</li>
    <li>Immunizations: influenza vaccine given today.</li>
    <li>Family history of breast cancer (mother at 44): because of this she will have screening mammography.</li>
  </ol><p>Return in 1 year.</p></body></html>`;

  it('folds the "Immunizations:" item back into the assessment for the diagnosis stage', () => {
    const chart = chartFromHtml(html);
    expect(chart.sections.map((s) => s.category)).toContain('immunizations');
    const folded = foldListItemLabels(chart);
    expect(folded.sections.map((s) => s.category)).not.toContain('immunizations');
    const item = folded.sentences.find((s) => s.text.startsWith('Immunizations:'));
    expect(item?.text).toBe('Immunizations: influenza vaccine given today.');
    expect(folded.sections[item!.section]!.category).toBe('assessment_and_plan');
  });

  it('codes the family history the assessment addresses after the labelled item', () => {
    const found = engine.suggest(chartFromHtml(html)).diagnoses.map((d) => d.code).sort();
    expect(found).toEqual(['F31.9', 'Z23', 'Z80.3']);
  });

  it('leaves a real "Immunizations" heading alone', () => {
    const chart = chartFromHtml('<html><body><h2>Assessment</h2><p>Bipolar disorder.</p><h2>Immunizations</h2><p>Influenza vaccine given.</p></body></html>');
    expect(foldListItemLabels(chart)).toBe(chart);
  });
});
