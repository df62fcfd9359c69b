/**
 * Letterhead and title lines: the practice, department or document name printed above the first clinical section
 * ("NORTHSIDE ALLERGY & ASTHMA", "Riverside Cancer Center - Infusion Suite", "Heart & Vascular Clinic"). They name
 * a place, not a finding, so they are not sentences a diagnosis can be read from.
 */

/** Words that name an organisation or a place of care in a title line. */
const PLACE_WORDS = /\b(?:center|centre|centers|clinic|clinics|associates|suite|department|dept|institute|practice|group|health|healthcare|medical|medicine|hospital|hospitals|partners|specialists|specialty|services|physicians|pllc|llc|inc|pc|pa|office|offices|unit|division|program|network|system|foundation|university|college|care|wellness|pediatrics|surgery|surgical)\b/i;

/** Words of a document title that say what the encounter is ("DERMATOLOGY PROCEDURE VISIT"): a title kept as a sentence. */
const ENCOUNTER_WORDS = /\b(?:visit|note|notes|consult|consultation|follow[- ]?up|procedure|procedures|encounter|progress|evaluation|exam|examination|report|summary|assessment|history|physical|admission|discharge|telehealth|telemedicine|injection|infusion\s+(?:note|visit|record))\b/i;

/** Lines that hold a value, a sentence or a list item, never a title. */
const NOT_A_TITLE = /[:;?!]|\.\s*$|^\s*(?:\d{1,2}[.)]|[-•*·])\s|\d{2}/;

/**
 * Whether a line before the first clinical section is letterhead: a short line without a label or sentence end, in
 * capitals or title case, with a word that names a place of care (clinic, center, associates…) or an ampersand, and
 * no word that says what the encounter is (a document title such as "PROCEDURE VISIT" stays a sentence).
 */
export function isLetterheadLine(line: string): boolean {
  const text = line.trim();
  if (text.length < 3 || text.length > 80 || NOT_A_TITLE.test(text)) return false;
  const words = text.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
  if (words.length === 0 || words.length > 10) return false;
  if (ENCOUNTER_WORDS.test(text)) return false;
  // Capitals throughout, or title case: every word of four letters or more starts with a capital.
  const titleCase = !/[a-z]/.test(text) || words.every((w) => w.length < 4 || /^[A-Z]/.test(w));
  // "Heart & Vascular": an ampersand joins the names of a practice, never two findings in a title line.
  return titleCase && (PLACE_WORDS.test(text) || /&/.test(text));
}
