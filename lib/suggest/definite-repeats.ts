import type { ExcludedCandidate, Suggestion } from './types';

/**
 * "Acute viral gastroenteritis. … The vomiting and diarrhea are from the gastroenteritis." A condition named again
 * with "the" (or "this", "her") after the chart named it in fuller words is that same condition: the shorter words
 * give no second, vaguer code (K52.9 beside A08.4).
 */
export function dropDefiniteRepeats(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  for (const repeat of [...chosen.values()]) {
    if (repeat.evidence.length === 0) continue;
    const fuller = [...chosen.values()].find(
      (other) =>
        other !== repeat &&
        repeat.evidence.every((e) => {
          const at = e.sentence.indexOf(e.text);
          // Named elsewhere: the same words read into two codes at one place ("his CKD is stage 4 and is attributed
          // to hypertension", I12.9 with N18.4) are one mention, not a repeat.
          return at >= 0 && DEFINITE_BEFORE.test(e.sentence.slice(0, at)) && other.evidence.some((x) => (x.end <= e.start || x.start >= e.end) && x.text.length > e.text.length && saysWords(x.text, e.text));
        }),
    );
    if (!fuller) continue;
    chosen.delete(repeat.code);
    excluded.push({ system: 'icd10cm', code: repeat.code, title: repeat.title, reason: 'less-specific', explanation: `named again (“the ${repeat.evidence[0]!.text}”) after ${fuller.code} ${fuller.title}: the same condition`, evidence: repeat.evidence });
  }
}

/** "the", "this", "her" … right before the words: a condition the note has already named. */
const DEFINITE_BEFORE = /\b(?:the|this|that|her|his|their)\s+$/i;

/** Whether `fuller` holds `words` as whole words ("viral gastroenteritis" holds "gastroenteritis"). */
function saysWords(fuller: string, words: string): boolean {
  const escaped = words.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^A-Za-z0-9])${escaped}(?:$|[^A-Za-z0-9])`, 'i').test(fuller);
}
