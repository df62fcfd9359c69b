import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { administrationCodes } from './administration';
import { administeredDrugs } from './drugs';
import { emLevel } from './em-level';
import { applyModifiers, sideOf } from './modifiers';
import { namedProcedures } from './named-procedures';
import { administeredVaccines } from './vaccines';

const catalog = miniCatalog();
function lines(note: string) {
  const doc = chartFromText(`Date of Service: 03/10/2026\nDOB: 01/02/1970\nEstablished patient\n${note}`);
  const em = emLevel(doc, catalog);
  const named = namedProcedures(doc, catalog);
  const vax = administeredVaccines(doc, catalog);
  const drugs = administeredDrugs(doc, catalog);
  const admin = administrationCodes({ administrations: drugs.administrations, procedures: named.lines }, catalog, { dateOfService: '2026-03-10' });
  return { doc, result: applyModifiers([...em.lines, ...named.lines, ...vax.lines, ...admin.lines, ...drugs.lines], doc) };
}
const codes = (note: string) => lines(note).result.lines.map((l) => [l.code, ...(l.modifiers ?? [])]);

describe('modifiers', () => {
  describe('applyModifiers: laterality', () => {
    it('adds LT/RT from the side next to the site', () => {
      expect(codes('PROCEDURE:\nThe left knee was injected with Kenalog 40 mg.')).toContainEqual(['20610', 'LT']);
      expect(codes('PROCEDURE:\nR knee injected with Kenalog 40 mg.')).toContainEqual(['20610', 'RT']);
    });

    it('uses 50 for both sides, and merges a left and a right line', () => {
      expect(codes('PROCEDURE:\nBilateral knee injections performed with Kenalog 40 mg each.')).toContainEqual(['20610', '50']);
      const merged = codes('PROCEDURE:\nThe left knee was injected with Kenalog 40 mg.\nThe right knee was injected with Kenalog 40 mg.');
      expect(merged.filter((c) => c[0] === '20610')).toEqual([['20610', '50']]);
    });

    it('warns when the side is missing', () => {
      const r = lines('PROCEDURE:\nKnee injected with Kenalog 40 mg.').result;
      expect(r.lines.find((l) => l.code === '20610')!.warnings.join()).toMatch(/Side \(left\/right\) not documented/);
    });
  });

  describe('applyModifiers: 25', () => {
    it('keeps the E/M beside tobacco counseling whose sentence names another problem only to set it apart', () => {
      const note = 'Assessment:\n1. COPD, stable, GOLD 2 - continue tiotropium, albuterol PRN refilled.\n2. Nicotine dependence, cigarettes - current smoker, ready to quit.\nPlan:\nTobacco cessation counseling, 8 minutes, separate from the COPD discussion: set quit date; start varenicline 0.5 mg daily.\n';
      const billed = codes(note);
      expect(billed).toContainEqual(['99406']);
      expect(billed.find((c) => /^9921/.test(c[0]!))).toContain('25');
    });

    it('adds 25 when the E/M addresses a problem besides the procedure', () => {
      const c = codes('ASSESSMENT AND PLAN:\n1. Left knee osteoarthritis.\n2. Hypertension, uncontrolled. Increase lisinopril to 20 mg daily.\nPROCEDURE:\nThe left knee was injected with Kenalog 40 mg.');
      expect(c[0]).toEqual(['99214', '25']);
    });

    it('sets the E/M aside when only the procedure’s own problem was assessed', () => {
      const r = lines('ASSESSMENT:\nLeft knee osteoarthritis.\nPLAN:\nPROCEDURE:\nThe left knee was injected with Kenalog 40 mg.').result;
      expect(r.lines.map((l) => l.kind)).not.toContain('em');
      expect(r.excluded[0]).toMatchObject({ reason: 'not-billable' });
    });

    it('adds 25 with an injection when a problem was evaluated', () => {
      expect(codes('ASSESSMENT:\nAcute pyelonephritis.\nPLAN:\nCeftriaxone 1 g IM given.\nTotal time 25 minutes.')[0]).toEqual(['99213', '25']);
    });

    it('drops the E/M of a scheduled injection visit', () => {
      const r = lines('CHIEF COMPLAINT: Nurse visit for B12 injection.\nASSESSMENT: B12 deficiency.\nPLAN: B12 1000 mcg IM given.').result;
      expect(r.lines.map((l) => l.code)).toEqual(['96372', 'J3420']);
    });

    it('leaves an E/M with only tests alone (acute problem + prescription: low MDM)', () => {
      expect(codes('ASSESSMENT: Strep pharyngitis.\nPLAN: Rapid strep positive. Start amoxicillin 500 mg twice daily.')).toEqual([['99213'], ['87880']]);
    });
  });

  describe('sideOf', () => {
    it('prefers the side next to the site', () => {
      const { doc, result } = lines('PROCEDURE:\nRight knee pain; the left knee was injected with Kenalog 40 mg.');
      expect(sideOf(result.lines.find((l) => l.code === '20610')!, doc)).toBe('left');
    });
  });
});
