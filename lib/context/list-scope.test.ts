import { describe, expect, it } from 'vitest';
import { contextOf } from './context';

/** ConText (shipped rules) for the first occurrence of `target` in `text`. */
function negated(text: string, target: string): boolean {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${text}"`);
  return contextOf({ text, targets: [{ start, end: start + target.length }] })[0]!.negated;
}

describe('negated comma lists', () => {
  const list = 'Denies nausea or vomiting since last cycle, fever, mouth sores, new pain, SOB, leg swelling.';

  it('keeps every item of a list opened by a negation trigger negated, past the word window', () => {
    for (const item of ['nausea', 'vomiting', 'fever', 'mouth sores', 'pain', 'SOB', 'leg swelling']) expect(negated(list, item)).toBe(true);
  });

  it('is not ended by a qualifier inside an item', () => {
    expect(negated('No cough at night or with exertion, chills, night sweats, weight loss, rash, joint swelling.', 'joint swelling')).toBe(true);
  });

  it('ends at a terminator or a new clause with its own verb', () => {
    const text = 'Denies fever, chills, sweats, headache, sore throat, but reports worsening cough and green sputum.';
    expect(negated(text, 'sore throat')).toBe(true);
    expect(negated(text, 'cough')).toBe(false);
    const clause = 'Denies fever, chills, sweats, myalgias, headache, sore throat or ear pain for two weeks, has a persistent productive cough.';
    expect(negated(clause, 'cough')).toBe(false);
  });

  it('does not stretch a trigger whose words run on without a list', () => {
    // Twelve words of prose after the trigger: the word window still holds.
    expect(negated('No fever was measured at home by the family over the long weekend and then her ankle swelling began.', 'ankle swelling')).toBe(false);
  });

  it('does not carry the list into the next sentence or past a semicolon', () => {
    expect(negated('Denies fever, chills, rigors, night sweats, weight loss; reports leg swelling and calf pain.', 'leg swelling')).toBe(false);
  });

  it('needs the list to start within the word window', () => {
    expect(negated('Denies any problem with the new inhaler technique he was taught last spring at the pharmacy, wheeze, cough.', 'cough')).toBe(false);
  });
});
