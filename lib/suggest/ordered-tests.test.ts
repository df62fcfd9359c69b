import { describe, expect, it } from 'vitest';
import { namedAsOrderedTest } from './ordered-tests';

/** The span of `words` inside `text`, as a match of a sentence starting at offset 100. */
const at = (text: string, words: string) => ({ start: 100 + text.indexOf(words), end: 100 + text.indexOf(words) + words.length });
const isTest = (text: string, words: string) => namedAsOrderedTest({ text, start: 100 }, at(text, words));

describe('namedAsOrderedTest', () => {
  const order = 'Initial prenatal labs drawn today and sent to the reference lab: CBC, rubella, HBsAg, HCV, HIV antibody, syphilis, urine culture.';

  it('reads a condition named alone in a list of tests drawn or ordered as the test', () => {
    expect(isTest(order, 'HCV')).toBe(true);
    expect(isTest(order, 'HIV')).toBe(true);
    expect(isTest(order, 'syphilis')).toBe(true);
    expect(isTest('Labs ordered: TSH, hepatitis C screen.', 'hepatitis C')).toBe(true);
  });

  it('leaves an item that says more, a list with no ordering lead, and text before the colon', () => {
    expect(isTest('Labs ordered: CMP for CKD monitoring.', 'CKD')).toBe(false);
    expect(isTest('Problems: HCV, HIV, hypertension.', 'HIV')).toBe(false);
    expect(isTest('Labs reviewed: consistent with iron deficiency anemia.', 'iron deficiency anemia')).toBe(false);
    expect(isTest('HIV on ART, labs drawn today: CD4, viral load.', 'HIV')).toBe(false);
  });
});
