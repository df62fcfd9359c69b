import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { excludes1 } from './excludes1';

describe('icd-excludes1-pair', () => {
  it('passes diagnoses that no Excludes1 note pairs', async () => {
    expect(await runRule(excludes1, claimCheckEncounter({ diagnoses: [{ code: 'E11.65' }, { code: 'I10' }, { code: 'G30.9' }] }))).toEqual([]);
  });

  it('warns once about a pair excluded by a note inherited from the category', async () => {
    const results = await runRule(excludes1, claimCheckEncounter({ diagnoses: [{ code: 'E11.65' }, { code: 'E10.9' }] }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ rule: 'icd-excludes1-pair', severity: 'warning', codes: ['E11.65', 'E10.9'] });
    expect(results[0]!.message).toMatch(/note at E11 excludes "type 1 diabetes mellitus \(E10.-\)"/);
    expect(results[0]!.source).toMatch(/Tabular List FY2026 Excludes1 note at E11; Official Guidelines Section I.A.12.a/);
  });

  it('matches codes inside a range of categories', async () => {
    const [r] = await runRule(excludes1, claimCheckEncounter({ diagnoses: [{ code: 'I10' }, { code: 'O13.1' }] }));
    expect(r).toMatchObject({ severity: 'warning', codes: ['I10', 'O13.1'] });
    expect(r!.message).toMatch(/\(O10-O11, O13-O16\)/);
  });
});
