import { NEWLINE, SPACE, TAB, separatorText, type DomText, type HeadingHint, type SourceSegment, type TextSpan } from '..';

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
export class PageTextBuilder {
  readonly segments: SourceSegment[] = [];
  readonly headings: HeadingHint[] = [];
  readonly unmapped: TextSpan[] = [];
  length = 0;
  full = false;
  private readonly parts: string[] = [];
  private sep: Separator = 0;
  private last = '';

  constructor(private readonly maxChars: number) {}

  /** Asks for at least `sep` before the next text. */
  pending(sep: Separator): void {
    if (sep > this.sep) this.sep = sep;
  }

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
    const room = this.maxChars - this.length;
    if (room <= 0) {
      this.full = true;
      return undefined;
    }
    let end = to;
    if (end - start > room) {
      end = start + room;
      this.full = true;
    }
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
    const room = this.maxChars - this.length;
    const kept = clean.length > room ? clean.slice(0, Math.max(0, room)) : clean;
    if (kept.length < clean.length) this.full = true;
    if (kept.length === 0) return;
    this.unmapped.push({ start: this.length, end: this.length + kept.length });
    this.emit(kept);
  }

  /** The joined text. */
  finish(): string {
    return this.parts.join('');
  }

  private flush(): void {
    const sep = this.sep;
    this.sep = 0;
    if (this.length === 0 || sep === 0) return;
    this.emit(separatorText(this.last, sep));
  }

  private emit(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1]!;
  }
}
