import type { ChartDocument, ChartSection, ChartSentence, SectionCategory } from '../chart';

/** Sections a problem list lives in: a labelled item inside one is one of its problems. */
const PROBLEM_LIST_SECTIONS: ReadonlySet<SectionCategory> = new Set(['assessment', 'assessment_and_plan', 'diagnoses', 'problem_list', 'plan']);

/**
 * An HTML assessment written as a list (`<ol><li>Immunizations: flu given.</li><li>Family history of…</li>`)
 * loses its item numbers in the page text, so the sectionizer reads "Immunizations:" as a new section and the
 * items after it leave the assessment. The plain-text copy ("2. Immunizations: …") has no such heading. This
 * folds a labelled list item back into the assessment it sits in, for the diagnosis stage only: a label that
 * starts an `<li>` inside an open problem-list section is the item's topic, not a heading.
 */
export function foldListItemLabels(document: ChartDocument): ChartDocument {
  if (document.source !== 'dom' || document.sections.length < 2) return document;
  const sections: ChartSection[] = [];
  /** Old section index → new one. */
  const remap: number[] = [];
  const folded = new Set<number>();
  for (const [i, section] of document.sections.entries()) {
    const open = sections[sections.length - 1];
    if (open && PROBLEM_LIST_SECTIONS.has(open.category) && !PROBLEM_LIST_SECTIONS.has(section.category) && labelStartsListItem(document, section)) {
      sections[sections.length - 1] = { ...open, end: section.end };
      remap[i] = sections.length - 1;
      folded.add(i);
      continue;
    }
    remap[i] = sections.push(section) - 1;
  }
  if (folded.size === 0) return document;
  // A folded label is the start of its item again: "Immunizations:" + "influenza and Tdap given today." is one sentence.
  const sentences: ChartSentence[] = [];
  let label: ChartSentence | undefined;
  for (const s of document.sentences) {
    const moved = s.section >= 0 ? { ...s, section: remap[s.section]! } : s;
    if (label && !document.text.slice(label.end, s.start).includes('\n')) {
      sentences[sentences.length - 1] = { ...label, end: s.end, text: document.text.slice(label.start, s.end) };
      label = undefined;
      continue;
    }
    label = undefined;
    if (s.isHeading && folded.has(s.section)) {
      label = { ...moved, isHeading: false };
      sentences.push(label);
      continue;
    }
    sentences.push(moved);
  }
  return { ...document, sections, sentences };
}

/** Whether a section's heading is the first text of an `<li>` in the page it came from. */
function labelStartsListItem(document: ChartDocument, section: ChartSection): boolean {
  const segment = document.segments.find((s) => s.start <= section.heading.start && section.heading.start < s.end);
  if (!segment) return false;
  let element = segment.node.parentElement;
  while (element && element.tagName.toLowerCase() !== 'li') element = element.parentElement;
  if (!element) return false;
  const itemText = (element.textContent ?? '').trimStart().toLowerCase();
  return itemText.startsWith(section.title.toLowerCase());
}
