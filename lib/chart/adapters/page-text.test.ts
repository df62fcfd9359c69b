import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readDomText } from '..';
import { NEWLINE, PageTextBuilder, SPACE } from './page-text';

function read(html: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return readDomText(document.body as unknown as Node);
}

describe('PageTextBuilder', () => {
  describe('addSlice', () => {
    it('joins pieces with the strongest pending separator and shifts their segments', () => {
      const a = read('<p>Assessment:</p>');
      const b = read('<p>Type 2   diabetes.</p>');
      const out = new PageTextBuilder(1e6);
      out.addSlice(a, 0, a.text.length, 0, a.segments.length);
      out.pending(SPACE);
      out.pending(NEWLINE);
      out.addSlice(b, 0, b.text.length, 0, b.segments.length);
      const text = out.finish();
      expect(text).toBe('Assessment:\nType 2 diabetes.');
      for (const seg of out.segments) {
        expect(text.slice(seg.start, seg.end).replace(/\s+/g, ' ')).toBe(seg.node.data.slice(seg.nodeOffset, seg.nodeOffset + seg.end - seg.start).replace(/\s+/g, ' '));
      }
    });

    it('turns leading whitespace of a slice into a separator and stops at maxChars', () => {
      const a = read('<p>one</p><p>two three</p>');
      const out = new PageTextBuilder(9);
      out.addSlice(a, 0, 3, 0, 1);
      const at = out.addSlice(a, 3, a.text.length, 1, a.segments.length);
      expect(at).toEqual({ raw: 4, out: 4 });
      expect(out.finish()).toBe('one\ntwo t');
      expect(out.full).toBe(true);
      expect(out.segments.at(-1)!.end).toBe(9);
    });
  });

  describe('addUnmapped', () => {
    it('records text with no DOM behind it', () => {
      const out = new PageTextBuilder(1e6);
      out.addUnmapped('Acute pyelonephritis.\r\n\r\n\r\nCeftriaxone.');
      expect(out.finish()).toBe('Acute pyelonephritis.\n\nCeftriaxone.');
      expect(out.unmapped).toEqual([{ start: 0, end: 35 }]);
      expect(out.segments).toEqual([]);
    });
  });
});
