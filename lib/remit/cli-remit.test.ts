import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../cli/args';
import { remitCommand } from '../../cli/remit';
import { syntheticEncounter } from '../../test/support/encounters';
import { interchange, SAMPLE_BODY } from './testing/fixtures';
import { encountersTo835 } from './write-835';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'cc-remit-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const run = (...argv: string[]) => remitCommand(parseArgs(['remit', ...argv]));

describe('cli remit', () => {
  const sent = syntheticEncounter({ status: 'sent' });
  const edi = file('a.835', encountersTo835([{ encounter: sent, outcome: { kind: 'denied', reason: '16', remarks: ['M51'] } }], { lineBreaks: true }));

  it('prints the parsed remittance and its reconciliation', async () => {
    expect(await run(file('s.835', interchange(SAMPLE_BODY)), '--json')).toBe(0);
    const json = JSON.parse(out);
    expect(json.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(json.remittance.claims.map((c: { claimId: string }) => c.claimId)).toEqual(['CLM-A', 'CLM-B']);
    expect(json.reconciliation).toEqual({ balanced: true, problems: [] });
    expect(json.matches).toBeUndefined();
  });

  it('with --encounters prints the matches and the encounter changes, leaving the file alone', async () => {
    const encounters = file('e.json', JSON.stringify({ formatVersion: 1, encounters: [sent] }));
    const before = readFileSync(encounters, 'utf8');
    expect(await run(edi, '--encounters', encounters, '--json', '--by', 'biller1', '--at', '2026-04-02T00:00:00Z')).toBe(0);
    const json = JSON.parse(out);
    expect(json.matches).toEqual([{ claimId: sent.claimId, key: `${json.fileHash}:${sent.claimId}:SYN00000001`, match: 'matched', encounterIds: [sent.id] }]);
    expect(json.updates).toEqual([expect.objectContaining({ encounterId: sent.id, before: 'sent', after: 'denied', reason: expect.stringMatching(/^CO-16 /) })]);
    expect(json.updates[0].encounter).toBeUndefined();
    expect(readFileSync(encounters, 'utf8')).toBe(before);
  });

  it('prints text without --json', async () => {
    expect(await run(edi, '--encounters', file('e2.json', JSON.stringify(sent)))).toBe(0);
    expect(out).toMatch(/UPDATE CC2026031001 → .*: sent → denied \(CO-16/);
  });

  it('exits 1 when the remittance does not balance, 2 on bad input', async () => {
    expect(await run(file('u.835', interchange(SAMPLE_BODY.map((s) => s.replace('BPR*I*171.5', 'BPR*I*100')))))).toBe(1);
    expect(out).toMatch(/UNBALANCED Payment EFT7781/);
    expect(await run(file('bad.835', interchange(SAMPLE_BODY).replace('SE*35', 'SE*9')))).toBe(2);
    expect(err).toMatch(/bad\.835: 835 segment 37 \(SE\): SE01 says 9 segments/);
    expect(await run(edi, '--encounters', file('bad.json', '{"formatVersion": 1, "encounters": [{}]}'))).toBe(2);
    expect(await run()).toBe(2);
    expect(await run(join(dir, 'missing.835'))).toBe(2);
    expect(err).toMatch(/cannot read/);
  });
});
