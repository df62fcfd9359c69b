import { NEWLINE, SPACE, TAB, TextJoiner, type Separator } from './text-joiner';
import type { HeadingHint, SourceSegment } from './types';

export { NEWLINE, SPACE, TAB, separatorText } from './text-joiner';

/** Options for {@link readDomText}. */
export interface DomTextOptions {
  /** Stop reading once the text is this long (characters). Default: 8,000,000. */
  maxChars?: number;
  /**
   * Extra test for hidden elements, on top of the built-in ones (tags, `hidden`, `aria-hidden`,
   * inline `display:none`/`visibility:hidden`, navigation). The browser adapter can pass a computed-style
   * check here. Default: none.
   */
  isHidden?: (element: Element) => boolean;
}

/** What {@link readDomText} returns: the visible text and how it maps back to the DOM. */
export interface DomText {
  text: string;
  segments: SourceSegment[];
  headings: HeadingHint[];
  truncated: boolean;
}

/**
 * Reads the visible text under a DOM node (an HTML document, element or fragment) the way a reader
 * sees it: hidden and non-content elements skipped, whitespace collapsed, block elements and table
 * rows on their own lines, table cells separated by a tab. Walks the tree without recursion, so
 * any nesting depth is safe. Uses no DOM globals: works on a page's DOM and on linkedom alike.
 *
 * @example readDomText(document.body).text
 */
export function readDomText(root: Node, options: DomTextOptions = {}): DomText {
  const opts = { ...defaultDomTextOptions, ...options };
  const out = new TextBuilder(opts.maxChars);
  const headingStack: Array<{ start: number; strength: HeadingHint['strength']; level?: number; label?: boolean } | null> = [];
  const rawHeadings: HeadingHint[] = [];
  let preDepth = 0;

  const enter = (node: Node): boolean => {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_NODE) {
      const data = (node as Text).data;
      if (preDepth > 0) out.addPreformatted(node as Text, data);
      else out.addText(node as Text, data);
      return false;
    }
    if (type === DOCUMENT_NODE || type === FRAGMENT_NODE) return true;
    if (type !== ELEMENT_NODE) return false;
    const el = node as Element;
    const tag = tagOf(el);
    if (isHiddenElement(el, tag) || (opts.isHidden !== undefined && safeCall(opts.isHidden, el))) return false;
    if (tag === 'br') {
      out.lineBreak();
      return false;
    }
    if (tag === 'hr' || tag === 'img' || tag === 'wbr') {
      if (tag === 'hr') out.pending(NEWLINE);
      return false;
    }
    const display = BREAK_BEFORE.get(tag);
    if (display !== undefined) out.pending(display);
    if (PRE_TAGS.has(tag) || hasPreWhiteSpace(el)) preDepth++;
    const strength = headingStrength(el, tag);
    const level = /^h[1-6]$/.test(tag) ? Number(tag[1]) : undefined;
    headingStack.push(strength === undefined ? null : { start: out.length, strength, ...(level ? { level } : {}), ...(tag === 'dt' ? { label: true } : {}) });
    return true;
  };

  const leave = (node: Node): void => {
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = tagOf(el);
    const heading = headingStack.pop();
    if (heading) rawHeadings.push({ ...heading, end: out.length });
    if (PRE_TAGS.has(tag) || hasPreWhiteSpace(el)) preDepth = Math.max(0, preDepth - 1);
    const display = BREAK_AFTER.get(tag);
    if (display !== undefined) out.pending(display);
  };

  walk(root, enter, leave, () => out.full);
  const text = out.finish();
  return { text, segments: out.segments, headings: trimHeadings(rawHeadings, text), truncated: out.full };
}

// ---------------------------------------------------------------------------------------------
// Helpers

// Node type numbers, so no DOM global (Node.ELEMENT_NODE) is needed.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;


/** Elements that are never visible content. */
const SKIP_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'select', 'option',
  'optgroup', 'datalist', 'button', 'input', 'map', 'area', 'nav', 'menu', 'param', 'picture',
]);

/** Roles of page chrome, not chart content. */
const SKIP_ROLES = new Set(['navigation', 'menu', 'menubar', 'toolbar', 'tablist', 'search']);

