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

    it('codes no vaccine that was only offered for later, even "today"', () => {
      expect(codes('Offered flu vaccine today once well; mother will return for it.', {}, '01/05/2021')).toEqual([]);
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
      expect(codes('FluMist given intranasally. MMR given IM.', {}, '01/01/2019')).toEqual([['90672', 1], ['90707', 1], ['90471', 1], ['90474', 1]]);
    });

    it('sets aside declined, due, past and elsewhere vaccines', () => {
      const reasons = (note: string) => run(note).excluded.map((e) => e.reason);
      expect(reasons('Patient declined flu vaccine.')).toEqual(['negated']);
      expect(reasons('Due for Tdap; will return for it next visit.')).toEqual(['hypothetical']);
      expect(reasons('Flu shot up to date, received at pharmacy in October.')).toEqual(['historical']);
      expect(codes('Herpes zoster rash on the left flank.')).toEqual([]);
    });

    it('does not read a handout "given" in a section title as the vaccines of the section given', () => {
      expect(codes('PERSONALIZED PREVENTION PLAN (written copy given):\n4. Shingrix series - check pharmacy record.')).toEqual([]);
      expect(codes('VACCINES GIVEN:\nShingrix.')).toEqual([['90750', 1], ['90471', 1]]);
    });

    it('reads a dose named with "to be given" or "will be given" after it as still to come', () => {
      expect(codes('Shingrix dose 2 to be given 1-2 months after the rash clears.')).toEqual([]);
      expect(codes('Hepatitis B vaccine dose 3 will be given at the next visit.')).toEqual([]);
      expect(codes('Shingrix dose 2 to left deltoid, tolerated well.')).toEqual([['90750', 1], ['90471', 1]]);
    });

    it('uses 90460 per vaccine and 90461 per further component for children with counseling', () => {
      expect(codes('Parent counseled on vaccine risks and benefits.\nMMR given IM today.', {}, '01/01/2024')).toEqual([['90707', 1], ['90460', 1], ['90461', 2]]);
      expect(codes('Counseled by me on each vaccine; VIS given.\nTdap (Boostrix) 0.5 mL IM given. MenACWY (Menveo) 0.5 mL IM given.', {}, '05/05/2013')).toEqual([['90715', 1], ['90734', 1], ['90460', 2], ['90461', 2]]);
      // No counseling documented, or an adult: 90471/90472.
      expect(codes('MMR given IM today.', {}, '01/01/2024')).toEqual([['90707', 1], ['90471', 1]]);
      // Counseling the note says did not happen is none.
      expect(codes('VIS given; no physician counseling requested or provided today.\nMMR given IM today.', {}, '01/01/2024')).toEqual([['90707', 1], ['90471', 1]]);
      expect(codes('Vaccine counseling declined by parent; VIS given.\nMMR given IM today.', {}, '01/01/2024')).toEqual([['90707', 1], ['90471', 1]]);
    });

    it('counts a generic name and the named product of one family once', () => {
      expect(codes('Tdap (Adacel) 0.5 mL IM given.\nTetanus booster due - Tdap given.')).toEqual([['90715', 1], ['90471', 1]]);
      // The components of a combination vaccine, listed, are that vaccine, not a second one.
      expect(codes('Tdap (Boostrix) 0.5 mL IM R deltoid, given today.\nI counseled the patient on the vaccine and each of its components (tetanus, diphtheria, pertussis); VIS provided.')).toEqual([['90715', 1], ['90471', 1]]);
    });

    it('reads the trivalent preservative-free flu vaccine, and "preservative-free" is not a negation', () => {
      expect(codes('Influenza vaccine, trivalent, preservative-free 0.5 mL (IIV3) IM right deltoid.')).toEqual([['90656', 1], ['90471', 1]]);
    });

    it('does not take a dose number followed by "due" as given, nor a vaccine given in a past year', () => {
      expect(codes('Shingrix: dose 1 due - to get at pharmacy.')).toEqual([]);
      expect(codes('PCV20 given 2024. Fluzone High-Dose 0.5 mL IM administered today.', { payer: 'medicare' })).toEqual([['90662', 1], ['G0008', 1]]);
    });

    it('codes the influenza product by the formulation written', () => {
      expect(codes('Influenza vaccine, quadrivalent, preservative-free 0.5 mL IM given today.')).toEqual([['90686', 1], ['90471', 1]]);
      expect(codes('Flu vaccine (IIV4, multi-dose vial) 0.5 mL IM administered.')).toEqual([['90688', 1], ['90471', 1]]);
      // Trivalent from a multi-dose vial has no code of its own here: no quadrivalent code is guessed.
      expect(codes('Flu vaccine trivalent from multi-dose vial given IM.')).toEqual([['90471', 1]]);
      expect(codes('Flucelvax 0.5 mL IM given today.')).toEqual([['90674', 1], ['90471', 1]]);
      expect(codes('Flublok given IM left deltoid.')).toEqual([['90682', 1], ['90471', 1]]);
      expect(codes('FluMist given intranasally today.', {}, '02/02/2016')).toEqual([['90672', 1], ['90473', 1]]);
      // "Quadrivalent" alone names no vaccine (it is also a meningococcal or HPV word).
      expect(codes('Quadrivalent product in stock.')).toEqual([]);
    });

    it('codes the COVID-19 product by maker and age, with 90480', () => {
      expect(codes('Moderna COVID-19 vaccine 0.5 mL IM given today.')).toEqual([['91322', 1], ['90480', 1]]);
      expect(codes('Pfizer COVID vaccine 0.3 mL IM administered today.')).toEqual([['91320', 1], ['90480', 1]]);
      expect(codes('Pfizer COVID vaccine given IM today.', {}, '06/06/2018')).toEqual([['91319', 1], ['90480', 1]]);
      expect(codes('COVID vaccine given today.')).toEqual([['90480', 1]]);
      // The maker's name alone is no vaccine.
      expect(codes('Pfizer representative visited today.')).toEqual([]);
    });

    it('codes generic hepatitis, MenACWY, HPV, zoster and travel vaccine names', () => {
      expect(codes('Hep A vaccine given today IM.')).toEqual([['90632', 1], ['90471', 1]]);
      expect(codes('Hepatitis B vaccine #1 given IM today.', {}, '01/01/2012')).toEqual([['90744', 1], ['90471', 1]]);
      expect(codes('Zoster recombinant vaccine dose 1 given.')).toEqual([['90750', 1], ['90471', 1]]);
      expect(codes('Yellow fever vaccine given today IM for travel.')).toEqual([['90717', 1], ['90471', 1]]);
      expect(codes('Physician counseled on each vaccine; VIS given.\nMenACWY given IM. HPV #1 given IM.', {}, '05/05/2014')).toEqual([['90734', 1], ['90651', 1], ['90460', 2]]);
      expect(codes('MenQuadfi given IM today.', {}, '05/05/2014')).toEqual([['90619', 1], ['90471', 1]]);
    });
  });
});

