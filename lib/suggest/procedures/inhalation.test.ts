import { describe, expect, it } from 'vitest';
import { hcpcsRecords } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { CodeSetCatalog } from '../../codesets';
import { administeredDrugs } from './drugs';

// Nebulizer solutions as CMS publishes them: single drugs per mg and the premixed pair per unit dose.
const records = hcpcsRecords([
  ['J7613', 'Albuterol, inhalation solution, fda-approved final product, non-compounded, administered through dme, unit dose, 1 mg', '2005-01-01'],
  ['J7644', 'Ipratropium bromide, inhalation solution, fda-approved final product, non-compounded, administered through dme, unit dose form, per milligram', '2003-01-01'],
  ['J7620', 'Albuterol, up to 2.5 mg and ipratropium bromide, up to 0.5 mg, fda-approved final product, non-compounded, administered through dme', '2006-01-01'],
]);
const catalog = new CodeSetCatalog([{ formatVersion: 1, id: 'hcpcs@neb', system: 'hcpcs', version: 'neb', effectiveFrom: '2020-01-01', sources: [], builtAt: '2026-01-01T00:00:00Z', codes: records, counts: { codes: records.length } }]);
const run = (line: string, bill = false) => administeredDrugs(chartFromText(`Date of Service: 03/10/2026\n${line}`), catalog, { billInhalationSolutions: bill });

describe('inhalation', () => {
  it('sets nebulizer solutions aside by default as DME supply codes, naming the code', () => {
    const r = run('Ipratropium 0.5 mg nebulized in clinic.');
    expect(r.lines).toEqual([]);
    const aside = r.excluded.filter((e) => e.code.startsWith('J76'));
    expect(aside.length).toBeGreaterThan(0);
    expect(aside.every((e) => e.reason === 'not-billable' && /DME supply/.test(e.explanation))).toBe(true);
  });

  it('codes two drugs nebulized together as their combination product, one unit dose', () => {
    const r = run('Neb treatment: ipratropium bromide 0.5 mg with albuterol 3 mg inhaled via nebulizer, given by RT.', true);
    expect(r.lines.map((l) => [l.code, l.units])).toEqual([['J7620', 1]]);
    expect(run('Ipratropium 0.5 mg plus albuterol 2.5 mg nebulized x1 in the office.').excluded.map((e) => e.code)).toContain('J7620');
  });

  it('keeps single-drug codes when the drugs were given in separate treatments', () => {
    const r = run('Albuterol 2.5 mg nebulized in clinic at 10:00.\nLater: ipratropium 0.5 mg nebulized in clinic.', true);
    expect(r.lines.map((l) => l.code).sort()).toEqual(['J7613', 'J7644']);
  });
});
