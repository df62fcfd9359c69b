import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL_RELEASES, fileNameOf } from '../lib/codesets/official-sources';
import { buildBundles } from '../lib/codesets/release';
import type { CodeSetBundle } from '../lib/codesets/types';
import { startServer } from '../test/support/http-server';
import { readSource, resolveSource } from './codeset-sources';

const repoRoot = resolve(__dirname, '..');
const shared = process.env.CODESETS_DIR ?? resolve(repoRoot, '../shared/codesets');
const haveShared = existsSync(join(shared, 'icd10cm/icd10cm-order-2026.txt'));

describe('resolveSource', () => {
  it('prefers --from, then CODESETS_DIR, then ../shared/codesets, then the official URLs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-src-'));
    expect(resolveSource(dir, { CODESETS_DIR: '/nope' }, repoRoot)).toMatchObject({ kind: 'directory', path: dir, why: '--from' });
    expect(resolveSource('https://example.org/release.zip', {}, repoRoot)).toMatchObject({ kind: 'url' });
    expect(resolveSource('https://mirror.example.org/files/', {}, repoRoot)).toMatchObject({ kind: 'mirror' });
    expect(resolveSource(undefined, { CODESETS_DIR: dir }, repoRoot)).toMatchObject({ kind: 'directory', path: dir, why: 'CODESETS_DIR' });
    const noShared = mkdtempSync(join(tmpdir(), 'cc-root-'));
    expect(resolveSource(undefined, {}, join(noShared, 'main'))).toMatchObject({ kind: 'official' });
  });

  it('says plainly when a given path does not exist', () => {
    expect(() => resolveSource('/no/such/folder', {}, repoRoot)).toThrow(/no such file or folder/);
  });
});

describe.skipIf(!haveShared)('downloading the official releases (from a local mirror of the same files)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const served = new Map<string, Buffer>();

  beforeAll(async () => {
    // Zips under the official file names, holding the same files CDC/CMS ship inside them.
    const zipOf = (files: string[]) => Buffer.from(zipSync(Object.fromEntries(files.map((f) => [f.split('/').pop()!, readFileSync(join(shared, f))]))));
    const byId: Record<string, Buffer> = {
      'icd10cm-fy2026-descriptions': zipOf(['icd10cm/icd10cm-order-2026.txt', 'icd10cm/icd10cm-order-addenda-2026.txt', 'icd10cm/icd10cm-codes-2026.txt']),
      'hcpcs-2026-jan': zipOf(['hcpcs/HCPC2026_JAN_ANWEB_01122026.txt', 'hcpcs/HCPC2026_recordlayout.txt']),
      // The FY2026 table-and-index zip is not available here; the FY2021 tabular stands in for it.
      'icd10cm-fy2026-table-index': zipOf(['icd10cm/fy2021-tabular/icd10cm_tabular_2021.xml']),
      'mue-practitioner-2026-q2': zipOf(['cms-edits/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv']),
    };
    for (const release of OFFICIAL_RELEASES) if (byId[release.id]) served.set(`/${encodeURIComponent(fileNameOf(release.url))}`, byId[release.id]!);
    server = await startServer((req, res) => {
      const body = served.get(req.url ?? '');
      if (!body) return void res.writeHead(404, 'Not Found').end();
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length }).end(body);
    });
  });
  afterAll(() => server?.close());

  it('fetches a single release zip by URL and builds ICD-10-CM FY2026 from it', async () => {
    const url = `${server.url}${[...served.keys()][0]}`;
    const files = await readSource({ kind: 'url', url, why: 'test' });
    const { bundles } = await buildBundles(files);
    const fy2026 = bundles.find((b) => b.id === 'icd10cm@FY2026') as CodeSetBundle;
    expect(fy2026.counts).toMatchObject({ billable: 74719, headers: 23467 });
    expect(fy2026.sources[0]!.sha256).toBe('6dc95c9c7e96c734806e1682f4bf9df76251d60e99199bba0d375ba3dd11026b');
  });

  it('fetches every official release from a mirror and builds the code sets with Tabular notes', async () => {
    const files = await readSource({ kind: 'mirror', baseUrl: `${server.url}/`, why: 'test' });
    const { bundles, report } = await buildBundles(files);
    expect(bundles.map((b) => b.id).sort()).toEqual(['hcpcs@2026-01', 'icd10cm@FY2025', 'icd10cm@FY2026']);
    const hcpcs = bundles.find((b) => b.id === 'hcpcs@2026-01') as CodeSetBundle;
    expect(hcpcs.counts).toEqual({ codes: 8623, activeOnEffectiveDate: 7323, modifiers: 383 });
    const fy2026 = bundles.find((b) => b.id === 'icd10cm@FY2026') as CodeSetBundle;
    expect(fy2026.codes.find((c) => c.code === 'J44.9')?.notes?.fiscalYear).toBe(2021);
    expect(report.some((line) => /edits not rebuilt/.test(line))).toBe(true);
  });

  it('refuses a mirror that lacks an official file, naming it', async () => {
    served.delete([...served.keys()].find((k) => k.includes('hcpcs'))!);
    await expect(readSource({ kind: 'mirror', baseUrl: `${server.url}/`, why: 'test' })).rejects.toThrow(/january-2026-alpha-numeric-hcpcs-file\.zip.*404/);
  });

  it('writes nothing when the source fails (the build stages into a temporary folder)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cc-out-'));
    writeFileSync(join(out, 'marker'), 'old');
    const { buildCodeSets } = await import('./codesets');
    await expect(buildCodeSets({ from: `${server.url}/missing.zip`, outDir: out, log: () => {} })).rejects.toThrow(/404/);
    expect(readFileSync(join(out, 'marker'), 'utf8')).toBe('old');
  });
});
