/**
 * Decides which page elements a coder cannot see or that are page chrome, so the reader leaves them out:
 * menus and toolbars, elements hidden by attributes or computed style, and elements moved off-screen or
 * clipped to a pixel (the "visually hidden" patterns). Works for elements of any same-origin frame: the
 * computed style comes from the element's own window.
 *
 * Fixtures: test/fixtures/pages/frames.html (hidden, off-screen and menu text), test/fixtures/pages/large.html
 */
export function isUnseen(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag) || tag === OWN_SIDEBAR) return true;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const role = el.getAttribute('role')?.trim().toLowerCase();
  if (role !== undefined && SKIP_ROLES.has(role)) return true;
  return isStyledAway(el);
}

/**
 * The computed-style half of {@link isUnseen}, for elements `readDomText` has already checked by tag and
 * attribute. Reads the rectangle only for positioned or clipping elements, so layout is read at most once.
 */
export function isStyledAway(el: Element): boolean {
  const view = el.ownerDocument?.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  const display = style.display;
  if (display === 'none') return true;
  const visibility = style.visibility;
  if (visibility === 'hidden' || visibility === 'collapse') return true;
  if (style.contentVisibility === 'hidden') return true;
  if (display === 'contents') return false;
  // Image-replacement trick: text pushed out of its own box.
  const indent = style.textIndent;
  if (indent.charCodeAt(0) === 45 /* - */ && parseFloat(indent) < -OFF_SCREEN_PX) return true;
  const position = style.position;
  const positioned = position === 'absolute' || position === 'fixed';
  const clipped = style.clip !== 'auto' || style.clipPath !== 'none';
  if (!positioned && !clipped) return false;
  const rect = el.getBoundingClientRect();
  // A box of a pixel or less that clips its content: the screen-reader-only pattern. (An overflow:hidden
  // wrapper of zero height in normal flow is not enough: app layouts often have one around positioned panes.)
  const overflows = style.overflowX !== 'visible' || style.overflowY !== 'visible';
  if ((rect.width <= 1 || rect.height <= 1) && (clipped || (positioned && overflows))) return true;
  if (positioned) {
    // Off the page, not just below the fold: the document can never be scrolled to it.
    const left = rect.right + view.scrollX;
    const top = rect.bottom + view.scrollY;
    if (left <= 0 || top <= 0) return true;
    if (rect.left + view.scrollX > OFF_SCREEN_PX * 3 && rect.left + view.scrollX > el.ownerDocument.documentElement.scrollWidth) return true;
  }
  return false;
}

/**
 * Whether an element flows inline (its text joins the line around it) or breaks the line, as a separator
 * for the text around it: 0 inline, 2 a table cell (tab), 3 a block (newline).
 */
export function breakAround(el: Element): 0 | 2 | 3 {
  const tag = el.localName;
  if (tag === 'iframe' || tag === 'frame' || tag === 'textarea') return 3;
  const display = el.ownerDocument?.defaultView?.getComputedStyle(el).display ?? '';
  if (display === 'table-cell') return 2;
  if (display.startsWith('inline') || display === 'contents' || display === '') return 0;
  return 3;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Our own sidebar's host element (its text is never the chart). */
const OWN_SIDEBAR = 'chart-coder-sidebar';

/** Beyond this many pixels off the page an element is deliberately hidden (left: -9999px and the like). */
const OFF_SCREEN_PX = 999;

/** Never visible content, or page chrome (the same list `readDomText` skips, iframes aside: those are read). */
const SKIP_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'select', 'option', 'optgroup', 'datalist',
  'button', 'input', 'map', 'area', 'nav', 'menu', 'param', 'picture',
]);

/** Roles of page chrome, not chart content. */
const SKIP_ROLES = new Set(['navigation', 'menu', 'menubar', 'toolbar', 'tablist', 'search']);
