import {
  cleanText,
  detectSections,
  extractPatientHeader,
  readDomText,
  splitSentences,
  type ChartDocument,
  type ChartOptions,
  type DomText,
  type HeadingHint,
  type TextSpan,
} from '..';
import { NEWLINE, PageTextBuilder, SPACE, type Separator } from './page-text';
import { breakAround, isStyledAway, isUnseen } from './page-visibility';

/** Options for {@link readOpenPage} and {@link readOpenChart}. */
export interface PageReaderOptions {
  /** Deepest same-origin frame read (the top document is depth 0). Default: 5. */
  maxFrameDepth?: number;
  /** Largest subtree (in elements) read in one synchronous step; bigger ones are read child by child. Default: 1500. */
  chunkElements?: number;
  /** {@link readOpenPage} only: longest the main thread is held before yielding to the page (ms). Default: 10. */
  sliceMs?: number;
  /** Chart building options (sections, sentences, header, `maxChars`). Default: the chart defaults. */
  chart?: Omit<ChartOptions, 'isHidden'>;
  /**
   * Elements of the top document to read instead of its whole body, in this order (a site adapter's
   * patient header and note: see ./sites). Roots inside an earlier root are read once. Default: none.
   */
  roots?: readonly Element[];
}

/** What {@link readOpenPage} returns: the chart and how reading it went. */
export interface PageReading {
  chart: ChartDocument;
  /** Spans of `chart.text` with no DOM text behind them (textarea values): readable, but cannot be highlighted. */
  unmapped: TextSpan[];
  stats: PageReadStats;
}

/** Counters and timings of one page read. */
export interface PageReadStats {
  /** Wall time from start to chart built, yields included (ms). */
  ms: number;
  /** Time spent reading on the main thread, yields excluded (ms). */
  busyMs: number;
  /** Longest stretch the reader held the main thread (ms). */
  longestSliceMs: number;
  /** Time building the chart from the text read (sections, sentences, header), one slice (ms). */
  chartMs: number;
  /** Times the reader yielded to the page. */
  yields: number;
  /** Elements looked at. */
  elements: number;
  /** Same-origin frames, open shadow roots and text boxes read. */
  frames: number;
  shadowRoots: number;
  textareas: number;
}

/**
 * Reads the chart on the page the coder is looking at, without freezing it: the main document plus
 * same-origin frames (nested up to `maxFrameDepth`), open shadow roots (with their slotted content), textarea
 * values and contenteditable editors, in page order. Menus, hidden and off-screen elements and our own sidebar
 * are left out. Big pages are read a subtree at a time, yielding to the page every `sliceMs`. Cross-origin and
 * closed content is skipped silently. Runs in the content script (needs the DOM).
 *
 * @example const { chart, unmapped } = await readOpenPage(); sourceRanges(chart, s, e) // ranges in any frame
 */
export async function readOpenPage(doc: Document = document, options: PageReaderOptions = {}): Promise<PageReading> {
  const opts = { ...defaultPageReaderOptions, ...options };
  const reader = new PageReader(opts);
  const started = now();
  let sliceStart = started;
  const steps = reader.readDocument(doc, 0);
  for (;;) {
    const step = steps.next();
    const t = now();
    if (step.done || t - sliceStart >= opts.sliceMs) {
      reader.stats.busyMs += t - sliceStart;
      reader.stats.longestSliceMs = Math.max(reader.stats.longestSliceMs, t - sliceStart);
      if (step.done) break;
      reader.stats.yields++;
      await yieldToPage();
      sliceStart = now();
    }
  }
  // Building the chart (sections, sentences, header) runs over the whole text at once: give it its own slice.
  if (now() - sliceStart >= opts.sliceMs / 2) await yieldToPage();
  const t = now();
  const reading = reader.finish();
  const end = now();
  reading.stats.chartMs = end - t;
  reading.stats.busyMs += end - t;
  reading.stats.longestSliceMs = Math.max(reading.stats.longestSliceMs, end - t);
  reading.stats.ms = end - started;
  return reading;
}

/**
 * {@link readOpenPage} in one synchronous pass (no yielding): for small pages and tests.
 *
 * @example readOpenChart().sections.map((s) => s.category)
 */
export function readOpenChart(doc: Document = document, options: PageReaderOptions = {}): ChartDocument {
  const reader = new PageReader({ ...defaultPageReaderOptions, ...options });
  const started = now();
  const steps = reader.readDocument(doc, 0);
  while (!steps.next().done);
  reader.stats.busyMs = reader.stats.longestSliceMs = now() - started;
  return reader.finish().chart;
}

