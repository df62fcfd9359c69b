import { describe, expect, it } from 'vitest';
import { orderFile } from '../../test/support/codeset-fixtures';
import { parseOrderAddenda, previousYearCodes } from './parse-icd10cm-addenda';
import { parseIcd10cmOrder } from './parse-icd10cm-order';

// This year: B88.0 became a header with two new children; D71 was deleted; L02.212's title was revised.
const thisYear = parseIcd10cmOrder(
  orderFile([
    ['B88', false, 'Other infestations'],
    ['B880', false, 'Other acariasis'],
    ['B8801', true, 'Infestation by Demodex mites'],
    ['B8809', true, 'Other acariasis'],
    ['L02212', true, 'Cutaneous abscess of back [any part, except buttock and flank]'],
  ]),
).codes;

/** An addenda line as CDC writes it: action padded to 13, flag, code, 60-char short title, long title. */
function addendaLine(action: string, code: string, billable: boolean, title: string): string {
  return `${action.padEnd(13)}${billable ? 1 : 0} ${code.padEnd(7)} ${title.padEnd(60).slice(0, 60)} ${title}`;
}

const addendaText = [
  addendaLine('Add:', 'B880', false, 'Other acariasis'),
  addendaLine('Add:', 'B8801', true, 'Infestation by Demodex mites'),
  addendaLine('Add:', 'B8809', true, 'Other acariasis'),
  addendaLine('Delete:', 'B880', true, 'Other acariasis'),
  addendaLine('Delete:', 'D71', true, 'Functional disorders of polymorphonuclear neutrophils'),
  addendaLine('Revise from:', 'L02212', true, 'Cutaneous abscess of back [any part, except buttock]'),
  addendaLine('Revise to:', 'L02212', true, 'Cutaneous abscess of back [any part, except buttock and flank]'),
  '     1 revisions',
].join('\r\n');

describe('parseOrderAddenda', () => {
  const addenda = parseOrderAddenda(addendaText);

  it('reads additions, deletions and revisions with the dot', () => {
    expect(addenda.added.map((r) => r.code)).toEqual(['B88.0', 'B88.01', 'B88.09']);
    expect(addenda.deleted.map((r) => [r.code, r.billable])).toEqual([
      ['B88.0', true],
      ['D71', true],
    ]);
    expect(addenda.revised).toHaveLength(1);
    expect(addenda.revised[0]!.from.title).toBe('Cutaneous abscess of back [any part, except buttock]');
  });

  it('refuses a file with no changes in it', () => {
    expect(() => parseOrderAddenda('nothing here\n')).toThrow(/no Add\/Delete\/Revise/);
  });
});

describe('previousYearCodes', () => {
  const previous = new Map(previousYearCodes(thisYear, parseOrderAddenda(addendaText)).map((c) => [c.code, c]));

  it('removes codes added this year and restores deleted ones', () => {
    expect(previous.has('B88.01')).toBe(false);
    expect(previous.get('D71')).toMatchObject({ billable: true, title: 'Functional disorders of polymorphonuclear neutrophils' });
  });

  it('restores a code that changed from billable to header', () => {
    expect(previous.get('B88.0')).toMatchObject({ billable: true, parent: 'B88' });
  });

  it('restores last year title of revised codes', () => {
    expect(previous.get('L02.212')?.title).toBe('Cutaneous abscess of back [any part, except buttock]');
  });
});
