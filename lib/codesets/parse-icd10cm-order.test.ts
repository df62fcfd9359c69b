import { describe, expect, it } from 'vitest';
import { orderFile, SAMPLE_ORDER_ROWS } from '../../test/support/codeset-fixtures';
import { CodeSetFormatError, parseIcd10cmOrder } from './parse-icd10cm-order';

describe('parseIcd10cmOrder', () => {
  const parsed = parseIcd10cmOrder(orderFile(SAMPLE_ORDER_ROWS));

  it('counts billable codes and headers', () => {
    expect(parsed.billable).toBe(7);
    expect(parsed.headers).toBe(9);
  });

  it('writes codes with the dot and keeps the long title', () => {
    const e1165 = parsed.codes.find((c) => c.code === 'E11.65');
    expect(e1165).toMatchObject({ system: 'icd10cm', title: 'Type 2 diabetes mellitus with hyperglycemia', billable: true, chapter: 4 });
  });

  it('links each code to its longest existing prefix', () => {
    const byCode = new Map(parsed.codes.map((c) => [c.code, c]));
    expect(byCode.get('E11.65')?.parent).toBe('E11.6');
    expect(byCode.get('E11.6')?.parent).toBe('E11');
    expect(byCode.get('E11')?.parent).toBeUndefined();
    expect(byCode.get('S72.001A')?.parent).toBe('S72.001');
  });

  it('places chapter 22 codes (U07.1) in chapter 22', () => {
    expect(parsed.codes.find((c) => c.code === 'U07.1')?.chapter).toBe(22);
  });

  it('refuses a file cut off mid-record', () => {
    const text = orderFile(SAMPLE_ORDER_ROWS);
    expect(() => parseIcd10cmOrder(text.slice(0, text.length - 20))).toThrow(/truncated/);
  });

  it('refuses a file with rows missing', () => {
    const lines = orderFile(SAMPLE_ORDER_ROWS).split('\r\n');
    lines.splice(3, 1);
    expect(() => parseIcd10cmOrder(lines.join('\r\n'))).toThrow(/out of sequence/);
  });

  it('refuses text that is not an order file, naming the line', () => {
    expect(() => parseIcd10cmOrder('code,title\nE11.9,Diabetes\n')).toThrow(CodeSetFormatError);
    expect(() => parseIcd10cmOrder('code,title\nE11.9,Diabetes\n')).toThrow(/line 1/);
  });

  it('refuses an empty file', () => {
    expect(() => parseIcd10cmOrder('')).toThrow(/no codes/);
  });
});
