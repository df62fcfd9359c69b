import type { ChartDocument } from '../chart';
import type { Evidence, ExcludedCandidate, Suggestion } from './types';

/**
 * "1. Snoring, possible obstructive sleep apnea - home sleep test ordered. 2. Obesity - discussed weight loss effect
 * on snoring/OSA": the second mention names the problem the assessment left open; it does not confirm it. A code
 * the assessment (or plan, diagnosis list) calls uncertain stays uncertain (outpatient, Guideline IV.H) when every
 * certain-looking mention of it comes later, sits inside another item rather than heading its own, and nothing
 * between the two says the question was settled ("rapid strep positive", "confirmed", "sleep study showed").
 */
const SETTLED = /\b(?:confirm(?:s|ed|ing)?|confirmation|diagnosed|diagnosis of|consistent with|positive|\+|show(?:s|ed|n)|reveal(?:s|ed)|demonstrat(?:es|ed)|proven|c\/w|now (?:a |an )?(?:definite|established)|definite|established|AHI)\b/i;
/** Words a mention may follow and still head its item ("Moderate OSA", "2) OSA -", "Known OSA"). */
const HEAD_WORDS = 3;

/** Sections where the coder reads the visit's own diagnoses: an uncertainty said there is the visit's verdict. */
type IsCodingSection = (category: string | undefined) => boolean;

export function keepUncertainBackReferencesUncertain(document: ChartDocument, chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], isCodingSection: IsCodingSection): void {
  const uncertainAt = new Map<string, Evidence[]>();
  for (const e of excluded) {
    if (e.system !== 'icd10cm' || e.reason !== 'uncertain') continue;
    const said = e.evidence.filter((x) => isCodingSection(x.section));
    if (said.length > 0) uncertainAt.set(e.code, [...(uncertainAt.get(e.code) ?? []), ...said]);
  }
  if (uncertainAt.size === 0) return;
  for (const [code, s] of [...chosen]) {
    const open = uncertainAt.get(code);
    if (!open || s.evidence.length === 0) continue;
    const first = open.reduce((a, b) => (b.start < a.start ? b : a));
    const backReference = (e: Evidence) => e.start > first.end && !headsItsItem(document, e) && !SETTLED.test(document.text.slice(first.end, e.end));
    if (!s.evidence.every(backReference)) continue;
    chosen.delete(code);
    excluded.push({ system: 'icd10cm', code, title: s.title, reason: 'uncertain', explanation: `left open where the visit's diagnoses are stated (“${first.text}”); the later mention refers back to it without confirming it (Guideline IV.H)`, evidence: [first, ...s.evidence] });
  }
}

/** Whether the mention opens its sentence or list item (within a few words): a problem named in its own right. */
function headsItsItem(document: ChartDocument, e: Evidence): boolean {
  const sentence = document.sentences.find((x) => x.start <= e.start && e.start < x.end);
  if (!sentence) return true;
  const before = document.text.slice(sentence.start, e.start).replace(/^\s*(?:#?\d+[.)]|[-•*])\s*/, '');
  // An earlier clause of the same item ("Obesity, class 1 - discussed … snoring/OSA") puts the mention inside it.
  if (/[,;:(]|\s[-–—]\s/.test(before)) return false;
  return before.split(/\s+/).filter(Boolean).length <= HEAD_WORDS;
}
