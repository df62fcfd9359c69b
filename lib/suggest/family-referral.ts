import type { ChartDocument, ChartSentence } from '../chart';
import { textWordKeys, textWords } from './text-words';

/** "given (his) family history", "because of the family history": a plan naming the family history itself. */
const GENERIC_FAMILY_HISTORY = /\b(?:given|because of|due to|in view of|with)\s+(?:the\s+|his\s+|her\s+|their\s+|strong\s+|positive\s+)*family (?:history|hx)\b/i;

/** "Family history of colon cancer", "FHx of MI": an assessment item naming which family history it means. */
const NAMED_FAMILY_HISTORY = /\b(?:family (?:history|hx)|fhx|fh)\s+(?:of|for|positive for|significant for)\s+[a-z]/i;

/** Words naming a relative or the family: what an assessment uses to point back at the family history. */
const RELATIVE_WORDS = new Set(
  ['mother', 'father', 'parent', 'parents', 'sister', 'brother', 'sibling', 'siblings', 'son', 'daughter', 'grandmother', 'grandfather', 'grandparent', 'aunt', 'uncle', 'cousin', 'maternal', 'paternal', 'family', 'familial', 'mom', 'dad', 'twin'].map(
    (w) => textWords(w)[0]!.key,
  ),
);

/** "first-degree relative diagnosed before 60": read as written, since the word's root is also that of "age-related". */
const RELATIVE = /\brelatives?\b/i;

/**
 * The sentence of the visit's assessment or plan that refers back to a relative's condition stated in the history
 * ("FAMILY HISTORY: Mother has bipolar I disorder." … "Rule out bipolar spectrum given mother's bipolar I"): one of
 * `sections` that names a relative and every word the history used for the condition. A family history the clinician
 * reasons with is addressed at the visit (Guideline I.C.21.c.4); the history list alone is not.
 */
export function familyReferredBack(document: ChartDocument, conditionWords: string, isCodingSection: (category: string | undefined) => boolean): ChartSentence | undefined {
  const wanted = new Set(textWords(conditionWords).filter((w) => !w.joined).map((w) => w.key));
  if (wanted.size === 0) return undefined;
  const coding = document.sentences.filter((s) => !s.isHeading && isCodingSection(s.section >= 0 ? document.sections[s.section]?.category : undefined));
  return (
    coding.find((s) => {
      const keys = textWordKeys(s.text, s.start);
      return [...wanted].every((k) => keys.has(k)) && ([...keys].some((k) => RELATIVE_WORDS.has(k)) || RELATIVE.test(s.text));
    }) ??
    // "Increase rosuvastatin to 20 mg given family history": the plan points back at the family history as a whole,
    // unless the assessment names the one it means ("Family history of colon cancer … colonoscopy because of family history").
    (coding.some((s) => NAMED_FAMILY_HISTORY.test(s.text)) ? undefined : coding.find((s) => GENERIC_FAMILY_HISTORY.test(s.text)))
  );
}
