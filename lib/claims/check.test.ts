import { describe, expect, it } from 'vitest';
import { blocksReady, checkEncounter, sortResults } from './check';
import { CLAIM_RULES } from './rules';
import { runAll, testContext } from '../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../test/support/encounters';
import type { CheckResult, ClaimRule } from './types';

describe('checkEncounter', () => {
  it('finds nothing on a clean encounter, so it may be marked ready', async () => {
    const results = await runAll(claimCheckEncounter());
    expect(results).toEqual([]);
    expect(blocksReady(results)).toBe(false);
  });

  it('lists errors first, then warnings, then advisories, each with a rule, a source and a plain message', async () => {
    const encounter = claimCheckEncounter({ diagnoses: [{ code: 'N40.0' }, { code: 'E11.65' }, { code: 'E10.9' }, { code: 'S72.001' }] });
    encounter.lines[0]!.pointers = [1, 2, 3, 4];
    const results = await runAll(encounter);
    expect(results.map((r) => [r.severity, r.rule])).toEqual([
      ['error', 'icd-missing-7th-character'],
      ['warning', 'icd-excludes1-pair'],
      ['advisory', 'mce-sex-conflict-historical'],
    ]);
    expect(blocksReady(results)).toBe(true);
    for (const r of results) {
      expect(r.rule).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.message).toMatch(/\.$/);
    }
  });

  it('does not block ready on warnings and advisories alone', () => {
    const findings: CheckResult[] = [
      { rule: 'a', severity: 'warning', codes: [], message: 'x.', source: 's' },
      { rule: 'b', severity: 'advisory', codes: [], message: 'y.', source: 's' },
    ];
    expect(blocksReady(findings)).toBe(false);
  });

  it('turns a rule that throws into an error naming it, and still runs the others', async () => {
    const encounter = claimCheckEncounter();
    const broken: ClaimRule = {
      id: 'broken-rule',
      description: 'A rule that fails',
      check: () => {
        throw new Error('boom');
      },
    };
    const results = checkEncounter(encounter, await testContext(encounter), [broken, ...CLAIM_RULES]);
    expect(results).toEqual([expect.objectContaining({ rule: 'broken-rule', severity: 'error', message: expect.stringMatching(/could not run.*boom/) })]);
  });

  it('survives an encounter with missing parts and reports them', async () => {
    const encounter = { id: 'x', claimId: 'C1', dateOfService: '2026-05-04' } as never;
    const results = await runAll(encounter);
    expect(blocksReady(results)).toBe(true);
    expect(results.some((r) => r.message.includes('could not run'))).toBe(false);
    expect(results.map((r) => r.field)).toEqual(expect.arrayContaining(['patient.dob', 'payer.name', 'billingProvider.taxId', 'lines', 'diagnoses', 'placeOfService', 'renderingProvider.npi']));
  });
});

describe('sortResults', () => {
  it('keeps rule order within a severity', () => {
    const r = (rule: string, severity: CheckResult['severity']): CheckResult => ({ rule, severity, codes: [], message: '', source: '' });
    expect(sortResults([r('a', 'advisory'), r('b', 'warning'), r('c', 'error'), r('d', 'warning'), r('e', 'error')]).map((x) => x.rule)).toEqual(['c', 'e', 'b', 'd', 'a']);
  });
});
