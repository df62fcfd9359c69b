import type { DiagnosisLexicon } from './lexicon';
import type { DiagnosisMatch } from './mentions';

/** "Viral infection of unspecified site" (B34), "Bacterial infection of unspecified site" (A49) and their codes. */
const UNSPECIFIED_SITE = /\bof unspecified site\b/i;

/**
 * "Acute viral upper respiratory infection": "viral … infection" read inside the site's own infection phrase is
 * how that infection was caught, not a second infection of an unspecified site. A reading whose category is "of
 * unspecified site", whose words all lie inside another reading's span and share a word with it, is dropped.
 */
export function dropUnspecifiedSiteInside(matches: readonly DiagnosisMatch[], lexicon: DiagnosisLexicon): DiagnosisMatch[] {
  const at = (m: DiagnosisMatch) => m.words.map((w) => w.sourcePosition ?? w.position);
  const unspecifiedSite = (m: DiagnosisMatch) => {
    const record = lexicon.codes[m.code]!;
    const parent = record.parent ? lexicon.codes[lexicon.indexOf.get(record.parent) ?? -1] : undefined;
    return UNSPECIFIED_SITE.test(record.title) || UNSPECIFIED_SITE.test(parent?.title ?? '');
  };
  return matches.filter((m) => {
    if (!unspecifiedSite(m)) return true;
    const mine = at(m);
    return !matches.some((k) => {
      if (k === m || unspecifiedSite(k)) return false;
      const theirs = at(k);
      const from = Math.min(...theirs);
      const to = Math.max(...theirs);
      return mine.every((p) => p >= from && p <= to) && mine.some((p) => theirs.includes(p));
    });
  });
}
