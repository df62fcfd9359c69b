import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartFromText, sentencesIn, sourceRanges } from './document';
import { chartFromHtml } from './from-html';
import type { ChartDocument } from './types';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/charts/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CDA_PAGES = fileURLToPath(new URL('../../../shared/eval/ehr-pages/', import.meta.url));

/** Structural invariants every chart document keeps. */
function checkInvariants(doc: ChartDocument): void {
  const n = doc.text.length;
  let prevEnd = 0;
  for (const s of doc.sections) {
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.start).toBe(s.heading.start);
    expect(s.heading.end).toBeLessThanOrEqual(s.end);
    expect(s.end).toBeLessThanOrEqual(n);
    prevEnd = s.end;
  }
  let prev = 0;
  for (const s of doc.sentences) {
    expect(s.start).toBeGreaterThanOrEqual(prev);
    expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    expect(s.section).toBeLessThan(doc.sections.length);
    prev = s.end;
  }
  for (const f of doc.header.fields) expect(f.end).toBeLessThanOrEqual(n);
  // Segments map 1:1 modulo whitespace and control characters (both read as a space).
  const blank = (s: string) => s.replace(/[\s\u0000-\u001f\u007f]/g, ' ');
  for (const seg of doc.segments) {
    expect(blank(doc.text.slice(seg.start, seg.end))).toBe(blank(seg.node.data.slice(seg.nodeOffset, seg.nodeOffset + seg.end - seg.start)));
  }
}

