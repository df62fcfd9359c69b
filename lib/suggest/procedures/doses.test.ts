import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, findDoses, normalizeUnit, parseAmount, unitsFor } from './doses';

describe('doses', () => {
  describe('parseAmount', () => {
    it('reads descriptor amounts', () => {
      expect(parseAmount('per 250 mg')).toEqual({ value: 250, unit: 'mg', upTo: false });
      expect(parseAmount('up to 1000 mcg')).toEqual({ value: 1000, unit: 'mcg', upTo: true });
      expect(parseAmount('100,000 units')).toEqual({ value: 100000, unit: 'unit', upTo: false });
      expect(parseAmount('per milligram')).toEqual({ value: 1, unit: 'mg', upTo: false });
      expect(parseAmount('not otherwise specified')).toBeUndefined();
    });
  });

  describe('findDoses', () => {
    it('finds amounts, strengths and percentages', () => {
      const d = findDoses('Kenalog 40 mg/mL, 1 mL and 3 mL of 1% lidocaine');
      expect(d.map((x) => x.kind)).toEqual(['concentration', 'amount', 'amount', 'concentration']);
      expect(d[3]!.concentration).toEqual({ perMl: { value: 10, unit: 'mg' } });
    });

    it('skips weight-based doses and needle sizes', () => {
      expect(findDoses('15 mg/kg IV and a 25 g needle')).toEqual([]);
    });

    it('reads million units', () => {
      expect(findDoses('2.4 million units IM')[0]!.amount).toEqual({ value: 2.4, unit: 'million units' });
    });
  });

  describe('convert / unitsFor', () => {
    it('converts within a family and across with a strength', () => {
      expect(convert({ value: 1, unit: 'g' }, 'mg')).toBe(1000);
      expect(convert({ value: 1, unit: 'ml' }, 'mg', { perMl: { value: 40, unit: 'mg' } })).toBe(40);
      expect(convert({ value: 40, unit: 'mg' }, 'ml')).toBeUndefined();
    });

    it('rounds partial units up', () => {
      expect(unitsFor({ value: 1, unit: 'g' }, { value: 250, unit: 'mg' })).toBe(4);
      expect(unitsFor({ value: 40, unit: 'mg' }, { value: 10, unit: 'mg' })).toBe(4);
      expect(unitsFor({ value: 25, unit: 'mg' }, { value: 50, unit: 'mg' })).toBe(1);
      expect(unitsFor({ value: 2.4, unit: 'million units' }, { value: 100000, unit: 'unit' })).toBe(24);
      expect(unitsFor({ value: 5, unit: 'mg' }, undefined)).toBe(1);
    });

    it('is at least the exact quotient, and less than one unit above it', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 100000 }), fc.constantFrom(1, 5, 10, 15, 40, 250), (dose, amount) => {
          const units = unitsFor({ value: dose, unit: 'mg' }, { value: amount, unit: 'mg' })!;
          return units * amount >= dose && (units - 1) * amount < dose;
        }),
      );
    });
  });

  describe('normalizeUnit', () => {
    it('knows common spellings', () => {
      expect(['Grams', 'mcg', 'cc', 'IU', 'million units'].map(normalizeUnit)).toEqual(['g', 'mcg', 'ml', 'unit', 'million units']);
    });
  });
});
