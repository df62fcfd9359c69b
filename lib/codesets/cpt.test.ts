import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinCptCodes,
  builtinCptModifiers,
  CPT_CODE,
  MAX_SUMMARY_LENGTH,
  mergeLicensedCpt,
  parseLicensedCptFile,
  readBuiltinCpt,
  readLicensedCptFile,
  type BuiltinCptFile,
} from './cpt';
import { CodeSetFormatError } from './parse-icd10cm-order';
import type { CodeRecord } from './types';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const builtinJson: unknown = JSON.parse(read('../../assets/cpt/common-cpt.json'));
const tsvFixture = read('../../test/fixtures/codesets/licensed-cpt.tsv');
const csvFixture = read('../../test/fixtures/codesets/licensed-cpt.csv');

/** A small valid built-in file to break in the refusal tests. */
function tinyBuiltin(): BuiltinCptFile {
  return {
    formatVersion: 1,
    id: 'cpt@test',
    note: 'test',
    codes: [
      { code: '99213', summary: 'Our summary of 99213', category: 'E/M office', keywords: ['follow-up'] },
      { code: '97110', summary: 'Our summary of 97110', category: 'Rehab', unit: 'each 15 minutes' },
    ],
    modifiers: [{ code: '25', summary: 'Our summary of modifier 25' }],
  };
}

/** The error a call throws, for assertions on its type and message. */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Licensed file text with `good` valid rows followed by `bad` junk rows. */
function licensedText(good: number, bad: number): string {
  const rows = ['code\tdescriptor'];
  for (let i = 0; i < good; i++) rows.push(`${String(10000 + i)}\tLicensed descriptor ${i} (test fixture)`);
  for (let i = 0; i < bad; i++) rows.push(`not a code ${i}\tjunk`);
  return rows.join('\n');
}

