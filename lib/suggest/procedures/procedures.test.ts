import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../cli/bundles';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { suggestProcedures } from './index';
import type { ProcedureOptions } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/procedures/${name}.txt`, import.meta.url)), 'utf8');
const builtCodesets = existsSync(fileURLToPath(new URL('../../../public/codesets/manifest.json', import.meta.url)));

/** Expected lines per fixture: [code, units, ...modifiers], in output order. */
const EXPECTED: { name: string; options?: ProcedureOptions; lines: (string | number)[][]; excluded: [string, string][] }[] = [
  {
    name: 'knee-injection',
    lines: [['99214', 1, '25'], ['20610', 1, 'LT'], ['J3301', 4]],
    excluded: [['J2003', 'not-billable']],
  },
  {
    name: 'uti-ceftriaxone',
    lines: [['99213', 1, '25'], ['81002', 1], ['96372', 1], ['J0696', 4]],
    excluded: [['90471', 'negated']],
  },
  {
    name: 'well-visit',
    lines: [['99396', 1], ['99214', 1, '25'], ['83036', 1], ['96127', 1], ['90715', 1], ['90674', 1], ['90471', 1], ['90472', 1]],
    excluded: [],
  },
  {
    name: 'medicare-awv',
    options: { payer: 'medicare' },
    lines: [['G0439', 1], ['93000', 1], ['90662', 1], ['90677', 1], ['G0008', 1], ['G0009', 1]],
    excluded: [['45378', 'hypothetical'], ['90750', 'historical']],
  },
  {
    name: 'laceration',
    lines: [['12002', 1], ['90715', 1], ['90471', 1]],
    excluded: [['99203', 'not-billable']],
  },
  {
    // Nurse injection visit: no E/M beside 96372 (99211 is not reported with it).
    name: 'nurse-injection',
    lines: [['96372', 1], ['J1071', 200]],
    // A nurse's visit: its E/M would be 99211, and the injection includes it.
    excluded: [['99211', 'not-billable']],
  },
  {
    // Routine antepartum visit: the E/M and the dipstick are in the global obstetric package.
    name: 'prenatal-visit',
    lines: [],
    excluded: [['99212', 'not-billable'], ['81002', 'not-billable']],
  },
  {
    // Follow-up inside a surgical global period: 99024, no E/M.
    name: 'fracture-global',
    lines: [['99024', 1]],
    excluded: [['99213', 'not-billable']],
  },
];

function summary(doc: ChartDocument, catalog: CodeSetCatalog, options?: ProcedureOptions) {
  const result = suggestProcedures(doc, catalog, options);
  return { result, lines: result.procedures.map((p) => [p.code, p.units ?? 0, ...(p.modifiers ?? [])]) };
}

function checkShape(doc: ChartDocument, catalog: CodeSetCatalog, options?: ProcedureOptions): void {
  const { procedures, excluded } = suggestProcedures(doc, catalog, options);
  for (const p of procedures) {
    expect(p.rule.length).toBeGreaterThan(10);
    expect(p.evidence.length).toBeGreaterThan(0);
    for (const e of p.evidence) {
      expect(doc.text.slice(e.start, e.end)).toBe(e.text);
      expect(e.sentence).toContain(e.text.trim().split('\n')[0]!);
    }
    expect(p.confidence).toBeGreaterThan(0);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(Object.keys(p)).not.toContain('kind');
  }
  const suggested = new Set(procedures.map((p) => p.code));
  for (const e of excluded) expect(suggested.has(e.code)).toBe(false);
}

describe('procedures', () => {
  describe('suggestProcedures (in-memory catalogue)', () => {
    const catalog = miniCatalog();
    it('uses the Medicare administration codes when the chart documents Medicare coverage', () => {
      const doc = chartFromText('Date of Service: 10/10/2026\nDOB: 01/01/1950\nInsurance: Medicare Part B\nFluzone High-Dose 0.5 mL IM administered today.');
      expect(summary(doc, catalog).lines).toEqual([['90662', 1], ['G0008', 1]]);
    });

    for (const f of EXPECTED) {
      it(`codes ${f.name}`, () => {
        const doc = chartFromText(fixture(f.name));
        const { result, lines } = summary(doc, catalog, f.options);
        expect(lines).toEqual(f.lines);
        for (const [code, reason] of f.excluded) expect(result.excluded).toContainEqual(expect.objectContaining({ code, reason }));
        checkShape(doc, catalog, f.options);
      });
    }

    it('bills a month of chronic care management by its minutes, and no E/M read from its summary', () => {
      const month = (minutes: number) => `Date of Service: 03/31/2026\nCHRONIC CARE MANAGEMENT - MONTHLY SUMMARY (clinical staff)\nProblems addressed:\n1. Type 2 diabetes - metformin 500 mg BID, A1c 7.4.\n2. Hypertension - lisinopril 10 mg daily, home BP at goal.\nTotal clinical staff CCM time for calendar month: ${minutes} minutes.`;
      const lines = (minutes: number) => summary(chartFromText(month(minutes)), catalog).lines;
      expect(lines(46)).toEqual([['99490', 1], ['99439', 1]]);
      expect(lines(25)).toEqual([['99490', 1]]);
      expect(lines(15).filter((l) => ['99490', '99439'].includes(String(l[0])))).toEqual([]);
      expect(summary(chartFromText(month(46)), catalog).result.excluded).toContainEqual(expect.objectContaining({ code: '99214', reason: 'not-billable' }));
      // A visit note that only says the patient is enrolled bills no CCM.
      expect(summary(chartFromText('Date of Service: 03/31/2026\nHPI: Enrolled in CCM since 2025, 30 minutes of staff time last month.\nASSESSMENT: Hypertension.\nPLAN: Continue lisinopril.'), catalog).lines.map((l) => l[0])).not.toContain('99490');
    });

    it('takes the date of service from the header, or the option', () => {
      const note = 'Date of Service: 05/10/2023\nDepo-Medrol 40 mg IM given today.';
      expect(summary(chartFromText(note), catalog).lines).toContainEqual(['J1030', 1]);
      expect(summary(chartFromText(note), catalog, { dateOfService: '2026-03-10' }).lines).toContainEqual(['J1010', 40]);
    });

    it('never throws, on random text or an empty chart', () => {
      expect(suggestProcedures(chartFromText(''), catalog)).toEqual({ procedures: [], excluded: [] });
      fc.assert(
        fc.property(fc.string({ maxLength: 400 }), (text) => {
          const r = suggestProcedures(chartFromText(text), catalog);
          return Array.isArray(r.procedures) && Array.isArray(r.excluded);
        }),
        { numRuns: 150 },
      );
    });

    it('never throws, and keeps its evidence honest, on shuffled clinical phrases', () => {
      const phrases = [
        'PLAN:', 'ASSESSMENT:', 'PROCEDURE:', 'Total time 45 minutes.', 'Kenalog 40 mg injected into the left knee.', 'Flu shot given today.',
        'Declined Tdap.', 'ECG: NSR.', 'Ceftriaxone 1 g IM given.', 'Will return for spirometry.', '3 cm laceration of the scalp repaired.',
        'Annual physical.', 'Hypertension, uncontrolled. Increase lisinopril 20 mg.', 'Rapid strep negative.', 'x1', '1%', '2.4 million units',
        'Cryotherapy to 3 warts performed.', 'DOB: 01/01/1950', 'New patient.', 'If worse, go to the ED.', ';', '(', ')', 'B12 1000 mcg IM',
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...phrases), { maxLength: 30 }), fc.constantFrom<ProcedureOptions['payer']>('medicare', 'other'), (parts, payer) => {
          const doc = chartFromText(`Date of Service: 03/10/2026\n${parts.join(parts.length % 2 ? '\n' : ' ')}`);
          checkShape(doc, catalog, { payer });
          return true;
        }),
        { numRuns: 150 },
      );
    });

    it('runs a 3,000-word note quickly (logged, not asserted)', () => {
      const base = EXPECTED.map((f) => fixture(f.name)).join('\n');
      let text = '';
      while (text.split(/\s+/).length < 3000) text += `${base}\n`;
      const doc = chartFromText(text);
      suggestProcedures(doc, catalog); // builds the per-catalogue indexes once
      const start = performance.now();
      const result = suggestProcedures(doc, catalog);
      console.log(`suggestProcedures: ${text.split(/\s+/).length} words in ${(performance.now() - start).toFixed(1)} ms, ${result.procedures.length} lines`);
      expect(result.procedures.length).toBeGreaterThan(0);
    });
  });

  describe.skipIf(!builtCodesets)('suggestProcedures (full code sets from public/codesets)', () => {
    let catalog: CodeSetCatalog;
    beforeAll(async () => {
      catalog = await loadCatalog();
    });
    for (const f of EXPECTED) {
      it(`codes ${f.name}`, () => {
        const doc = chartFromText(fixture(f.name));
        const { result, lines } = summary(doc, catalog, f.options);
        expect(lines).toEqual(f.lines);
        for (const [code, reason] of f.excluded) expect(result.excluded).toContainEqual(expect.objectContaining({ code, reason }));
        checkShape(doc, catalog, f.options);
      });
    }

    it('maps drug names to the full HCPCS descriptor list', () => {
      const codes = (line: string) => suggestProcedures(chartFromText(`Date of Service: 03/10/2026\n${line}`), catalog).procedures.filter((p) => p.code.startsWith('J')).map((p) => [p.code, p.units]);
      expect(codes('Rocephin 1 gram IM x1 in clinic.')).toEqual([['J0696', 4]]);
      expect(codes('Decadron 10 mg IM given.')).toEqual([['J1100', 10]]);
      expect(codes('Zofran 4 mg IV push given.')).toEqual([['J2405', 4]]);
      expect(codes('Solu-Medrol 125 mg IV given.')).toEqual([['J2919', 25]]);
      expect(codes('Synvisc-One 48 mg injected into the right knee.')).toEqual([['J7325', 48]]);
      expect(codes('Phenergan 25 mg IM given.')).toEqual([['J2550', 1]]);
    });
  });
});