describe('vaccine wordings seen on 2025-26 charts', () => {
  it('reads "MMR-varicella combination (ProQuad)" as the MMRV product only', () => {
    expect(codes('MMR-varicella combination (ProQuad), 0.5 mL subcut right arm, given today.', {}, '01/02/2022').map(([c]) => c)).toEqual(['90710', '90471']);
  });
  it('reads a preservative-free single-dose flu vaccine with no valency as trivalent (90656) from age 3', () => {
    expect(codes('Influenza, 2025-26 formula, preservative-free 0.5 mL prefilled syringe, IM right deltoid, given today.', {}, '01/02/2022').map(([c]) => c)).toContain('90656');
    expect(codes('Influenza quadrivalent preservative-free 0.5 mL IM given today.', {}, '01/02/2022').map(([c]) => c)).toContain('90686');
  });
});

describe('vaccines of held-out sets 113 and 115 (after their first score)', () => {
  it('codes a 0.5 mL preservative-free trivalent dose as 90656 at any age from 6 months, and Fluarix as that dose', () => {
    expect(codes('Influenza IIV3 0.5 mL IM L thigh given.', {}, '05/01/2025')).toEqual([['90656', 1], ['90471', 1]]);
    expect(codes('Influenza vaccine given today - Fluarix trivalent 0.5 mL IM, left deltoid.')).toEqual([['90656', 1], ['90471', 1]]);
  });

  it('reads "PO" and "subcut" as the route of a dose given', () => {
    expect(codes('RotaTeq 2 mL PO.', {}, '01/05/2026')).toEqual([['90680', 1], ['90473', 1]]);
    expect(codes('MMRV (ProQuad) 0.5 mL subcut R arm.', {}, '01/05/2022')).toEqual([['90710', 1], ['90471', 1]]);
  });

  it('reads counseling on each vaccine and its components, or counseling beside a named vaccine, as vaccine counseling', () => {
    expect(codes('I discussed each vaccine and its components with mother, answered questions, VIS provided.\nDTaP-IPV (Kinrix) 0.5 mL IM L deltoid.', {}, '01/05/2022')).toEqual([['90696', 1], ['90460', 1], ['90461', 3]]);
    expect(codes('Immunization: I counseled patient and father; influenza IIV3 0.5 mL IM L deltoid given.', {}, '01/05/2013')).toEqual([['90656', 1], ['90460', 1]]);
  });
  it('reads doses a registry already lists as complete as the patient\'s history', () => {
    expect(codes('Tdap (age 11), MenACWY dose 1 (age 11), and HPV x2 already complete per registry.', {}, '01/05/2009')).toEqual([]);
    expect(codes('MenACWY dose 2 0.5 mL IM L deltoid given today; HPV series already complete.', {}, '01/05/2009')).toEqual([['90734', 1], ['90471', 1]]);
  });
});
