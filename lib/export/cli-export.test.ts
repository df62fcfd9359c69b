import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../cli/args';
import { exportCommand } from '../../cli/export';
import { syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { parse837Strict } from './testing/validators';

const example = resolve(__dirname, '../../examples/encounters.json');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

function run(...argv: string[]): Promise<number> {
  return exportCommand(parseArgs(['export', ...argv]));
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cc-export-')), 'encounters.json');
  writeFileSync(path, content);
  return path;
}

describe('cli export', () => {
  it('writes an 837P of the example file, with test defaults said on stderr', async () => {
    const before = readFileSync(example, 'utf8');
    expect(await run(example, '--format', '837p', '--date', '2026-04-07', '--time', '08:00')).toBe(0);
    const interchange = parse837Strict(out.trimEnd());
    expect(interchange.header.valueOf(15)).toBe('T');
    expect(err).toMatch(/test interchange .* defaults for --sender-id/);
    expect(readFileSync(example, 'utf8')).toBe(before);
  });

  it('takes 837P options from flags', async () => {
    const flags = ['--sender-id', 'SUB1', '--sender-name', 'Sub', '--receiver-id', 'CH1', '--receiver-name', 'House', '--contact-name', 'Desk', '--contact-email', 'desk@example.test', '--control-number', '77', '--usage', 'P', '--line-breaks'];
    expect(await run(example, '--format', '837P', ...flags)).toBe(0);
    expect(err).toBe('');
    expect(out.split('\n')[0]).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*SUB1 {11}\*ZZ\*CH1 {12}\*\d{6}\*\d{4}\*\^\*00501\*000000077\*0\*P\*:~$/);
    parse837Strict(out);
  });

  it('writes a FHIR transaction bundle and a CSV', async () => {
    expect(await run(example, '--format', 'fhir')).toBe(0);
    const bundle = JSON.parse(out);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Claim')).toHaveLength(5);
    out = '';
    expect(await run(example, '--format', 'csv')).toBe(0);
    const rows = Papa.parse<Record<string, string>>(out, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => `${r.claimId} ${r.lineCode}`)).toContain('CC26-000103 J3301');
  });

  it('reads a single encounter object too, as check does', async () => {
    expect(await run(tempFile(JSON.stringify(syntheticEncounter({ claimId: 'ONE1' }))), '--format', 'csv')).toBe(0);
    expect(Papa.parse<Record<string, string>>(out, { header: true, skipEmptyLines: true }).data.map((r) => r.claimId)).toEqual(['ONE1', 'ONE1']);
    out = '';
    expect(await run(tempFile(JSON.stringify({ ...syntheticEncounter(), lines: 'none' })), '--format', 'csv')).toBe(2);
    expect(err).toMatch(/encounter\.lines: expected a list, found string "none"/);
  });

  it('stops with exit 2 and a clear message on bad input, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [[], /needs an encounters file/],
      [[example], /needs --format/],
      [[example, '--format', 'x12'], /unknown format "x12"; use 837p, fhir or csv/],
      [['/no/such/file.json', '--format', 'csv'], /cannot read \/no\/such\/file.json/],
      [[tempFile('{"formatVersion": 1, "encounters": [') , '--format', 'csv'], /not valid JSON/],
      [[tempFile('{"formatVersion": 2, "encounters": []}'), '--format', 'csv'], /formatVersion: expected 1, found number 2/],
      [[tempFile(JSON.stringify({ formatVersion: 1, encounters: [{ ...syntheticEncounter(), patient: { ...syntheticEncounter().patient, dob: 19610704 } }] })), '--format', 'fhir'], /encounters\[0\]\.patient\.dob: expected text, found number 19610704/],
      [[tempFile(JSON.stringify({ formatVersion: 1, encounters: [syntheticEncounter({ claimId: 'Z9', lines: [syntheticLine({ pointers: [7] })] })] })), '--format', '837p'], /refused, nothing written: Encounter claim Z9: lines\[0\] \(99213\)\.pointers points to diagnosis 7/],
      [[example, '--format', '837p', '--control-number', 'abc'], /--control-number takes a whole number/],
      [[example, '--format', '837p', '--usage', 'P'], /production \(--usage P\) 837P needs --sender-id/],
    ];
    for (const [argv, message] of cases) {
      out = '';
      err = '';
      expect(await run(...argv), argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    }
  });
});
