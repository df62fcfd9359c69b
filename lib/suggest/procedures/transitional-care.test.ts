import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../../chart';
import { createSuggestionEngine } from '../index';
import type { SuggestionEngine } from '../suggest';
import { findTransitionalCare, transitionalCareCode } from './transitional-care';

/** Synthetic post-discharge visits; the engine runs on the full code files built before the unit tests. */
const visit = (lines: string) => `SYNTHETIC NOTE\nTransitional Care Visit\nDate of Service: 2026-05-18\nEstablished patient\n${lines}\n`;
const stay = 'Hospital stay: Lakeside Hospital 05/08-05/12/2026 (Tuesday), acute on chronic systolic heart failure.';
const contact = 'Interactive contact: phone call by RN on 05/13/2026.';
const body = 'Medication reconciliation\nFurosemide 40 mg daily - reduce to 20 mg daily given euvolemia and creatinine 1.7\nAssessment\nChronic systolic heart failure, compensated after recent exacerbation. BMP in 1 week.';

describe('transitional care facts', () => {
  it('reads the discharge date from the stay, the days to the visit, and a contact within two business days', () => {
    const tcm = findTransitionalCare(chartFromText(visit(`${stay}\n${contact}\n${body}`)), '2026-05-18')!;
    expect(tcm.daysSinceDischarge).toBe(6);
    expect(tcm.contact?.inTime).toBe(true);
  });

  it('reads a discharge date from a table row whose place has a period in its name', () => {
    const tcm = findTransitionalCare(chartFromText(visit('Hospital discharge (St. Aldric Regional)\t2026-06-08\nRN phone call: symptoms, meds, follow-up booked\t2026-06-09')), '2026-06-18')!;
    expect(tcm.daysSinceDischarge).toBe(10);
    expect(tcm.contact?.inTime).toBe(true);
  });

  it('counts business days: a Friday discharge with a Monday call is in time, a Wednesday call is not', () => {
    const friday = 'Admitted 2026-05-03 to 2026-05-08, discharged home.';
    expect(findTransitionalCare(chartFromText(visit(`${friday}\nInteractive contact: phone call on 2026-05-11.`)), '2026-05-14')!.contact?.inTime).toBe(true);
    expect(findTransitionalCare(chartFromText(visit(`${friday}\nInteractive contact: phone call on 2026-05-13.`)), '2026-05-14')!.contact?.inTime).toBe(false);
  });

  it('reads the MDM the chart states, before or after the words', () => {
    const stated = (line: string) => findTransitionalCare(chartFromText(visit(`${stay}\n${contact}\n${line}`)), '2026-05-18')!.statedMdm;
    expect(stated('Moderate-complexity medical decision making.')).toBe('moderate');
    expect(stated('Medical decision making: high complexity.')).toBe('high');
  });

  it('chooses 99496 only for high MDM within 7 days, 99495 for moderate within 14, none without the contact', () => {
    const base = { mention: { start: 0, end: 3, text: 'TCM' }, contact: { start: 0, end: 1, text: 'called', inTime: true } };
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 6 }, 'high').code).toBe('99496');
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 10 }, 'high').code).toBe('99495');
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 6 }, 'moderate').code).toBe('99495');
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 6 }, 'low').code).toBeUndefined();
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 20 }, 'high').code).toBeUndefined();
    expect(transitionalCareCode({ mention: base.mention, daysSinceDischarge: 6 }, 'high').code).toBeUndefined();
    expect(transitionalCareCode({ ...base, daysSinceDischarge: 6, statedMdm: 'high' }, 'moderate').code).toBe('99496');
  });
});

describe('a post-discharge visit in the engine', () => {
  let engine: SuggestionEngine;
  beforeAll(async () => {
    const { loadCatalog } = await import('../../../cli/bundles');
    engine = createSuggestionEngine(await loadCatalog());
  });
  const codes = (note: string) => engine.suggest(chartFromText(note), { dateOfService: '2026-05-18' }).procedures.map((p) => p.code);

  it('bills 99495 instead of an office E/M; a dose change in the medication reconciliation is drug management; "given euvolemia" gives no drug', () => {
    expect(codes(visit(`${stay}\n${contact}\n${body}`))).toEqual(['99495']);
  });

  it('keeps the office E/M, with the reason, when the contact is not documented', () => {
    const result = engine.suggest(chartFromText(visit(`${stay}\n${body}`)), { dateOfService: '2026-05-18' });
    const em = result.procedures.find((p) => /^992/.test(p.code));
    expect(em?.code).toBe('99214');
    expect(em?.warnings.join(' ')).toMatch(/not billed as transitional care: no interactive contact/);
  });
});
