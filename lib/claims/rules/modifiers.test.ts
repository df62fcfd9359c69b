import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { modifiers } from './modifiers';

function withModifiers(list: unknown[]) {
  const encounter = claimCheckEncounter();
  encounter.lines[0]!.modifiers = list as string[];
  return encounter;
}

describe('modifiers', () => {
  it('passes known HCPCS and CPT modifiers, written in any case', async () => {
    expect(await runRule(modifiers, withModifiers(['25', 'rt']))).toEqual([]);
  });

  it('refuses more than 4 modifiers and malformed ones', async () => {
    const results = await runRule(modifiers, withModifiers(['25', '59', 'RT', 'LT', 'XS']));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ severity: 'error', line: '1', field: 'lines[0].modifiers' });
    expect(results[0]!.message).toMatch(/has 5 modifiers; a line takes at most 4/);
    expect((await runRule(modifiers, withModifiers(['RTX'])))[0]!.message).toMatch(/"RTX" is not a two-character modifier/);
  });

  it('errs on an unknown HCPCS modifier, only warns on a CPT modifier missing from the built-in list', async () => {
    const results = await runRule(modifiers, withModifiers(['ZZ', '33']));
    expect(results.map((r) => [r.severity, r.codes[0]])).toEqual([
      ['error', 'ZZ'],
      ['warning', '33'],
    ]);
    expect(results[0]!.source).toBe('the HCPCS 2026 January modifier list');
  });

  it('warns about a modifier listed twice', async () => {
    const [r] = await runRule(modifiers, withModifiers(['RT', 'RT']));
    expect(r).toMatchObject({ severity: 'warning', codes: ['RT'] });
  });
});
