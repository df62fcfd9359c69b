import type { ChartDocument, ChartSentence } from '../chart';
import { sectionAt } from '../chart';
import { contextForChart, type ContextResult } from '../context';
import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { notesWithAncestors } from './tabular-notes';
import { textWords, wordKey, type TextWord } from './text-words';
import type { Evidence, Suggestion } from './types';

/**
 * Codes a coded condition's own "use additional code" notes name in words, added when the chart says those words.
 * Two kinds of note line, one mechanism: find an affirmed sentence holding every word of the note's phrase, read
 * by ConText on the phrase's own words ("No urinary retention" negates it; a sentence-wide span would hide "No"),
 * and add exactly the code the note names.
 */

/** A sentence with its words (expansions included) and their keys. */
interface SentenceWords {
  sentence: ChartSentence;
  words: TextWord[];
  keys: Set<string>;
}

function sentenceWords(sentence: ChartSentence): SentenceWords {
  const words = expandWords(textWords(sentence.text, sentence.start));
  return { sentence, words, keys: new Set(words.map((w) => w.key)) };
}

/** The first sentence holding every wanted word whose context `accept` takes. */
function firstSaying(document: ChartDocument, sentences: readonly SentenceWords[], wanted: readonly string[], accept: (context: ContextResult) => boolean): ChartSentence | undefined {
  const said = sentences.filter((s) => wanted.every((k) => s.keys.has(k)));
  if (said.length === 0) return undefined;
  // Each wanted word is read on its own: in "COVID-19, mild, no pneumonia" the "no" lies inside a span running from
  // the first wanted word to the last, and would not reach it.
  const spans = said.map((s) => wanted.map((k) => s.words.find((w) => w.key === k)!).map((w) => ({ start: w.start, end: w.end })));
  const contexts = contextForChart(document, spans.flat());
  let at = 0;
  const accepted = spans.map((group) => group.every(() => accept(contexts[at++]!)));
  return said.find((_, i) => accepted[i])?.sentence;
}

function addAsked(chosen: Map<string, Suggestion>, record: { code: string; title: string }, holder: Suggestion, line: string, evidence: Evidence): void {
  chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.7, rule: `use additional code at ${holder.code}: ${line.trim()}`, evidence: [evidence], warnings: [] });
}

/** A whole sentence as evidence. */
function sentenceEvidence(s: ChartSentence): Evidence {
  return { start: s.start, end: s.end, text: s.text, sentence: s.text };
}

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
  let past: SentenceWords[] | undefined;
  for (const holder of [...chosen.values()]) {
    for (const line of notesWithAncestors(lexicon, holder.code).useAdditional) {
      const said = HISTORY_NOTE.exec(line);
      if (!said) continue;
      const record = resolve(said[2]!);
      if (!record || chosen.has(record.code)) continue;
      const wanted = [...new Set(textWords(said[1]!.replace(/[()]/g, ' ')).map((w) => w.key).filter((k) => !PLAIN.has(k)))];
      if (wanted.length === 0) continue;
      past ??= document.sentences.filter((s) => !s.isHeading && PAST.test(s.text)).map(sentenceWords);
      const sentence = firstSaying(document, past, wanted, (c) => !c.negated && !c.family && !c.otherExperiencer);
      if (sentence) addAsked(chosen, record, holder, line, sentenceEvidence(sentence));
    }
  }
}

/**
 * "Use additional code for associated symptoms, when specified: … urinary retention (R33.8) … weak urinary stream
 * (R39.12)" at N40.1: each such phrase the assessment (or another coding section) says, affirmed and current, adds
 * exactly the code the note names (R33.8, not the R33.9 a plain reading of "urinary retention" would give). These
 * symptoms are reported with the condition, so they are not integral to it.
 */
