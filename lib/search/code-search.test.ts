import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_RECORDS } from '../../test/search/fixture-records';
import { CodeSearch, SNAPSHOT_FORMAT_VERSION, SnapshotFormatError, type CodeSearchResult } from './index';

const codes = (results: CodeSearchResult[]) => results.map((r) => r.code);
const first = (results: CodeSearchResult[]) => results[0]?.code;

describe('CodeSearch', () => {
  let search: CodeSearch;
  beforeAll(() => {
    search = CodeSearch.build(FIXTURE_RECORDS);
  });

  describe('search: codes', () => {
    it('finds a code written with or without the dot, in any case', () => {
      expect(first(search.search('E11.65'))).toBe('E11.65');
      expect(first(search.search('e1165'))).toBe('E11.65');
      expect(search.search('E1165')[0]).toMatchObject({ system: 'icd10cm', code: 'E11.65', billable: true, matchedOn: 'code' });
    });

    it('browses a partial code: the code itself, then what is under it in code order', () => {
      expect(codes(search.search('e11.6'))).toEqual(['E11.6', 'E11.64', 'E11.649', 'E11.65']);
      expect(codes(search.search('E116')).slice(0, 2)).toEqual(['E11.6', 'E11.64']);
    });

    it('lists a code string that exists in two systems once per system, both first', () => {
      const results = search.search('J1100');
      expect(results.slice(0, 2).map((r) => `${r.system}:${r.code}`).sort()).toEqual(['hcpcs:J1100', 'icd10cm:J11.00']);
      expect(results[0]!.score).toBe(results[1]!.score);
      const g = search.search('G0439');
      expect(g.slice(0, 2).map((r) => `${r.system}:${r.code}`).sort()).toEqual(['hcpcs:G0439', 'icd10cm:G04.39']);
    });

    it('reads a dotted code as ICD-10-CM only', () => {
      expect(search.search('J11.00').map((r) => r.system)).not.toContain('hcpcs');
    });

    it('finds CPT codes and their prefixes', () => {
      expect(first(search.search('99213'))).toBe('99213');
      expect(first(search.search('9921'))).toBe('99213');
    });
  });

  describe('search: 7th characters', () => {
    it('shows one row per parent with a 7th-character picker instead of every variant', () => {
      const results = search.search('fracture neck femur right');
      const row = results.find((r) => r.code === 'S72.001');
      expect(row?.billable).toBe(false);
      expect(row?.sevenths?.map((s) => s.char)).toEqual(['A', 'B', 'D', 'S']);
      expect(row?.sevenths?.[0]).toEqual({ char: 'A', code: 'S72.001A', title: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture' });
      expect(results.some((r) => /^S72\.001[A-Z]$/.test(r.code))).toBe(false);
    });

    it('returns a full 7-character code typed exactly as its own billable row', () => {
      expect(search.search('S72.001A')[0]).toMatchObject({ code: 'S72.001A', billable: true });
      expect(search.search('S72.90XD')[0]).toMatchObject({ code: 'S72.90XD', billable: true });
    });

    it('answers a placeholder prefix (S72.90X) with the parent row and its picker', () => {
      const row = search.search('S72.90X')[0]!;
      expect(row.code).toBe('S72.90');
      expect(row.sevenths?.map((s) => s.code)).toContain('S72.90XA');
    });
  });

  describe('search: words', () => {
    it('matches words in any order and half-typed words', () => {
      expect(first(search.search('hyperglycemia type 2 diabetes'))).toBe('E11.65');
      expect(first(search.search('diab ty 2 hyperg'))).toBe('E11.65');
      expect(first(search.search('atr fib'))).toBe('I48.91');
    });

    it('tolerates typos, and says so', () => {
      const results = search.search('hypertention');
      expect(results[0]).toMatchObject({ code: 'I10', matchedOn: 'fuzzy' });
      expect(first(search.search('pnuemonia'))).toBe('J18.9');
      expect(first(search.search('atrial fibrilation'))).toBe('I48.91');
    });

    it('expands abbreviations and lay words into words, then ranks codes', () => {
      expect(search.search('afib')[0]).toMatchObject({ code: 'I48.91', matchedOn: 'abbreviation' });
      expect(first(search.search('HTN'))).toBe('I10');
      expect(first(search.search('copd'))).toBe('J44.9');
      expect(first(search.search('chf'))).toBe('I50.9');
      expect(first(search.search('ckd 3a'))).toBe('N18.31');
      expect(first(search.search('ckd3a'))).toBe('N18.31');
      expect(first(search.search('gerd'))).toBe('K21.9');
      expect(first(search.search('high blood pressure'))).toBe('I10');
      expect(first(search.search('dm2'))).toBe('E11.9');
    });

    it('can be told not to expand abbreviations', () => {
      expect(search.search('afib', { abbreviations: false }).some((r) => r.matchedOn === 'abbreviation')).toBe(false);
      expect(search.search('htn', { abbreviations: false })).toEqual([]);
    });

    it('finds codes by their inclusion terms and Includes notes', () => {
      expect(search.search('decompensated copd')[0]).toMatchObject({ code: 'J44.1' });
      expect(first(search.search('chronic renal insufficiency'))).toBe('N18.9');
      expect(first(search.search('diabetes'))).toBe('E11.9');
    });
  });

  describe('search: ranking', () => {
    it('puts an exact code above any word match', () => {
      const results = search.search('I10');
      expect(results[0]).toMatchObject({ code: 'I10', matchedOn: 'code' });
    });

    it('puts an exact title above a title that only contains the words', () => {
      expect(codes(search.search('hypertension')).indexOf('I10')).toBeLessThan(codes(search.search('hypertension')).indexOf('I15.9'));
      expect(first(search.search('essential hypertension'))).toBe('I10');
    });

    it('prefers the unspecified code of a category for a generic query', () => {
      expect(first(search.search('atrial fibrillation'))).toBe('I48.91');
      expect(first(search.search('pneumonia'))).toBe('J18.9');
      expect(first(search.search('migraine'))).toBe('G43.909');
      expect(first(search.search('type 2 diabetes'))).toBe('E11.9');
    });

    it('prefers the billable leaf over its header for a specific query', () => {
      const results = search.search('chronic atrial fibrillation');
      expect(first(results)).toBe('I48.20');
      expect(codes(results).indexOf('I48.20')).toBeLessThan(codes(results).indexOf('I48.2'));
    });

    it('does not offer "without X" for a query naming X, and honours a query saying "without"', () => {
      expect(first(search.search('hypertensive heart disease with heart failure'))).toBe('I11.0');
      expect(first(search.search('hypertensive heart disease without heart failure'))).toBe('I11.9');
      expect(first(search.search('migraine intractable'))).toBe('G43.911');
    });

    it('ranks an official title or inclusion term above a CPT keyword', () => {
      expect(first(search.search('diabetes'))).not.toBe('83036');
    });

    it('ranks an exact match above a typo-tolerant one', () => {
      const results = search.search('hypertension');
      expect(results.every((r, i) => i === 0 || r.matchedOn !== 'fuzzy' || results[0]!.matchedOn !== 'fuzzy')).toBe(true);
      expect(results[0]!.matchedOn).not.toBe('fuzzy');
    });
  });

  describe('search: filters', () => {
    it('limits the systems searched', () => {
      expect(search.search('J1100', { systems: ['hcpcs'] }).map((r) => r.system)).toEqual(['hcpcs']);
      expect(search.search('dexamethasone', { systems: ['icd10cm'] })).toEqual([]);
    });

    it('keeps only billable codes, and rows whose 7th characters are billable', () => {
      const results = search.search('atrial fibrillation', { billableOnly: true });
      expect(results.every((r) => r.billable)).toBe(true);
      expect(codes(search.search('fracture neck femur right', { billableOnly: true }))).toContain('S72.001');
    });

    it('leaves out HCPCS codes terminated before the date of service, and keeps them for past dates', () => {
      expect(codes(search.search('dexamethasone acetate'))).not.toContain('J1094');
      const past = search.search('dexamethasone acetate', { dateOfService: '2024-10-01' });
      expect(past[0]).toMatchObject({ code: 'J1094', terminatedOn: '2025-03-31' });
      expect(codes(search.search('dexamethasone acetate', { includeInactive: true }))).toContain('J1094');
      expect(codes(search.search('J1094'))).toEqual([]);
    });

    it('leaves out codes that take effect after the date of service', () => {
      expect(codes(search.search('G9999'))).toEqual([]);
      expect(codes(search.search('G9999', { dateOfService: '2099-06-01' }))).toEqual(['G9999']);
    });
  });

  describe('lookup and children', () => {
    it('looks a code up in every system', () => {
      expect(search.lookup('J1100').map((r) => r.system).sort()).toEqual(['hcpcs', 'icd10cm']);
      expect(search.lookup('J11.00').map((r) => r.system)).toEqual(['icd10cm']);
    });

    it('lists the rows directly under a code', () => {
      expect(codes(search.children('E11'))).toEqual(['E11.6', 'E11.8', 'E11.9']);
      expect(codes(search.children('S72.00'))).toEqual(['S72.001', 'S72.002']);
      expect(search.children('S72.00')[0]!.sevenths).toHaveLength(4);
    });
  });

  describe('toSnapshot / fromSnapshot', () => {
    it('round-trips: the loaded index answers exactly as the built one', () => {
      const bytes = search.toSnapshot();
      const loaded = CodeSearch.fromSnapshot(bytes);
      for (const q of ['afib', 'J1100', 'diab ty 2 hyperg', 'pnuemonia', 'S72.00', 'fracture femur', 'dexamethasone']) {
        expect(loaded.search(q)).toEqual(search.search(q));
      }
      expect(loaded.stats()).toEqual(search.stats());
    });

    it('loads from an unaligned copy of the bytes', () => {
      const bytes = search.toSnapshot();
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      expect(CodeSearch.fromSnapshot(shifted.subarray(3)).search('afib')).toEqual(search.search('afib'));
    });

    it('carries a formatVersion and refuses other versions and foreign bytes', () => {
      const bytes = search.toSnapshot();
      expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(SNAPSHOT_FORMAT_VERSION);
      const other = bytes.slice();
      new DataView(other.buffer).setUint32(4, SNAPSHOT_FORMAT_VERSION + 1, true);
      expect(() => CodeSearch.fromSnapshot(other)).toThrow(SnapshotFormatError);
      expect(() => CodeSearch.fromSnapshot(new TextEncoder().encode('{"formatVersion":1}'))).toThrow(/not a Chart Coder search snapshot/);
    });
  });

  describe('properties', () => {
    it('never throws, sorts by score and respects the limit, whatever is typed', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9. \-/]{0,24}$/)), fc.integer({ min: 0, max: 30 }), (query, limit) => {
          const results = search.search(query, { limit });
          expect(results.length).toBeLessThanOrEqual(limit);
          for (let i = 1; i < results.length; i++) expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score);
          expect(new Set(results.map((r) => `${r.system}:${r.code}`)).size).toBe(results.length);
        }),
        { numRuns: 400 },
      );
    });

    it('finds every record by its own code', () => {
      fc.assert(
        fc.property(fc.constantFrom(...FIXTURE_RECORDS.filter((r) => !r.terminatedOn && !r.effectiveFrom?.startsWith('2099'))), (record) => {
          expect(search.search(record.code).some((r) => r.code === record.code && r.system === record.system)).toBe(true);
        }),
      );
    });
  });
});
