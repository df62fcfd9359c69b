import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSections } from './sections';
import { splitSentences } from './sentences';

const texts = (text: string, options = {}) => splitSentences(text, [], options).map((s) => s.text);

describe('splitSentences', () => {
  it('does not split on titles, dose units or decimals', () => {
    expect(texts('Seen by Dr. Lee today. Took 2.5 mg. of drug at 8 a.m. Then slept.')).toEqual([
      'Seen by Dr. Lee today.',
      'Took 2.5 mg. of drug at 8 a.m. Then slept.',
    ]);
  });

  it('reads a long dictated run-on as its comma-joined clauses, and leaves a long list in one piece', () => {
    const runOn = 'This is a 34-year-old nurse referred because her screening test came back positive, she was born abroad and moved here in 2015, she denies cough fever night sweats or weight loss, her HIV test last year was negative, baseline labs were drawn here today and sent out, so my assessment is latent infection with no evidence of active disease.';
    expect(texts(runOn)).toEqual([
      'This is a 34-year-old nurse referred because her screening test came back positive,',
      'she was born abroad and moved here in 2015,',
      'she denies cough fever night sweats or weight loss,',
      'her HIV test last year was negative,',
      'baseline labs were drawn here today and sent out,',
      'so my assessment is latent infection with no evidence of active disease.',
    ]);
    const list = 'Denies fever, chills, night sweats, weight loss, cough, hemoptysis, chest pain, palpitations, dyspnea on exertion, orthopnea, leg swelling, abdominal pain, nausea, vomiting, diarrhea, constipation, melena, dysuria, hematuria, rash, joint pain, headache, dizziness, numbness or weakness in her arms and legs.';
    expect(texts(list)).toEqual([list]);
    expect(texts('Short note, she is well, her labs were normal.')).toEqual(['Short note, she is well, her labs were normal.']);
  });

  it('ends a sentence at a unit after a number when a capitalised word follows, not before an abbreviation', () => {
    expect(texts('Uterus sounded to 7.5 cm. Tenaculum removed.')).toEqual(['Uterus sounded to 7.5 cm.', 'Tenaculum removed.']);
    expect(texts('Prednisone 40 mg. PO daily for 5 days.')).toEqual(['Prednisone 40 mg. PO daily for 5 days.']);
  });

  it('splits a note written without capitals at its periods, but not after an abbreviation', () => {
    expect(texts('one acute bronchitis. pneumonia ruled out by x-ray. asthma not active.')).toEqual(['one acute bronchitis.', 'pneumonia ruled out by x-ray.', 'asthma not active.']);
    expect(texts('risks incl. scar, infection discussed. consent signed.')).toEqual(['risks incl. scar, infection discussed.', 'consent signed.']);
    expect(texts('metformin 500 mg p.o. daily. recheck in 3 months.')).toEqual(['metformin 500 mg p.o. daily.', 'recheck in 3 months.']);
    // A capitalised sentence still runs on over a lower-case word ("approx. two weeks" style writing).
    expect(texts('Took approx. two weeks. Then better.')).toEqual(['Took approx. two weeks.', 'Then better.']);
  });

  it('a dictated list\'s spoken item numbers start new items ("one …" / "two hypertension …")', () => {
    const long = 'assessment one major depressive disorder recurrent moderate improving but not at goal increase escitalopram crisis line given';
    expect(texts(`${long}\ntwo hypertension on amlodipine well controlled`)).toEqual([long, 'two hypertension on amlodipine well controlled']);
    // Without the item before it, "two" is just a word of a wrapped line.
    const wrapped = 'she walks her dog every morning around the block and reports she feels better than last month with';
    expect(texts(`${wrapped}\ntwo dogs now`)).toEqual([`${wrapped}\ntwo dogs now`]);
  });

  it('splits at ! and ? and keeps closing quotes', () => {
    expect(texts('Pain is "severe." Fever? Yes!')).toEqual(['Pain is "severe."', 'Fever?', 'Yes!']);
  });

  it('makes newlines and list items boundaries', () => {
    expect(texts('1. Hypertension\n2. Diabetes\n- Asthma')).toEqual(['1. Hypertension', '2. Diabetes', '- Asthma']);
  });

  it('keeps list numbers after a label with their item', () => {
    expect(texts('IMPRESSION: 1. No acute disease. 2. Old fracture.')).toEqual(['IMPRESSION: 1. No acute disease.', '2. Old fracture.']);
  });

  it('does not split before a lower-case word', () => {
    expect(texts('Symptoms incl. cough and fever.')).toEqual(['Symptoms incl. cough and fever.']);
  });

  it('joins hard-wrapped lines but not table rows or short lines', () => {
    expect(texts('The patient reports intermittent chest pain radiating\nto the left arm since Monday.')).toEqual([
      'The patient reports intermittent chest pain radiating\nto the left arm since Monday.',
    ]);
    expect(texts('Aspirin\t81 mg daily for secondary\nprevention')).toEqual(['Aspirin\t81 mg daily for secondary', 'prevention']);
    expect(texts('Vitals stable\nno distress')).toEqual(['Vitals stable', 'no distress']);
    expect(texts('The patient reports intermittent chest pain radiating\nto the left arm.', { joinWrappedLines: false })).toHaveLength(2);
    // A line ending on a preposition goes on, even into a number; a long prose line ending in a colon too.
    expect(texts('Local anesthesia given. The wound was irrigated with\n250 mL normal saline.')).toEqual(['Local anesthesia given.', 'The wound was irrigated with\n250 mL normal saline.']);
    expect(texts('Wants to try again and has set a date. Counselled 8 minutes today:\nquit date set for 04/20.')).toEqual(['Wants to try again and has set a date.', 'Counselled 8 minutes today:\nquit date set for 04/20.']);
    // A label line stays a line of its own.
    expect(texts('Exam:\nscattered faint expiratory wheeze.')).toEqual(['Exam:', 'scattered faint expiratory wheeze.']);
  });

  it('splits at semicolons only when asked', () => {
    expect(texts('No fever; no chills.')).toHaveLength(1);
    expect(texts('No fever; no chills.', { splitOnSemicolon: true })).toEqual(['No fever;', 'no chills.']);
  });

  it('cuts over-long runs at maxLength', () => {
    const parts = texts('word '.repeat(100), { maxLength: 50 });
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(50);
  });

  it('makes headings sentences of their own and never crosses a section', () => {
    const text = 'Intro line\nASSESSMENT: Bronchitis. PLAN: Rest and fluids.'; // PLAN is mid-line: no section
    const sections = detectSections(text);
    const sentences = splitSentences(text, sections);
    expect(sentences.map((s) => [s.text, s.section, s.isHeading])).toEqual([
      ['Intro line', -1, false],
      ['ASSESSMENT:', 0, true],
      ['Bronchitis.', 0, false],
      ['PLAN: Rest and fluids.', 0, false],
    ]);
  });

  it('gives offsets that slice back to the sentence text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        for (const s of splitSentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text.trim()).toBe(s.text);
          expect(s.text.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
