import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { suggestProcedures } from './procedures';
import { findTelehealthVisit } from './telehealth';

const catalog = miniCatalog();
const header = (status: string, payer = 'Payer: commercial') => `SYNTHETIC NOTE\nName: Test Patient\nDOB: 1980-01-01\nDate of Service: 2026-05-12\n${status}\n${payer}\n`;
const visitCodes = (note: string, status = 'Established patient', payer?: string) =>
  suggestProcedures(chartFromText(header(status, payer) + note), catalog)
    .procedures.filter((p) => /^9[89]/.test(p.code))
    .map((p) => p.code);

const CYSTITIS = 'HPI: dysuria for 2 days, no fever or flank pain.\nASSESSMENT: Acute cystitis without hematuria.\nPLAN: Nitrofurantoin 100 mg BID x 5 days, Rx sent.\n';

describe('telehealth visits', () => {
  it('codes a real-time audio-video visit in the 98000–98007 family at the office level', () => {
    expect(visitCodes(`Modality: real-time audio and video, patient at home.\n${CYSTITIS}Total time on the date of service: 22 minutes.\n`)).toEqual(['98005']);
    expect(visitCodes(`TELEHEALTH VIDEO VISIT\n${CYSTITIS}Total time on the date of service: 50 minutes.\n`, 'New patient')).toEqual(['98002']);
  });

  it('codes an audio-only visit in the 98008–98015 family, even when the note says video was declined', () => {
    expect(visitCodes(`TELEPHONE ENCOUNTER (AUDIO-ONLY)\nPatient declined video.\n${CYSTITIS}Total time on the date of service: 22 minutes.\n`)).toEqual(['98013']);
  });

  it('codes a brief virtual check-in with an established patient as 98016', () => {
    expect(visitCodes(`BRIEF VIRTUAL CHECK-IN (patient-initiated phone call)\n${CYSTITIS}Time: 7 minutes of medical discussion.\n`)).toEqual(['98016']);
  });

  it('keeps the office code for Medicare (modifier 95/93) and for an office visit that plans a later call', () => {
    const medicare = visitCodes(`Modality: real-time audio and video.\n${CYSTITIS}Total time on the date of service: 22 minutes.\n`, 'Established patient', 'Insurance: Medicare Part B');
    expect(medicare).toEqual(['99213']);
    expect(visitCodes(`${CYSTITIS.replace('Rx sent.', 'Rx sent. Nurse phone check in 48 hours.')}Total time on the date of service: 22 minutes.\n`)).toEqual(['99213']);
  });

  it('reads how this visit was held, not a modality planned for a later one', () => {
    const doc = (text: string) => chartFromText(header('Established patient') + text);
    expect(findTelehealthVisit(doc('HPI: seen in clinic.\nVideo follow-up in 3 weeks.\n'))).toBeUndefined();
    expect(findTelehealthVisit(doc('Visit modality: synchronous audio-video; consent on file.\n'))?.modality).toBe('video');
  });
});
