/**
 * The joining core of the two chart text builders: `readDomText` joins the runs of one DOM, and
 * `PageTextBuilder` joins whole DOM reads (frames, shadow roots, text boxes). Both must put the same
 * separator between two pieces of text and stop at the same length, or evidence offsets drift between a
 * single read and a joined page, so that logic lives once here.
 */

/** Separators between pieces of text, weakest first: a space, a table-cell tab, a line break. */
export const SPACE = 1;
export const TAB = 2;
export const NEWLINE = 3;
export type Separator = typeof SPACE | typeof TAB | typeof NEWLINE;

/**
 * What to write for a pending separator after text ending in `last`: a line break after anything but a
 * line break, a tab after anything but a break or tab, a space only after a word. Shared by every text
 * builder so page pieces join the same way.
 */
export function separatorText(last: string, sep: number): string {
  if (sep === NEWLINE) return last !== '\n' ? '\n' : '';
  if (sep === TAB) return last !== '\n' && last !== '\t' ? '\t' : '';
  return last !== '\n' && last !== '\t' && last !== ' ' ? ' ' : '';
}

/**
 * Output text built from parts: separators asked for with `pending` wait until the next text (the strongest
 * wins, and none is written at the very start), and `fit` caps the text at `maxChars`. Subclasses add the
 * text and keep their own offsets back to the source nodes.
 *
 * @example class Words extends TextJoiner { add(w: string) { this.flush(); this.emit(w.slice(0, this.fit(w.length))); } }
 */
export class TextJoiner {
  /** Characters written so far. */
  length = 0;
  /** Set once text had to be cut at `maxChars`: nothing more is added. */
  full = false;
  /** Last written character: '' at start. */
  protected last = '';
  private readonly parts: string[] = [];
  private sep: Separator | 0 = 0;

  constructor(protected readonly maxChars: number) {}

  /** Asks for at least `sep` before the next text. */
  pending(sep: Separator | 0): void {
    if (sep > this.sep) this.sep = sep;
  }

  /** The joined text. */
  finish(): string {
    return this.parts.join('');
  }

  /** Forgets the pending separator (after a subclass wrote its own break). */
  protected dropPending(): void {
    this.sep = 0;
  }

  /** Writes the pending separator, if any and if there is text before it. */
  protected flush(): void {
    const sep = this.sep;
    this.sep = 0;
    if (this.length === 0 || sep === 0) return;
    this.emit(separatorText(this.last, sep));
  }

  /** How many of `wanted` (> 0) more characters fit under `maxChars`; sets `full` when not all of them do. */
  protected fit(wanted: number): number {
    const room = this.maxChars - this.length;
    if (wanted <= room) return wanted;
    this.full = true;
    return Math.max(0, room);
  }

  /** Appends `s` as is. */
  protected emit(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1]!;
  }
}
