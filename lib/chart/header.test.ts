import { describe, expect, it } from 'vitest';
import { extractPatientHeader, parseDate, parseDateBefore } from './header';

describe('extractPatientHeader', () => {
  it('reads "Label: value" lines', () => {
    const h = extractPatientHeader('Patient Name: Doe, Jane\nDOB: 02/29/1984  Sex: F\nMRN: A-123\nDOS: 2024-03-01\nAttending: Dr. Who\nEstablished patient');
    expect(h).toMatchObject({
      name: 'Doe, Jane',
      dob: '02/29/1984',
      dobIso: '1984-02-29',
      sex: 'female',
      mrn: 'A-123',
      dateOfService: '2024-03-01',
      dateOfServiceIso: '2024-03-01',
      provider: 'Dr. Who',
      patientStatus: 'established',
    });
    const dob = h.fields.find((f) => f.field === 'dob')!;
    expect(dob.label).toBe('DOB');
  });

  it('reads a date label a dictation writes without its colon, when a numeric date follows', () => {
    const h = extractPatientHeader('Patient Hana Reid. DOB 2021-08-08. Sex female.\nDate of service 2026-06-16. Provider Samuel Adeyemi MD.');
    expect(h).toMatchObject({ dobIso: '2021-08-08', dateOfServiceIso: '2026-06-16' });
    // Prose that names a date label with no date after it is not a field.
    expect(extractPatientHeader('The date of service was moved to next week.').dateOfServiceIso).toBeUndefined();
  });

  it('gives value offsets into the text', () => {
    const text = 'Intro\nDate of Birth: January 5, 1970\n';
    const field = extractPatientHeader(text).fields.find((f) => f.field === 'dob')!;
    expect(text.slice(field.start, field.end)).toBe('January 5, 1970');
  });

  it('reads C-CDA rendered headers (label cell, labels inside the value cell)', () => {
    const h = extractPatientHeader(
      'Patient\tLegal: Ann  ROE Date of Birth: May 1, 1970 (47yr) Gender: Female Patient-ID: 998 (2.16.840)\n' +
        'Documentation Of\tCare provision, Date/Time: June 22, 2015 10AM, Performer: Ben CASE MD, Authored On: June 23, 2015',
    );
    expect(h).toMatchObject({ name: 'Ann ROE', dobIso: '1970-05-01', sex: 'female', mrn: '998 (2.16.840)', dateOfServiceIso: '2015-06-22', provider: 'Ben CASE MD' });
  });

  it('reads label/value table rows but not a table header row', () => {
    expect(extractPatientHeader('DOB\t01/02/1990\tSex\tM').sex).toBe('male');
    expect(extractPatientHeader('Name\tDose\tRoute\nAspirin\t81 mg\tPO').name).toBeUndefined();
  });

  it('ignores labels glued into other words or in the middle of prose', () => {
    expect(extractPatientHeader('Medication Name: aspirin').name).toBeUndefined();
    expect(extractPatientHeader('He said the provider: was late').provider).toBeUndefined();
  });

  it('prefers the label listed first in the rules', () => {
    expect(extractPatientHeader('Date/Time: 01/01/2020\nDate of Service: 02/02/2020').dateOfServiceIso).toBe('2020-02-02');
  });

  it('finds new vs established from a free phrase', () => {
    expect(extractPatientHeader('NEW PATIENT VISIT').patientStatus).toBe('new');
    expect(extractPatientHeader('nothing here').patientStatus).toBeUndefined();
  });
});

describe('parseDate', () => {
  it('reads common written dates', () => {
    expect(parseDate('2024-01-09')).toBe('2024-01-09');
    expect(parseDate('1/9/24')).toBe('2024-01-09');
    expect(parseDate('01-09-1950')).toBe('1950-01-09');
    expect(parseDate('20150622')).toBe('2015-06-22');
    expect(parseDate('Sept. 3, 2001')).toBe('2001-09-03');
    expect(parseDate('3 March 2001')).toBe('2001-03-03');
    expect(parseDate('from July 24, 2017, 10:31AM to')).toBe('2017-07-24');
  });

  it('rejects impossible dates and words', () => {
    expect(parseDate('02/30/2020')).toBeUndefined();
    expect(parseDate('13/01/2020')).toBeUndefined();
    expect(parseDate('yesterday')).toBeUndefined();
  });
});

describe('parseDateBefore', () => {
  it('reads a day without its year as the latest one on or before the date of service', () => {
    expect(parseDateBefore('March 2nd', '2026-03-30')).toBe('2026-03-02');
    expect(parseDateBefore('Mar 31', '2026-03-30')).toBe('2025-03-31');
    expect(parseDateBefore('12/30', '2026-01-05')).toBe('2025-12-30');
    expect(parseDateBefore('3/30', '2026-03-30')).toBe('2026-03-30');
    expect(parseDateBefore('2024-01-09', '2026-03-30')).toBe('2024-01-09');
    expect(parseDateBefore('Someday 4', '2026-03-30')).toBeUndefined();
    expect(parseDateBefore('2/30', '2026-03-30')).toBeUndefined();
  });
});

describe('bar-separated header lines', () => {
  it('reads labels without colons between bars, each value ending at its bar', () => {
    const h = extractPatientHeader('Annual well-woman exam | DOS 04/28/2026 | Established patient | Provider: Rebecca Thornbury, CNM\nPatient: Sofia N. Castellano-Reyes | DOB 11/19/1996 | F | MRN SYN-961663\n');
    expect(h.dateOfServiceIso).toBe('2026-04-28');
    expect(h.dobIso).toBe('1996-11-19');
    expect(h.name).toBe('Sofia N. Castellano-Reyes');
    expect(h.mrn).toBe('SYN-961663');
    expect(h.provider).toBe('Rebecca Thornbury, CNM');
  });
  it('does not read a word that merely starts a field as a label', () => {
    const h = extractPatientHeader('Assessment | Patient doing well | Plan unchanged\n');
    expect(h.name).toBeUndefined();
  });
});

describe('header tables laid out by column', () => {
  it('reads a row of labels over a row of values', () => {
    const h = extractPatientHeader('Name\tDOB\tSex\tMRN\tDate of service\tProvider\tStatus\nBeatrice Lindgren\t02/08/1952\tF\tSYN-961771\t09/22/2026\tDana Whitcombe, MD\tEstablished\n');
    expect(h.name).toBe('Beatrice Lindgren');
    expect(h.dobIso).toBe('1952-02-08');
    expect(h.mrn).toBe('SYN-961771');
    expect(h.dateOfServiceIso).toBe('2026-09-22');
  });
  it('does not read a medication table as a header', () => {
    const h = extractPatientHeader('Name\tDose\tRoute\tFrequency\nLisinopril\t10 mg\tPO\tdaily\n');
    expect(h.name).toBeUndefined();
  });
});
