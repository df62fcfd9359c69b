import { describe, expect, it } from 'vitest';
import { ageInYears, isIsoDate } from './age';

describe('ageInYears', () => {
  it('counts completed years, turning a year older on the birthday', () => {
    expect(ageInYears('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageInYears('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageInYears('2026-03-01', '2026-03-20')).toBe(0);
  });
  it('handles a 29 February birthday and refuses bad or reversed dates', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageInYears('2026-05-01', '2026-04-01')).toBeUndefined();
    expect(ageInYears('1970-13-01', '2026-04-01')).toBeUndefined();
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('02/28/2026')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });
});
