import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chartFromDom } from '../..';
import { pageRoots, SITE_ADAPTERS, type SiteAdapter } from './index';

const PAGES = join(__dirname, '../../../../test/fixtures/pages');
const DEMO = join(__dirname, '../../../../assets/demo/demo-chart.html');

function load(file: string): Document {
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

/** The text of the adapter's roots, read in order the way the page reader would join them. */
function rootsText(doc: Document, pathname = '/'): string | undefined {
  const found = pageRoots({ hostname: '127.0.0.1', pathname }, doc);
  return found?.roots.map((r) => chartFromDom(r as unknown as Node).text).join('\n');
}

describe('site adapters', () => {
  it('points the reader at the OpenEMR-like header and forms, not the patient list or messages beside them', () => {
    const doc = load(join(PAGES, 'openemr-like.html'));
    expect(pageRoots({ hostname: 'x', pathname: '/' }, doc)?.adapter).toBe('openemr-like');
    const text = rootsText(doc)!;
    expect(text.indexOf('MRN: SYN-400311')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('MRN: SYN-400311')).toBeLessThan(text.indexOf('Sprain of right ankle'));
    for (const noise of ['gout', 'pulmonary', 'migraine']) expect(text).not.toContain(noise);
    // The header root reads as a header.
    const header = chartFromDom(doc.querySelector('#attendantData') as unknown as Node).header;
    expect(header).toMatchObject({ mrn: 'SYN-400311', dobIso: '1984-11-23', patientStatus: 'established' });
  });

  it('reads a rendered C-CDA page by its header and body, without the footer', () => {
    const doc = parseHTML(`<!DOCTYPE html><html><body>
      <div id="documentheader"><table class="header_table"><tr><td>Patient</td><td>Jane Synthetic</td></tr></table></div>
      <div id="documentbody"><h3>Problems</h3><table><tr><td>Hypothyroidism</td></tr></table></div>
      <div id="documentfooter"><p>Custodian: Example Clinic</p></div></body></html>`).document as unknown as Document;
    expect(pageRoots({ hostname: 'x', pathname: '/' }, doc)?.adapter).toBe('cda-rendered');
    const text = rootsText(doc)!;
    expect(text).toContain('Jane Synthetic');
    expect(text).toContain('Hypothyroidism');
    expect(text).not.toContain('Custodian');
  });

  it('leaves unknown layouts to the generic reader', () => {
    expect(pageRoots({ hostname: '127.0.0.1', pathname: '/demo-chart.html' }, load(DEMO))).toBeUndefined();
    for (const file of ['frames.html', 'shadow.html', 'textarea.html', 'hostile.html']) {
      expect(pageRoots({ hostname: '127.0.0.1', pathname: `/${file}` }, load(join(PAGES, file))), file).toBeUndefined();
    }
  });

  it('falls back to the whole page when a matching adapter finds no note, and survives a broken adapter', () => {
    const doc = parseHTML('<!DOCTYPE html><html><body><p>Note</p></body></html>').document as unknown as Document;
    const noNote: SiteAdapter = { name: 'empty', matches: () => true, noteRoot: () => null, headerRoot: () => null };
    const broken: SiteAdapter = { name: 'broken', matches: () => { throw new Error('boom'); }, noteRoot: () => null, headerRoot: () => null };
    expect(pageRoots({ hostname: 'x', pathname: '/' }, doc, [broken, noNote])).toBeUndefined();
    expect(pageRoots({ hostname: 'x', pathname: '/interface/patient_file/encounter/forms.php' }, doc, SITE_ADAPTERS)).toBeUndefined();
  });
});
