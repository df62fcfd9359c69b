import { chartFromDom, type ChartDocument } from '..';

/**
 * Reads the chart on the page the coder is looking at: visible text of the document, leaving out our own
 * sidebar and anything the page hides with its stylesheets. Runs in the content script (needs the DOM).
 *
 * Fixtures: assets/demo/demo-chart.html, shared/eval/ehr-pages/cda-rendered/*.html
 */
export function readOpenChart(doc: Document = document): ChartDocument {
  const view = doc.defaultView;
  return chartFromDom(doc.body, {
    isHidden: (el) => {
      if (el.tagName.toLowerCase() === 'chart-coder-sidebar') return true;
      const style = view?.getComputedStyle(el);
      return !style || style.display === 'none' || style.visibility === 'hidden';
    },
  });
}
