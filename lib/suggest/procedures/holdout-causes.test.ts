import { describe, expect, it } from 'vitest';
import { hcpcsRecords, miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { CodeSetCatalog } from '../../codesets';
import { chartFromText } from '../../chart';
import { administeredDrugs } from './drugs';
import { defaultDrugNameRules } from './rules';
import { namedProcedures } from './named-procedures';
import { mentionStatus } from './status';
import { suggestProcedures } from './procedures';
import { headingViews, sentenceViews } from './text';
import { administeredVaccines } from './vaccines';
import type { VaccineOptions } from './vaccines';

// Causes found on held-out sets 4 and 5, each on our own synthetic sentences, with a case where it must not fire.
const catalog = miniCatalog();
const chart = (note: string, dob = '04/04/1960') => chartFromText(`Date of Service: 03/10/2026\nDOB: ${dob}\n${note}`);
const drugCodes = (note: string) => administeredDrugs(chart(note), catalog).lines.map((l) => [l.code, l.units]);
const procCodes = (note: string) => namedProcedures(chart(note), catalog).lines.map((l) => [l.code, l.units]);
const vaxCodes = (note: string, dob?: string, options: VaccineOptions = {}) => administeredVaccines(chart(note, dob), catalog, options).lines.map((l) => [l.code, l.units]);

describe('held-out 4/5 causes', () => {
  describe('drugs that were not given in the office', () => {
    it('reads "for now" as a time span and "dosing given" as advice, not a dose given', () => {
      expect(drugCodes('Keep ketorolac 10 mg BID for now; review next week.')).toEqual([]);
      expect(drugCodes('Otitis: amoxicillin 500 mg BID x 10 days; ketorolac weight-based dosing given.')).toEqual([]);
      // Must still fire: a dose given now.
      expect(drugCodes('Ketorolac 60 mg IM given now.')).toEqual([['J1885', 4]]);
    });

    it('takes no drug from a descriptor word like "full" ("full thickness", "full dose")', () => {
      const records = hcpcsRecords([['J2790', 'Injection, rho d immune globulin, human, full dose, 300 micrograms (1500 i.u.)', '1990-01-01'], ['J1885', 'Injection, ketorolac tromethamine, per 15 mg', '1993-01-01']]);
      const rhoCatalog = new CodeSetCatalog([{ formatVersion: 1, id: 'hcpcs@rho', system: 'hcpcs', version: 'rho', effectiveFrom: '2020-01-01', sources: [], builtAt: '2026-01-01T00:00:00Z', codes: records, counts: { codes: records.length } }]);
      const note = 'Excised full thickness to the fat after 4 mL of 1% lidocaine was injected.';
      expect(administeredDrugs(chart(note), rhoCatalog).lines).toEqual([]);
      // Without "full" among the words that never name a drug, the descriptor's only distinctive word would match.
      const loose = { ...defaultDrugNameRules, genericWords: defaultDrugNameRules.genericWords.filter((w) => w !== 'full') };
      expect(administeredDrugs(chart(note), rhoCatalog, { rules: loose }).lines.map((l) => l.code)).toEqual(['J2790']);
      // Must still fire: a drug the catalogue names.
      expect(administeredDrugs(chart('Ketorolac 60 mg IM given today.'), rhoCatalog).lines.map((l) => [l.code, l.units])).toEqual([['J1885', 4]]);
    });
  });

  describe('inline procedure headings', () => {
    it('counts a procedure named on a heading line of its own as done', () => {
      expect(procCodes('Exam: right knee effusion.\nProcedure - right knee arthrocentesis and injection:\nConsent obtained.')).toEqual([['20610', 1]]);
      // The line is a procedure heading of its own ("Procedure - …"): its heading view carries the mention.
      const doc = chart('Procedure - left shoulder injection:');
      const view = [...sentenceViews(doc), ...headingViews(doc)].find((v) => /shoulder/.test(v.sentence.text))!;
      const at = view.sentence.text.indexOf('injection');
      expect(mentionStatus(view, { start: view.start + at, end: view.start + at + 9 }, { policy: 'cue-or-section' }).done).toBe(true);
      // Must not fire: a planned procedure written as prose.
      expect(procCodes('Plan: consider right knee injection next visit if no better.')).toEqual([]);
    });
  });

  describe('straight catheterization, point-of-care INR and send-out A1c', () => {
    it('codes 51701 for a residual drained by straight catheter, and drops the residual as a bladder scan', () => {
      expect(procCodes('PVR checked by in-and-out straight catheterization: 350 mL drained.\nUrinary retention, PVR 350 mL.')).toEqual([['51701', 1]]);
      expect(procCodes('Bladder scan PVR 90 mL.')).toEqual([['51798', 1]]);
      // Must not fire: teaching self-catheterization.
      expect(procCodes('Taught clean intermittent self-catheterization; straight catheter supplies ordered.')).toEqual([]);
    });

    it('codes 85610 for a point-of-care INR and no fingerstick glucose for it', () => {
      expect(procCodes('Fingerstick POC INR today 2.4 (goal 2-3).')).toEqual([['85610', 1]]);
      // Must not fire: an INR from the lab, or a plan to recheck.
      expect(procCodes('INR from the lab last week 2.1. Recheck INR in 2 weeks.')).toEqual([]);
    });

    it('bills no A1c that was drawn in the office but sent out', () => {
      expect(procCodes('Labs drawn in office by venipuncture (lipid panel, A1c), sent to reference lab.').map((c) => c[0])).not.toContain('83036');
      expect(procCodes('POC A1c in office today: 7.1%.')).toEqual([['83036', 1]]);
    });
  });

  describe('nail debridement and callus paring with counts', () => {
    it('counts nails and paired lesions', () => {
      expect(procCodes('Procedures:\nDebridement of mycotic nails x6 with nipper and burr.')).toEqual([['11721', 1]]);
      expect(procCodes('Procedures:\nDebridement of mycotic nails x3.')).toEqual([['11720', 1]]);
      expect(procCodes('Procedures:\nParing of hyperkeratotic lesions x2 with #15 blade.')).toEqual([['11056', 1]]);
      expect(procCodes('Procedures:\nParing of calluses x5 with blade.')).toEqual([['11057', 1]]);
      // Must not fire: callus at a wound edge pared during the ulcer debridement, or paring done at home.
      expect(procCodes('Procedures:\nPeriwound callus pared.')).toEqual([]);
      expect(procCodes('Procedures:\nCallus paring at home with a pumice stone.')).toEqual([]);
    });
  });

  describe('vaccines', () => {
    it('names combined hepatitis A/B, typhoid Vi, Hib by carrier protein and pediatric hepatitis A', () => {
      expect(vaxCodes('Hepatitis A/hepatitis B combined vaccine, dose 1, 1 mL IM deltoid.\nTyphoid Vi polysaccharide 0.5 mL IM.')).toEqual([['90636', 1], ['90691', 1], ['90471', 1], ['90472', 1]]);
      expect(vaxCodes('Given today IM: Hib #4 (PRP-T), hepatitis A #1.', '01/01/2025')).toEqual([['90648', 1], ['90633', 1], ['90471', 1], ['90472', 1]]);
      // Must not fire: no vaccine on record.
      expect(vaxCodes('No hepatitis A or B vaccines on record; no prior typhoid vaccine.')).toEqual([]);
    });

    it('reads flu formulation and PCV20 and uses Medicare admin codes', () => {
      expect(vaxCodes('Influenza, high-dose, 0.5 mL IM L deltoid.\nPneumococcal 20-valent conjugate 0.5 mL IM R deltoid.', undefined, { payer: 'medicare' })).toEqual([['90662', 1], ['G0008', 1], ['90677', 1], ['G0009', 1]]);
      expect(vaxCodes('Influenza, trivalent inactivated, preservative-free single-dose syringe, 0.5 mL IM.')).toEqual([['90656', 1], ['90471', 1]]);
      // Must not fire: a flu vaccine due later.
      expect(vaxCodes('Influenza vaccine due in the fall; will return for it.')).toEqual([]);
    });

    it('finds vaccine counseling written as a run-in heading (90460/90461 under 19)', () => {
      const note = 'Immunizations\nVaccine counseling by me with mother: risks and benefits discussed, VIS provided.\nDTaP-IPV (Kinrix) 0.5 mL IM, R thigh.';
      expect(vaxCodes(note, '03/05/2021')).toEqual([['90696', 1], ['90460', 1], ['90461', 3]]);
      // Must not fire at 19 or older.
      expect(vaxCodes(note, '03/05/2000').map((c) => c[0])).toEqual(['90696', '90471']);
    });
  });
});

describe('plain films: a pelvis view inside a hip series', () => {
  const films = (body: string) => suggestProcedures(chartFromText(`Date of Service: 03/10/2026\nEstablished patient.\n${body}`), catalog).procedures.map((p) => p.code).filter((c) => /^7[0-9]{4}$/.test(c));
  it('codes the hip study only, and still a pelvis film on its own', () => {
    expect(films('Right hip X-ray today, 2 views (AP pelvis and frog-lateral right hip), my read: no fracture.')).toEqual(['73502']);
    // Must not drop a pelvis film taken without a hip study.
    expect(films('Pelvis X-ray AP today, my read: no fracture.')).toEqual(['72170']);
  });
});

describe('smoking cessation counseling by minutes', () => {
  it('reads counseling written as the benefits of quitting, with its minutes', () => {
    expect(procCodes('Tobacco: counseled face to face for 7 minutes on the benefits of quitting and NRT options.')).toEqual([['99406', 1]]);
    expect(procCodes('Tobacco: counseled face to face for 12 minutes on the benefits of quitting.')).toEqual([['99407', 1]]);
    // Must not fire: under 3 minutes, or no time written.
    expect(procCodes('Discussed benefits of quitting for 2 minutes.')).toEqual([]);
    expect(procCodes('Discussed benefits of quitting.')).toEqual([]);
  });
});
