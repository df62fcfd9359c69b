import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { SuggestionEngine } from './suggest';

/** Sleep apnea, snoring and obesity titles as published (FY2026), nothing else. */
const engine = new SuggestionEngine(
  icdSliceCatalog([
    ['E66', false, 'Overweight and obesity', 4],
    ['E66.9', true, 'Obesity, unspecified', 4],
    ['G47', false, 'Sleep disorders', 6],
    ['G47.3', false, 'Sleep apnea', 6],
    ['G47.33', true, 'Obstructive sleep apnea (adult) (pediatric)', 6],
    ['R06', false, 'Abnormalities of breathing', 18],
    ['R06.8', false, 'Other abnormalities of breathing', 18],
    ['R06.83', true, 'Snoring', 18],
  ]),
);
const suggest = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`));
const codes = (body: string) => suggest(body).diagnoses.map((d) => d.code);

describe('a diagnosis the assessment leaves open stays open when a later item only refers back to it', () => {
  it('codes the symptom, not the apnea the obesity item mentions in passing', () => {
    const result = suggest('ASSESSMENT:\n1. Snoring, possible obstructive sleep apnea - home sleep test ordered.\n2. Obesity - discussed the effect of weight loss on obstructive sleep apnea; dietitian referral.');
    expect(result.diagnoses.map((d) => d.code)).toEqual(expect.arrayContaining(['R06.83', 'E66.9']));
    expect(result.diagnoses.map((d) => d.code)).not.toContain('G47.33');
    expect(result.excluded.filter((e) => e.code === 'G47.33').map((e) => e.reason)).toEqual(['uncertain']);
  });

  it('codes the diagnosis once something between says it was settled', () => {
    expect(codes('ASSESSMENT:\n1. Snoring, possible obstructive sleep apnea.\n2. Home sleep test today showed AHI 22. Obesity - weight loss will help the obstructive sleep apnea.')).toContain('G47.33');
  });

  it('codes a later item that names the diagnosis in its own right', () => {
    expect(codes('ASSESSMENT:\n1. Snoring, possible obstructive sleep apnea.\n2. Home sleep test reviewed with her.\n3. Obstructive sleep apnea - start CPAP.')).toContain('G47.33');
  });

  it('leaves an uncertainty told in the history to the assessment that confirms it', () => {
    expect(codes('HPI: Referred for possible obstructive sleep apnea.\nASSESSMENT:\n1. Obesity - weight loss will help her obstructive sleep apnea.')).toContain('G47.33');
  });
});
