import type { DiagnosisLexicon } from './lexicon';
import { textWords, wordKey } from './text-words';

/**
 * Guideline I.A.15 ("with") and I.C.4.a: a condition the classification lists "with" diabetes is presumed caused by
 * it unless the provider says otherwise, and the diabetes category holds the combination code. Without the
 * Alphabetic Index the category's own titles say which conditions those are: "Type 2 diabetes mellitus with
 * diabetic polyneuropathy" (E11.42) is the combination for polyneuropathy (G62.9). Nothing about neuropathy is
 * written here.
 */

/** Diabetes categories whose "with …" codes are combination codes. */
export const DIABETES = /^E(0[89]|1[013])\./;

/** Title words that add nothing to the condition named: its qualifiers of kind, not of what the condition is. */
const EMPTY = new Set(['unspecified', 'other', 'specified', 'diabetic', 'type', 'mellitus', 'due', 'underlying', 'condition', 'nos', 'nec', 'chronic', 'acute'].map(wordKey));

const keyCache = new Map<string, Set<string>>();

/** The words a title says of a condition, without its "without …" part and empty words (kept per title). */
function conditionKeys(title: string): Set<string> {
  let keys = keyCache.get(title);
  if (!keys) keyCache.set(title, (keys = readConditionKeys(title)));
  return keys;
}

function readConditionKeys(title: string): Set<string> {
  return new Set(textWords(title.replace(/\bwithout\b.*$/i, ' ')).map((w) => w.key).filter((k) => !EMPTY.has(k)));
}

/**
 * What the chart says that breaks the presumed link: the provider names another cause or denies the diabetic one.
 * The diabetes's own care is no other cause: "hypoglycemia caused by a mismatch between rapid-acting insulin and
 * delayed gastric emptying" is still diabetes with hypoglycemia.
 */
const OTHER_CAUSE = /\b(?:not|non)[- ]?(?:due to |related to |from )?diabet\w*|\b(?:due to|secondary to|caused by|from|attributed to|related to)\s+(?!(?:his|her|their|the|poorly|uncontrolled|long-?standing)?\s*(?:type\s*[12i]+\s*)?(?:dm|t[12]dm|diabet))(?!(?:an?\s+|the\s+|his\s+|her\s+)?(?:mismatch\w*|(?:rapid|long|short)[- ]acting|insulin|prandial|basal|bolus|sulfonylurea|glipizide|glyburide|glimepiride|missed|skipped|delayed|late|meals?|gastroparesis|over-?correction|dosing|dose)\b)\w/i;

/**
 * The combination code of a diabetes category for another condition, when one of the category's billable titles says
 * "with" exactly that condition (all its words, and the fewest others). Undefined when no title does, or when the
 * chart's own words give the condition another cause.
 */
export function diabetesCombination(lexicon: DiagnosisLexicon, diabetesCode: string, condition: { code: string; title: string }, sentences: string[]): string | undefined {
  if (!DIABETES.test(diabetesCode) || DIABETES.test(condition.code) || condition.code.startsWith('Z')) return undefined;
  if (sentences.some((s) => OTHER_CAUSE.test(s))) return undefined;
  const wanted = conditionKeys(condition.title);
  if (wanted.size === 0) return undefined;
  const category = lexicon.indexOf.get(diabetesCode.slice(0, 3));
  if (category === undefined) return undefined;
  let best: { code: string; extra: number } | undefined;
  const walk = (i: number) => {
    for (const kid of lexicon.children.get(i) ?? []) {
      const record = lexicon.codes[kid]!;
      walk(kid);
      if (!record.billable) continue;
      const withPart = /\bwith\b(.*)$/i.exec(record.title)?.[1];
      if (!withPart) continue;
      const keys = conditionKeys(withPart);
      if (![...wanted].every((k) => keys.has(k))) continue;
      const extra = keys.size - wanted.size;
      if (!best || extra < best.extra) best = { code: record.code, extra };
    }
  };
  walk(category);
  return best?.code;
}
