import type { ChartDocument, ChartSentence } from '../chart';
import { sectionAt } from '../chart';
import { contextForChart } from '../context';
import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { notesWithAncestors } from './tabular-notes';
import { textWords, type TextWord } from './text-words';
import type { Suggestion } from './types';

/**
 * "Use additional code for associated symptoms, when specified: … urinary retention (R33.8) … weak urinary stream
 * (R39.12)" at N40.1: the Tabular names, in words, the codes that go with a coded condition. Each such phrase the
 * assessment (or another coding section) says, affirmed, adds its code, exactly the code the note names (R33.8,
 * not the R33.9 a plain reading of "urinary retention" would give). These symptoms are reported with the condition,
 * so they are not integral to it.
 */
const NAMED_CODE = /^(.+?)\s*\(([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\)\s*$/;

export function symptomsTheNoteAsksFor(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, isCodingSection: (category: string | undefined) => boolean, resolve: (code: string) => { code: string; title: string; billable: boolean } | undefined): void {
  let sentences: { sentence: ChartSentence; words: TextWord[]; keys: Set<string> }[] | undefined;
  for (const holder of [...chosen.values()]) {
    const lines = notesWithAncestors(lexicon, holder.code).useAdditional.filter((l) => NAMED_CODE.test(l.trim()));
    if (lines.length === 0) continue;
    sentences ??= document.sentences
      .filter((s) => !s.isHeading && isCodingSection(sectionAt(document.sections, s.start)?.category))
      .map((sentence) => {
        const words = expandWords(textWords(sentence.text, sentence.start));
        return { sentence, words, keys: new Set(words.map((w) => w.key)) };
      });
    for (const line of lines) {
      const [, phrase, code] = NAMED_CODE.exec(line.trim())!;
      const record = resolve(code!);
      if (!record?.billable || chosen.has(record.code)) continue;
      const wanted = expandWords(textWords(phrase!)).filter((w) => !w.expanded).map((w) => w.key);
      if (wanted.length === 0) continue;
      const said = sentences.filter((s) => wanted.every((k) => s.keys.has(k)));
      if (said.length === 0) continue;
      // ConText reads the phrase itself ("No urinary retention" negates it; a sentence-wide span would hide "No").
      const spans = said.map((s) => {
        const hit = s.words.filter((w) => wanted.includes(w.key));
        return { start: Math.min(...hit.map((w) => w.start)), end: Math.max(...hit.map((w) => w.end)) };
      });
      const contexts = contextForChart(document, spans);
      const affirmed = said.find((_, i) => !contexts[i]!.negated && !contexts[i]!.family && !contexts[i]!.hypothetical && !contexts[i]!.uncertain && !contexts[i]!.historical);
      if (!affirmed) continue;
      const s = affirmed.sentence;
      chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.7, rule: `use additional code at ${holder.code}: ${line.trim()}`, evidence: [{ start: s.start, end: s.end, text: s.text, sentence: s.text }], warnings: [] });
    }
  }
}