const NAMED_CODE = /^(.+?)\s*\(([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\)\s*$/;

export function symptomsTheNoteAsksFor(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, isCodingSection: (category: string | undefined) => boolean, resolve: (code: string) => { code: string; title: string; billable: boolean } | undefined): void {
  let coding: SentenceWords[] | undefined;
  for (const holder of [...chosen.values()]) {
    for (const line of notesWithAncestors(lexicon, holder.code).useAdditional) {
      const named = NAMED_CODE.exec(line.trim());
      if (!named) continue;
      const record = resolve(named[2]!);
      if (!record?.billable || chosen.has(record.code)) continue;
      const wanted = expandWords(textWords(named[1]!)).filter((w) => !w.expanded).map((w) => w.key);
      if (wanted.length === 0) continue;
      coding ??= document.sentences.filter((s) => !s.isHeading && isCodingSection(sectionAt(document.sections, s.start)?.category)).map(sentenceWords);
      // An exposure (Z77.-) comes from other people by definition: "talked with mom about secondhand smoke" is the
      // child's exposure, not a relative's condition.
      const exposure = record.code.startsWith('Z77');
      const sentence = firstSaying(document, coding, wanted, (c) => !c.negated && (exposure || !c.family) && !c.hypothetical && !c.uncertain && !c.historical);
      if (sentence) addAsked(chosen, record, holder, line, sentenceEvidence(sentence));
    }
  }
}

/**
 * "BPH with nocturia": a code read as "… without lower urinary tract symptoms" (N40.0) whose sibling is "… with
 * …" (N40.1) and whose sibling's "use additional code" note names a symptom the same sentence states after "with"
 * ("nocturia (R35.1)"): the chart documents the symptoms, so the sibling is coded, with the named symptom.
 */
export function withSymptomsSibling(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, resolve: (code: string) => { code: string; title: string; billable: boolean } | undefined): void {
  for (const holder of [...chosen.values()]) {
    const record = lexicon.codes[lexicon.indexOf.get(holder.code) ?? -1];
    if (!record?.parent || !/\bwithout\b/i.test(record.title)) continue;
    const parent = lexicon.indexOf.get(record.parent);
    const siblings = (parent === undefined ? [] : (lexicon.children.get(parent) ?? [])).map((i) => lexicon.codes[i]!).filter((r) => r.billable && r.code !== record.code && /\bwith\b/i.test(r.title) && !/\bwithout\b/i.test(r.title));
    // A note the holder has too (E11's "control using: insulin (Z79.4)") says nothing of the "with" sibling's own.
    const shared = new Set(notesWithAncestors(lexicon, holder.code).useAdditional);
    for (const sibling of siblings) {
      for (const line of notesWithAncestors(lexicon, sibling.code).useAdditional) {
        if (shared.has(line)) continue;
        const named = NAMED_CODE.exec(line.trim());
        const symptom = named ? resolve(named[2]!) : undefined;
        if (!named || !symptom?.billable) continue;
        const wanted = expandWords(textWords(named[1]!)).filter((w) => !w.expanded).map((w) => w.key);
        const said = holder.evidence.find((e) => {
          const after = /\bwith\b(.*)$/i.exec(e.sentence)?.[1];
          if (!after) return false;
          const keys = new Set(expandWords(textWords(after)).filter((w) => !w.negated && !w.denied).map((w) => w.key));
          return wanted.length > 0 && wanted.every((k) => keys.has(k));
        });
        if (!said) continue;
        chosen.delete(holder.code);
        chosen.set(sibling.code, { ...holder, code: sibling.code, title: sibling.title, rule: `${holder.rule}; the sentence names ${named[1]!.trim()} with it, a symptom ${sibling.code}'s note asks for → ${sibling.code}` });
        if (!chosen.has(symptom.code)) {
          // The sentence that says it, with offsets of its own (the holder's evidence is the condition's words).
          const from = said.start - Math.max(0, said.sentence.indexOf(said.text));
          addAsked(chosen, symptom, chosen.get(sibling.code)!, line, { start: from, end: from + said.sentence.length, text: said.sentence, sentence: said.sentence });
        }
        break;
      }
      if (!chosen.has(holder.code)) break;
    }
  }
}
