import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIcd10cmIndex } from './parse-icd10cm-index';
import { CodeSetFormatError } from './parse-icd10cm-order';

const here = dirname(fileURLToPath(import.meta.url));
const sample = readFileSync(join(here, '../../test/fixtures/codesets/icd10cm-index-sample.xml'), 'utf8');
const tabularSample = readFileSync(join(here, '../../test/fixtures/codesets/icd10cm-tabular-sample.xml'), 'utf8');

/** Wraps main terms in the minimal index document. */
const indexOf = (mainTerms: string) =>
  `<ICD10CM.index><version>2026</version><letter><title>X</title>${mainTerms}</letter></ICD10CM.index>`;

describe('parse-icd10cm-index', () => {
  describe('parseIcd10cmIndex', () => {
    const index = parseIcd10cmIndex(sample);
    const byPath = (...path: string[]) => index.entries.find((e) => e.path.join(' > ') === path.join(' > '));

    it('reads the fiscal year and title', () => {
      expect(index.fiscalYear).toBe(2026);
      expect(index.title).toBe('ICD-10-CM INDEX TO DISEASES and INJURIES');
    });

    it('emits one entry per term with a code or cross-reference, terms before their subterms', () => {
      expect(index.entries.map((e) => e.path.join(' > '))).toEqual([
        'Abdominalgia',
        'Amyloidosis',
        'Amyloidosis > heart',
        'Diabetes, diabetic',
        'Diabetes, diabetic > type 2',
        'Diabetes, diabetic > type 2 > with > hyperglycemia',
        'Diabetes, diabetic > type 2 > with > ketoacidosis',
        'Diabetes, diabetic > out of control',
        'Fracture, traumatic',
        'Fracture, traumatic > femur, femoral',
        'Fracture, traumatic > femur, femoral > neck',
      ]);
      // "with" has no code of its own, so it only appears inside longer paths.
      expect(byPath('Diabetes, diabetic', 'type 2', 'with')).toBeUndefined();
    });

    it('keeps nonessential modifiers apart from the term', () => {
      expect(byPath('Diabetes, diabetic')).toEqual({ path: ['Diabetes, diabetic'], nemod: '(mellitus) (sugar)', code: 'E11.9' });
      expect(byPath('Diabetes, diabetic', 'type 2', 'with', 'ketoacidosis')?.nemod).toBe('(without coma)');
      expect(byPath('Diabetes, diabetic', 'type 2', 'with', 'hyperglycemia')).toEqual({
        path: ['Diabetes, diabetic', 'type 2', 'with', 'hyperglycemia'],
        code: 'E11.65',
      });
    });

    it('turns a trailing "-" into incomplete: true', () => {
      expect(byPath('Fracture, traumatic', 'femur, femoral')).toEqual({
        path: ['Fracture, traumatic', 'femur, femoral'],
        code: 'S72.9',
        incomplete: true,
      });
    });

    it('reads see, see also and manifestation codes', () => {
      expect(byPath('Abdominalgia')).toEqual({ path: ['Abdominalgia'], see: 'Pain, abdominal' });
      expect(byPath('Fracture, traumatic')).toEqual({ path: ['Fracture, traumatic'], seeAlso: 'Injury' });
      expect(byPath('Amyloidosis', 'heart')).toEqual({ path: ['Amyloidosis', 'heart'], code: 'E85.4', manifestation: 'I43' });
    });

    it('keeps every code of a term that lists two, and a code written after the subterms', () => {
      const parsed = parseIcd10cmIndex(
        indexOf(
          '<mainTerm><title>Twin</title><code>A01.1</code><code>B02.2</code></mainTerm>' +
            '<mainTerm><title>Late</title><term level="1"><title>sub</title><code>C03.3</code></term><code>D04.4</code></mainTerm>',
        ),
      );
      expect(parsed.entries).toEqual([
        { path: ['Twin'], code: 'A01.1' },
        { path: ['Twin'], code: 'B02.2' },
        { path: ['Late', 'sub'], code: 'C03.3' },
        { path: ['Late'], code: 'D04.4' },
      ]);
    });

    it('adds the dot to codes written without one and keeps non-codes as written', () => {
      const parsed = parseIcd10cmIndex(
        indexOf('<mainTerm><title>Bare</title><code>E1165</code></mainTerm><mainTerm><title>Range</title><code>A00-A09</code></mainTerm>'),
      );
      expect(parsed.entries.map((e) => e.code)).toEqual(['E11.65', 'A00-A09']);
      expect(parsed.entries[1]?.incomplete).toBeUndefined();
    });

    it('counts unknown children of terms instead of dropping them silently', () => {
      expect(index.ignoredElements).toEqual({});
      const parsed = parseIcd10cmIndex(indexOf('<mainTerm><title>New</title><code>A00.0</code><seeCategory>A00</seeCategory></mainTerm>'));
      expect(parsed.ignoredElements).toEqual({ 'mainTerm > seeCategory': 1 });
    });

    it('refuses a 0-byte file', () => {
      expect(() => parseIcd10cmIndex('')).toThrow(CodeSetFormatError);
      expect(() => parseIcd10cmIndex('')).toThrow(/empty/);
    });

    it('refuses an HTML error page', () => {
      expect(() => parseIcd10cmIndex('<!doctype html><html><body>Access denied</body></html>')).toThrow(/HTML page/);
    });

    it('refuses a truncated file and names the line and term where it stops', () => {
      const half = sample.slice(0, Math.floor(sample.length / 2));
      expect(() => parseIcd10cmIndex(half, 'index.xml')).toThrow(/^index\.xml: the file stops at line \d+ in the middle of <\w+> of "Diabetes, diabetic/);
    });

    it('refuses the Tabular List and the Neoplasm/Drug tables', () => {
      expect(() => parseIcd10cmIndex(tabularSample)).toThrow(/root element is <ICD10CM\.tabular>, expected <ICD10CM\.index>/);
      const neoplasm = '<ICD10CM.index><version>2026</version><indexHeading><head col="1">Malignant Primary</head></indexHeading></ICD10CM.index>';
      expect(() => parseIcd10cmIndex(neoplasm)).toThrow(/line 1, .*Neoplasm or Drug table/);
    });

    it('refuses an index without <version> or without any usable term', () => {
      expect(() => parseIcd10cmIndex(sample.replace('<version>2026</version>', ''))).toThrow(/no <version>/);
      expect(() => parseIcd10cmIndex(indexOf('<mainTerm><title>Empty</title></mainTerm>'))).toThrow(/no index terms/);
    });

    it('refuses a term without a title, naming its line', () => {
      expect(() => parseIcd10cmIndex(indexOf('<mainTerm>\n<code>A00.0</code></mainTerm>'))).toThrow(/line 2, .*has no <title>/);
    });
  });
});
