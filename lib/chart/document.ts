import { readDomText } from './dom-text';
import { extractPatientHeader } from './header';
import type { HeaderOptions } from './header';
import type { CompiledSectionRules } from './rules';
import { detectSections } from './sections';
import { splitSentences } from './sentences';
import { spokenPunctuation } from './spoken-punctuation';
import type { SentenceOptions } from './sentences';
import type { ChartDocument, ChartSentence, HeadingHint, SourceRange, SourceSegment } from './types';

/** Options for {@link chartFromText}, {@link chartFromDom} and `chartFromHtml`. */
export interface ChartOptions {
  /** Longest text kept (characters); the rest is dropped and `truncated` set. Default: 8,000,000. */
  maxChars?: number;
  /** Section heading rules. Default: `assets/rules/sections.json`. */
  sectionRules?: CompiledSectionRules;
  /** Find "HEADER:" lines and ALL-CAPS heading lines in the text as well as DOM headings. Default: true. */
  textHeadings?: boolean;
  /** Sentence splitter options. Default: see `defaultSentenceOptions`. */
  sentences?: SentenceOptions;
  /** Header label options. Default: see `defaultHeaderOptions`. */
  header?: HeaderOptions;
  /** DOM only: extra hidden-element test (e.g. a computed-style check in the browser). Default: none. */
  isHidden?: (element: Element) => boolean;
}

/**
 * Builds a chart document from plain text (a note pasted or read from a file). Carriage returns and
 * control characters become spaces or newlines one for one, so offsets still match the input.
 *
 * @example chartFromText('ASSESSMENT: Type 2 diabetes.').sections[0]?.category // 'assessment'
 */
export function chartFromText(text: string, options: ChartOptions = {}): ChartDocument {
  const opts = { ...defaultChartOptions, ...options };
  const input = typeof text === 'string' ? text : String(text ?? '');
  const truncated = input.length > opts.maxChars;
  const clean = spokenPunctuation(cleanText(truncated ? input.slice(0, opts.maxChars) : input));
  return assemble(clean, [], [], 'text', truncated, opts);
}

/**
 * Builds a chart document from a DOM node (a page's `document`, an element, or a linkedom document in
 * Node): visible text only, with DOM headings and a map from text offsets back to text nodes.
 * Touches no DOM globals: everything comes from `root`.
 *
 * @example chartFromDom(document.querySelector('#note')!).sentences.length
 */
export function chartFromDom(root: Node, options: ChartOptions = {}): ChartDocument {
  const opts = { ...defaultChartOptions, ...options };
  const dom = readDomText(root, { maxChars: opts.maxChars, isHidden: opts.isHidden });
  return assemble(spokenPunctuation(cleanText(dom.text)), dom.segments, dom.headings, 'dom', dom.truncated, opts);
}

/**
 * DOM pieces covering `[start, end)` of a DOM-built document's text, for highlighting evidence
 * (one range per text node touched). Empty for text-built documents.
 *
 * @example sourceRanges(doc, mention.start, mention.end).forEach(r => highlight(r.node, r.startOffset, r.endOffset))
 */
export function sourceRanges(doc: ChartDocument, start: number, end: number): SourceRange[] {
  const segs = doc.segments;
  const ranges: SourceRange[] = [];
  if (end <= start || segs.length === 0) return ranges;
  // First segment ending after `start` (segments are sorted and do not overlap).
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.start >= end) break;
    const from = Math.max(start, seg.start);
    const to = Math.min(end, seg.end);
    const range = { node: seg.node, startOffset: seg.nodeOffset + (from - seg.start), endOffset: seg.nodeOffset + (to - seg.start) };
    const last = ranges[ranges.length - 1];
    if (last && last.node === range.node && last.endOffset <= range.startOffset) last.endOffset = range.endOffset;
    else ranges.push(range);
  }
  return ranges;
}

/**
 * Sentences overlapping `[start, end)`, in order.
 *
 * @example sentencesIn(doc, section.start, section.end)
 */
export function sentencesIn(doc: ChartDocument, start: number, end: number): ChartSentence[] {
  const s = doc.sentences;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: ChartSentence[] = [];
  for (let i = lo; i < s.length && s[i]!.start < end; i++) out.push(s[i]!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function assemble(
  text: string,
  segments: SourceSegment[],
  headings: HeadingHint[],
  source: ChartDocument['source'],
  truncated: boolean,
  opts: ChartOptions & typeof defaultChartOptions,
): ChartDocument {
  const sections = detectSections(text, { rules: opts.sectionRules, headings, textHeadings: opts.textHeadings });
  const sentences = splitSentences(text, sections, opts.sentences);
  const header = extractPatientHeader(text, opts.header);
  return { text, sections, sentences, header, source, segments, truncated };
}

/**
 * Replaces CR, NUL and other control characters one for one (CRLF → space + LF, lone CR → LF,
 * others → space), so text offsets stay those of the input.
 */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return text;
  return text
    .replace(/\r(?=\n)/g, ' ')
    .replace(/\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
}

/** Defaults for {@link ChartOptions}. */
export const defaultChartOptions: Required<Pick<ChartOptions, 'maxChars' | 'textHeadings'>> & ChartOptions = {
  maxChars: 8_000_000,
  textHeadings: true,
};
