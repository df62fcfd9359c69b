import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { administeredDrugs, routeOf } from './drugs';
import { sentenceViews } from './text';

const catalog = miniCatalog();
const run = (line: string, date = '03/10/2026') => administeredDrugs(chartFromText(`Date of Service: ${date}\n${line}`), catalog);
const codes = (line: string, date?: string) => run(line, date).lines.map((l) => [l.code, l.units]);
/** With nebulizer-solution codes billed (a payer that pays office nebulizer drugs). */
const nebCodes = (line: string) => administeredDrugs(chartFromText(`Date of Service: 03/10/2026\n${line}`), catalog, { billInhalationSolutions: true }).lines.map((l) => [l.code, l.units]);

describe('drugs', () => {
  describe('administeredDrugs', () => {
    it('reads a strength written with its volume as the amount given', () => {
      expect(codes('Medroxyprogesterone acetate 150 mg/1 mL IM, right deltoid.')).toEqual([['J1050', 150]]);
      expect(codes('Cyanocobalamin 1000 mcg/1 mL IM, left deltoid.')).toEqual([['J3420', 1]]);
    });

    it('reads IV fluids however the chart names them, bills their total, and leaves a flush alone', () => {
      expect(codes('INFUSION RECORD:\n- 0.9% NaCl 1,000 mL bag #1 1010-1115, bag #2 1115-1220 (total 2,000 mL, hydration only).')).toEqual([['J7030', 2]]);
      expect(codes('Sodium chloride 0.9% 1 L IV over 60 minutes.')).toEqual([['J7030', 1]]);
      expect(run('Port accessed. Flushed with 10 mL NS, then heparin lock.').lines).toEqual([]);
    });

    it('leaves doses dated after the visit to the plan', () => {
      expect(codes('Administration:\n- Ceftriaxone 1 g in NS 100 mL IV via pump: start 1300, stop 1330.\nReturn precautions reviewed. Day 2 and day 3: ceftriaxone 2 g IV on 3/11 and 3/12 at 1300.')).toEqual([['J0696', 4]]);
    });

    it('leaves an amount written just before the next drug to that drug', () => {
      expect(codes('Right knee injected with 40 mg triamcinolone and 3 mL lidocaine.')).toEqual([['J3301', 4]]);
      expect(codes('Right knee injected with triamcinolone 40 mg and lidocaine 3 mL.')).toEqual([['J3301', 4]]);
      // With the strength written, the volume of the drug itself is still its dose (Kenalog-40, 1 mL = 40 mg).
      expect(codes('Right knee injected with Kenalog-40 1 mL and 3 mL of 1% lidocaine.')).toEqual([['J3301', 4]]);
    });

    it('needs a dose, an injectable route or an injection word before coding a drug as given', () => {
      expect(codes('Supportive care: ibuprofen or acetaminophen weight-based dosing chart given, fluids.')).toEqual([]);
      expect(codes('Possibly NSAID gastritis given daily ibuprofen.')).toEqual([]);
      expect(codes('Ibuprofen 400 mg IV given over 30 minutes.')).toEqual([['J1741', 4]]);
    });

    it('bills no drug the patient supplied, and no nebulizer-solution code for inhaler puffs', () => {
      expect(codes("Albuterol HFA (patient's own inhaler) 8 puffs via spacer, administered by RN.")).toEqual([]);
      expect(codes('Albuterol 2.5 mg nebulized in clinic, brought from home.')).toEqual([]);
      expect(codes('Albuterol MDI 4 puffs given in clinic.')).toEqual([]);
      expect(nebCodes('Albuterol 2.5 mg via nebulizer given in clinic.')).toEqual([['J7613', 3]]);
      expect(run("Albuterol HFA (patient's own inhaler) 8 puffs, administered by RN.").excluded[0]).toMatchObject({ reason: 'not-billable' });
    });

    it('leaves out what goes with a procedure or is a lab: epinephrine in a local, irrigation saline, drug levels', () => {
      expect(codes('Anesthesia: 1% lidocaine with epinephrine, 1 mL, infiltrated.')).toEqual([]);
      expect(codes('Irrigated with 250 mL normal saline.')).toEqual([]);
      expect(codes('Procedure: simple repair. Irrigated 250 mL NS. Closed w/ 4 simple interrupted sutures.')).toEqual([]);
      expect(codes('Wound irrigation 500 mL sterile saline.')).toEqual([]);
      expect(codes('Venipuncture performed in the office: CBC and vitamin B12 level sent out.')).toEqual([]);
      expect(codes('Epinephrine 0.3 mg IM given for anaphylaxis.')).toHaveLength(1);
    });

    it('turns documented doses into units of the code’s amount', () => {
      expect(codes('Ceftriaxone 1 g IM given in right gluteus.')).toEqual([['J0696', 4]]);
      expect(codes('Kenalog 40 mg IM administered.')).toEqual([['J3301', 4]]);
      expect(codes('Dexamethasone 10 mg IM given.')).toEqual([['J1100', 10]]);
      expect(codes('Toradol 30 mg IM x1 in clinic.')).toEqual([['J1885', 2]]);
      expect(codes('Ondansetron 4 mg IV push given.')).toEqual([['J2405', 4]]);
      expect(codes('B12 1000 mcg IM administered.')).toEqual([['J3420', 1]]);
      expect(codes('Testosterone cypionate 200 mg IM given.')).toEqual([['J1071', 200]]);
      expect(codes('Depo-Provera 150 mg IM given today.')).toEqual([['J1050', 150]]);
      expect(codes('Promethazine 25 mg IM given.')).toEqual([['J2550', 1]]);
      expect(codes('Bicillin L-A 2.4 million units IM given.')).toEqual([['J0561', 24]]);
    });

    it('uses the code in force: Depo-Medrol 40 mg is J1030 × 1 before April 2024, J1010 × 40 after', () => {
      expect(codes('Depo-Medrol 40 mg IM given.', '05/10/2023')).toEqual([['J1030', 1]]);
      expect(codes('Depo-Medrol 40 mg IM given.')).toEqual([['J1010', 40]]);
      expect(codes('Depo-Medrol 80 mg IM given.', '05/10/2023')).toEqual([['J1040', 1]]);
    });

    it('computes a dose from volume and strength', () => {
      expect(codes('Kenalog-40, 1 mL injected IM in the deltoid.')).toEqual([['J3301', 4]]);
      expect(codes('Kenalog 40 mg/mL, 2 mL given IM.')).toEqual([['J3301', 8]]);
    });

    it('reads several drugs of one sentence, each with its own dose and route', () => {
      const r = run('Promethazine 25 mg IM and ondansetron 4 mg IV push given.');
      expect(r.lines.map((l) => [l.code, l.units])).toEqual([['J2550', 1], ['J2405', 4]]);
      expect(r.administrations.map((a) => a.route)).toEqual(['im', 'iv-push']);
    });

    it('does not code prescriptions, regimens, negated, planned or past doses', () => {
      expect(codes('Continue metformin 1000 mg twice daily.')).toEqual([]);
      const rx = run('Testosterone cypionate 200 mg IM every 2 weeks, self-injects at home.');
      expect(rx.lines).toEqual([]);
      expect(rx.excluded[0]).toMatchObject({ code: 'J1071', reason: 'not-billable' });
      expect(run('Patient declined Toradol injection.').excluded[0]).toMatchObject({ reason: 'negated' });
      expect(run('Will give ceftriaxone 1 g IM if culture positive.').excluded[0]).toMatchObject({ reason: 'hypothetical' });
      expect(run('Received ceftriaxone 1 g in the ED yesterday.').excluded[0]).toMatchObject({ reason: 'historical' });
      // "Continue …" then a cue of the next statement ("BMP drawn in clinic today"): the drug is not given here.
      expect(codes('Continue furosemide 20 mg and empagliflozin 10 mg. BMP drawn in clinic today (venipuncture).')).toEqual([]);
      // A dose put into a named joint was given.
      expect(codes('Consent obtained, site marked: 40 mg triamcinolone acetonide (Kenalog-40, 1 mL) with 4 mL 1% lidocaine into the left knee.')).toContainEqual(['J3301', 4]);
      // Advice after a procedure ("Post-procedure: ibuprofen 600 mg as needed") is no dose given.
      expect(codes('Post-procedure: Ibuprofen 600 mg as needed for cramping.')).toEqual([]);
      // A home dose before the visit ("last given 6 hours ago") is no office drug.
      expect(run('Ibuprofen last given 6 hours ago.').excluded[0]).toMatchObject({ reason: 'historical' });
      expect(codes('Ibuprofen last given 6 hours ago.')).toEqual([]);
      expect(run('Ibuprofen 800 mg PO given in clinic.').lines).toEqual([]);
    });

    it('sets aside local anaesthetics and diluents, but keeps the drug they go with', () => {
      const r = run('Ceftriaxone 1 g reconstituted with 2.1 mL 1% lidocaine given IM.');
      expect(r.lines.map((l) => l.code)).toEqual(['J0696']);
      expect(r.excluded.map((e) => e.code)).toEqual(['J2003']);
      const knee = run('Left knee injected with Kenalog 40 mg and 3 mL of 1% lidocaine.');
      expect(knee.lines.map((l) => [l.code, l.units])).toEqual([['J3301', 4]]);
      expect(knee.administrations[0]).toMatchObject({ route: 'joint', viaProcedure: true });
    });

    it('picks the least-waste size among codes of one product', () => {
      expect(codes('Normal saline 500 mL IV infused over 45 minutes.')).toEqual([['J7040', 1]]);
      expect(codes('Normal saline 1 L IV infused over 60 minutes.')).toEqual([['J7030', 1]]);
    });

    it('leaves units to the coder when the dose is missing, except for per-dose codes', () => {
      const r = run('Rocephin IM given in clinic.');
      expect(r.lines[0]).toMatchObject({ code: 'J0696' });
      expect(r.lines[0]!.units).toBeUndefined();
      expect(r.lines[0]!.warnings.join()).toMatch(/Dose not documented/);
      expect(nebCodes('DuoNeb given x1.')).toEqual([['J7620', 1]]);
    });

    it('keeps evidence spans with document offsets and a readable rule', () => {
      const doc = chartFromText('Date of Service: 03/10/2026\nCeftriaxone 1 g IM given.');
      const line = administeredDrugs(doc, catalog).lines[0]!;
      for (const e of line.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
      expect(line.rule).toMatch(/1000 mg ÷ 250 mg/);
    });

    it('merges one injection written twice', () => {
      expect(codes('PLAN:\nCeftriaxone 1 g IM given.\nPROCEDURE:\nCeftriaxone 1 g administered IM, right gluteus.')).toEqual([['J0696', 4]]);
    });
  });

  describe('routeOf', () => {
    it('reads explicit routes and joint injections', () => {
      const view = (s: string) => sentenceViews(chartFromText(s))[0]!;
      const v1 = view('Toradol 60 mg IM in the right gluteus.');
      expect(routeOf(v1, v1.sentence)).toBe('im');
      const v2 = view('The right knee was injected with Kenalog 40 mg.');
      expect(routeOf(v2, v2.sentence)).toBe('joint');
      const v3 = view('Albuterol 2.5 mg via nebulizer.');
      expect(routeOf(v3, v3.sentence)).toBe('inhalation');
    });
  });
});

describe('doses the patient took', () => {
  it('bills only the drug given when a prescription follows it "then"', () => {
    expect(codes('Plan: Ceftriaxone 1 g IM given in clinic by RN (left ventrogluteal), then doxycycline 100 mg BID x 7 days (Rx).')).toEqual([['J0696', 4]]);
  });

  it('bills nothing for a drug the patient took before the visit', () => {
    expect(codes('Took ibuprofen 400 mg x1 before coming in.')).toEqual([]);
    expect(codes('Ketorolac 30 mg IM given x1 in clinic.')).toEqual([['J1885', 2]]);
  });
});
