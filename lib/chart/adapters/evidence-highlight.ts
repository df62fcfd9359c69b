import type { SourceRange } from '..';

/** Name of the CSS highlight that shows evidence on the page. */
export const EVIDENCE_HIGHLIGHT = 'chart-coder-evidence';

/**
 * Shows evidence ranges on the page with the CSS Custom Highlight API, so the page's DOM is not changed.
 * Ranges may lie in the main document, in same-origin frames and in open shadow roots: each document gets
 * its own highlight, and each tree its own `::highlight` rule (document styles do not reach into shadow
 * trees). Returns false when nothing could be shown (no ranges, or no highlight support).
 *
 * @example showEvidence(sourceRanges(chart, e.start, e.end))
 */
export function showEvidence(ranges: readonly SourceRange[]): boolean {
  clearEvidence();
  const byDocument = new Map<Document, Range[]>();
  for (const r of ranges) {
    const doc = r.node.ownerDocument;
    if (!doc || !r.node.isConnected) continue;
    try {
      const range = doc.createRange();
      range.setStart(r.node, Math.min(r.startOffset, r.node.length));
      range.setEnd(r.node, Math.min(r.endOffset, r.node.length));
      byDocument.set(doc, [...(byDocument.get(doc) ?? []), range]);
      ensureStyle(r.node.getRootNode());
    } catch {
      // The page changed since it was read: skip this range.
    }
  }
  let shown = false;
  for (const [doc, domRanges] of byDocument) {
    const view = doc.defaultView as unknown as HighlightWindow | null;
    const registry = view?.CSS?.highlights;
    if (!view?.Highlight || !registry) continue;
    registry.set(EVIDENCE_HIGHLIGHT, new view.Highlight(...domRanges));
    touched.add(doc);
    shown = true;
  }
  const first = [...byDocument.values()][0]?.[0];
  first?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return shown;
}

/**
 * Adds the `::highlight` rule to the page before it is read: a new style rule makes the browser restyle the
 * whole page (tens of ms on a 50k-node page), and the reader's computed-style checks force that restyle
 * anyway, so it is paid once, inside the first reading slice, not as a separate long task (measured: the
 * longest page gap on 50k nodes is about 45 ms this way and 170 ms when the rule is added after reading).
 */
export function prepareEvidence(doc: Document = document): void {
  ensureStyle(doc);
}

/** Removes the evidence highlight from every document it was shown in. */
export function clearEvidence(): void {
  for (const doc of touched) {
    (doc.defaultView as unknown as HighlightWindow | null)?.CSS?.highlights?.delete(EVIDENCE_HIGHLIGHT);
  }
  touched.clear();
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The parts of a window the highlight needs (not yet in every DOM typing). */
interface HighlightWindow {
  CSS?: { highlights?: Map<string, unknown> };
  Highlight?: new (...ranges: Range[]) => unknown;
}

/** Documents holding our highlight now. */
const touched = new Set<Document>();
/** Trees already given the `::highlight` rule. */
const styled = new WeakSet<Node>();
const RULE = `::highlight(${EVIDENCE_HIGHLIGHT}) { background-color: #ffe066; color: #000; }`;

/** One rule per tree so the highlight shows; it styles nothing else. */
function ensureStyle(root: Node): void {
  if (styled.has(root)) return;
  styled.add(root);
  if (root.nodeType === 9) {
    const doc = root as Document;
    if (doc.getElementById('chart-coder-highlight-style')) return;
    const style = doc.createElement('style');
    style.id = 'chart-coder-highlight-style';
    style.textContent = RULE;
    (doc.head ?? doc.documentElement)?.append(style);
  } else if (root.nodeType === 11) {
    // A shadow root: an adopted sheet adds the rule without adding a node to the page's tree.
    const shadow = root as ShadowRoot;
    const view = shadow.ownerDocument.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
    if (!view) return;
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(RULE);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } catch {
      // No constructable sheets: the highlight is registered but may show unstyled in this tree.
    }
  }
}

/*
 * Fixtures: test/fixtures/pages/frames.html (evidence in a frame), test/fixtures/pages/shadow.html (in a
 * shadow root), test/fixtures/pages/textarea.html (not highlightable), assets/demo/demo-chart.html
 */
