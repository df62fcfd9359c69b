import { describe, expect, it } from 'vitest';
import { chartFromText } from './document';
import { spokenPunctuation } from './spoken-punctuation';

const dictated = 'patient seen today comma doing well period new paragraph exam colon abdomen soft comma nontender period new paragraph assessment colon sigmoid colon diverticulosis period history of colon cancer in her father period her last menstrual period was two weeks ago period';

describe('spokenPunctuation', () => {
  it('turns spoken marks into punctuation without moving any offset', () => {
    const out = spokenPunctuation(dictated);
    expect(out).toHaveLength(dictated.length);
    const squeezed = out.replace(/ {2,}/g, ' ');
    expect(squeezed).toContain('patient seen today, doing well.');
    expect(squeezed).toMatch(/\n\nExam: abdomen soft, nontender\./);
    expect(squeezed).toMatch(/\n\nAssessment: sigmoid colon diverticulosis\./);
    // Every word the dictation said that is not a mark stays where it was.
    for (const word of ['abdomen', 'diverticulosis', 'father', 'weeks']) expect(out.indexOf(word)).toBe(dictated.indexOf(word));
  });

  it('keeps the organ and the length of time', () => {
    const out = spokenPunctuation(dictated).replace(/ {2,}/g, ' ');
    expect(out).toContain('sigmoid colon diverticulosis');
    expect(out).toContain('History of colon cancer in her father.');
    expect(out).toContain('last menstrual period was two weeks ago.');
  });

  it('joins words a spoken hyphen joins, the joined word starting where the first did', () => {
    const said = 'Scores comma PHQ hyphen 9 equals 12 period assessment colon post hyphen traumatic stress disorder comma chronic period';
    const out = spokenPunctuation(said);
    expect(out).toHaveLength(said.length);
    expect(out.replace(/ {2,}/g, ' ')).toContain('PHQ-9 equals 12.');
    expect(out.replace(/ {2,}/g, ' ')).toContain('Assessment: post-traumatic stress disorder, chronic.');
    expect(out.indexOf('post-traumatic')).toBe(said.indexOf('post hyphen'));
    expect(out.indexOf('stress')).toBe(said.indexOf('stress'));
  });

  it('joins capital letters dictated one by one into the abbreviation, keeping offsets', () => {
    const text = `${dictated} status post C A B G comma L D L 64 period I saw him with A B period`;
    const out = spokenPunctuation(text);
    expect(out).toHaveLength(text.length);
    const squeezed = out.replace(/ {2,}/g, ' ');
    expect(squeezed).toContain('post CABG , LDL 64.');
    // "I" and "A" alone are words: "with A B" is left as written.
    expect(squeezed).toContain('I saw him with A B.');
  });

  it('writes a dictated length of time in digits ("thirty four minutes" is 34 minutes)', () => {
    const text = `${dictated} total time was thirty four minutes period forty-five min period four four minutes period`;
    const out = spokenPunctuation(text);
    expect(out).toHaveLength(text.length);
    const squeezed = out.replace(/ {2,}/g, ' ');
    expect(squeezed).toContain('time was 34 minutes.');
    expect(squeezed).toContain('45 min.');
    // Two units in a row are no number.
    expect(squeezed).toMatch(/four four minutes\./i);
  });

  it('writes a dictated length in digits ("four point five centimeters" is 4.5 cm)', () => {
    const text = `${dictated} total length four point five centimeters period lesion twelve mm period one point eleven cm period`;
    const out = spokenPunctuation(text);
    expect(out).toHaveLength(text.length);
    const squeezed = out.replace(/ {2,}/g, ' ');
    expect(squeezed).toContain('length 4.5 centimeters.');
    expect(squeezed).toMatch(/lesion 12 mm\./i);
    // A tenth is one digit: "point eleven" is no decimal.
    expect(squeezed).toMatch(/one point eleven cm\./i);
  });

  it('leaves a note that is not a word-for-word dictation alone', () => {
    const note = 'Assessment: colon polyp, removed. Menstrual period regular. Plan: comma-free diet advice.';
    expect(spokenPunctuation(note)).toBe(note);
    expect(spokenPunctuation('')).toBe('');
  });

  it('gives the chart its sections and sentences', () => {
    const doc = chartFromText(dictated);
    expect(doc.sections.map((s) => s.category)).toEqual(expect.arrayContaining(['physical_exam', 'assessment']));
    expect(doc.sentences.map((s) => s.text)).toContain('Exam:');
  });
});
