import { describe, expect, it } from 'vitest';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { BUNDLE_FORMAT_VERSION, type CodeRecord, type CodeSetBundle, type CodeSystem } from './types';
import { flagAffected, whatChanged } from './what-changed';

function bundle(system: CodeSystem, version: string, effectiveFrom: string, codes: Partial<CodeRecord>[], changes?: CodeSetBundle['changes']): CodeSetBundle {
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    id: `${system}@${version}`,
    system,
    version,
    effectiveFrom,
    sources: [],
    builtAt: '2026-01-01T00:00:00Z',
    codes: codes.map((c) => ({ system, billable: true, title: `title ${c.code}`, ...c }) as CodeRecord),
    counts: {},
    ...(changes ? { changes } : {}),
  };
}

// Synthetic mini releases: D89.83 is split into two new children, E11.9 is retitled, X99.1 is deleted and
// X99.3 added beside it.
const FY25 = bundle('icd10cm', 'FY2025', '2024-10-01', [
  { code: 'D89.8', billable: false },
  { code: 'D89.83', parent: 'D89.8' },
  { code: 'E11.9', title: 'Type 2 diabetes without complications' },
  { code: 'X99', billable: false },
  { code: 'X99.1', parent: 'X99' },
  { code: 'X99.2', parent: 'X99' },
]);
const FY26Codes: Partial<CodeRecord>[] = [
  { code: 'D89.8', billable: false },
  { code: 'D89.83', parent: 'D89.8', billable: false },
  { code: 'D89.831', parent: 'D89.83' },
  { code: 'D89.839', parent: 'D89.83' },
  { code: 'E11.9', title: 'Type 2 diabetes mellitus without complications' },
  { code: 'X99', billable: false },
  { code: 'X99.2', parent: 'X99' },
  { code: 'X99.3', parent: 'X99' },
];

describe('whatChanged', () => {
  it('compares the code lists when there are no addenda: added, deleted, revised title or billable flag', () => {
    const c = whatChanged(FY25, bundle('icd10cm', 'FY2026', '2025-10-01', FY26Codes));
    expect(c.source).toBe('compared');
    expect(c.added.map((a) => a.code)).toEqual(['D89.831', 'D89.839', 'X99.3']);
    expect(c.deleted.map((a) => a.code)).toEqual(['X99.1']);
    expect(c.revised.map((a) => [a.code, a.before, a.after])).toEqual([
      ['D89.83', { title: 'title D89.83', billable: true }, { title: 'title D89.83', billable: false }],
      ['E11.9', { title: 'Type 2 diabetes without complications', billable: true }, { title: 'Type 2 diabetes mellitus without complications', billable: true }],
    ]);
    expect(c.replacements).toEqual({ 'X99.1': ['X99.3'] });
    expect(c).toMatchObject({ fromVersion: 'FY2025', toVersion: 'FY2026', effectiveFrom: '2025-10-01' });
  });

  it('uses the official addenda when the newer bundle has them for this release, with children as replacements', () => {
    const next = bundle('icd10cm', 'FY2026', '2025-10-01', FY26Codes, { fromVersion: 'FY2025', added: ['D89.831', 'D89.839'], deleted: ['D89.83'], revised: [] });
    const c = whatChanged(FY25, next);
    expect(c.source).toBe('addenda');
    expect(c.deleted).toEqual([{ code: 'D89.83', kind: 'deleted', before: { title: 'title D89.83', billable: true }, after: { title: 'title D89.83', billable: false } }]);
    expect(c.replacements).toEqual({ 'D89.83': ['D89.831', 'D89.839'] });
    // Addenda for another release are not trusted: the lists are compared instead.
    expect(whatChanged(bundle('icd10cm', 'FY2024', '2023-10-01', []), next).source).toBe('compared');
  });

  it('counts a HCPCS code newly given a termination date as deleted', () => {
    const jan = bundle('hcpcs', '2026-01', '2026-01-01', [{ code: 'G0001' }, { code: 'J1100' }]);
    const apr = bundle('hcpcs', '2026-04', '2026-04-01', [{ code: 'G0001', terminatedOn: '2026-03-31' }, { code: 'J1100' }, { code: 'G0002' }]);
    const c = whatChanged(jan, apr);
    expect(c.deleted.map((d) => [d.code, d.after?.terminatedOn])).toEqual([['G0001', '2026-03-31']]);
    expect(c.added.map((d) => d.code)).toEqual(['G0002']);
    expect(c.replacements).toEqual({});
  });

  it('refuses to compare two systems', () => {
    expect(() => whatChanged(FY25, bundle('hcpcs', 'x', '2026-01-01', []))).toThrow(/different code systems/);
  });
});

describe('flagAffected', () => {
  const icd = whatChanged(FY25, bundle('icd10cm', 'FY2026', '2025-10-01', FY26Codes));
  const hcpcs = whatChanged(bundle('hcpcs', '2026-01', '2026-01-01', [{ code: 'G0001' }]), bundle('hcpcs', '2026-04', '2026-04-01', [{ code: 'G0001', terminatedOn: '2026-03-31' }]));

  it('flags favourites, recents and encounters on or after the date that use deleted or revised codes', () => {
    const report = flagAffected({
      changes: [icd, hcpcs],
      effectiveFrom: '2025-10-01',
      favourites: [{ system: 'icd10cm', code: 'X99.1', title: 'old' }, { system: 'icd10cm', code: 'X99.2' }],
      recents: [{ system: 'icd10cm', code: 'E119' }, { system: 'hcpcs', code: 'g0001' }],
      encounters: [
        syntheticEncounter({ id: 'new', dateOfService: '2025-10-02', diagnoses: [{ code: 'I10' }, { code: 'X99.1' }], lines: [syntheticLine({ code: 'G0001', system: 'hcpcs' })] }),
        syntheticEncounter({ id: 'old', dateOfService: '2025-09-30', diagnoses: [{ code: 'X99.1' }] }),
        syntheticEncounter({ id: 'clean', dateOfService: '2025-11-01', diagnoses: [{ code: 'I10' }] }),
      ],
    });
    expect(report.favourites).toEqual([expect.objectContaining({ code: 'X99.1', change: 'deleted', replacements: ['X99.3'], saved: { system: 'icd10cm', code: 'X99.1', title: 'old' } })]);
    expect(report.recents.map((r) => [r.system, r.code, r.change])).toEqual([['icd10cm', 'E11.9', 'revised'], ['hcpcs', 'G0001', 'deleted']]);
    expect(report.encounters).toEqual([
      { encounterId: 'new', claimId: 'CC2026031001', dateOfService: '2025-10-02', status: 'ready', codes: [expect.objectContaining({ field: 'diagnoses[1]', code: 'X99.1', replacements: ['X99.3'] }), expect.objectContaining({ field: 'lines[0]', code: 'G0001', change: 'deleted' })] },
    ]);
  });
});
