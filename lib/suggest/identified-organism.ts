import type { DiagnosisLexicon } from './lexicon';
import type { DiagnosisMatch } from './mentions';
import { textWords } from './text-words';

/**
 * An infection's organism, when the chart names it, decides the category: ICD-10-CM keeps parallel categories for
 * an identified and an unidentified organism (J10 "Influenza due to other identified influenza virus" beside J11
 * "… due to unidentified influenza virus"). "Influenza A with URI symptoms" matches the identified header through
 * "influenza A" and the unidentified code through its manifestation ("… with other respiratory manifestations"):
 * one condition, so the identified category wins and takes the manifestation, its child whose title ends the same
 * way (J10.1), with the manifestations its inclusion terms list (pharyngitis). Only titles built as "<condition> due to <organism>" are compared, and only when the two readings
 * share a chart word (the condition).
 */
const UNIDENTIFIED = /\b(?:unidentified|unspecified) (?:[a-z]+ )?(?:virus|organism|bacteri\w*|agent)\b/i;

export function preferIdentifiedOrganism(matches: readonly DiagnosisMatch[], lexicon: DiagnosisLexicon): DiagnosisMatch[] {
  const out = [...matches];
  for (const vague of matches) {
    const vagueTitle = lexicon.codes[vague.code]!.title;
    if (!UNIDENTIFIED.test(vagueTitle)) continue;
    const condition = conditionOf(vagueTitle);
    if (!condition) continue;
    const positions = new Set(vague.words.map((w) => w.sourcePosition ?? w.position));
    const identified = out.find((m) => {
      const title = lexicon.codes[m.code]!.title;
      return m !== vague && !UNIDENTIFIED.test(title) && conditionOf(title) === condition && m.words.some((w) => positions.has(w.sourcePosition ?? w.position));
    });
    if (!identified) continue;
    out.splice(out.indexOf(vague), 1);
    const manifestation = / with (.+)$/i.exec(vagueTitle)?.[1]?.toLowerCase();
    const child = manifestation ? descendantEndingWith(lexicon, identified.code, ` with ${manifestation}`) : undefined;
    if (child === undefined) continue;
    out[out.indexOf(identified)] = { ...identified, code: child };
    // The code's own inclusion terms name what it holds ("… with pharyngitis"): such a condition said in the same
    // words is that manifestation, not a second diagnosis.
    const held = (lexicon.codes[child]!.synonyms ?? []).map((t) => / with (.+)$/i.exec(t)?.[1]).filter((x): x is string => !!x).map((x) => textWords(x).map((w) => w.key));
    for (const other of [...out]) {
      if (other.code === child) continue;
      const keys = new Set(other.words.map((w) => w.key));
      if (held.some((words) => words.length > 0 && words.every((k) => keys.has(k)))) out.splice(out.indexOf(other), 1);
    }
  }
  return out;
}

/** "Influenza" of "Influenza due to unidentified influenza virus with …"; undefined for titles of another shape. */
function conditionOf(title: string): string | undefined {
  return /^(.+?) due to /i.exec(title)?.[1]?.toLowerCase();
}

/** The code at or under `index` whose title ends with `ending` (case-insensitive), nearest first. */
function descendantEndingWith(lexicon: DiagnosisLexicon, index: number, ending: string): number | undefined {
  const queue = [index];
  while (queue.length) {
    const at = queue.shift()!;
    if (lexicon.codes[at]!.title.toLowerCase().endsWith(ending)) return at;
    queue.push(...(lexicon.children.get(at) ?? []));
  }
  return undefined;
}
