import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/support/claims-catalog';
import { claimCheckEncounter } from '../../../test/support/encounters';
import { diagnosisPointers } from './diagnosis-pointers';

function withPointers(...sets: unknown[][]) {
  const encounter = claimCheckEncounter();
  sets.forEach((pointers, i) => (encounter.lines[i]!.pointers = pointers as number[]));
  return encounter;
}

describe('diagnosis-pointers', () => {
  it('passes lines pointing to 1–4 existing diagnoses once each', async () => {
    expect(await runRule(diagnosisPointers, withPointers([2, 1], [1]))).toEqual([]);
  });

  it('flags a line with no pointer: it has no diagnosis', async () => {
    const [r] = await runRule(diagnosisPointers, withPointers([1], []));
    expect(r).toMatchObject({ severity: 'error', line: '2', field: 'lines[1].pointers' });
    expect(r!.message).toMatch(/Line 2 \(J0696\) points to no diagnosis/);
  });

  it('flags more than 4 pointers, pointers past the list and repeated pointers', async () => {
    const results = await runRule(diagnosisPointers, withPointers([1, 2, 1, 2, 1], [3]));
    expect(results.map((r) => r.message)).toEqual([
      'Line 1 (99213) has 5 diagnosis pointers; a line takes at most 4.',
      'Line 1 (99213) points to diagnosis 1 (A) twice; list each pointer once.',
      'Line 1 (99213) points to diagnosis 2 (B) twice; list each pointer once.',
      'Line 2 (J0696) has pointer 3, but only 1–2 (A–B) exist.',
    ]);
  });

  it('refuses pointers that are not whole numbers', async () => {
    const [r] = await runRule(diagnosisPointers, withPointers(['A'], [1]));
    expect(r!.message).toMatch(/has pointer "A", but only 1–2/);
  });
});
