import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { administeredVaccines } from './vaccines';
import type { VaccineOptions } from './vaccines';

const catalog = miniCatalog();
const run = (note: string, options: VaccineOptions = {}, dob = '04/04/1960') => administeredVaccines(chartFromText(`Date of Service: 03/10/2026\nDOB: ${dob}\n${note}`), catalog, options);
const codes = (note: string, options?: VaccineOptions, dob?: string) => run(note, options, dob).lines.map((l) => [l.code, l.units]);

describe('vaccines', () => {
  describe('administeredVaccines', () => {
    it('codes the product when named and the administration', () => {
      expect(codes('Tdap 0.5 mL IM given in left deltoid today.')).toEqual([['90715', 1], ['90471', 1]]);
      expect(codes('Flu shot given today. Shingrix dose 1 administered.')).toEqual([['90750', 1], ['90471', 1], ['90472', 1]]);
    });

    it('warns when the product is not named', () => {
      const r = run('Flu vaccine given today.');
      expect(r.lines.map((l) => l.code)).toEqual(['90471']);
      expect(r.lines[0]!.warnings.join()).toMatch(/product not named for influenza/);
    });

    it('uses G0008/G0009/G0010 for Medicare', () => {
      expect(codes('Fluzone High-Dose given. Prevnar 20 administered. Heplisav-B given IM.', { payer: 'medicare' })).toEqual([
        ['90662', 1], ['G0008', 1], ['90677', 1], ['G0009', 1], ['90739', 1], ['G0010', 1],
      ]);
    });

    it('picks age-dependent products and nasal/oral administration codes', () => {
      expect(codes('Engerix-B dose 2 given IM.', {}, '01/01/2015')).toEqual([['90744', 1], ['90471', 1]]);
      expect(codes('FluMist given intranasally. MMR given IM.', {}, '01/01/2019')).toEqual([['90707', 1], ['90471', 1], ['90474', 1]]);
    });

    it('sets aside declined, due, past and elsewhere vaccines', () => {
      const reasons = (note: string) => run(note).excluded.map((e) => e.reason);
      expect(reasons('Patient declined flu vaccine.')).toEqual(['negated']);
      expect(reasons('Due for Tdap; will return for it next visit.')).toEqual(['hypothetical']);
      expect(reasons('Flu shot up to date, received at pharmacy in October.')).toEqual(['historical']);
      expect(codes('Herpes zoster rash on the left flank.')).toEqual([]);
    });

    it('notes 90460 for children with counseling', () => {
      const r = run('Parent counseled on vaccine risks and benefits.\nMMR given IM today.', {}, '01/01/2024');
      expect(r.lines.find((l) => l.code === '90471')!.warnings.join()).toMatch(/90460/);
    });
  });
});
