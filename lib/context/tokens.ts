/** A word or punctuation mark of a sentence, lower-cased, with its offsets in the sentence text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** False for punctuation; only words count towards a trigger's scope. */
  isWord: boolean;
}

// Words keep inner apostrophes ("patient's"); every other non-space character is a token of its own,
// so "r/o" is r, /, o both in rules and in sentences.
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;

/**
 * Splits text into word and punctuation tokens (lower-cased), keeping offsets.
 *
 * @example tokenize('No r/o MI.').map(t => t.text) // ['no', 'r', '/', 'o', 'mi', '.']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const word = m[0];
    tokens.push({ text: word.toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + word.length, isWord: /[\p{L}\p{N}]/u.test(word[0]!) });
  }
  return tokens;
}