describe('cpt', () => {
  describe('common-cpt.json', () => {
    const file = readBuiltinCpt(builtinJson);

    it('passes validation', () => {
      expect(file.formatVersion).toBe(1);
      expect(file.id).toBe('cpt@builtin-2026');
      expect(file.note).toMatch(/not AMA CPT descriptors/);
    });

    it('holds a few hundred unique codes that match the CPT pattern', () => {
      const codes = file.codes.map((c) => c.code);
      expect(codes.length).toBeGreaterThanOrEqual(300);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(CPT_CODE);
    });

    it('has a non-empty summary of at most 160 characters for every code', () => {
      for (const { code, summary } of file.codes) {
        expect(summary.trim(), code).not.toBe('');
        expect(summary.length, code).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
      }
    });

    it('has office E/M 99202–99205 and 99211–99215 but not the deleted 99201', () => {
      const codes = new Set(file.codes.map((c) => c.code));
      for (const code of ['99202', '99203', '99204', '99205', '99211', '99212', '99213', '99214', '99215']) {
        expect(codes.has(code), code).toBe(true);
      }
      expect(codes.has('99201')).toBe(false);
    });

    it('has every preventive visit 99381–99387 and 99391–99397', () => {
      const codes = new Set(file.codes.map((c) => c.code));
      for (let n = 99381; n <= 99387; n++) expect(codes.has(String(n)), String(n)).toBe(true);
      for (let n = 99391; n <= 99397; n++) expect(codes.has(String(n)), String(n)).toBe(true);
    });

    it('leaves out deleted and HCPCS codes', () => {
      const codes = new Set(file.codes.map((c) => c.code));
      for (const code of ['99201', '99241', '99251', '11100', '99343']) expect(codes.has(code), code).toBe(false);
      for (const code of file.codes.map((c) => c.code)) expect(code).not.toMatch(/^[A-Z]/);
    });

    it('gives timed codes a unit', () => {
      const byCode = new Map(file.codes.map((c) => [c.code, c]));
      for (const code of ['97110', '97140', '99417', '96366']) expect(byCode.get(code)?.unit, code).toBeTruthy();
    });

    it('has the common CPT modifiers and no HCPCS ones', () => {
      const modifiers = new Set(file.modifiers.map((m) => m.code));
      for (const code of ['22', '24', '25', '26', '50', '51', '52', '53', '57', '59', '76', '77', '78', '79', '80', '82', '91', '95']) {
        expect(modifiers.has(code), code).toBe(true);
      }
      expect(modifiers.has('TC')).toBe(false);
    });
  });

  describe('builtinCptCodes', () => {
    it('turns entries into builtin, billable CPT records with keywords as synonyms', () => {
      const [visit, exercise] = builtinCptCodes(tinyBuiltin());
      expect(visit).toEqual({
        system: 'cpt',
        code: '99213',
        title: 'Our summary of 99213',
        billable: true,
        descriptorSource: 'builtin',
        synonyms: ['follow-up'],
      });
      expect(exercise?.unit).toBe('each 15 minutes');
      expect(exercise?.synonyms).toBeUndefined();
    });

    it('reads the shipped list', () => {
      const records = builtinCptCodes(builtinJson);
      const venipuncture = records.find((r) => r.code === '36415');
      expect(venipuncture?.title).toBe('Blood draw from a vein (venipuncture)');
      expect(venipuncture?.synonyms).toContain('blood draw');
    });

    it('refuses a duplicate code', () => {
      const json = tinyBuiltin();
      json.codes.push({ ...json.codes[0]! });
      expect(() => builtinCptCodes(json)).toThrow(/99213 is listed twice/);
    });

    it('refuses a code that does not match the pattern', () => {
      const json = tinyBuiltin();
      json.codes[0]!.code = '9921';
      expect(() => builtinCptCodes(json)).toThrow(CodeSetFormatError);
    });

    it('refuses an empty or over-long summary', () => {
      const empty = tinyBuiltin();
      empty.codes[0]!.summary = ' ';
      expect(() => builtinCptCodes(empty)).toThrow(/99213 has no summary/);
      const long = tinyBuiltin();
      long.codes[0]!.summary = 'x'.repeat(161);
      expect(() => builtinCptCodes(long)).toThrow(/longer than 160/);
    });

    it('refuses unknown keys and other format versions', () => {
      const extra = { ...tinyBuiltin(), descriptors: [] };
      expect(() => builtinCptCodes(extra)).toThrow(/unknown key "descriptors"/);
      expect(() => builtinCptCodes({ ...tinyBuiltin(), formatVersion: 2 })).toThrow(/formatVersion 2/);
      expect(() => builtinCptCodes(null)).toThrow(CodeSetFormatError);
    });
  });

  describe('builtinCptModifiers', () => {
    it('returns modifiers with our summary as the title', () => {
      expect(builtinCptModifiers(tinyBuiltin())).toEqual([
        { code: '25', title: 'Our summary of modifier 25', source: 'builtin' },
      ]);
    });

    it('refuses a malformed modifier', () => {
      const json = tinyBuiltin();
      json.modifiers.push({ code: '5', summary: 'x' });
      expect(() => builtinCptModifiers(json)).toThrow(/invalid modifier "5"/);
    });
  });

  describe('parseLicensedCptFile', () => {
    it('reads a tab-separated file, choosing the long descriptor column', () => {
      const codes = parseLicensedCptFile(tsvFixture, 'licensed-cpt.tsv');
      expect(codes.map((c) => c.code)).toEqual(['99202', '99213', '36415', '85025', '99499', '3074F', '0071T', '0001U']);
      expect(codes[1]).toEqual({
        system: 'cpt',
        code: '99213',
        title: 'Licensed descriptor for 99213 (test fixture)',
        shortTitle: 'Lic short 99213',
        billable: true,
        descriptorSource: 'licensed',
      });
      expect(codes[3]?.title).toBe('Licensed descriptor for 85025 (test fixture), with a comma');
    });

    it('reads a comma-separated file with quoted fields, a BOM and CRLF line ends', () => {
      const codes = parseLicensedCptFile(csvFixture, 'licensed-cpt.csv');
      const titles = Object.fromEntries(codes.map((c) => [c.code, c.title]));
      expect(titles).toEqual({
        '99213': 'Licensed descriptor for 99213, comma inside (test fixture)',
        '99214': 'Licensed descriptor for 99214 with "quotes" (test fixture)',
        '36415': 'Licensed descriptor for 36415 (test fixture)',
        '00100': 'Licensed descriptor for 00100 (test fixture)',
        '99215': 'Licensed descriptor for 99215 second line (test fixture)',
      });
      expect(codes.every((c) => c.shortTitle === undefined)).toBe(true);
    });

    it('reads a file without a header as code then descriptor', () => {
      const codes = parseLicensedCptFile('99213,Licensed descriptor A\n99214,"Licensed, descriptor B"\n');
      expect(codes.map((c) => [c.code, c.title])).toEqual([
        ['99213', 'Licensed descriptor A'],
        ['99214', 'Licensed, descriptor B'],
      ]);
    });

    it('finds the code and descriptor columns wherever the header puts them', () => {
      const text = 'Concept Id\tDescriptor\tCPT_CODE\n1001\tLicensed descriptor A\t99213\n';
      expect(parseLicensedCptFile(text)).toMatchObject([{ code: '99213', title: 'Licensed descriptor A' }]);
    });

    it('prefers the long descriptor whatever the column order', () => {
      const text = 'code,long descriptor,short descriptor\n99213,Long text,Short text\n';
      expect(parseLicensedCptFile(text)).toMatchObject([{ title: 'Long text', shortTitle: 'Short text' }]);
    });

    it('skips title lines before the header without holding them against the file', () => {
      const text = 'CPT 2026 data file (test fixture)\n\ncode\tdescriptor\n99213\tLicensed descriptor A\n';
      const file = readLicensedCptFile(text);
      expect(file.codes).toHaveLength(1);
      expect(file.skipped).toEqual([{ line: 1, reason: expect.stringContaining('before the header') }]);
    });

    it('keeps the first descriptor of a repeated code', () => {
      const codes = parseLicensedCptFile('99213\tFirst\n99213\tSecond\n');
      expect(codes).toMatchObject([{ code: '99213', title: 'First' }]);
    });

    it('tolerates up to 5% invalid rows and reports them', () => {
      const file = readLicensedCptFile(licensedText(40, 2));
      expect(file.codes).toHaveLength(40);
      expect(file.skipped.map((s) => s.line)).toEqual([42, 43]);
    });

    it('tolerates a DOS end-of-file mark and a letter mis-decoded from another code page', () => {
      const codes = parseLicensedCptFile('99213\tLicensed descriptor \uFFFD A\n\u001a');
      expect(codes).toMatchObject([{ code: '99213', title: 'Licensed descriptor \uFFFD A' }]);
    });
  });

  describe('parseLicensedCptFile refusals', () => {
    const refusals: [string, string, RegExp][] = [
      ['an empty file', '', /empty/],
      ['a blank file', ' \n\r\n\t\n', /only blank lines/],
      ['a web page', '\n<!DOCTYPE html>\n<html><body>Sign in</body></html>', /web page \(HTML\).*line 2/],
      ['a binary file', 'PK\u0003\u0004\u0000\u0000\u0014\u0000\u0008\u0000', /binary.*line 1/],
      ['a UTF-16 file read as UTF-8', '\uFFFD\uFFFD9\u00009\u00002\u00001\u00003\u0000', /UTF-16/],
      ['a file with no code rows', 'code,descriptor\nfoo,bar\nbaz,qux\n', /no row holds a CPT code.*line 2/],
      ['a file with codes but no descriptors', '99213\n99214\n', /no row holds.*line 1.*no descriptor/],
      ['an unclosed quote', 'code,descriptor\n99213,"open\n99214,x\n', /line 2 opens a quoted field/],
    ];
    for (const [what, text, message] of refusals) {
      it(`refuses ${what}`, () => {
        const error = errorOf(() => parseLicensedCptFile(text, 'upload.csv'));
        expect(error).toBeInstanceOf(CodeSetFormatError);
        expect((error as Error).message).toMatch(/^upload\.csv: /);
        expect((error as Error).message).toMatch(message);
      });
    }

    it('refuses more than 5% invalid rows, naming the first bad line', () => {
      const error = errorOf(() => parseLicensedCptFile(licensedText(40, 3)));
      expect(error).toBeInstanceOf(CodeSetFormatError);
      expect((error as Error).message).toMatch(/3 of 43 rows.*first bad line 42: "not a code 0\\tjunk"/);
    });

    it('throws nothing but CodeSetFormatError on random text', () => {
      const piece = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.constantFrom('\t', ',', '"', '""', '\n', '\r\n', '\r', '99213', '0071T', '100', 'code', 'Long Descriptor', '<html>', '\u0000', '\uFEFF'),
      );
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(piece).map((parts) => parts.join(''))), (text) => {
          try {
            const codes = parseLicensedCptFile(text);
            expect(codes.length).toBeGreaterThan(0);
            for (const record of codes) expect(record.code).toMatch(CPT_CODE);
          } catch (error) {
            if (!(error instanceof CodeSetFormatError)) throw error;
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('mergeLicensedCpt', () => {
    const builtin = builtinCptCodes(tinyBuiltin());
    const licensed: CodeRecord[] = [
      { system: 'cpt', code: '99213', title: 'Licensed descriptor for 99213 (test fixture)', shortTitle: 'Lic 99213', billable: true, descriptorSource: 'licensed' },
      { system: 'cpt', code: '99499', title: 'Licensed descriptor for 99499 (test fixture)', billable: true, descriptorSource: 'licensed' },
    ];

    it('replaces summaries with licensed descriptors and keeps our words as synonyms', () => {
      const merged = mergeLicensedCpt(builtin, licensed);
      expect(merged[0]).toEqual({
        system: 'cpt',
        code: '99213',
        title: 'Licensed descriptor for 99213 (test fixture)',
        shortTitle: 'Lic 99213',
        billable: true,
        descriptorSource: 'licensed',
        synonyms: ['follow-up', 'Our summary of 99213'],
      });
    });

    it('keeps built-in codes the licensed file lacks, and adds licensed-only codes', () => {
      const merged = mergeLicensedCpt(builtin, licensed);
      expect(merged.map((r) => [r.code, r.descriptorSource])).toEqual([
        ['99213', 'licensed'],
        ['97110', 'builtin'],
        ['99499', 'licensed'],
      ]);
      expect(merged[1]?.unit).toBe('each 15 minutes');
    });

    it('leaves its inputs unchanged', () => {
      const before = structuredClone(builtin);
      mergeLicensedCpt(builtin, licensed);
      expect(builtin).toEqual(before);
    });

    it('merges the shipped list with a parsed licensed file', () => {
      const merged = mergeLicensedCpt(builtinCptCodes(builtinJson), parseLicensedCptFile(tsvFixture));
      const venipuncture = merged.find((r) => r.code === '36415');
      expect(venipuncture?.title).toBe('Licensed descriptor for 36415 (test fixture)');
      expect(venipuncture?.synonyms).toContain('Blood draw from a vein (venipuncture)');
      expect(merged.find((r) => r.code === '0001U')?.descriptorSource).toBe('licensed');
      expect(new Set(merged.map((r) => r.code)).size).toBe(merged.length);
    });
  });
});
