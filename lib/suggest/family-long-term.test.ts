import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { CodingRuleError, defaultCodingRules, loadCodingRules } from './coding-rules';
import { defaultHistoryCodes } from './history';
import { drugClause, SuggestionEngine } from './suggest';

/** A slice of ICD-10-CM with published titles: relatives' conditions, their Z80-Z84 codes, Z79 long-term drug codes. */
function catalog(): CodeSetCatalog {
  const rows: IcdSliceRow[] = [
    ['C73', true, 'Malignant neoplasm of thyroid gland', 2],
    ['C43', false, 'Malignant melanoma of skin', 2],
    ['C43.9', true, 'Malignant melanoma of skin, unspecified', 2],
    ['F10', false, 'Alcohol related disorders', 5],
    ['F10.2', false, 'Alcohol dependence', 5],
    ['F10.20', true, 'Alcohol dependence, uncomplicated', 5],
    ['G47', false, 'Sleep disorders', 6],
    ['G47.3', false, 'Sleep apnea', 6],
    ['G47.33', true, 'Obstructive sleep apnea (adult) (pediatric)', 6],
    ['M05', false, 'Rheumatoid arthritis with rheumatoid factor', 13],
    ['M06', false, 'Other rheumatoid arthritis', 13],
    ['M06.9', true, 'Rheumatoid arthritis, unspecified', 13],
    ['M81', false, 'Osteoporosis without current pathological fracture', 13],
    ['M81.0', true, 'Age-related osteoporosis without current pathological fracture', 13],
    ['Z79', false, 'Long term (current) drug therapy', 21],
    ['Z79.1', true, 'Long term (current) use of non-steroidal anti-inflammatories (NSAID)', 21],
    ['Z79.5', false, 'Long term (current) use of steroids', 21],
    ['Z79.52', true, 'Long term (current) use of systemic steroids', 21],
    ['Z79.6', false, 'Long term (current) use of immunomodulators and immunosuppressants', 21],
    ['Z79.63', false, 'Long term (current) use of chemotherapeutic agent', 21],
    ['Z79.631', true, 'Long term (current) use of antimetabolite agent', 21],
    ['Z79.82', true, 'Long term (current) use of aspirin', 21],
    ['Z79.83', true, 'Long term (current) use of bisphosphonates', 21],
    ['Z80', false, 'Family history of primary malignant neoplasm', 21],
    ['Z80.8', true, 'Family history of malignant neoplasm of other organs or systems', 21],
    ['Z80.9', true, 'Family history of malignant neoplasm, unspecified', 21],
    ['Z81', false, 'Family history of mental and behavioral disorders', 21],
    ['Z81.1', true, 'Family history of alcohol abuse and dependence', 21],
    ['Z82', false, 'Family history of certain disabilities and chronic diseases (leading to disablement)', 21],
    ['Z82.0', true, 'Family history of epilepsy and other diseases of the nervous system', 21],
    ['Z82.6', false, 'Family history of arthritis and other diseases of the musculoskeletal system and connective tissue', 21],
    ['Z82.62', true, 'Family history of osteoporosis', 21],
  ];
  return icdSliceCatalog(rows);
}