// ---------------------------------------------------------------------------------------------
// Helpers

type Options = Required<Omit<PageReaderOptions, 'chart'>> & Pick<PageReaderOptions, 'chart'>;
/** A reading step; yields between synchronous chunks so the driver can give the page a turn. */
type Steps = Generator<void, void, void>;

/** Content a region's walk skipped, to be read in its place: it lives in another tree or has no text nodes. */
interface Hole {
  /** The element standing in the region's tree where the content goes. */
  anchor: Element;
  kind: 'frame' | 'shadow' | 'slot' | 'textarea';
}

/**
 * One read of a page. Reads trees top-down: a subtree of at most `chunkElements` elements is one region,
 * read in one go by `readDomText`; a bigger one is read child by child. While a region is walked, frames,
 * shadow hosts, slots and text boxes are skipped and noted (holes); afterwards each hole's content is read
 * and put where its anchor stood, found from the region's segments by document position.
 */
class PageReader {
  readonly out: PageTextBuilder;
  readonly stats: PageReadStats = { ms: 0, busyMs: 0, longestSliceMs: 0, chartMs: 0, yields: 0, elements: 0, frames: 0, shadowRoots: 0, textareas: 0 };

  constructor(private readonly opts: Options) {
    this.out = new PageTextBuilder(opts.chart?.maxChars ?? 8_000_000);
  }

  *readDocument(doc: Document, depth: number): Steps {
    const roots = depth === 0 ? (this.opts.roots ?? []).filter((r, i, all) => r.ownerDocument === doc && !all.slice(0, i).some((earlier) => earlier.contains(r))) : [];
    if (roots.length > 0) {
      for (const root of roots) {
        this.out.pending(NEWLINE);
        yield* this.readNode(root, depth);
      }
      return;
    }
    const root = doc.body ?? doc.documentElement;
    if (root) yield* this.readNode(root, depth);
  }

  finish(): PageReading {
    const chartOpts = this.opts.chart ?? {};
    const text = cleanText(this.out.finish());
    const headings = this.out.headings.sort((a, b) => a.start - b.start || b.end - a.end);
    const sections = detectSections(text, { rules: chartOpts.sectionRules, headings, textHeadings: chartOpts.textHeadings ?? true });
    const sentences = splitSentences(text, sections, chartOpts.sentences);
    const header = extractPatientHeader(text, chartOpts.header);
    const chart: ChartDocument = { text, sections, sentences, header, source: 'dom', segments: this.out.segments, truncated: this.out.full };
    return { chart, unmapped: this.out.unmapped, stats: this.stats };
  }

  /** Reads any node in page order: text, an element (split when big) or a shadow root. */
  private *readNode(node: Node, depth: number): Steps {
    if (this.out.full) return;
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (/^\s/.test(data)) this.out.pending(SPACE);
      if (/\S/.test(data)) this.readRegion(node, depth, []);
      if (/\s$/.test(data)) this.out.pending(SPACE);
      return;
    }
    if (node.nodeType === FRAGMENT_NODE) {
      // A shadow root: small ones are one region, big ones are read child by child.
      const root = node as ShadowRoot;
      if (root.querySelectorAll('*').length <= this.opts.chunkElements) yield* this.readRegionWithHoles(root, depth);
      else for (let child = root.firstChild; child; child = child.nextSibling) yield* this.readNode(child, depth);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    this.stats.elements++;
    if (isUnseen(el)) return;
    const around = breakAround(el);
    this.out.pending(around);
    const kind = holeKind(el);
    if (kind) {
      yield* this.readHole({ anchor: el, kind }, depth);
    } else if (el.getElementsByTagName('*').length <= this.opts.chunkElements || keepsWhitespace(el)) {
      yield* this.readRegionWithHoles(el, depth);
    } else {
      if (isBoundary(el)) this.out.headings.push({ start: this.out.length, end: this.out.length, strength: 'boundary' });
      for (let child = el.firstChild; child; child = child.nextSibling) yield* this.readNode(child, depth);
    }
    this.out.pending(around);
  }

  /** One region, then its holes' content, each where its anchor stood. Yields after the region. */
  private *readRegionWithHoles(root: Node, depth: number): Steps {
    const holes: Hole[] = [];
    const pieces = this.readRegion(root, depth, holes);
    yield;
    for (const piece of pieces) {
      if (piece.hole) yield* this.readHole(piece.hole, depth);
      else piece.emit();
    }
  }

