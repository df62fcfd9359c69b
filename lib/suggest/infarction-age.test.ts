import { describe, expect, it } from 'vitest';
import { infarctionOlderThanFourWeeks } from './infarction-age';

describe('infarctionOlderThanFourWeeks', () => {
  it('reads dates written after the MI words in the usual forms', () => {
    expect(infarctionOlderThanFourWeeks(' 2025-11-18 treated with a drug-eluting stent', '2026-05-04')).toBe(true);
    expect(infarctionOlderThanFourWeeks(' 11/2025)', '2026-05-04')).toBe(true);
    expect(infarctionOlderThanFourWeeks(' on 11/18/2025, stented', '2026-05-04')).toBe(true);
    expect(infarctionOlderThanFourWeeks(' in Nov 2025', '2026-05-04')).toBe(true);
    expect(infarctionOlderThanFourWeeks(' in 2019, no angina since', '2026-05-04')).toBe(true);
    expect(infarctionOlderThanFourWeeks(' 2023), status post coronary stent', '2026-05-04')).toBe(true);
  });
  it('keeps an MI within four weeks, an undated one, and a date past the clause', () => {
    expect(infarctionOlderThanFourWeeks(' 2026-04-20, on DAPT', '2026-05-04')).toBe(false);
    expect(infarctionOlderThanFourWeeks(' 04/2026', '2026-05-04')).toBe(false);
    expect(infarctionOlderThanFourWeeks(' in 2026', '2026-01-20')).toBe(false);
    expect(infarctionOlderThanFourWeeks(', admitted yesterday', '2026-05-04')).toBe(false);
    expect(infarctionOlderThanFourWeeks('. Echo 2025-01-02 normal', '2026-05-04')).toBe(false);
    expect(infarctionOlderThanFourWeeks(' 2025-11-18', 'not a date')).toBe(false);
    expect(infarctionOlderThanFourWeeks(' 2026)', '2026-05-04')).toBe(false);
  });
});
