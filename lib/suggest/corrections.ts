import type { ChartDocument } from '../chart';
import { textWords } from './text-words';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * An addendum that corrects the note ("Correction to A/P #1: the atrial fibrillation is PERMANENT, not paroxysmal")
 * outranks what it corrects: of two codes of one category both read from the chart, the one whose title carries
 * the word the correction denies goes (I48.0 paroxysmal, beside I48.21 permanent).
 */
const CORRECTION = /\b(?:correction|corrected|addendum|amended|amendment|should read|entered in error|in error|erroneous(?:ly)?)\b/i;
const DENIED_WORD = /\bnot\s+([a-z][a-z-]{3,})\b/gi;

export function dropCorrectedQualifiers(document: ChartDocument, chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const denied = new Set<string>();
  for (const sentence of document.sentences) {
    if (!CORRECTION.test(sentence.text)) continue;
    for (const m of sentence.text.matchAll(DENIED_WORD)) for (const w of textWords(m[1]!)) denied.add(w.key);
  }
  if (denied.size === 0) return;
  // Each title's words, read once.
  const titleKeys = new Map([...chosen.values()].map((s) => [s, new Set(textWords(s.title).map((w) => w.key))]));
  for (const [s, keys] of titleKeys) {
    const word = [...denied].find((k) => keys.has(k));
    if (!word) continue;
    // Only where the correction leaves a code of the same category standing: the condition itself stays coded.
    const sibling = [...titleKeys].find(([o, other]) => o !== s && chosen.has(o.code) && o.code.slice(0, 3) === s.code.slice(0, 3) && !other.has(word))?.[0];
    if (!sibling) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'negated', explanation: `corrected by an addendum (“not ${word}…”): ${sibling.code} stands`, evidence: s.evidence });
  }
}
