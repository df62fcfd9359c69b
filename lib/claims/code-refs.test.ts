import { describe, expect, it } from 'vitest';
import { codeReferences, referenceCovers } from './code-refs';

describe('codeReferences', () => {
  it('reads single codes, dashed categories and ranges from Excludes1 notes', () => {
    expect(codeReferences('gestational diabetes (O24.4-)').map((r) => [r.from, r.to])).toEqual([['O244', 'O244']]);
    expect(codeReferences('diabetes mellitus due to underlying condition (E08.-)').map((r) => [r.from, r.to])).toEqual([['E08', 'E08']]);
    expect(codeReferences('hypertensive disease complicating pregnancy, childbirth and the puerperium (O10-O11, O13-O16)').map((r) => [r.from, r.to])).toEqual([
      ['O10', 'O11'],
      ['O13', 'O16'],
    ]);
    expect(codeReferences('neonatal diabetes mellitus (P70.2)').map((r) => r.text)).toEqual(['P70.2']);
  });

  it('leaves out references narrowed by "with …", and plain words', () => {
    expect(codeReferences('injuries (S00-T88 with 7th character S)')).toEqual([]);
    expect(codeReferences('type 2 diabetes with HbA1c above target')).toEqual([]);
  });
});

describe('referenceCovers', () => {
  const [range] = codeReferences('(I60-I69)');
  const [category] = codeReferences('(E08.-)');
  const [code] = codeReferences('(K35.8)');
  it('matches codes under a range, a category or a subcategory', () => {
    expect(referenceCovers(range!, 'I63.9')).toBe(true);
    expect(referenceCovers(range!, 'I69.398')).toBe(true);
    expect(referenceCovers(range!, 'I70.0')).toBe(false);
    expect(referenceCovers(range!, 'I10')).toBe(false);
    expect(referenceCovers(category!, 'E08.65')).toBe(true);
    expect(referenceCovers(category!, 'E09.65')).toBe(false);
    expect(referenceCovers(code!, 'K35.80')).toBe(true);
    expect(referenceCovers(code!, 'K35.3')).toBe(false);
  });
});