  /**
   * Walks one region with `readDomText`, noting holes, and returns what to emit in order: text slices of
   * the region with the holes between them. Emits directly when the region has no holes.
   */
  private readRegion(root: Node, depth: number, holes: Hole[]): { hole?: Hole; emit: () => void }[] {
    const scanFrames = root.nodeType !== TEXT_NODE && (root as ParentNode).querySelector?.('iframe, frame') != null;
    const read = readDomText(root, {
      maxChars: Math.max(0, (this.opts.chart?.maxChars ?? 8_000_000) - this.out.length),
      isHidden: (el) => {
        this.stats.elements++;
        if (el.localName === 'chart-coder-sidebar' || isStyledAway(el)) return true;
        // readDomText skips iframes before asking, so frames are found from their parent.
        if (scanFrames) {
          for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
            if ((c.localName === 'iframe' || c.localName === 'frame') && !isUnseen(c)) holes.push({ anchor: c, kind: 'frame' });
          }
        }
        const kind = holeKind(el);
        if (kind) holes.push({ anchor: el, kind });
        return kind !== undefined;
      },
    });
    // Frames straight under a shadow root have no parent element to find them from.
    if (scanFrames && root.nodeType === FRAGMENT_NODE) {
      for (let c = (root as ShadowRoot).firstElementChild; c; c = c.nextElementSibling) {
        if ((c.localName === 'iframe' || c.localName === 'frame') && !isUnseen(c)) holes.push({ anchor: c, kind: 'frame' });
      }
    }
    const headings = read.headings;
    if (holes.length === 0) {
      this.emitSlices(read, [{ from: 0, to: read.text.length, segFrom: 0, segTo: read.segments.length }], headings);
      return [];
    }
    // Where each hole goes: after the last text run that precedes its anchor in document order.
    const placed = holes.map((hole) => ({ hole, seg: countPreceding(read, hole.anchor) }));
    placed.sort((a, b) => a.seg - b.seg || (a.hole.anchor.compareDocumentPosition(b.hole.anchor) & PRECEDING ? 1 : -1));
    const slices: Slice[] = [];
    const pieces: { hole?: Hole; emit: () => void }[] = [];
    let seg = 0;
    let pos = 0;
    const mapped: Slice[] = [];
    for (const { hole, seg: at } of placed) {
      const end = at > 0 ? read.segments[at - 1]!.end : 0;
      const slice = { from: pos, to: end, segFrom: seg, segTo: at };
      slices.push(slice);
      pieces.push({ emit: () => mapped.push(...this.emitSlices(read, [slice], undefined)) });
      pieces.push({ hole, emit: () => undefined });
      seg = at;
      pos = end;
    }
    const lastSlice = { from: pos, to: read.text.length, segFrom: seg, segTo: read.segments.length };
    pieces.push({
      emit: () => {
        mapped.push(...this.emitSlices(read, [lastSlice], undefined));
        this.addHeadings(headings, mapped);
      },
    });
    return pieces;
  }

  /** Emits slices of one region; with `headings`, maps and adds them too. Returns the slices as placed. */
  private emitSlices(read: DomText, slices: Slice[], headings: HeadingHint[] | undefined): Slice[] {
    const placed: Slice[] = [];
    for (const slice of slices) {
      const at = this.out.addSlice(read, slice.from, slice.to, slice.segFrom, slice.segTo);
      if (at) placed.push({ ...slice, from: at.raw, out: at.out });
    }
    if (headings) this.addHeadings(headings, placed);
    return placed;
  }

  /** Adds a region's headings, mapped from the region's text to the joined text through its placed slices. */
  private addHeadings(headings: HeadingHint[], placed: Slice[]): void {
    const map = (x: number, isEnd: boolean): number | undefined => {
      for (const s of placed) {
        if (s.out === undefined) continue;
        if (isEnd ? x > s.from && x <= s.to : x >= s.from && x < s.to) return s.out + (x - s.from);
        if (isEnd && x === s.from) return s.out;
      }
      return undefined;
    };
    for (const h of headings) {
      const start = map(h.start, false) ?? (h.strength === 'boundary' ? map(h.start, true) : undefined);
      const end = h.strength === 'boundary' ? start : map(h.end, true);
      if (start !== undefined && end !== undefined && end >= start && end <= this.out.length) this.out.headings.push({ ...h, start, end });
    }
  }

  /** Reads what stands behind a hole: a frame's document, a shadow root, a slot's assigned nodes, a text box's value. */
  private *readHole(hole: Hole, depth: number): Steps {
    const el = hole.anchor;
    const around: Separator = hole.kind === 'slot' ? 0 : breakAround(el) !== 0 || startsWithBlock(el.shadowRoot) ? NEWLINE : SPACE;
    this.out.pending(around);
    if (hole.kind === 'frame') {
      const frameDoc = depth < this.opts.maxFrameDepth ? contentDocumentOf(el) : undefined;
      if (frameDoc) {
        this.stats.frames++;
        yield* this.readDocument(frameDoc, depth + 1);
      }
    } else if (hole.kind === 'textarea') {
      this.stats.textareas++;
      this.out.addUnmapped((el as HTMLTextAreaElement).value ?? '');
    } else if (hole.kind === 'shadow' && el.shadowRoot) {
      this.stats.shadowRoots++;
      yield* this.readNode(el.shadowRoot, depth);
    } else if (hole.kind === 'slot') {
      for (const node of (el as HTMLSlotElement).assignedNodes({ flatten: true })) yield* this.readNode(node, depth);
    }
    this.out.pending(around);
  }
}