const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'html',
  'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
  'caption', 'listing', 'xmp', 'plaintext', 'textarea',
];
// A definition list pairs a term with its description on one line ("DOB:<tab>1973-09-08"), as a table row does.
const BREAK_BEFORE = new Map<string, Separator>([...BLOCK_TAGS.map((t) => [t, NEWLINE] as const), ['td', TAB], ['th', TAB], ['dd', TAB]]);
const BREAK_AFTER = new Map<string, Separator>([...BLOCK_TAGS.map((t) => [t, NEWLINE] as const), ['td', TAB], ['th', TAB], ['dt', TAB]]);
const PRE_TAGS = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext']);
const STRONG_HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const WEAK_HEADING_TAGS = new Set(['b', 'strong', 'dt', 'caption', 'legend', 'summary', 'label', 'th']);

/** Longest style attribute we parse; a longer one is junk, not a real page's inline style. */
const MAX_STYLE_LENGTH = 4096;

function tagOf(el: Element): string {
  const name = el.localName ?? el.tagName ?? '';
  return typeof name === 'string' ? name.toLowerCase() : '';
}

function attr(el: Element, name: string): string | null {
  try {
    return typeof el.getAttribute === 'function' ? el.getAttribute(name) : null;
  } catch {
    return null;
  }
}

