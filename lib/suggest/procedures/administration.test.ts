import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { administrationCodes } from './administration';
import { administeredDrugs } from './drugs';
import { namedProcedures } from './named-procedures';

const catalog = miniCatalog();
const dateOfService = '2026-03-10';
function admin(note: string): [string, number | undefined][] {
  const doc = chartFromText(`Date of Service: 03/10/2026\n${note}`);
  const drugs = administeredDrugs(doc, catalog);
  const procs = namedProcedures(doc, catalog);
  return administrationCodes({ administrations: drugs.administrations, procedures: procs.lines }, catalog, { dateOfService }).lines.map((l) => [l.code, l.units]);
}

describe('administration', () => {
  describe('administrationCodes', () => {
    it('codes 96372 per IM/SC injection', () => {
      expect(admin('Ceftriaxone 1 g IM given.')).toEqual([['96372', 1]]);
      expect(admin('Toradol 60 mg IM and dexamethasone 10 mg IM given.')).toEqual([['96372', 2]]);
    });

    it('does not code the injection of a drug given in a joint injection', () => {
      expect(admin('PROCEDURE:\nThe right knee was injected with Kenalog 40 mg.')).toEqual([]);
    });

    it('codes IV pushes and infusions', () => {
      expect(admin('Ondansetron 4 mg IV push given.')).toEqual([['96374', 1]]);
      expect(admin('Ondansetron 4 mg IV push and diphenhydramine 25 mg IV push given.')).toEqual([['96374', 1], ['96375', 1]]);
      expect(admin('Ceftriaxone 1 g IV infused over 30 minutes.')).toEqual([['96365', 1]]);
    });

    it('codes hydration alone, by time', () => {
      expect(admin('Normal saline 1 L IV infused over 60 minutes.')).toEqual([['96360', 1]]);
      expect(admin('Normal saline 1 L IV infused over 150 minutes.')).toEqual([['96360', 1], ['96361', 1]]);
      expect(admin('Normal saline 250 mL IV infused over 20 minutes.')).toEqual([]);
    });

    it('codes hydration after an initial drug infusion as subsequent hydration (96361), once it ran 31 minutes', () => {
      const record = (fluid: string) => `INFUSION RECORD:\n- Ceftriaxone 1 g in NS 50 mL IV infusion via pump, 0928-0959.\n- ${fluid}\n`;
      expect(admin(record('0.9% NaCl 1,000 mL (hydration), infusion 64 min, sequential after the antibiotic.'))).toEqual([['96365', 1], ['96361', 1]]);
      expect(admin(record('0.9% NaCl 1,000 mL (hydration), infusion 20 min.'))).toEqual([['96365', 1]]);
    });

    it('reads an infusion record\'s 24-hour clock times and its run time', () => {
      expect(admin('INFUSION RECORD:\n- 0.9% NaCl 1,000 mL bag #1 1010-1115, bag #2 1115-1220 (total 2,000 mL, hydration only).')).toEqual([['96360', 1], ['96361', 1]]);
      expect(admin('Infusion:\n- Ceftriaxone 1 g in NS 100 mL via pump.\nStart 0905, stop 1105.')).toEqual([['96365', 1], ['96366', 1]]);
      expect(admin('Administration:\n- Ceftriaxone 1 g in NS 100 mL started via pump.\n- Infusion complete (31 minutes). No reaction.')).toEqual([['96365', 1]]);
    });

    it('codes nothing for nebulized drugs (94640 is the treatment)', () => {
      expect(admin('Albuterol 2.5 mg nebulized x1 in clinic.')).toEqual([]);
    });
  });
});