/** A range of a region's text and its segments; `out` is where it landed in the joined text. */
interface Slice {
  from: number;
  to: number;
  segFrom: number;
  segTo: number;
  out?: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const FRAGMENT_NODE = 11;
/** `Node.DOCUMENT_POSITION_PRECEDING`. */
const PRECEDING = 2;

/** Which kind of hole an element is, if any (a slot only when something is assigned to it; else its fallback shows). */
function holeKind(el: Element): Hole['kind'] | undefined {
  const tag = el.localName;
  if (tag === 'iframe' || tag === 'frame') return 'frame';
  if (tag === 'textarea') return 'textarea';
  if (el.shadowRoot) return 'shadow';
  if (tag === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function' && (el as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0) return 'slot';
  return undefined;
}

/** How many of the region's segments come before `anchor` in document order (binary search). */
function countPreceding(read: DomText, anchor: Element): number {
  let lo = 0;
  let hi = read.segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (anchor.compareDocumentPosition(read.segments[mid]!.node) & PRECEDING) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a shadow root's content starts with a block: custom elements are inline unless styled, yet a note
 * component's text is laid out in blocks, so its text must not run into the line before it.
 */
function startsWithBlock(root: ShadowRoot | null): boolean {
  for (let c = root?.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'style' || c.localName === 'slot' || isUnseen(c)) continue;
    return breakAround(c) !== 0;
  }
  return false;
}

/** A same-origin frame's document; undefined for cross-origin frames (which throw or give null). */
function contentDocumentOf(el: Element): Document | undefined {
  try {
    return (el as HTMLIFrameElement).contentDocument ?? undefined;
  } catch {
    return undefined;
  }
}

/** Preformatted elements are read whole, so their whitespace rules apply to all their text. */
function keepsWhitespace(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') return true;
  const ws = el.ownerDocument?.defaultView?.getComputedStyle(el).whiteSpace ?? '';
  return ws.startsWith('pre') || ws === 'break-spaces';
}

/** Page footers end the last section (as `readDomText` marks them when it reads them whole). */
function isBoundary(el: Element): boolean {
  return el.localName === 'footer' || el.getAttribute('role') === 'contentinfo';
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/**
 * Gives the page's own tasks (input, timers, rendering) a turn. A posted message queues behind them; not
 * `scheduler.yield()`, whose continuation runs ahead of the page's timers, and not `setTimeout`, which
 * browsers clamp to 4 ms once nested.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Defaults for {@link PageReaderOptions}. */
export const defaultPageReaderOptions: Required<Omit<PageReaderOptions, 'chart'>> & Pick<PageReaderOptions, 'chart'> = {
  maxFrameDepth: 5,
  chunkElements: 1500,
  sliceMs: 10,
  chart: undefined,
  roots: [],
};

/*
 * Fixtures: assets/demo/demo-chart.html, test/fixtures/pages/{frames,frame-note,shadow,textarea,hostile,large}.html,
 * shared/eval/ehr-pages/cda-rendered/*.html (test/e2e/sidebar-pages.e2e.test.ts)
 */