function isHiddenElement(el: Element, tag: string): boolean {
  if (SKIP_TAGS.has(tag)) return true;
  if (attr(el, 'hidden') !== null) return true;
  if (attr(el, 'aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const role = attr(el, 'role')?.trim().toLowerCase();
  if (role !== undefined && (SKIP_ROLES.has(role) || (role === 'banner' && tag === 'header'))) return true;
  if (tag === 'dialog' && attr(el, 'open') === null) return true;
  const parent = el.parentNode as Element | null;
  if (parent && parent.nodeType === ELEMENT_NODE && tagOf(parent) === 'details' && tag !== 'summary' && attr(parent, 'open') === null) {
    return true;
  }
  const style = attr(el, 'style');
  if (style) {
    const display = styleValue(style, 'display');
    if (display === 'none') return true;
    const visibility = styleValue(style, 'visibility');
    if (visibility === 'hidden' || visibility === 'collapse') return true;
  }
  return false;
}

function hasPreWhiteSpace(el: Element): boolean {
  const style = attr(el, 'style');
  if (!style) return false;
  const ws = styleValue(style, 'white-space');
  return ws === 'pre' || ws === 'pre-wrap' || ws === 'pre-line' || ws === 'break-spaces';
}

/**
 * Reads one property from an inline style by splitting on ';' and ':' (no regex, so a hostile
 * multi-megabyte attribute costs linear time at most; past MAX_STYLE_LENGTH it is ignored).
 */
function styleValue(style: string, property: string): string | undefined {
  if (style.length > MAX_STYLE_LENGTH) return undefined;
  let found: string | undefined;
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    if (decl.slice(0, colon).trim().toLowerCase() !== property) continue;
    // Later declarations win, as in CSS.
    found = decl.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
  }
  return found;
}

function headingStrength(el: Element, tag: string): HeadingHint['strength'] | undefined {
  if (STRONG_HEADING_TAGS.has(tag)) return 'strong';
  // Page footers (C-CDA renderings repeat the header there) end the last section.
  if (tag === 'footer' || attr(el, 'role') === 'contentinfo' || /^(?:document)?[-_]?footer$/i.test(attr(el, 'id') ?? '')) return 'boundary';
  if (attr(el, 'role') === 'heading') return 'strong';
  if (WEAK_HEADING_TAGS.has(tag)) return 'weak';
  const cls = attr(el, 'class');
  if (cls && cls.length < 512 && /(?:^|\s)(?:bold|section-title|title|heading|header|label)(?:\s|$)/i.test(cls)) return 'weak';
  return undefined;
}

function safeCall(fn: (el: Element) => boolean, el: Element): boolean {
  try {
    return fn(el) === true;
  } catch {
    return false;
  }
}

/**
 * Depth-first walk with enter/leave callbacks and no recursion. Ancestors are kept on an explicit
 * stack rather than read back through `parentNode` (linkedom gives the doctype none).
 */
function walk(root: Node, enter: (n: Node) => boolean, leave: (n: Node) => void, stop: () => boolean): void {
  const ancestors: Node[] = [];
  let node: Node | null = root;
  while (node) {
    const descend = enter(node);
    const first: Node | null = descend && !stop() ? node.firstChild : null;
    if (first) {
      ancestors.push(node);
      node = first;
      continue;
    }
    if (descend) leave(node);
    // Climb until a node with a next sibling, leaving every finished ancestor.
    for (;;) {
      if (node === root || stop()) {
        while (ancestors.length > 0) leave(ancestors.pop()!);
        node = null;
        break;
      }
      const parent = ancestors[ancestors.length - 1];
      const next: Node | null = parent ? nextSiblingOf(node!, parent) : null;
      if (next) {
        node = next;
        break;
      }
      if (!parent) {
        node = null;
        break;
      }
      ancestors.pop();
      leave(parent);
      node = parent;
    }
  }
}

/**
 * `node.nextSibling`, falling back to the parent's child list when the two disagree (linkedom leaves
 * the doctype without siblings). The fallback runs at most once per parent, so the walk stays linear.
 */
function nextSiblingOf(node: Node, parent: Node): Node | null {
  const next = node.nextSibling;
  if (next) return next;
  if (parent.lastChild === node || !parent.childNodes) return null;
  const children = parent.childNodes;
  const i = Array.prototype.indexOf.call(children, node);
  return i >= 0 && i + 1 < children.length ? (children[i + 1] ?? null) : null;
}

/** Trims heading ranges to their non-space text and drops empty ones. */
function trimHeadings(raw: HeadingHint[], text: string): HeadingHint[] {
  const result: HeadingHint[] = [];
  for (const h of raw) {
    let { start, end } = h;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (h.strength === 'boundary') {
      if (end > start) result.push({ ...h, start, end: start });
    } else if (end > start) {
      result.push({ ...h, start, end });
    }
  }
  return result.sort((a, b) => a.start - b.start || b.end - a.end);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 160;
}

const WHITESPACE = /\s+/g;

/**
 * The joined text of one DOM read with its source segments. On top of the shared joiner it counts the
 * newlines written in a row, so `<br>` runs leave at most one blank line.
 */
class TextBuilder extends TextJoiner {
  readonly segments: SourceSegment[] = [];
  /** Newlines emitted in a row (caps blank lines at one). */
  private newlines = 0;

  lineBreak(): void {
    if (this.newlines >= 2 || this.length === 0) return;
    this.emit('\n');
    this.dropPending();
  }

  /** Normal (collapsing) text: words keep 1:1 offsets, whitespace runs become one space. */
  addText(node: Text, data: string): void {
    if (this.full) return;
    let pos = 0;
    WHITESPACE.lastIndex = 0;
    for (;;) {
      const m = WHITESPACE.exec(data);
      const wordEnd = m ? m.index : data.length;
      if (wordEnd > pos) this.addRun(node, data, pos, wordEnd);
      if (!m || this.full) break;
      this.pending(SPACE);
      pos = m.index + m[0].length;
    }
  }

  /** Preformatted text: kept as is, carriage returns dropped. */
  addPreformatted(node: Text, data: string): void {
    if (this.full) return;
    let pos = 0;
    while (pos < data.length && !this.full) {
      let end = data.indexOf('\r', pos);
      if (end < 0) end = data.length;
      if (end > pos) this.addRun(node, data, pos, end, true);
      pos = end + 1;
    }
  }

  private addRun(node: Text, data: string, from: number, to: number, pre = false): void {
    this.flush();
    const kept = this.fit(to - from);
    if (kept === 0) return;
    to = from + kept;
    let run = data.slice(from, to);
    if (pre) run = run.replace(/[\u00a0\f\v]/g, ' ');
    const start = this.length;
    const prev = this.segments[this.segments.length - 1];
    // One space between two runs of the same node stands for exactly one source character: extend the segment.
    if (prev && prev.node === node && prev.end + 1 === start && prev.nodeOffset + (prev.end - prev.start) + 1 === from && this.last === ' ') {
      prev.end = start + run.length;
    } else if (prev && prev.node === node && prev.end === start && prev.nodeOffset + (prev.end - prev.start) === from) {
      prev.end = start + run.length;
    } else {
      this.segments.push({ node, nodeOffset: from, start, end: start + run.length });
    }
    this.emit(run);
  }

  protected override emit(s: string): void {
    super.emit(s);
    if (s === '\n') this.newlines++;
    else if (/[^\n]/.test(s)) this.newlines = /\n+$/.exec(s)?.[0].length ?? 0;
  }
}

/** Defaults for {@link DomTextOptions}. */
export const defaultDomTextOptions: Required<Omit<DomTextOptions, 'isHidden'>> & Pick<DomTextOptions, 'isHidden'> = {
  maxChars: 8_000_000,
  isHidden: undefined,
};
