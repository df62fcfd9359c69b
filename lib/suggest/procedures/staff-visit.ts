import type { ChartDocument, TextSpan } from '../../chart';

/**
 * A visit carried out by clinical staff (a nurse, pharmacist or medical assistant) under a physician's supervision:
 * its E/M, when one is billed, is 99211, the only office E/M clinical staff may perform (an anticoagulation clinic
 * INR check, a blood-pressure check). The rendering clinician is read from the provider line ("Carla Juarez, RN
 * (Anticoagulation Clinic) under supervision of Martin Feld, MD"; "Samuel Achterberg, MD (supervising); visit by
 * Joan Whitfield, RN") or from a heading that calls it a nurse or pharmacist visit.
 */
const STAFF = String.raw`(?:RN|LPN|LVN|PharmD|Pharm\.D\.|CMA|RMA|MA)`;
/**
 * The provider line's first clinician is staff: the credential right after the first name ("Name, RN, …"), not a
 * later piece of the line ("Jane Doe, MD, Springfield, MA" is a physician in Massachusetts).
 */
const STAFF_FIRST = new RegExp(String.raw`^[^,;()]+,\s*${STAFF}\b`);
/** "visit by Joan Whitfield, RN", "seen by K. Marchetti, PharmD". */
const VISIT_BY_STAFF = new RegExp(String.raw`\b(?:visit\s+by|seen\s+by|performed\s+by)\s+[A-Z][^,;\n]{1,40},\s*${STAFF}\b`);
/** A heading or visit line that names the visit a nurse's or pharmacist's. */
const STAFF_VISIT_WORDS = /\b(?:nurse|RN|pharmacist|PharmD)[- ](?:only\s+)?visit\b|\bnurse[- ]only\b|\bvisit with (?:the )?(?:nurse|RN|pharmacist)\b/i;
const STAFF_VISIT_ALL = new RegExp(STAFF_VISIT_WORDS.source, 'gi');
/** "Flu vaccine deferred today; nurse visit for vaccine once well": a staff visit planned for later is not this one. */
const LATER_VISIT = /\b(?:once|when|after|next|later|in \d+|schedul\w*|return\w*|book\w*|plan\w*|deferred|will)\b/i;

/** A physician or practitioner who saw the patient too makes it their visit. */
const CLINICIAN_SAW = /\b(?:also\s+)?(?:seen|examined|evaluated)\s+(?:by|with)\s+(?:Dr\.?|the\s+(?:physician|provider|NP|PA))|\b(?:MD|DO|NP|PA)\s+(?:saw|examined|evaluated)\b/i;

/** Where the chart shows a staff-performed visit, or undefined. */
export function staffVisit(document: ChartDocument): (TextSpan & { text: string }) | undefined {
  const provider = document.header.fields.find((f) => f.field === 'provider');
  const text = document.text;
  if (CLINICIAN_SAW.test(text)) return undefined;
  if (provider && STAFF_FIRST.test(provider.value)) return { start: provider.start, end: provider.end, text: provider.value };
  const by = VISIT_BY_STAFF.exec(text) ?? [...text.matchAll(STAFF_VISIT_ALL)].find((m) => !LATER_VISIT.test(document.sentences.find((s) => s.start <= m.index! && m.index! < s.end)?.text ?? ''));
  return by ? { start: by.index!, end: by.index! + by[0].length, text: by[0] } : undefined;
}
