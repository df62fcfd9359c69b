import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeSetFormatError } from './parse-icd10cm-order';
import { applicableSevenChr, parseIcd10cmTabular, type TabularList } from './parse-icd10cm-tabular';

const here = dirname(fileURLToPath(import.meta.url));
const sample = readFileSync(join(here, '../../test/fixtures/codesets/icd10cm-tabular-sample.xml'), 'utf8');
const indexSample = readFileSync(join(here, '../../test/fixtures/codesets/icd10cm-index-sample.xml'), 'utf8');
const codesetsDir = process.env.CODESETS_DIR ?? resolve(here, '../../../shared/codesets');
const fy2021Path = join(codesetsDir, 'icd10cm/fy2021-tabular/icd10cm_tabular_2021.xml');
const fy2021Exists = existsSync(fy2021Path);

// The 9 MB file is parsed once and shared by the tests that need it.
let fy2021: TabularList | undefined;
const full = () => (fy2021 ??= parseIcd10cmTabular(readFileSync(fy2021Path, 'utf8'), 'icd10cm_tabular_2021.xml'));

describe('parse-icd10cm-tabular', () => {
  describe('parseIcd10cmTabular', () => {
    const list = parseIcd10cmTabular(sample);

    it('reads the fiscal year from <version>', () => {
      expect(list.fiscalYear).toBe(2026);
    });

    it('lists chapters with their range split off the title and their own notes', () => {
      expect(list.chapters.map(({ number, title, first, last }) => ({ number, title, first, last }))).toEqual([
        { number: 4, title: 'Endocrine, nutritional and metabolic diseases', first: 'E00', last: 'E89' },
        { number: 19, title: 'Injury, poisoning and certain other consequences of external causes', first: 'S00', last: 'T88' },
      ]);
      expect(list.chapters[0]!.notes).toEqual({
        fiscalYear: 2026,
        excludes1: ['transitory endocrine and metabolic disorders specific to newborn (P70-P74)'],
      });
      expect(list.chapters[1]!.generalNotes).toEqual(['Use secondary code(s) from Chapter 20 to indicate cause of injury.']);
    });

    it('lists sections, including heading-only ones, with ranges from sectionRef or the id', () => {
      expect(list.sections.map(({ id, title, first, last, chapter }) => ({ id, title, first, last, chapter }))).toEqual([
        { id: 'E08-E13', title: 'Diabetes mellitus', first: 'E08', last: 'E13', chapter: 4 },
        { id: 'S70-S79', title: 'Injuries to the hip and thigh', first: 'S70', last: 'S79', chapter: 19 },
        { id: 'T07-T88', title: 'Injury, poisoning and certain other consequences of external causes', first: 'T07', last: 'T88', chapter: 19 },
        { id: 'T07', title: 'Injuries involving multiple body regions', first: 'T07', last: 'T07', chapter: 19 },
      ]);
      expect(list.sections[0]!.generalNotes).toEqual(['Diabetes is coded by type, then by complication.']);
      expect(list.sections[1]!.notes.excludes2).toEqual(['burns and corrosions (T20-T32)']);
    });

    it('keys codes with the dot, in document order, with parent, section and chapter', () => {
      expect([...list.codes.keys()]).toEqual([
        'E11', 'E11.6', 'E11.65', 'S72', 'S72.0', 'S72.00', 'S72.001', 'S72.9', 'S72.9X', 'S72.9X1', 'T07',
      ]);
      expect(list.codes.get('E11.65')).toEqual({
        title: 'Type 2 diabetes mellitus with hyperglycemia',
        section: 'E08-E13',
        chapter: 4,
        parent: 'E11.6',
        notes: {
          fiscalYear: 2026,
          inclusionTerms: ['Type 2 diabetes mellitus with inadequately controlled hyperglycemia', 'Type 2 diabetes mellitus out of control'],
        },
      });
      expect(list.codes.get('E11')?.parent).toBeUndefined();
    });

    it('files each note type under its own key and leaves out empty ones', () => {
      expect(list.codes.get('E11')?.notes).toEqual({
        fiscalYear: 2026,
        includes: ['diabetes NOS', 'insulin resistant diabetes (mellitus)'],
        useAdditionalCode: ['code to identify control using:', 'insulin (Z79.4)'],
        excludes1: ['gestational diabetes (O24.4-)', 'type 1 diabetes mellitus (E10.-)'],
      });
      expect(list.codes.get('S72')?.notes.excludes2).toEqual(['fracture of foot (S92.-)']);
      expect(list.codes.get('S72.0')?.notes.codeAlso).toEqual(['any associated fracture of pelvis (S32.-)']);
      expect(list.codes.get('T07')?.notes.codeFirst).toEqual(['any associated injury of internal organs']);
      expect(list.codes.get('S72')?.generalNotes).toEqual(['A fracture not indicated as open or closed should be coded to closed']);
      expect(list.codes.get('E11.6')?.notes).toEqual({ fiscalYear: 2026 });
    });

    it('keeps introduction notes off every code', () => {
      const texts = [...list.codes.values()].flatMap((c) => Object.values(c.notes).flat());
      expect(texts).not.toContain('Intro notes must not end up on any code.');
    });

    it('gives every descendant the 7th characters of its nearest ancestor that defines them', () => {
      const s72 = list.codes.get('S72')!.notes;
      expect(s72.sevenChr).toEqual({
        A: 'initial encounter for closed fracture',
        B: 'initial encounter for open fracture type I or II',
        D: 'subsequent encounter for closed fracture with routine healing',
        S: 'sequela',
      });
      expect(list.codes.get('S72.001')?.notes.sevenChr).toEqual(s72.sevenChr);
      expect(list.codes.get('S72.001')?.notes.sevenChrNote).toBe('The appropriate 7th character is to be added to all codes from category S72');
      // S72.9 declares its own definition, which wins over S72's for it and its descendants.
      expect(list.codes.get('S72.9X1')?.notes.sevenChr).toEqual({
        A: 'initial encounter for closed fracture',
        D: 'subsequent encounter for closed fracture with routine healing',
      });
      expect(list.codes.get('S72.9X1')?.notes.sevenChrNote).toBe('Only initial and subsequent encounters apply to S72.9 in this sample');
      expect(list.codes.get('E11.65')?.notes.sevenChr).toBeUndefined();
    });

    it('counts unknown children of chapter/section/diag instead of dropping them silently', () => {
      expect(list.ignoredElements).toEqual({});
      const newer = sample.replace('<name>T07</name>', '<name>T07</name><excludes3><note>a future note type</note></excludes3>');
      expect(parseIcd10cmTabular(newer).ignoredElements).toEqual({ 'diag > excludes3': 1 });
    });

    it('marks placeholder levels', () => {
      expect(list.codes.get('S72.9X')?.placeholder).toBe(true);
      expect(list.codes.get('S72.9')?.placeholder).toBeUndefined();
    });

    it('refuses a 0-byte file', () => {
      expect(() => parseIcd10cmTabular('')).toThrow(CodeSetFormatError);
      expect(() => parseIcd10cmTabular('')).toThrow(/empty/);
    });

    it('refuses an HTML error page', () => {
      const page = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>';
      expect(() => parseIcd10cmTabular(page)).toThrow(/HTML page/);
      expect(() => parseIcd10cmTabular('<html><body>Service&nbsp;Unavailable</body></html>')).toThrow(/HTML page/);
    });

    it('refuses a truncated file and names the line and element where it stops', () => {
      const half = sample.slice(0, Math.floor(sample.length / 2));
      expect(() => parseIcd10cmTabular(half, 'tabular.xml')).toThrow(
        /^tabular\.xml: the file stops at line \d+ in the middle of <\w+> of \w+ \S+ \(truncated download\?\)$/,
      );
    });

    it('refuses every cut of the file short of its last closing tag', () => {
      const end = sample.lastIndexOf('</ICD10CM.tabular>');
      fc.assert(
        fc.property(fc.integer({ min: 0, max: end }), (cut) => {
          expect(() => parseIcd10cmTabular(sample.slice(0, cut))).toThrow(CodeSetFormatError);
        }),
        { numRuns: 150 },
      );
    });

    it('refuses XML with another root element', () => {
      expect(() => parseIcd10cmTabular(indexSample)).toThrow(/root element is <ICD10CM\.index>, expected <ICD10CM\.tabular>/);
      expect(() => parseIcd10cmTabular('<rss version="2.0"><channel/></rss>')).toThrow(/root element is <rss>/);
    });

    it('refuses text that is not XML, and ZIP archives', () => {
      expect(() => parseIcd10cmTabular('00001 A00     0 Cholera')).toThrow(/not XML/);
      expect(() => parseIcd10cmTabular('PK\u0003\u0004rest of a zip')).toThrow(/ZIP archive/);
    });

    it('names the line of malformed XML', () => {
      const broken = sample.replace('<desc>Fracture of femur</desc>', '<desc>Fracture of femur</dsc>');
      expect(() => parseIcd10cmTabular(broken)).toThrow(/malformed at line 91, column \d+, in diag S72/);
    });

    it('refuses a diag whose name is not a code, naming the line', () => {
      const bad = sample.replace('<name>E11.65</name>', '<name>hyperglycemia</name>');
      expect(() => parseIcd10cmTabular(bad)).toThrow(/line \d+, .*"hyperglycemia" is not an ICD-10-CM code/);
    });

    it('refuses a file without <version> or without codes', () => {
      expect(() => parseIcd10cmTabular(sample.replace('<version>2026</version>', ''))).toThrow(/no <version>/);
      expect(() => parseIcd10cmTabular('<ICD10CM.tabular><version>2026</version></ICD10CM.tabular>')).toThrow(/no <diag> codes/);
    });

    it.skipIf(!fy2021Exists)('reads the full FY2021 file: 22 chapters, 296 sections, 45,017 diag (44,772 + 245 placeholders)', () => {
      const list = full();
      expect(list.fiscalYear).toBe(2021);
      expect(list.chapters).toHaveLength(22);
      expect(list.chapters[0]).toMatchObject({ number: 1, title: 'Certain infectious and parasitic diseases', first: 'A00', last: 'B99' });
      expect(list.sections).toHaveLength(296);
      expect(list.codes.size).toBe(45_017);
      const placeholders = [...list.codes.values()].filter((c) => c.placeholder).length;
      expect(placeholders).toBe(245);
      expect(list.codes.size - placeholders).toBe(44_772);
      expect(list.ignoredElements).toEqual({});
    });

    it.skipIf(!fy2021Exists)('reads E11.65 and the notes of its category E11 from the FY2021 file', () => {
      const list = full();
      // In FY2021, E11.65 carries no notes of its own: the includes/excludes sit on category E11.
      expect(list.codes.get('E11.65')).toEqual({
        title: 'Type 2 diabetes mellitus with hyperglycemia',
        section: 'E08-E13',
        chapter: 4,
        parent: 'E11.6',
        notes: { fiscalYear: 2021 },
      });
      const e11 = list.codes.get('E11')!.notes;
      expect(e11.includes).toEqual([
        'diabetes (mellitus) due to insulin secretory defect',
        'diabetes NOS',
        'insulin resistant diabetes (mellitus)',
      ]);
      expect(e11.excludes1).toContain('type 1 diabetes mellitus (E10.-)');
      expect(e11.useAdditionalCode).toContain('insulin (Z79.4)');
    });

    it.skipIf(!fy2021Exists)('inherits S72 7th characters down to S72.001 in the FY2021 file', () => {
      const s72001 = full().codes.get('S72.001')!;
      expect(s72001.title).toBe('Fracture of unspecified part of neck of right femur');
      expect(s72001.notes.sevenChr?.A).toBe('initial encounter for closed fracture');
      expect(s72001.notes.sevenChr?.S).toBe('sequela');
      expect(Object.keys(s72001.notes.sevenChr ?? {})).toHaveLength(16);
      expect(s72001.notes.sevenChrNote).toBe('The appropriate 7th character is to be added to all codes from category S72');
      // A subcategory's own definition (H35.31: stages) applies to its children.
      expect(full().codes.get('H35.311')?.notes.sevenChr?.['0']).toBe('stage unspecified');
    });

    it.skipIf(!fy2021Exists)('reads inclusion terms, excludes and plain notes from the FY2021 file', () => {
      const list = full();
      expect(list.codes.get('J44.1')?.notes.inclusionTerms).toEqual(['Decompensated COPD', 'Decompensated COPD with (acute) exacerbation']);
      expect(list.codes.get('I10')?.notes.includes).toContain('high blood pressure');
      expect(list.codes.get('I10')?.notes.excludes1).toEqual([
        'hypertensive disease complicating pregnancy, childbirth and the puerperium (O10-O11, O13-O16)',
      ]);
      expect(list.codes.get('U07.1')?.notes.useAdditionalCode).toContain('pneumonia due to COVID-19 (J12.82)');
      expect(list.codes.get('B03')?.generalNotes).toEqual([
        'In 1980 the 33rd World Health Assembly declared that smallpox had been eradicated.',
        'The classification is maintained for surveillance purposes.',
      ]);
      expect([...list.codes.values()].filter((c) => c.notes.sevenChr)).toHaveLength(16_562);
    });
  });

  describe('applicableSevenChr', () => {
    const list = parseIcd10cmTabular(sample);

    it('finds the definitions for a code written with its 7th character', () => {
      expect(applicableSevenChr(list, 'S72.001A')?.A).toBe('initial encounter for closed fracture');
      expect(applicableSevenChr(list, 's72001d')?.D).toBe('subsequent encounter for closed fracture with routine healing');
    });

    it('walks past placeholder X characters to the listed category', () => {
      expect(applicableSevenChr(list, 'T07.XXXA')).toEqual({ A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' });
    });

    it('returns undefined for codes without 7th characters or not in the list', () => {
      expect(applicableSevenChr(list, 'E11.65')).toBeUndefined();
      expect(applicableSevenChr(list, 'Z99.89')).toBeUndefined();
    });
  });
});
