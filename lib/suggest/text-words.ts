import { foldText, root, STOP_WORDS } from '../search/normalize';

/** A word of chart text: its matching key (a derivational root) and where it is. */
export interface TextWord {
  key: string;
  start: number;
  end: number;
  /** Word position in its sentence; expansions of an abbreviation share the position of what they expand. */
  position: number;
  /** True when the word came from expanding an abbreviation or synonym rather than from the text itself. */
  expanded: boolean;
  /** True when the word is written in capitals (MS, PE): short abbreviations count only then. */
  upper?: boolean;
}

/**
 * Words that carry no meaning when matching titles to chart text, on both sides ("diabetes" in a chart
 * means "diabetes mellitus").
 */
export const FILLER_KEYS: ReadonlySet<string> = new Set(['mellitus', 'disorder', 'condition', 'nos', 'nec', 'finding', 'situation'].map((w) => root(foldText(w))));

/** The key a word is compared by on both sides: folded, light-stemmed, derivational root (diabetic → diabet). */
export function wordKey(word: string): string {
  return root(foldText(word));
}

/**
 * Splits text into words with offsets (relative to `offset`); hyphenated words also give their joined
 * form at the same position ("post-traumatic" → posttraumatic, post, traumatic).
 */
export function textWords(text: string, offset = 0): TextWord[] {
  const words: TextWord[] = [];
  let position = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = offset + match.index!;
    const folded = foldText(raw);
    const parts = folded.split('-').filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.length === 1 && STOP_WORDS.has(parts[0]!) && parts[0] !== 'with' && parts[0] !== 'without') {
      position++;
      continue;
    }
    const keys = parts.length > 1 ? [parts.join(''), ...parts] : parts;
    for (const part of keys) {
      const key = root(part);
      if (!FILLER_KEYS.has(key)) words.push({ key, start, end: start + raw.length, position, expanded: false, ...(/^[A-Z0-9]+$/.test(raw) && /[A-Z]/.test(raw) ? { upper: true } : {}) });
    }
    position++;
  }
  return words;
}

const WORD = /[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*/g;
