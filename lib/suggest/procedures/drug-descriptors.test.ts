import { describe, expect, it } from 'vitest';
import { hcpcsRecords } from '../../../test/fixtures/procedures/mini-catalog';
import { DrugIndex, parseDrugDescriptor } from './drug-descriptors';

const records = hcpcsRecords();
const record = (code: string) => records.find((r) => r.code === code)!;
const index = new DrugIndex(records);
const best = (words: string[], route: Parameters<DrugIndex['candidates']>[1], dos = '2026-03-10') => index.candidates(words, route, dos).map((c) => c.descriptor.code);

describe('drug-descriptors', () => {
  describe('parseDrugDescriptor', () => {
    it('reads form, drug, salt and amount', () => {
      expect(parseDrugDescriptor(record('J0696'))).toMatchObject({ form: 'injection', components: [{ main: 'ceftriaxone', salts: ['sodium'] }], amount: { value: 250, unit: 'mg' } });
      expect(parseDrugDescriptor(record('J3301'))).toMatchObject({ nos: true, amount: { value: 10, unit: 'mg' } });
      expect(parseDrugDescriptor(record('J3420'))!.amount).toEqual({ value: 1000, unit: 'mcg', upTo: true });
    });

    it('reads brands, combinations and per-unit amounts', () => {
      expect(parseDrugDescriptor(record('J3299'))!.brands).toEqual([['xipere']]);
      expect(parseDrugDescriptor(record('J7325'))!.brands).toEqual([['synvisc'], ['synvisc', 'one']]);
      const duo = parseDrugDescriptor(record('J7620'))!;
      expect(duo.form).toBe('inhalation');
      expect(duo.components.map((c) => c.main)).toEqual(['albuterol', 'ipratropium']);
      expect(duo.amount).toBeUndefined();
      expect(parseDrugDescriptor(record('J7040'))!.amount).toMatchObject({ value: 500, unit: 'ml' });
      expect(parseDrugDescriptor(record('J0561'))!.amount).toMatchObject({ value: 100000, unit: 'unit' });
    });

    it('reads "per treatment" as a billing unit, not a brand (the word "treatment" in a chart names no gene therapy)', () => {
      const gene = parseDrugDescriptor({ system: 'hcpcs', code: 'J3387', title: 'Injection, elivaldogene autotemcel, per treatment', billable: true })!;
      expect(gene.brands).toEqual([]);
      expect(gene.components.map((c) => c.main)).toEqual(['elivaldogene']);
    });

    it('names no drug for unclassified codes', () => {
      expect(parseDrugDescriptor(record('J3490'))).toBeUndefined();
    });
  });

  describe('DrugIndex.candidates', () => {
    it('prefers the general injection code over brand- or formulation-specific ones', () => {
      expect(best(['triamcinolone', 'acetonide'], 'joint')[0]).toBe('J3301');
      expect(best(['testosterone', 'cypionate'], 'im')[0]).toBe('J1071');
    });

    it('requires every drug of a combination code, and every documented drug in the code', () => {
      expect(best(['promethazine'], 'im')).toEqual(['J2550']);
      expect(best(['lidocaine'], 'joint')).toEqual(['J2003']);
      expect(best(['albuterol', 'ipratropium', 'bromide'], 'inhalation')).toEqual(['J7620']);
    });

    it('rejects a different documented salt', () => {
      expect(best(['methylprednisolone', 'acetate'], 'im')).toEqual(['J1010']);
      expect(best(['methylprednisolone', 'succinate'], 'iv')).toEqual(['J2919']);
    });

    it('uses only codes in force on the date of service', () => {
      expect(best(['methylprednisolone', 'acetate'], 'im', '2023-05-01').sort()).toEqual(['J1020', 'J1030', 'J1040']);
    });

    it('keeps inhalation codes for nebulized drugs only', () => {
      expect(best(['albuterol'], 'inhalation')).toEqual(['J7613']);
      expect(best(['albuterol'], 'im')).toEqual([]);
    });

    it('finds brand names from descriptors and from drug-names.json', () => {
      const words = (name: string) => index.names.longest([...name.split(' ').map((text, i) => ({ text, start: i * 20, end: i * 20 + text.length }))])[0]?.values[0]?.words;
      expect(words('synvisc one')).toEqual(expect.arrayContaining(['hyaluronan', 'synvisc', 'one']));
      expect(words('rocephin')).toEqual(['ceftriaxone', 'sodium']);
    });
  });
});
