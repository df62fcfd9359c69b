import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const haveBundles = existsSync(join(root, 'public/codesets/manifest.json')) || existsSync(resolve(root, '../shared/codesets'));

/** Runs `npm run cli -- …` the way users and other tools do, and returns standard output. */
function cli(...args: string[]): string {
  return execFileSync('npx', ['tsx', 'cli/index.ts', ...args], { cwd: root, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

describe.skipIf(!haveBundles)('cli', () => {
  describe('codesets stats --json', () => {
    it('reports the FY2026 and HCPCS counts with versions and source hashes', () => {
      const stats = JSON.parse(cli('codesets', 'stats', '--json'));
      const icd = stats.codeSets.find((s: { id: string }) => s.id === 'icd10cm@FY2026');
      expect(icd.counts).toMatchObject({ billable: 74719, headers: 23467 });
      expect(icd.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(stats.codeSets.find((s: { system: string }) => s.system === 'hcpcs').counts).toEqual({ codes: 8623, activeOnEffectiveDate: 7323, modifiers: 383 });
    });
  });

  describe('search', () => {
    it('prints {query, results:[{system, code, title, billable, score}]} with ICD-10-CM codes dotted', () => {
      const out = JSON.parse(cli('search', 'copd', '--json', '--limit', '3'));
      expect(out.query).toBe('copd');
      expect(out.results).toHaveLength(3);
      expect(out.results[0]).toMatchObject({ system: 'icd10cm', code: 'J44.9', billable: true });
      expect(Object.keys(out.results[0]).slice(0, 5)).toEqual(['system', 'code', 'title', 'billable', 'score']);
    });

    it('answers a batch file with one JSON line per query, filtered by system', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'cc-cli-')), 'queries.txt');
      writeFileSync(file, 'J1100\nafib\n');
      const lines = cli('search', '--batch', file, '--json', '--system', 'hcpcs').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.query)).toEqual(['J1100', 'afib']);
      expect(lines[0].results[0]).toMatchObject({ system: 'hcpcs', code: 'J1100' });
      expect(lines.flatMap((l) => l.results).every((r: { system: string }) => r.system === 'hcpcs')).toBe(true);
    });
  });

  describe('suggest', () => {
    it('prints {diagnoses, procedures, excluded} for an HTML chart, diagnoses in order with evidence', () => {
      const out = JSON.parse(cli('suggest', 'assets/demo/demo-chart.html', '--json'));
      expect(Object.keys(out)).toEqual(expect.arrayContaining(['diagnoses', 'procedures', 'excluded']));
      expect(out.diagnoses.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['E11.65', 'I12.9', 'M17.12']));
      expect(out.procedures.find((p: { code: string }) => p.code === 'J3301')).toMatchObject({ system: 'hcpcs', units: 4 });
      for (const d of out.diagnoses) expect(d.evidence[0]).toMatchObject({ text: expect.any(String), start: expect.any(Number), end: expect.any(Number) });
    });

    it('refuses an unknown setting with a usage message', () => {
      expect(() => cli('suggest', 'assets/demo/demo-chart.html', '--setting', 'icu')).toThrow(/--setting must be outpatient or inpatient/);
    });
  });
});
