import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readDomText } from './dom-text';

function dom(html: string): Document {
  return parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`).document as unknown as Document;
}

describe('readDomText', () => {
  it('puts blocks and list items on their own lines and collapses whitespace', () => {
    const { text } = readDomText(dom('<div>  Cough   and\n fever </div><p>Second <b>para</b>graph</p><ul><li>one</li><li>two</li></ul>'));
    expect(text).toBe('Cough and fever\nSecond paragraph\none\ntwo');
  });

  it('reads table rows as lines with tab-separated cells', () => {
    const { text } = readDomText(dom('<table><tr><th>Drug</th><th>Dose</th></tr><tr><td>Aspirin</td><td>81 mg</td></tr></table>'));
    expect(text).toBe('Drug\tDose\nAspirin\t81 mg');
  });

  it('reads a definition list as term and description on one line', () => {
    const { text } = readDomText(dom('<dl><dt>Name:</dt><dd>Test Patient</dd><dt>DOB:</dt><dd>1973-09-08</dd></dl><p>Next</p>'));
    expect(text).toBe('Name:\tTest Patient\nDOB:\t1973-09-08\nNext');
  });

  it('skips scripts, styles, templates, hidden, aria-hidden, display:none, nav and banner menus', () => {
    const { text } = readDomText(
      dom(
        '<header role="banner">MENU</header><nav>NAV</nav><script>SCRIPT</script><style>STYLE</style><template>TPL</template>' +
          '<p hidden>HIDDEN</p><p aria-hidden="true">ARIA</p><p style="DISPLAY: none">NONE</p><p style="visibility:hidden">VIS</p>' +
          '<div role="menu">ROLEMENU</div><p>Visible</p>',
      ),
    );
    expect(text).toBe('Visible');
  });

  it('reads from any element, not only a document', () => {
    const doc = dom('<p>outside</p><section id="note"><h2>Plan</h2><p>Rest.</p></section>');
    expect(readDomText(doc.querySelector('#note')!).text).toBe('Plan\nRest.');
  });

  it('honours an extra isHidden test', () => {
    const { text } = readDomText(dom('<p class="x">drop</p><p>keep</p>'), { isHidden: (el) => el.getAttribute('class') === 'x' });
    expect(text).toBe('keep');
  });

  it('keeps line breaks of <pre> and <br>', () => {
    const { text } = readDomText(dom('<pre>a  b\nc</pre><p>x<br>y</p>'));
    expect(text).toBe('a  b\nc\nx\ny');
  });

  it('maps every segment back to its text node', () => {
    const html = '<h2>Plan</h2><p>Start   <i>amoxicillin</i> 500 mg.\n Recheck in 2 weeks.</p><table><tr><td>BP</td><td>120/80</td></tr></table>';
    const { text, segments } = readDomText(dom(html));
    expect(segments.length).toBeGreaterThan(0);
    for (const seg of segments) {
      const fromDoc = text.slice(seg.start, seg.end);
      const fromNode = seg.node.data.slice(seg.nodeOffset, seg.nodeOffset + (seg.end - seg.start));
      expect(fromDoc).toBe(fromNode.replace(/\s/g, ' '));
    }
    // Every non-space character of the text is covered by a segment.
    const covered = new Set<number>();
    for (const seg of segments) for (let i = seg.start; i < seg.end; i++) covered.add(i);
    for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(covered.has(i)).toBe(true);
  });

  it('reports h1–h6 as strong headings and bold runs as weak ones', () => {
    const { text, headings } = readDomText(dom('<h3> Assessment </h3><p><strong>Plan:</strong> rest</p>'));
    expect(headings.map((h) => [text.slice(h.start, h.end), h.strength, h.level])).toEqual([
      ['Assessment', 'strong', 3],
      ['Plan:', 'weak', undefined],
    ]);
  });

  it('walks 10,000 levels of nesting without recursion', () => {
    const html = '<div>'.repeat(10_000) + 'deep' + '</div>'.repeat(10_000);
    expect(readDomText(dom(html)).text).toBe('deep');
  });

  it('stops at maxChars and says so', () => {
    const result = readDomText(dom('<p>' + 'word '.repeat(1000) + '</p>'), { maxChars: 100 });
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(100);
  });
});