const engine = new SuggestionEngine(catalog());
const codes = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`)).diagnoses.map((d) => d.code);

describe('family history codes follow the organ or body system named', () => {
  it('maps every chapter of a relative’s condition to its own Z80-Z84 code (Z80.9 only for an unspecified site)', () => {
    expect(defaultHistoryCodes.family('C73')).toBe('Z80.8');
    expect(defaultHistoryCodes.family('C43.9')).toBe('Z80.8');
    expect(defaultHistoryCodes.family('C62.90')).toBe('Z80.43');
    expect(defaultHistoryCodes.family('C80.1')).toBe('Z80.9');
    expect(defaultHistoryCodes.family('G43.909')).toBe('Z82.0');
    expect(defaultHistoryCodes.family('M81.0')).toBe('Z82.62');
    expect(defaultHistoryCodes.family('K50.90')).toBe('Z83.79');
    expect(defaultHistoryCodes.family('N18.4')).toBe('Z84.19');
    expect(defaultHistoryCodes.family('L40.0')).toBe('Z84.0');
  });

  it('codes the organ-specific family code, not the organ-less Z80.9 title the words also match', () => {
    const result = codes('ASSESSMENT:\n1. Family history of thyroid cancer (sister) - considered in the nodule surveillance plan.');
    expect(result).toContain('Z80.8');
    expect(result).not.toContain('Z80.9');
    expect(result).not.toContain('C73');
  });

  it('codes a family history the clinician lists in the assessment, and keeps the tightest phrase', () => {
    const result = codes('ASSESSMENT:\n1. Rheumatoid arthritis.\n2. Family history of alcohol dependence (brother).');
    expect(result).toContain('Z81.1');
    expect(result).not.toContain('F10.20');
  });

  it('binds "because of family history" to the family history the assessment names, not to every relative listed', () => {
    const history = 'FAMILY HISTORY: Father with thyroid cancer; mother with osteoporosis.\n';
    const named = codes(`${history}ASSESSMENT:\n1. Family history of thyroid cancer - neck ultrasound because of family history.`);
    expect(named).toContain('Z80.8');
    expect(named).not.toContain('Z82.62');
    // Without a named one, the plan's reference covers the family history as a whole.
    expect(codes(`${history}ASSESSMENT:\n1. Rheumatoid arthritis.\nPLAN: DEXA scan given family history.`)).toContain('Z82.62');
  });

  it('leaves out a family history outside the assessment that bears on nothing, and a spouse’s condition', () => {
    expect(codes('FAMILY HISTORY: Mother with osteoporosis.\nASSESSMENT:\n1. Rheumatoid arthritis.')).not.toContain('Z82.62');
    const spouse = codes('ASSESSMENT:\n1. Snoring reported by wife - possible obstructive sleep apnea; sleep test ordered.');
    expect(spouse).not.toContain('Z82.0');
    expect(spouse).not.toContain('G47.33');
  });
});

describe('long-term drug therapy (Z79) by drug class', () => {
  it('adds Z79 codes for antimetabolites, bisphosphonates and long-term systemic steroids', () => {
    const result = codes('ASSESSMENT:\n1. Rheumatoid arthritis. On methotrexate 20 mg weekly and prednisone 5 mg daily for 8 months.\n2. Age-related osteoporosis, on alendronate weekly.');
    expect(result).toEqual(expect.arrayContaining(['Z79.631', 'Z79.52', 'Z79.83']));
  });

  it('does not call a short steroid or NSAID course long-term', () => {
    const result = codes('ASSESSMENT:\n1. Rheumatoid arthritis flare. Prednisone 40 mg daily for 5 days. Ibuprofen 600 mg three times daily for 1 week.');
    expect(result).not.toContain('Z79.52');
    expect(result).not.toContain('Z79.1');
    expect(codes('ASSESSMENT:\n1. Rheumatoid arthritis. Ibuprofen 400 mg most days for the past 2 years.')).toContain('Z79.1');
  });

  it('reads a stop word only in the drug’s own clause', () => {
    expect(codes('ASSESSMENT:\n1. Age-related osteoporosis. Takes aspirin 81 mg daily long-term since he finished rivaroxaban.')).toContain('Z79.82');
    expect(codes('ASSESSMENT:\n1. Age-related osteoporosis. Alendronate stopped last year.')).not.toContain('Z79.83');
    const sentence = 'Takes aspirin 81 mg daily long-term since he finished rivaroxaban.';
    expect(drugClause({ text: 'aspirin', sentence, start: 6, end: 13 })).toBe('Takes aspirin 81 mg daily long-term ');
  });

  it('rejects a long-term cue that is not a regular expression, naming the rule', () => {
    const file = JSON.parse(JSON.stringify({ ...defaultCodingRules, formatVersion: 1 }));
    file.companions[0].longTermCue = '(unclosed';
    expect(() => loadCodingRules(file)).toThrow(CodingRuleError);
    expect(() => loadCodingRules(file)).toThrow(/long-term insulin/);
  });
});
