import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidNpi, npiCheckDigit, npiProblem } from './npi';

describe('NPI check digit', () => {
  it('accepts the example NPI from the CMS check-digit specification', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
  });

  it('explains a wrong check digit, a wrong length and a missing NPI', () => {
    expect(npiProblem('1234567890')).toMatch(/check digit of 1234567890 is wrong.*give 3/);
    expect(npiProblem('123456789')).toMatch(/not 10 digits/);
    expect(npiProblem('12345-6789')).toMatch(/not 10 digits/);
    expect(npiProblem('')).toMatch(/no NPI/);
    expect(npiProblem(undefined)).toMatch(/no NPI/);
  });

  it('catches every single-digit typo in a valid NPI', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{8}$/), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nine, position, shift) => {
        const npi = nine + String(npiCheckDigit(nine));
        expect(isValidNpi(npi)).toBe(true);
        const typo = npi.slice(0, position) + String((Number(npi[position]) + shift) % 10) + npi.slice(position + 1);
        expect(isValidNpi(typo)).toBe(false);
      }),
    );
  });
});
