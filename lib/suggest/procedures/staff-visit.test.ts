import { describe, expect, it } from 'vitest';
import { chartFromText } from '../../chart';
import { staffVisit } from './staff-visit';

const chart = (provider: string, body = 'INR 2.6, in range. Continue warfarin 5 mg daily.') => chartFromText(`SYNTHETIC NOTE\nName: Test Patient\nDOB: 1950-01-01\nProvider: ${provider}\nDate of Service: 2026-03-02\nEstablished patient\n${body}\n`);

describe('staffVisit', () => {
  it('reads a nurse or pharmacist as the rendering clinician on the provider line', () => {
    expect(staffVisit(chart('Carla Juarez, RN (Anticoagulation Clinic) under supervision of Martin Feld, MD'))).toBeDefined();
    expect(staffVisit(chart('Kevin Marchetti, PharmD, CACP, under supervision of Ruth Oyelaran, MD'))).toBeDefined();
    expect(staffVisit(chart('Samuel Achterberg, MD (supervising); visit by Joan Whitfield, RN, Anticoagulation Clinic'))).toBeDefined();
  });
  it('reads a physician visit, or one the physician also saw, as no staff visit', () => {
    expect(staffVisit(chart('Martin Feld, MD, Internal Medicine'))).toBeUndefined();
    expect(staffVisit(chart('Jane Doe, MD, Springfield, MA'))).toBeUndefined();
    expect(staffVisit(chart('Carla Juarez, RN', 'INR 4.8. Also seen by Dr. Feld, who examined the patient for bruising.'))).toBeUndefined();
  });
  it('reads a nurse visit planned for later as no staff visit today, and a nurse visit heading as one', () => {
    expect(staffVisit(chart('Priya Raman, MD (Pediatrics)', 'A/P: 1. Acute otitis media. 2. Flu vaccine deferred today because of febrile illness; nurse visit for vaccine once well.'))).toBeUndefined();
    expect(staffVisit(chart('Priya Raman, MD (Pediatrics)', 'NURSE VISIT - B12 injection\nCyanocobalamin 1000 mcg IM given.'))).toBeDefined();
  });
});
