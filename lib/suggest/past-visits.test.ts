import { describe, expect, it } from 'vitest';
import { namesOtherVisit } from './past-visits';

/** Whether the visit phrase `phrase` in `sentence` names another visit than today's. */
const other = (sentence: string, phrase: string, dateOfService = '2026-03-02') => {
  const at = sentence.indexOf(phrase);
  return namesOtherVisit(sentence, at, at + phrase.length, dateOfService);
};

describe('a visit named in a sentence: today or another one', () => {
  it('today’s visit is written in the present', () => {
    expect(other('Here for her annual physical.', 'annual physical')).toBe(false);
    expect(other('12-month well visit.', 'well visit')).toBe(false);
  });

  it('"last", "prior" or "previous" before the visit name is an earlier visit, whatever the tense', () => {
    expect(other('No hearing concerns; hearing screen passed at last well visit.', 'well visit')).toBe(true);
    expect(other('Vaccines up to date per previous physical.', 'physical')).toBe(true);
  });

  it('the visit name followed by "was in / was on" is dated in the past', () => {
    expect(other('Problem-focused visit; well visit was in November.', 'well visit')).toBe(true);
    expect(other('Annual physical was on 1/12.', 'Annual physical')).toBe(true);
    expect(other('The annual physical is today.', 'annual physical')).toBe(false);
  });

  it('a visit to come is not today’s either', () => {
    expect(other('Recheck ears at next well visit.', 'well visit')).toBe(true);
  });

  it('a visit to schedule, or dated to a season or a span to come, is not today\'s', () => {
    expect(other('- Establish care with annual exam in the fall.', 'annual exam')).toBe(true);
    expect(other('Annual physical in 6 months.', 'Annual physical')).toBe(true);
    expect(other('- Schedule well-child visit to establish care.', 'well-child visit')).toBe(true);
    expect(other('Return for annual physical next year.', 'annual physical')).toBe(true);
  });

  it('a visit dated just before its name, before the date of service, is an earlier one', () => {
    expect(other("Vaccine visit per the standing order from the 12/2025 well visit.", 'well visit')).toBe(true);
    expect(other('Forms from the 2/14/2026 physical reviewed.', 'physical')).toBe(true);
    expect(other('Well visit 3/2/2026.', 'Well visit')).toBe(false);
    // Today's visit dated by the pregnancy, not by a visit to come.
    expect(other('Return prenatal visit at 28 weeks 2 days.', 'prenatal visit')).toBe(false);
    expect(other('Here for annual physical, fasting this morning.', 'annual physical')).toBe(false);
  });
});

