import siteJson from '../../assets/rules/body-sites.json';
import { newWord, wordKey, type TextWord } from './text-words';

/**
 * Side abbreviations (L, R, Lt, Rt, B/L, bilat) read as left, right or bilateral when they stand beside a body-site
 * word: "L shoulder impingement", "R knee OA", "knee (R)", "Lt wrist", "b/l knees". Beside anything else a lone L or
 * R is a unit, a level or an initial ("2 L O2", "1 L NS", "L4-L5", "L/min", "John R. Smith") and stays as written.
 */

/** Chart words that name a place with a side: the title site words, the words that imply them, and paired organs. */
const SITE_KEYS: ReadonlySet<string> = new Set(
  [...siteJson.sites, ...Object.keys(siteJson.implies), ...((siteJson as { pairedOrgans?: string[] }).pairedOrgans ?? [])].map(wordKey),
);

/** Written forms (folded) and the side they stand for. L and R count only in capitals. */
const SIDE_OF: ReadonlyMap<string, string> = new Map([
  ['l', 'left'],
  ['r', 'right'],
  ['lt', 'left'],
  ['rt', 'right'],
  ['bilat', 'bilateral'],
]);

/** A side abbreviation joined to "sided" ("R-sided", "lt-sided"), as the hyphenated word reads when joined. */
const SIDED = /^(l|r|lt|rt)sided$/;

/** Latin eye abbreviations: oculus dexter, sinister, uterque. */
const EYE_SIDE: ReadonlyMap<string, string> = new Map([
  ['od', 'right'],
  ['os', 'left'],
  ['ou', 'bilateral'],
]);

/** Words of an eye condition or exam that make OD/OS/OU the eyes. */
const EYE_WORD = /^(?:eyes?|ocular|conjunctiv\w*|kerat\w*|iritis|uveitis|stye|hordeol\w*|chalaz\w*|catarac\w*|glaucom\w*|retin\w*|cornea\w*|lids?|eyelids?|blephar\w*|vision|visual|acuity|pupils?|sclera\w*|episcleritis)$/i;

/** Conditions of one paired organ, which a side abbreviation may stand before or after: "L tinnitus", "R stye", "otitis externa R". */
const SIDED_CONDITIONS: ReadonlySet<string> = new Set(['tinnitus', 'otalgia', 'otorrhea', 'otitis', 'externa', 'media', 'hordeolum', 'stye', 'chalazion', 'conjunctivitis', 'blepharitis', 'dacryocystitis'].map(wordKey));

/** Words that place a site more exactly without being one ("distal radius", "lateral ankle", "index finger", "great toe"). */
const SITE_QUALIFIERS: ReadonlySet<string> = new Set(
  ['distal', 'proximal', 'upper', 'lower', 'medial', 'lateral', 'anterior', 'posterior', 'dorsal', 'volar', 'plantar', 'palmar', 'inner', 'outer', 'index', 'middle', 'ring', 'little', 'great', 'small', 'second', 'third', 'fourth', 'fifth'].map(wordKey),
);

const isNumber = (w: TextWord | undefined) => w !== undefined && /^\d/.test(w.raw ?? w.key);

/**
 * The side words the abbreviations among `words` stand for, at the abbreviation's position (expanded words), so
 * titles and the site-specificity step read "L shoulder" as "left shoulder".
 */
export function sideWords(words: readonly TextWord[]): TextWord[] {
  const written = words.filter((w) => !w.expanded && !w.joined && !w.part);
  const at = new Map<number, TextWord[]>();
  for (const w of written) at.set(w.position, [...(at.get(w.position) ?? []), w]);
  const siteAt = (position: number) => (at.get(position) ?? []).some((w) => SITE_KEYS.has(w.key) || SIDED_CONDITIONS.has(w.key));
  const out: TextWord[] = [];
  // OD / OS / OU (right, left, both eyes), in capitals, in a sentence about the eye: the eye and its side.
  if (written.some((w) => EYE_WORD.test(w.raw ?? ''))) {
    for (const w of written) {
      const side = w.upper ? EYE_SIDE.get(w.raw ?? '') : undefined;
      if (!side) continue;
      for (const key of [side, 'eye']) out.push(newWord(wordKey(key), w.start, w.end, w.position, true));
    }
  }
  // "R-sided sciatica", "Lt-sided chest pain": "-sided" makes the letter a side wherever it stands.
  for (const w of words) {
    const sided = w.joined && !w.expanded ? SIDED.exec(w.raw ?? '') : null;
    if (sided) out.push(newWord(wordKey(SIDE_OF.get(sided[1]!)!), w.start, w.end, w.position, true));
  }
  for (let i = 0; i < written.length; i++) {
    const w = written[i]!;
    const next = written[i + 1];
    let side = SIDE_OF.get(w.raw ?? '');
    let end = w.end;
    // "B/L" and "b/l": two letters joined by a slash.
    if (w.raw === 'b' && next?.raw === 'l' && next.slashed) {
      side = 'bilateral';
      end = next.end;
    }
    if (!side) continue;
    if (w.raw!.length === 1 && side !== 'bilateral' && !w.upper) continue;
    // "R/O": rule out, "L/min": a unit — a slash after a lone letter makes it something else.
    if (w.raw!.length === 1 && side !== 'bilateral' && next?.slashed) continue;
    const span = side === 'bilateral' && end !== w.end ? 2 : 1;
    const before = siteAt(w.position - 1);
    // "L distal radius", "R lateral ankle": one position word may stand between the side and the site.
    // "R impacted cerumen", "L swollen knee": a participle describing the site may stand between too.
    const qualifierAt = (position: number) => (at.get(position) ?? []).some((x) => SITE_QUALIFIERS.has(x.key) || /^[a-z]{3,}ed$/.test(x.raw ?? ''));
    const after = siteAt(w.position + span) || ((side === 'bilateral' || qualifierAt(w.position + span)) && siteAt(w.position + span + 1));
    // "2 L knee" would be a dose: a number just before a lone letter makes it a unit.
    const previous = written[i - 1];
    if (!(after && !(w.raw!.length === 1 && previous?.position === w.position - 1 && isNumber(previous))) && !before) continue;
    out.push(newWord(wordKey(side), w.start, end, w.position, true));
    // The "L" of "B/L" is read with it.
    if (end !== w.end) i++;
  }
  return out;
}
