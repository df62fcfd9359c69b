import { describe, expect, it } from 'vitest';
import { chartFromText } from './document';
import { isLetterheadLine } from './letterhead';

describe('letterhead lines', () => {
  it('reads practice and department banners as letterhead', () => {
    expect(isLetterheadLine('NORTHSIDE ALLERGY & ASTHMA')).toBe(true);
    expect(isLetterheadLine('RIVERVIEW CANCER CENTER - INFUSION SUITE')).toBe(true);
    expect(isLetterheadLine('Heart & Vascular Clinic')).toBe(true);
    expect(isLetterheadLine('Lakeside Dermatology Associates')).toBe(true);
  });

  it('keeps document titles, labels, sentences and findings', () => {
    expect(isLetterheadLine('DERMATOLOGY PROCEDURE VISIT')).toBe(false);
    expect(isLetterheadLine('Asthma follow-up')).toBe(false);
    expect(isLetterheadLine('Patient: Doe, Jane')).toBe(false);
    expect(isLetterheadLine('Seen at the clinic for asthma.')).toBe(false);
    expect(isLetterheadLine('Type 2 diabetes')).toBe(false);
    expect(isLetterheadLine('1. Heart failure')).toBe(false);
    expect(isLetterheadLine('DOS 03/17/2026')).toBe(false);
  });

  it('drops letterhead above the first clinical section from the sentences, not below it', () => {
    const text = 'NORTHSIDE ALLERGY & ASTHMA\nNurse visit for allergy injections.\nASSESSMENT:\nHEART & VASCULAR CLINIC REFERRAL\nAllergic rhinitis.';
    const sentences = chartFromText(text).sentences.map((s) => s.text);
    expect(sentences).not.toContain('NORTHSIDE ALLERGY & ASTHMA');
    expect(sentences).toContain('Nurse visit for allergy injections.');
    // Inside the assessment a capitalised line is the clinician's, whatever it looks like.
    expect(sentences).toContain('HEART & VASCULAR CLINIC REFERRAL');
    expect(sentences).toContain('Allergic rhinitis.');
  });

  it('keeps letterhead lines when asked to', () => {
    const doc = chartFromText('Heart & Vascular Clinic\nASSESSMENT: AF.', { sentences: { keepLetterhead: true } });
    expect(doc.sentences.map((s) => s.text)).toContain('Heart & Vascular Clinic');
  });
});
