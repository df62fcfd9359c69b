import type { ChartDocument } from '../chart';
import { contextForChart } from '../context';
import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { notesWithAncestors } from './tabular-notes';
import { textWords, wordKey } from './text-words';
import type { Suggestion } from './types';

/**
 * "Use additional code to identify personal history of (healed) osteoporosis fracture, if applicable (Z87.310)" at
 * M81: a history the coded condition's own note asks for is coded when the chart states it anywhere, in the
 * history as well as the assessment ("a left distal radius fragility fracture in 2021, fully healed"). The note's
 * words (osteoporosis, fracture; synonyms such as "fragility fracture" read through the clinical synonyms) must
 * all be in one affirmed sentence that also says the event is past.
 */
const HISTORY_NOTE = /personal history of (.+?),?\s*(?:if applicable,?\s*)?\((Z8[5-7]\.[0-9A-Z]+)\)/i;
const PAST = /\b(?:healed|history of|hx of|h\/o|prior|previous|previously|past|in (?:19|20)\d\d|(?:19|20)\d\d|years? ago|s\/p|status post|remote)\b/i;
const PLAIN = new Set(['healed', 'of', 'the', 'and', 'or', 'other', 'personal', 'history'].map(wordKey));

export function historyAskedFor(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, resolve: (code: string) => { code: string; title: string } | undefined): void {
  for (const holder of [...chosen.values()]) {
    for (const line of notesWithAncestors(lexicon, holder.code).useAdditional) {
      const said = HISTORY_NOTE.exec(line);
      if (!said) continue;
      const record = resolve(said[2]!);
      if (!record || chosen.has(record.code)) continue;
      const wanted = [...new Set(textWords(said[1]!.replace(/[()]/g, ' ')).map((w) => w.key).filter((k) => !PLAIN.has(k)))];
      if (wanted.length === 0) continue;
      const sentences = document.sentences.filter((s) => {
        if (s.isHeading || !PAST.test(s.text)) return false;
        const keys = new Set(expandWords(textWords(s.text)).map((w) => w.key));
        return wanted.every((k) => keys.has(k));
      });
      // ConText reads the words themselves ("No fractures since" negates them; a sentence-wide span would hide "No").
      const contexts = contextForChart(
        document,
        sentences.map((s) => {
          const hit = expandWords(textWords(s.text, s.start)).filter((w) => wanted.includes(w.key));
          return { start: Math.min(...hit.map((w) => w.start)), end: Math.max(...hit.map((w) => w.end)) };
        }),
      );
      const affirmed = sentences.filter((_, i) => !contexts[i]?.negated && !contexts[i]?.family && !contexts[i]?.otherExperiencer);
      const sentence = affirmed[0];
      if (!sentence) continue;
      chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.7, rule: `use additional code at ${holder.code}: ${line.trim()}`, evidence: [{ start: sentence.start, end: sentence.end, text: sentence.text, sentence: sentence.text }], warnings: [] });
    }
  }
}
