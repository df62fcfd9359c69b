import type { ExcludedCandidate, Suggestion } from './types';

/**
 * "Skin lesion" is what the Index codes when nothing names it (Lesion, skin L98.9): a lesion the same sentence goes
 * on to name ("skin lesions on the back consistent with seborrheic keratoses", "lesion of the left cheek: actinic
 * keratosis") is that condition, and L98.9 would code it twice. Named here means a code from the chapters a skin
 * lesion is diagnosed into: infections (warts, molluscum), neoplasms, and diseases of the skin.
 */
const UNNAMED_SKIN_LESION = 'L98.9';
const NAMES_A_SKIN_LESION = /^(?:A|B|C|D[0-4]|L)/;

export function dropNamedSkinLesions(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[]): void {
  const lesion = chosen.get(UNNAMED_SKIN_LESION);
  if (!lesion) return;
  const sentences = new Set(lesion.evidence.map((e) => e.sentence));
  const named = [...chosen.values()].find((s) => s !== lesion && NAMES_A_SKIN_LESION.test(s.code) && s.evidence.some((e) => sentences.has(e.sentence)));
  if (!named) return;
  chosen.delete(UNNAMED_SKIN_LESION);
  excluded.push({ system: 'icd10cm', code: lesion.code, title: lesion.title, reason: 'less-specific', explanation: `the lesion is named: ${named.code} ${named.title}`, evidence: lesion.evidence });
}
