import { describe, expect, it } from 'vitest';
import { anwebRecord, sampleAnweb } from '../../test/support/codeset-fixtures';
import { isActiveOn, parseHcpcsAnweb, unitOf } from './parse-hcpcs-anweb';

describe('parseHcpcsAnweb', () => {
  const release = parseHcpcsAnweb(sampleAnweb());

  it('reads procedure codes and modifiers', () => {
    expect(release.codes.map((c) => c.code)).toEqual(['J0696', 'G0439', 'J2001']);
    expect(release.modifiers).toEqual([{ code: 'LT', title: 'Left side (used to identify procedures performed on the left side of the body)', source: 'hcpcs' }]);
  });

  it('joins continuation lines into the long description', () => {
    expect(release.codes.find((c) => c.code === 'G0439')?.title).toBe('Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit');
  });

  it('keeps terminated codes with their termination date', () => {
    const j2001 = release.codes.find((c) => c.code === 'J2001')!;
    expect(j2001.terminatedOn).toBe('2024-09-30');
    expect(isActiveOn(j2001, '2024-09-30')).toBe(true);
    expect(isActiveOn(j2001, '2026-01-01')).toBe(false);
  });

  it('takes the billing unit from drug descriptors', () => {
    expect(release.codes.find((c) => c.code === 'J0696')?.unit).toBe('250 mg');
  });

  it('refuses a truncated record', () => {
    const text = `${anwebRecord({ code: 'J0696', type: '3', long: 'Injection, ceftriaxone sodium, per 250 mg' }).slice(0, 150)}\r\n`;
    expect(() => parseHcpcsAnweb(text)).toThrow(/truncated/);
  });

  it('refuses a continuation line with no code before it', () => {
    expect(() => parseHcpcsAnweb(`${anwebRecord({ code: 'G0439', type: '4', long: 'orphan' })}\r\n`)).toThrow(/continuation/);
  });
});

describe('isActiveOn', () => {
  it('treats a code as active from its add date', () => {
    expect(isActiveOn({ effectiveFrom: '2026-01-01' }, '2025-12-31')).toBe(false);
    expect(isActiveOn({ effectiveFrom: '2026-01-01' }, '2026-01-01')).toBe(true);
  });
});

describe('unitOf', () => {
  it.each([
    ['Injection, triamcinolone acetonide, not otherwise specified, 10 mg', '10 mg'],
    ['Injection, dexamethasone sodium phosphate, 1 mg', '1 mg'],
    ['Injection, ketorolac tromethamine, per 15 mg', '15 mg'],
    ['Crutches underarm, other than wood, adjustable or fixed, pair', undefined],
  ])('reads the unit of "%s"', (title, unit) => {
    expect(unitOf(title)).toBe(unit);
  });
});
