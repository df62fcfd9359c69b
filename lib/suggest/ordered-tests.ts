/**
 * A list of tests ordered or drawn names what each test looks for: "Initial prenatal labs drawn today and sent to the
 * reference lab: CBC, blood type, rubella, HBsAg, HCV, HIV, syphilis, urine culture." Each comma item after such a
 * lead is a test's name; a condition that is the whole item (with at most test words beside it: "HIV antibody",
 * "hepatitis C screen") is not a diagnosis. An item that says more ("CMP for CKD monitoring") still speaks of the
 * patient's condition and is left alone.
 */
export function namedAsOrderedTest(sentence: { text: string; start: number }, match: { start: number; end: number }): boolean {
  const from = match.start - sentence.start;
  const to = match.end - sentence.start;
  if (from < 0 || to > sentence.text.length) return false;
  const colon = sentence.text.lastIndexOf(':', from);
  if (colon < 0) return false;
  const lead = sentence.text.slice(0, colon);
  if (!TEST_LEAD.test(lead) || !ORDER_VERB.test(lead)) return false;
  const before = sentence.text.slice(colon + 1, from);
  const itemStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'));
  const after = sentence.text.slice(to);
  const itemEnd = after.search(/[,;.]|\band\b/);
  const rest = `${before.slice(itemStart + 1)} ${itemEnd < 0 ? after : after.slice(0, itemEnd)}`;
  return rest.split(/[\s/()-]+/).every((w) => w === '' || TEST_WORDS.has(w.toLowerCase()));
}

/** A lead that names tests: "labs", "bloodwork", "panel", "serologies". */
const TEST_LEAD = /\b(?:labs?|laboratory|tests?|testing|panels?|studies|serolog(?:y|ies)|bloodwork|blood work|work-?up)\b/i;
/** A lead that orders, draws or sends them. */
const ORDER_VERB = /\b(?:drawn|draw|ordered|order|orders|sent|send|obtained|obtain|collected|pending|requested|check|checked|checking)\b/i;
/** Words that make an item a test's name ("HIV antibody", "hepatitis C screen", "syphilis serology"). */
const TEST_WORDS = new Set(['and', 'or', 'with', 'reflex', 'antibody', 'antibodies', 'ab', 'ag', 'antigen', 'screen', 'screening', 'test', 'testing', 'serology', 'serologies', 'titer', 'titers', 'pcr', 'rna', 'dna', 'naat', 'igg', 'igm', 'culture', 'rapid', 'quantitative', 'qualitative', 'level', 'levels', 'panel', 'status', 'immunity', 'surface', 'core', 'total', 'viral', 'load', '4th', 'generation', 'combo', 'rpr', 'treponemal', 'confirmation']);
