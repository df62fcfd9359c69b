import type { DomText, HeadingHint, SourceSegment, TextSpan } from '..';
import { NEWLINE, SPACE, TAB, TextJoiner } from '../text-joiner';

/** Separators between pieces, strongest wins: the same scale `readDomText` uses inside one piece. */
export { NEWLINE, SPACE, TAB };
/** A pending separator: none, space, tab or newline. */
export type Separator = 0 | typeof SPACE | typeof TAB | typeof NEWLINE;

/**
 * Joins the text of many DOM reads (the main document, frames, shadow roots, text boxes, slices of a big
 * page) into one chart text, in page order. Each piece keeps its segments, shifted to the joined text, so
 * evidence offsets still lead back to each piece's own Text nodes. Text with no DOM behind it (a textarea's
 * value) is recorded in `unmapped`.
 *
 * @example const b = new PageTextBuilder(1e6); b.addSlice(read, 0, read.text.length, 0, read.segments.length); b.finish()
 */
export class PageTextBuilder extends TextJoiner {
  readonly segments: SourceSegment[] = [];
  readonly headings: HeadingHint[] = [];
  readonly unmapped: TextSpan[] = [];

  /**
   * Appends `read.text[from, to)` with the segments `read.segments[segFrom, segTo)` (those inside the
   * range). Leading whitespace becomes a pending separator. Returns where the slice's first kept raw
   * character landed, for mapping headings, or undefined when nothing was added.
   */
  addSlice(read: DomText, from: number, to: number, segFrom: number, segTo: number): { raw: number; out: number } | undefined {
    const text = read.text;
    let start = from;
    for (; start < to; start++) {
      const c = text[start];
      if (c === '\n') this.pending(NEWLINE);
      else if (c === '\t') this.pending(TAB);
      else if (c === ' ') this.pending(SPACE);
      else break;
    }
    if (start >= to || this.full) return undefined;
    this.flush();
    const kept = this.fit(to - start);
    if (kept === 0) return undefined;
    const end = start + kept;
    const shift = this.length - start;
    for (let i = segFrom; i < segTo; i++) {
      const seg = read.segments[i]!;
      if (seg.start >= end) break;
      const s = Math.max(seg.start, start);
      this.segments.push({ node: seg.node, nodeOffset: seg.nodeOffset + (s - seg.start), start: s + shift, end: Math.min(seg.end, end) + shift });
    }
    const at = { raw: start, out: this.length };
    this.emit(text.slice(start, end));
    return at;
  }

  /** Appends text that has no DOM text node behind it (a textarea's value): readable, not highlightable. */
  addUnmapped(text: string): void {
    const clean = text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    if (clean.length === 0 || this.full) return;
    this.flush();
    const kept = clean.slice(0, this.fit(clean.length));
    if (kept.length === 0) return;
    this.unmapped.push({ start: this.length, end: this.length + kept.length });
    this.emit(kept);
  }
}
