import { describe, expect, it } from 'vitest';
import { NEWLINE, SPACE, TAB, TextJoiner, separatorText } from './text-joiner';

/** The smallest builder on the joiner: adds words, cut at maxChars. */
class Words extends TextJoiner {
  add(word: string): void {
    if (this.full) return;
    this.flush();
    const kept = this.fit(word.length);
    if (kept > 0) this.emit(word.slice(0, kept));
  }
}

describe('separatorText', () => {
  it('writes a separator only where it adds something', () => {
    expect(separatorText('a', NEWLINE)).toBe('\n');
    expect(separatorText('\n', NEWLINE)).toBe('');
    expect(separatorText('a', TAB)).toBe('\t');
    expect(separatorText('\t', TAB)).toBe('');
    expect(separatorText('\n', TAB)).toBe('');
    expect(separatorText('a', SPACE)).toBe(' ');
    expect(separatorText(' ', SPACE)).toBe('');
    expect(separatorText('\t', SPACE)).toBe('');
  });
});

describe('TextJoiner', () => {
  it('writes the strongest pending separator before the next text, never at the start', () => {
    const out = new Words(100);
    out.pending(NEWLINE);
    out.add('Plan:');
    out.pending(SPACE);
    out.pending(TAB);
    out.pending(SPACE);
    out.add('rest');
    out.pending(NEWLINE);
    out.add('fluids');
    expect(out.finish()).toBe('Plan:\trest\nfluids');
    expect(out.length).toBe(17);
  });

  it('drops a separator nobody wrote text after', () => {
    const out = new Words(100);
    out.add('one');
    out.pending(NEWLINE);
    expect(out.finish()).toBe('one');
    expect(out.length).toBe(3);
  });

  it('cuts text at maxChars, separators included, and then stays full', () => {
    const out = new Words(6);
    out.add('abc');
    out.pending(SPACE);
    out.add('defgh');
    expect(out.finish()).toBe('abc de');
    expect(out.full).toBe(true);
    out.add('more');
    expect(out.finish()).toBe('abc de');
    expect(out.length).toBe(6);
  });

  it('is not full while text fits exactly', () => {
    const out = new Words(3);
    out.add('abc');
    expect(out.full).toBe(false);
    out.add('d');
    expect(out.full).toBe(true);
    expect(out.finish()).toBe('abc');
  });
});
