import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { orderFile, SAMPLE_ORDER_ROWS, sampleAnweb } from '../../test/support/codeset-fixtures';
import { decodeBundle, encodeBundle } from './bundle';
import { buildBundles, classify } from './release';
import type { CodeSetBundle } from './types';

const enc = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => readFileSync(join(__dirname, '../../test/fixtures/codesets', name));
const order = { name: 'icd10cm-order-2026.txt', bytes: enc(orderFile(SAMPLE_ORDER_ROWS)) };
const anweb = { name: 'HCPC2026_JAN_ANWEB_01122026.txt', bytes: enc(sampleAnweb()) };
const fixedClock = { now: () => new Date('2026-01-15T00:00:00Z') };

describe('buildBundles', () => {
  it('builds ICD-10-CM and HCPCS bundles with versions, effective dates and source hashes', async () => {
    const { bundles } = await buildBundles([order, anweb], fixedClock);
    const [icd, hcpcs] = bundles as CodeSetBundle[];
    expect(icd).toMatchObject({ id: 'icd10cm@FY2026', system: 'icd10cm', fiscalYear: 2026, effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30', counts: { billable: 7, headers: 9 } });
    expect(icd!.sources[0]).toMatchObject({ name: 'icd10cm-order-2026.txt', bytes: order.bytes.length });
    expect(icd!.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(hcpcs).toMatchObject({ id: 'hcpcs@2026-01', version: '2026 January', effectiveFrom: '2026-01-01', counts: { codes: 3, activeOnEffectiveDate: 2, modifiers: 1 } });
  });

  it('reads files inside a release zip', async () => {
    const zip = zipSync({ 'release/icd10cm-order-2026.txt': order.bytes, 'release/icd10OrderFiles.pdf': new Uint8Array([37, 80, 68, 70, 0, 1]) });
    const { bundles, report } = await buildBundles([{ name: 'icd10cm-Code Descriptions-2026.zip', bytes: zip }]);
    expect(bundles.map((b) => b.id)).toEqual(['icd10cm@FY2026']);
    expect(report.some((line) => line.includes('icd10OrderFiles.pdf') && line.includes('skipped'))).toBe(true);
  });

  it('adds Tabular List notes labelled with their fiscal year and inclusion terms as synonyms', async () => {
    const { bundles } = await buildBundles([order, { name: 'icd10cm-tabular-sample.xml', bytes: fixture('icd10cm-tabular-sample.xml') }]);
    const icd = bundles[0] as CodeSetBundle;
    const withNotes = icd.codes.filter((c) => c.notes);
    expect(withNotes.length).toBeGreaterThan(0);
    for (const c of withNotes) expect(c.notes!.fiscalYear).toBeGreaterThan(2000);
    // Plain notes under a code travel too: some of them state conventions the engine reads (G43 "equivalent to intractable").
    expect(icd.codes.find((c) => c.code === 'S72')?.notes?.general).toEqual(['A fracture not indicated as open or closed should be coded to closed']);
  });

  it('adds the built-in CPT list when given', async () => {
    const builtinCpt = JSON.parse(readFileSync(join(__dirname, '../../assets/cpt/common-cpt.json'), 'utf8'));
    const { bundles } = await buildBundles([order], { builtinCpt });
    const cpt = bundles.find((b) => b.id === 'cpt@builtin') as CodeSetBundle;
    expect(cpt.codes.find((c) => c.code === '99213')).toMatchObject({ system: 'cpt', descriptorSource: 'builtin' });
  });

  it('round-trips through the shipped bundle encoding', async () => {
    const { bundles } = await buildBundles([order], fixedClock);
    expect(decodeBundle(encodeBundle(bundles[0]!))).toEqual(bundles[0]);
  });

  it('refuses a set of files with nothing it can read', async () => {
    await expect(buildBundles([{ name: 'notes.txt', bytes: enc('hello world\n') }])).rejects.toThrow(/none of these files/);
  });

  it('refuses a damaged zip', async () => {
    const zip = zipSync({ 'icd10cm-order-2026.txt': order.bytes });
    await expect(buildBundles([{ name: 'release.zip', bytes: zip.slice(0, zip.length - 30) }])).rejects.toThrow(/zip is damaged/);
  });

  it('refuses a tabular imported before any ICD-10-CM code set exists', async () => {
    await expect(buildBundles([{ name: 't.xml', bytes: fixture('icd10cm-tabular-sample.xml') }])).rejects.toThrow(/order file first/);
  });

  it('refuses an order file whose name does not say the year', async () => {
    await expect(buildBundles([{ name: 'codes.txt', bytes: order.bytes }])).rejects.toThrow(/fiscal year/);
  });
});

describe('classify', () => {
  it.each([
    ['empty', ''],
    ['web page', '<!DOCTYPE html><html><body>Not found</body></html>'],
  ])('refuses an %s file', (_kind, text) => {
    expect(() => classify('icd10cm-order-2026.txt', text)).toThrow();
  });

  it('refuses XML that is neither a tabular nor an index', () => {
    expect(() => classify('x.xml', '<?xml version="1.0"?><ICD10CM.drug></ICD10CM.drug>')).toThrow(/neither/);
  });

  it('recognises files by content', () => {
    expect(classify('whatever-2026.txt', orderFile(SAMPLE_ORDER_ROWS))).toBe('icd10cm-order');
    expect(classify('HCPC2026_JAN_ANWEB.txt', sampleAnweb())).toBe('hcpcs-anweb');
    expect(classify('licensed-cpt.tsv', 'code\tdescriptor\n99213\tLicensed text\n')).toBe('cpt-licensed');
  });
});
