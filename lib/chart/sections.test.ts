import { describe, expect, it } from 'vitest';
import { detectSections, sectionAt, sectionIndexAt } from './sections';

describe('detectSections', () => {
  it('finds "HEADER:" lines and all-caps heading lines', () => {
    const text = 'CHIEF COMPLAINT: Cough.\nPHYSICAL EXAMINATION\nLungs: clear.\nAssessment: Viral URI.\nPlan: fluids';
    const sections = detectSections(text);
    expect(sections.map((s) => [s.category, s.title])).toEqual([
      ['chief_complaint', 'CHIEF COMPLAINT'],
      ['physical_exam', 'PHYSICAL EXAMINATION'],
      ['assessment', 'Assessment'],
      ['plan', 'Plan'],
    ]);
    expect(text.slice(sections[0]!.heading.start, sections[0]!.heading.end)).toBe('CHIEF COMPLAINT:');
    expect(sections[0]!.end).toBe(sections[1]!.start);
    expect(sections[3]!.end).toBe(text.length);
  });

  it('reads a heading that says where or when tests were done as results ("IN-OFFICE TESTS:", "Point-of-care labs")', () => {
    for (const heading of ['IN-OFFICE TESTS:', 'Point-of-care labs:', 'POC TESTING TODAY', 'In-house studies:', 'Office tests:']) {
      const sections = detectSections(`PHYSICAL EXAM:\nLungs clear.\n${heading}\nUrinalysis, dipstick: SG 1.012.`);
      expect(sections.map((s) => s.category), heading).toEqual(['physical_exam', 'results']);
    }
    // "Office visit" names no tests.
    expect(detectSections('PHYSICAL EXAM:\nLungs clear.\nOFFICE VISIT TODAY\nDoing well.').map((s) => s.category)).toEqual(['physical_exam']);
  });

  it('starts a letter body at its salutation, ending the header section before it', () => {
    const text = 'Insurance:\nMedicare Part B\nDear Dr. Raman,\nThank you for sending Mr. Oyelaran.\nImpression:\nChest pressure.';
    expect(detectSections(text).map((s) => s.category)).toEqual(['payers', 'history_of_present_illness', 'assessment']);
    // Not a salutation: a sentence that goes on after the comma.
    expect(detectSections('Insurance:\nDear Dr. Raman, thank you for the referral.').map((s) => s.category)).toEqual(['payers']);
  });

  it('keeps labels indented under a numbered problem inside that problem list', () => {
    const text = 'PROBLEM LIST / ASSESSMENT AND PLAN\n#1 COPD - stable.\n   Exam: faint expiratory wheeze.\n#2 Nicotine dependence.\nExam:\nLungs clear.';
    expect(detectSections(text).map((s) => s.category)).toEqual(['assessment_and_plan', 'physical_exam']);
  });

  it('keeps bulleted labels under a numbered problem inside it, and opens a procedure at "Procedure 1 - …"', () => {
    const text = 'ASSESSMENT AND PLAN\n#1 Migraine.\n- Plan: continue topiramate.\n#2 Snoring.\n- Plan: sleep study.\nProcedure 1 - punch biopsy, left forearm\nA 4 mm punch was taken.';
    const sections = detectSections(text);
    expect(sections.map((s) => s.category)).toEqual(['assessment_and_plan', 'procedures']);
    expect(sections[1]!.title).toBe('Procedure 1');
  });

  it('ignores labels that name no section ("Lungs:")', () => {
    expect(detectSections('Lungs: clear\nHeart: RRR')).toEqual([]);
  });

  it('reads a short Title-case line that is only a section name as a heading, not a sentence that starts with one', () => {
    const text = 'Medications: tofacitinib 5 mg twice daily.\nAssessment\n1. Rheumatoid arthritis.\nPlan is to continue.\n';
    expect(detectSections(text).map((s) => s.category)).toEqual(['medications', 'assessment']);
  });

  it('treats markdown headings as headings', () => {
    expect(detectSections('## Medications\n- metformin').map((s) => s.category)).toEqual(['medications']);
  });

  it('can switch text headings off', () => {
    expect(detectSections('PLAN: rest', { textHeadings: false })).toEqual([]);
  });

  it('starts "other" sections at unnamed strong headings, but not at deeper sub-headings', () => {
    const text = 'Assessment\nCardiology\nStable.\nNutrition\nLow salt.';
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const sections = detectSections(text, {
      headings: [
        { ...at('Assessment'), strength: 'strong', level: 2 },
        { ...at('Cardiology'), strength: 'strong', level: 4 },
        { ...at('Nutrition'), strength: 'strong', level: 2 },
      ],
    });
    expect(sections.map((s) => [s.category, s.title])).toEqual([
      ['assessment', 'Assessment'],
      ['other', 'Nutrition'],
    ]);
  });

  it('uses weak (bold) headings only at a line start and when a rule names them', () => {
    const text = 'Plan: rest\nThe plan is bold here';
    const sections = detectSections(text, {
      textHeadings: false,
      headings: [
        { start: 0, end: 4, strength: 'weak' },
        { start: 15, end: 19, strength: 'weak' },
      ],
    });
    expect(sections.map((s) => s.category)).toEqual(['plan']);
  });
});

describe('sectionAt', () => {
  it('finds the section holding an offset', () => {
    const text = 'intro\nHPI: cough\nPLAN: rest';
    const sections = detectSections(text);
    expect(sectionAt(sections, 0)).toBeUndefined();
    expect(sectionAt(sections, text.indexOf('cough'))?.category).toBe('history_of_present_illness');
    expect(sectionAt(sections, text.indexOf('rest'))?.category).toBe('plan');
    expect(sectionIndexAt(sections, text.length + 5)).toBe(-1);
  });
});