describe('chart document', () => {
  describe('chartFromText', () => {
    it('reads the plain-text note fixture', () => {
      const doc = chartFromText(fixture('plain-note.txt'));
      expect(doc.source).toBe('text');
      expect(doc.sections.map((s) => s.category)).toEqual([
        'chief_complaint',
        'history_of_present_illness',
        'past_medical_history',
        'social_history',
        'physical_exam',
        'assessment',
        'plan',
      ]);
      expect(doc.header).toMatchObject({ name: 'Sample, Robert T', dobIso: '1950-07-22', sex: 'male', mrn: '000123456', dateOfServiceIso: '2024-01-09', provider: 'Casey Demo, NP', patientStatus: 'new' });
      const hpi = doc.sections[1]!;
      const texts = sentencesIn(doc, hpi.start, hpi.end).map((s) => s.text);
      expect(texts).toContain('Takes ibuprofen 400 mg. twice daily.');
      expect(texts).toContain('He was seen by Dr. Lee at urgent care; x-ray was\nnegative for fracture.');
      expect(texts).toContain('No fever.');
      checkInvariants(doc);
    });

    it('keeps offsets of CRLF input and drops control characters one for one', () => {
      const input = 'PLAN:\r\nRest.\u0000\rFluids.';
      const doc = chartFromText(input);
      expect(doc.text.length).toBe(input.length);
      expect(doc.text).toBe('PLAN: \nRest. \nFluids.');
      expect(doc.sections[0]?.category).toBe('plan');
    });

    it('truncates at maxChars', () => {
      const doc = chartFromText('a'.repeat(100), { maxChars: 10 });
      expect(doc.truncated).toBe(true);
      expect(doc.text).toBe('a'.repeat(10));
    });
  });

  describe('chartFromHtml', () => {
    it('reads the outpatient note fixture', () => {
      const doc = chartFromHtml(fixture('outpatient-note.html'));
      expect(doc.source).toBe('dom');
      expect(doc.sections.map((s) => s.category)).toEqual([
        'chief_complaint',
        'history_of_present_illness',
        'review_of_systems',
        'past_medical_history',
        'family_history',
        'physical_exam',
        'assessment_and_plan',
      ]);
      expect(doc.header).toMatchObject({ name: 'Testpatient, Alice Q', dobIso: '1961-03-14', sex: 'female', mrn: 'SYN-0042', dateOfServiceIso: '2024-02-05', provider: 'Jordan Example, MD', patientStatus: 'established' });
      expect(doc.text).not.toContain('Internal billing note');
      expect(doc.sentences.map((s) => s.text)).toEqual(
        expect.arrayContaining([
          'Ms. Testpatient is a 62 y.o. female seen by Dr. Example for a productive cough.',
          'She took 2.5 mg. of albuterol without relief.',
          'Rule out influenza; swab sent.',
          'Type 2 diabetes mellitus',
        ]),
      );
      checkInvariants(doc);
    });

    it('maps text offsets back to DOM text nodes', () => {
      const doc = chartFromHtml(fixture('outpatient-note.html'));
      for (const word of ['amoxicillin', 'coronary artery disease', 'regular rate and rhythm', 'Cough and fever']) {
        const start = doc.text.indexOf(word);
        const ranges = sourceRanges(doc, start, start + word.length);
        expect(ranges.map((r) => r.node.data.slice(r.startOffset, r.endOffset)).join(' ').replace(/\s+/g, ' ')).toBe(word);
      }
      // A range across elements ("Lungs: rhonchi") touches two text nodes.
      const start = doc.text.indexOf('Lungs: rhonchi');
      expect(sourceRanges(doc, start, start + 'Lungs: rhonchi'.length).length).toBe(2);
      expect(sourceRanges(chartFromText('abc'), 0, 2)).toEqual([]);
    });

    it('drops hidden, script, nav and banner content', () => {
      const doc = chartFromHtml(fixture('hidden-content.html'));
      expect(doc.text).not.toMatch(/SHOULD NOT APPEAR|HIDDEN|ARIA|DISPLAY NONE|VISIBILITY|STYLE TEXT|Inbox|Breadcrumbs|enable JavaScript|Sign note/);
      expect(doc.text).toContain('Acute sinusitis.');
      expect(doc.text).toContain('Amoxicillin\t500 mg');
      expect(doc.sections.map((s) => s.category)).toEqual(['other', 'assessment', 'plan', 'other']);
      checkInvariants(doc);
    });

    it('reads a C-CDA rendered page: sections, header, footer boundary', () => {
      const doc = chartFromHtml(fixture('ccda-rendered.html'));
      expect(doc.sections.map((s) => s.category)).toEqual(['other', 'problem_list', 'family_history', 'allergies', 'assessment', 'other']);
      expect(doc.header).toMatchObject({ name: 'Dana SYNTHETIC', dobIso: '1980-04-02', sex: 'female', dateOfServiceIso: '2023-03-03', provider: 'Pat EXAMPLE MD' });
      expect(doc.sentences.find((s) => s.text === 'Acute bronchitis\tResolved\t2021')?.section).toBe(1);
      checkInvariants(doc);
    });

    it('reads an HTML fragment', () => {
      const doc = chartFromHtml('<h2>Plan</h2><p>Rest.</p>');
      expect(doc.text).toBe('Plan\nRest.');
      expect(doc.sections[0]?.category).toBe('plan');
    });
  });

  describe.runIf(existsSync(CDA_PAGES))('real rendered C-CDA pages (shared/eval/ehr-pages)', () => {
    const pages = existsSync(CDA_PAGES) ? htmlFiles(CDA_PAGES) : [];
    it('finds a problem/assessment/diagnosis section and the patient on most pages', () => {
      expect(pages.length).toBeGreaterThan(50);
      let withProblems = 0;
      let withPatient = 0;
      for (const file of pages) {
        const doc = chartFromHtml(readFileSync(file, 'utf8'));
        if (doc.sections.some((s) => ['problem_list', 'assessment', 'diagnoses', 'assessment_and_plan'].includes(s.category))) withProblems++;
        if (doc.header.name && doc.header.dobIso && doc.header.sex) withPatient++;
        expect(doc.sections.length).toBeGreaterThanOrEqual(1);
      }
      expect(withProblems / pages.length).toBeGreaterThan(0.9);
      expect(withPatient / pages.length).toBeGreaterThan(0.9);
    });
  });

  describe('robustness', () => {
    it('never throws on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
          checkInvariants(chartFromText(text));
        }),
        { numRuns: 300 },
      );
    });

    it('never throws on tag soup', () => {
      const piece = fc.constantFrom(
        '<div>', '</div>', '<p>', '</p>', '<b>', '</b>', '<h3>', '</h3>', '<table>', '<tr>', '<td>', '</td>', '<li>', '<br>',
        '<script>', '</script>', '<style>', '<!--', '-->', '<pre>', '</pre>', '<p hidden>', '<span aria-hidden="true">',
        '<div style="display:none">', '<svg>', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE html>', '&amp;', '&#0;',
        '&#xD800;', '\u0000', '\n', '\t', ' ', 'ASSESSMENT:', 'Plan:', 'DOB: 01/02/1990', 'no fever', 'Dr.', '2.5 mg.', '(', ')',
        '<template>', '</template>', '<x y="', '">', '<nav>', '<header role="banner">', '</html>', '<body>', 'ü', '😀',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
          checkInvariants(chartFromHtml(pieces.join('')));
        }),
        { numRuns: 300 },
      );
    });

    it('handles empty input', () => {
      expect(chartFromText('').sentences).toEqual([]);
      expect(chartFromHtml('').text).toBe('');
      expect(chartFromText(undefined as unknown as string).text).toBe('');
    });

    it('reads 5 MB of clinical text in reasonable time', () => {
      const unit = 'ASSESSMENT: Hypertension, stable. Dr. Lee gave 2.5 mg. of drug.\nPLAN: DOB: 01/01/1970 return if fever.\n';
      const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
      const t0 = performance.now();
      const doc = chartFromText(text);
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(doc.sections.length).toBeGreaterThan(1000);
    });

    it('reads 5 MB of binary junk and 5 MB without a line break', () => {
      let seed = 7;
      const junk = Array.from({ length: 5_000_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 65536)).join('');
      checkInvariants(chartFromText(junk));
      const doc = chartFromText('Abc. '.repeat(1_000_000));
      expect(doc.sentences.length).toBeGreaterThan(100_000);
    });

    it('reads hostile HTML: deep nesting, unclosed tags, huge attributes', () => {
      const deep = '<div>'.repeat(10_000) + '<h3>Plan</h3>deep' + '</div>'.repeat(10_000);
      const doc = chartFromHtml(deep);
      expect(doc.text).toBe('Plan\ndeep');
      expect(doc.sections[0]?.category).toBe('plan');
      expect(chartFromHtml('<b><i>'.repeat(20_000) + 'x').text).toBe('x');
      const huge = `<p style="${' '.repeat(3_000_000)}display:none" title="${'a'.repeat(2_000_000)}">shown</p>`;
      expect(chartFromHtml(huge).text).toBe('shown');
    });
  });
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : path.endsWith('.html') ? [path] : [];
  });
}
