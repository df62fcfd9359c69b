import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { deepFreeze, syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { CSV_COLUMNS, encountersToCsv } from './csv';

function readBack(csv: string): Record<string, string>[] {
  const result = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  expect(result.meta.fields).toEqual([...CSV_COLUMNS]);
  return result.data;
}

describe('encountersToCsv', () => {
  it('writes one row per service line with the encounter, its diagnoses and the line', () => {
    const e = syntheticEncounter({
      lines: [
        syntheticLine({ id: '1', code: '99214', modifiers: ['25'], charge: 180, pointers: [1, 2] }),
        syntheticLine({ id: '2', system: 'hcpcs', code: 'J3301', units: 4, charge: 40.5, pointers: [2], dateOfService: '2026-03-11' }),
      ],
    });
    const rows = readBack(encountersToCsv([e]));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      claimId: 'CC2026031001',
      encounterId: e.id,
      status: 'ready',
      patientFamily: 'Testperson',
      patientGiven: 'Avery',
      patientMiddle: 'Q',
      patientDob: '1961-07-04',
      patientSex: 'F',
      patientMrn: 'MRN000123',
      memberId: 'XQZ900112233',
      dateOfService: '2026-03-10',
      placeOfService: '11',
      renderingNpi: e.renderingProvider.npi,
      billingNpi: e.billingProvider.npi,
      payerName: 'Example Health Plan',
      payerId: '99999',
      dx1: 'E11.65',
      dx2: 'I10',
      dx3: '',
      dx12: '',
      lineId: '1',
      lineSystem: 'cpt',
      lineCode: '99214',
      modifier1: '25',
      modifier2: '',
      units: '1',
      charge: '180.00',
      pointers: 'AB',
    });
    expect(rows[1]).toMatchObject({ lineCode: 'J3301', lineSystem: 'hcpcs', units: '4', charge: '40.50', pointers: 'B', dateOfService: '2026-03-11', dx1: 'E11.65' });
  });

  it('round-trips quotes, commas, line breaks and accents through a CSV reader', () => {
    const tricky = ['Smith, "Jr."', 'line one\nline two', 'Zoë Ñúñez', ' padded ', 'a\r\nb'];
    const encounters = tricky.map((family, i) =>
      syntheticEncounter({ id: `e${i}`, claimId: `C${i}`, patient: { ...syntheticEncounter().patient, name: { family, given: `G,${i}` } }, payer: { name: `Payer "${i}", Inc.`, id: String(i) } }),
    );
    const rows = readBack(encountersToCsv(encounters));
    expect(rows).toHaveLength(tricky.length * 2);
    expect(rows.filter((_, i) => i % 2 === 0).map((r) => r.patientFamily)).toEqual(tricky);
    expect(rows.map((r) => r.patientGiven)).toEqual(tricky.flatMap((_, i) => [`G,${i}`, `G,${i}`]));
    expect(rows[2]!.payerName).toBe('Payer "1", Inc.');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const formulas = ['=HYPERLINK("http://example.test")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\r=1', '=1\n=2'];
    const encounters = formulas.map((family, i) => syntheticEncounter({ id: `f${i}`, claimId: `F${i}`, lines: [syntheticLine()], patient: { ...syntheticEncounter().patient, name: { family, given: 'Safe' } } }));
    const csv = encountersToCsv(encounters);
    const rows = readBack(csv);
    expect(rows.map((r) => r.patientFamily)).toEqual(formulas.map((f) => `'${f}`));
    // Cells that only contain such characters further in are left alone.
    expect(rows.every((r) => r.patientGiven === 'Safe')).toBe(true);
    // No raw cell in the file starts with a formula character.
    const cells = Papa.parse<string[]>(csv).data.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('keeps an encounter without lines as one row and more than 12 diagnoses in the last column', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ code: `A${String(i).padStart(2, '0')}.9` }));
    const rows = readBack(encountersToCsv([syntheticEncounter({ lines: [], diagnoses: many })]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lineCode: '', charge: '', pointers: '', dx1: 'A00.9', dx11: 'A10.9', dx12: 'A11.9 A12.9 A13.9' });
  });

  it('writes only the header for no encounters, and never changes its input', () => {
    expect(encountersToCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(encountersToCsv([syntheticEncounter()]).split('\r\n')).toHaveLength(4); // header, two lines, final break
    const encounters = [syntheticEncounter()];
    const before = JSON.stringify(encounters);
    encountersToCsv(deepFreeze(encounters));
    expect(JSON.stringify(encounters)).toBe(before);
  });
});
