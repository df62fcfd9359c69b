import { describe, expect, it } from 'vitest';
import { expandWords } from './expansions';
import { sideWords } from './side-abbreviations';
import { textWords, wordKey } from './text-words';

/** The sides read from a phrase, in order. */
const sides = (text: string) => sideWords(textWords(text)).map((w) => text.slice(w.start, w.end) + '=' + w.key);

describe('side abbreviations', () => {
  it('reads L, R, Lt, Rt, B/L and bilat beside a body site', () => {
    expect(sides('L shoulder impingement')).toEqual([`L=${wordKey('left')}`]);
    expect(sides('R knee OA')).toEqual([`R=${wordKey('right')}`]);
    expect(sides('Osteoarthritis of knee (R)')).toEqual([`R=${wordKey('right')}`]);
    expect(sides('Lt wrist sprain')).toEqual([`Lt=${wordKey('left')}`]);
    expect(sides('rt ankle swelling')).toEqual([`rt=${wordKey('right')}`]);
    expect(sides('B/L knees')).toEqual([`B/L=${wordKey('bilateral')}`]);
    expect(sides('pain in b/l knees')).toEqual([`b/l=${wordKey('bilateral')}`]);
    expect(sides('bilat breast pain')).toEqual([`bilat=${wordKey('bilateral')}`]);
  });

  it('reads R-sided and Lt-sided as a side whatever follows, and leaves other hyphenated words alone', () => {
    expect(sides('low back pain with R-sided sciatica')).toEqual([`R-sided=${wordKey('right')}`]);
    expect(sides('Lt-sided chest wall pain')).toEqual([`Lt-sided=${wordKey('left')}`]);
    expect(sides('two-sided discussion, R-value 3')).toEqual([]);
  });

  it('reads a side before a digit name, a participle, or a condition of one paired organ', () => {
    expect(sides('Lac R index finger w/o FB')).toEqual([`R=${wordKey('right')}`]);
    expect(sides('R impacted cerumen')).toEqual([`R=${wordKey('right')}`]);
    expect(sides('L tinnitus, unilateral')).toEqual([`L=${wordKey('left')}`]);
    expect(sides('2 L normal saline')).toEqual([]);
  });

  it('lets a phrase synonym read through a side abbreviation ("distal R radius" is the distal right radius)', () => {
    const keys = expandWords(textWords('Torus fx distal R radius')).map((w) => w.key);
    expect(keys).toEqual(expect.arrayContaining([wordKey('lower'), wordKey('end')]));
  });

  it('never reads units, levels, rule-outs or initials as a side', () => {
    expect(sides('2 L O2 via nasal cannula')).toEqual([]);
    expect(sides('1 L NS bolus')).toEqual([]);
    expect(sides('L4-L5 disc herniation')).toEqual([]);
    expect(sides('O2 at 2 L/min')).toEqual([]);
    expect(sides('flushed with 10 mL saline')).toEqual([]);
    expect(sides('Seen by John R. Smith')).toEqual([]);
    expect(sides('R/O knee fracture')).toEqual([]);
    expect(sides('l knee pain')).toEqual([]); // a lone lower-case letter is no abbreviation
    expect(sides('gave 1 L knee'.replace('knee', 'bag'))).toEqual([]);
  });

  it('puts the side among the expanded words the matcher and site step read', () => {
    const keys = expandWords(textWords('R knee OA')).map((w) => w.key);
    expect(keys).toContain(wordKey('right'));
    expect(keys).toContain(wordKey('osteoarthritis'));
  });
});
