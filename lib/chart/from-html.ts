// Node-only entry point: imports linkedom, so the browser bundle must never import this file (it is
// deliberately not re-exported from ./index.ts). The browser calls chartFromDom(document) instead,
// and both paths share readDomText.
import { parseHTML } from 'linkedom';
import { chartFromDom, chartFromText } from './document';
import type { ChartOptions } from './document';
import type { ChartDocument } from './types';

/**
 * Builds a chart document from an HTML string (a saved EHR page, a rendered C-CDA) by parsing it with
 * linkedom and reading it exactly as the browser would read the live page. Never throws: if the parser
 * fails, the tags are stripped and the rest read as plain text.
 *
 * @example chartFromHtml(fs.readFileSync('note.html', 'utf8')).sections.map(s => s.title)
 */
export function chartFromHtml(html: string, options: ChartOptions = {}): ChartDocument {
  const input = typeof html === 'string' ? html : String(html ?? '');
  let document: Document;
  try {
    // A fragment ("<p>…</p>") gets a body so it parses as page content, not as the document element.
    const page = /<(?:html|body)[\s>]/i.test(input.slice(0, 4096)) ? input : `<!DOCTYPE html><html><body>${input}</body></html>`;
    document = parseHTML(page).document as unknown as Document;
  } catch {
    return chartFromText(input.replace(/<[^>]*>/g, ' '), options);
  }
  return chartFromDom(document, options);
}
