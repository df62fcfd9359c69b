import type { Evidence, ExcludedCandidate, Suggestion } from './types';

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

/** Entities that only ever arise in skin: a lesion suspected to be one of them is a skin lesion. */
const SKIN_ENTITY = /\b(?:basal cell|bcc|melanoma|keratoacanthoma|seborrh?eic keratos[ie]s|actinic keratos[ie]s|nevus|nevi|dysplastic nevus|atypical nevus)\b/i;
const LESION = /\b(?:lesion|spot|growth|papule|nodule|plaque|macule|mole)\b/i;
/** "Differential is dysplastic nevus versus early melanoma": two skin-only entities weighed against each other name a lesion. */
const WEIGHED = /\b(?:differential|ddx|versus|vs\.?)(?=\s)/i;

/**
 * "Lesion of left upper back, suspicious for basal cell carcinoma": before pathology the outpatient code is the
 * lesion (IV.H; Index: Lesion, skin L98.9). Uncertain candidates set aside in a sentence that names a lesion and a
 * skin-only entity (or weighs two of them: "dysplastic nevus versus melanoma") give L98.9, unless the sentence already
 * gave a coded skin diagnosis.
 */
export function lesionOfUncertainSkinDiagnosis(chosen: Map<string, Suggestion>, excluded: readonly ExcludedCandidate[], lesionRecord: { code: string; title: string } | undefined): void {
  if (!lesionRecord || chosen.has(lesionRecord.code)) return;
  const coded = new Set([...chosen.values()].filter((s) => NAMES_A_SKIN_LESION.test(s.code)).flatMap((s) => s.evidence.map((e) => e.sentence)));
  const suspected = (e: Evidence) => SKIN_ENTITY.test(e.sentence) && (LESION.test(e.sentence) || WEIGHED.test(e.sentence)) && !coded.has(e.sentence);
  const sentence = excluded.find((x) => x.reason === 'uncertain' && x.system === 'icd10cm' && x.evidence.some(suspected))?.evidence.find(suspected);
  if (!sentence) return;
  const lesion = (LESION.exec(sentence.sentence) ?? SKIN_ENTITY.exec(sentence.sentence))!;
  const start = sentence.start - sentence.sentence.indexOf(sentence.text) + lesion.index;
  const word = lesion[0];
  chosen.set(lesionRecord.code, { system: 'icd10cm', code: lesionRecord.code, title: lesionRecord.title, confidence: 0.7, rule: `a skin lesion coded before pathology, the diagnosis it is suspected to be being uncertain (Guideline IV.H; Index: Lesion, skin)`, evidence: [{ ...sentence, start, end: start + word.length, text: word }], warnings: [] });
}
