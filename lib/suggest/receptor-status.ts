import type { ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import type { Evidence, ExcludedCandidate, Suggestion } from './types';

/**
 * Breast cancer receptor status (Z17.-, FY2025+): when the chart states the hormone receptors (ER, PR) and HER2
 * together ("ER-positive / PR-positive / HER2-negative"), the combined status code Z17.41-/Z17.42- says all of it
 * (hormone receptor positive when ER or PR is positive), in place of the separate ER, PR and HER2 codes.
 */
export function combinedReceptorStatus(document: ChartDocument, chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], resolve: (code: string) => CodeRecord | undefined): void {
  if (![...chosen.keys()].some((c) => c.startsWith('C50') || c.startsWith('D05'))) return;
  for (const sentence of document.sentences) {
    const text = sentence.text;
    const her2 = statusOf(HER2, text);
    const er = statusOf(ER, text);
    const pr = statusOf(PR, text);
    if (!her2 || (!er && !pr)) continue;
    const hormonePositive = er === 'positive' || pr === 'positive';
    const code = `Z17.4${hormonePositive ? '1' : '2'}${her2 === 'positive' ? '0' : '1'}`;
    const record = resolve(code);
    if (!record) return;
    const evidence: Evidence = { start: sentence.start, end: sentence.end, text, sentence: text };
    for (const s of [...chosen.values()]) {
      if (!/^Z17\.(?:0|1|2\d|3\d)$/.test(s.code)) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the combined receptor status ${record.code} says it with the other receptors`, evidence: s.evidence });
    }
    if (!chosen.has(record.code)) chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.8, rule: `hormone receptors and HER2 stated together → combined receptor status ${record.code}`, evidence: [evidence], warnings: [] });
    return;
  }
}

const HER2 = /\bHER-?2(?:\/neu)?\s*[-:/ ]?\s*(positive|negative|pos|neg|\+|-)(?![a-z])/i;
const ER = /\b(?:ER|estrogen receptor)\s*[-:/ ]?\s*(positive|negative|pos|neg|\+|-)(?![a-z])/i;
const PR = /\b(?:PR|PgR|progesterone receptor)\s*[-:/ ]?\s*(positive|negative|pos|neg|\+|-)(?![a-z])/i;

function statusOf(pattern: RegExp, text: string): 'positive' | 'negative' | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  return /^(?:positive|pos|\+)$/i.test(m[1]!) ? 'positive' : 'negative';
}
