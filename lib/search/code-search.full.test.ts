import { beforeAll, describe, expect, it } from 'vitest';
import { judge, readQuerySet } from '../../eval/search';
import { fullCodesetAvailable, loadFullCodeset } from '../../test/search/load-full-codeset';
import { CodeSearch } from './index';

const available = fullCodesetAvailable();

// Over the real code sets (ICD-10-CM FY2026 + FY2021 tabular inclusion terms, HCPCS 2026, our CPT list); skipped without shared/codesets.
describe.skipIf(!available)('CodeSearch over the full code set', () => {
  let search: CodeSearch;
  beforeAll(async () => {
    const { records } = await loadFullCodeset();
    search = CodeSearch.fromSnapshot(CodeSearch.build(records).toSnapshot());
  }, 120_000);

  it('indexes every record, folding 7th-character variants into their parents', () => {
    const stats = search.stats();
    expect(stats.bySystem.icd10cm).toBe(98_186);
    expect(stats.bySystem.hcpcs).toBe(8_623);
    expect(stats.records).toBeGreaterThan(107_000);
    expect(stats.rows).toBeLessThan(60_000);
  });

  it.each([
    ['afib', 'icd10cm', 'I48.91'],
    ['copd', 'icd10cm', 'J44.9'],
    ['htn', 'icd10cm', 'I10'],
    ['ckd 3a', 'icd10cm', 'N18.31'],
    ['diab ty 2 hyperg', 'icd10cm', 'E11.65'],
    ['pnuemonia', 'icd10cm', 'J18.9'],
    ['hypertention', 'icd10cm', 'I10'],
    ['heart attack', 'icd10cm', 'I21.9'],
    ['pink eye', 'icd10cm', 'H10.9'],
    ['e11.6', 'icd10cm', 'E11.6'],
    ['S7200', 'icd10cm', 'S72.00'],
    ['blood draw', 'cpt', '36415'],
  ])('answers %s with %s %s first', (query, system, code) => {
    expect(search.search(query)[0]).toMatchObject({ system, code });
  });

  it('shows both J1100s and both G0439s, labelled by system', () => {
    for (const [query, icd] of [['J1100', 'J11.00'], ['G0439', 'G04.39']] as const) {
      const top = search.search(query).slice(0, 2).map((r) => `${r.system}:${r.code}`).sort();
      expect(top).toEqual([`hcpcs:${query}`, `icd10cm:${icd}`]);
    }
  });

  it('groups fracture codes under a 7th-character picker', () => {
    const results = search.search('fracture neck of right femur');
    expect(results.every((r) => r.code.replace('.', '').length < 7)).toBe(true);
    expect(results.find((r) => r.code === 'S72.001')?.sevenths?.map((s) => s.char)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S']);
  });

  it('hides terminated HCPCS codes today and shows them for a past date of service', () => {
    expect(search.search('adalimumab').map((r) => r.code)).not.toContain('J0135');
    expect(search.search('adalimumab', { dateOfService: '2024-06-01' }).map((r) => r.code)).toContain('J0135');
  });

  it('meets the accuracy targets on the development query set', () => {
    const cases = readQuerySet();
    let top1 = 0;
    let top5 = 0;
    for (const c of cases) {
      const verdict = judge(c, search.search(c.query, { ...c.options, limit: 5 }));
      top1 += Number(verdict.top1);
      top5 += Number(verdict.top5);
    }
    expect(top1 / cases.length).toBeGreaterThanOrEqual(0.8);
    expect(top5 / cases.length).toBeGreaterThanOrEqual(0.95);
  });

  it('answers well within the popup budget', () => {
    const queries = readQuerySet().map((c) => c.query);
    for (const q of queries) search.search(q);
    const times = queries.map((q) => {
      const t = performance.now();
      search.search(q);
      return performance.now() - t;
    });
    times.sort((a, b) => a - b);
    // Generous (shared CI machines); bench/search.ts measures the real figure.
    expect(times[Math.floor(times.length * 0.95)]).toBeLessThan(25);
  });
});
