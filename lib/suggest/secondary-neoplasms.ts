import { sectionAt, type ChartDocument } from '../chart';
import { contextForChart } from '../context';
import { expandWords } from './expansions';
import type { DiagnosisLexicon } from './lexicon';
import { matchSentence, mostSpecific } from './mentions';
import { siteSpecificCode } from './site-specificity';
import type { Evidence, ExcludedCandidate, Suggestion } from './types';
import { textWords, wordKey } from './text-words';

/**
 * Secondary (metastatic) neoplasms, Guideline I.C.2 and the Index ("Metastasis, metastatic … to specified site — see
 * Neoplasm, secondary, by site"): "liver metastases", "mets to bone", "metastatic to the lung" name the site a cancer
 * spread to, coded C77-C79 by that site, never as a primary of the site (no C22.9 for liver metastases). The site is
 * matched to the C77-C79 titles' own words. "Metastatic pancreatic cancer" names the primary: it gives no site here.
 */

/** A site a cancer spread to, said in the chart, and where. */
export interface SecondarySite {
  /** Chart offsets (within the text given) of the phrase naming the spread and its site. */
  start: number;
  end: number;
  siteWords: string;
}

const SPREAD_NOUN = String.raw`(?:metastas[ie]s|metastatic (?:disease|lesions?|deposits?|foci|implants?)|mets|secondar(?:y|ies))`;
/** "<site> metastases", "liver and bone mets": up to four words before the noun (a list of sites joined by and/commas). */
const SITE_BEFORE = new RegExp(String.raw`\b((?:[a-z-]+(?:,\s*|\s+and\s+|\s+|/)){0,4}?[a-z-]+)\s+${SPREAD_NOUN}\b`, 'gi');
/** "metastatic to the lung", "mets to bone and liver", "metastases in the liver", "spread to the liver". */
const SITE_AFTER = new RegExp(String.raw`\b(?:metastatic|${SPREAD_NOUN}|spread|metastasized|metastasised)\s+(?:to|in|into|of|within|involving)\s+((?:the\s+|both\s+|right\s+|left\s+)*[a-z-]+(?:(?:,\s*|\s+and\s+|\s+|/)(?!with\b|without\b|s\/p\b|on\b|for\b|status\b|currently\b|now\b|receiving\b)(?:the\s+)?[a-z-]+){0,5})`, 'gi');

/** "Metastatic colon adenocarcinoma (liver)", "metastatic breast cancer (bone, liver)": the sites in brackets after it. */
const SITE_IN_BRACKETS = /\bmetasta(?:tic|sized|sised)\b[^().;]{0,80}?\(((?:[a-z-]+(?:,\s*|\s+and\s+|\s+|\/)){0,5}[a-z-]+)\)/gi;

/** Adjectives charts use for the organ a title names ("hepatic metastases" are liver metastases). */
const ORGAN_ADJECTIVES: Record<string, string> = {
  hepatic: 'liver',
  pulmonary: 'lung',
  lungs: 'lung',
  osseous: 'bone',
  bony: 'bone',
  skeletal: 'bone',
  bones: 'bone',
  cerebral: 'brain',
  intracranial: 'brain',
  nodal: 'lymph node',
  node: 'lymph node',
  nodes: 'lymph node',
  peritoneal: 'peritoneum',
  pleural: 'pleura',
  adrenals: 'adrenal gland',
  adrenal: 'adrenal gland',
  cutaneous: 'skin',
  spinal: 'bone',
  spine: 'bone',
  vertebral: 'bone',
  ovaries: 'ovary',
  kidneys: 'kidney',
  renal: 'kidney',
};

/** Words that are never a site: they end a site list. */
// Uncertainty and work-up words too ("Rule out brain metastasis", "evaluate for bone mets"): kept out of the site
// phrase, they stay before it, where ConText reads them.
const NOT_SITE = new Set(['with', 'and', 'the', 'of', 'to', 'known', 'multiple', 'diffuse', 'widespread', 'new', 'several', 'extensive', 'numerous', 'small', 'large', 'likely', 'possible', 'probable', 'suspected', 'no', 'without', 'distant', 'disease', 'cancer', 'carcinoma', 'adenocarcinoma', 'both', 'right', 'left', 'rule', 'out', 'r/o', 'ro', 'exclude', 'evaluate', 'eval', 'for', 'concern', 'concerning', 'suspicious', 'suspect', 'query', 'question', 'vs', 'versus', 'or', 'any', 'assess']);

/** Every place the text says a cancer spread to a named site. */
export function secondarySites(text: string): SecondarySite[] {
  const out: SecondarySite[] = [];
  for (const re of [SITE_BEFORE, SITE_AFTER, SITE_IN_BRACKETS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const words = m[1]!;
      // Before the noun, only the words that can be sites count, back to the first that cannot ("pancreatic cancer with liver").
      const kept = re === SITE_BEFORE ? trailingSiteWords(words) : words;
      if (!kept.trim()) continue;
      // The phrase starts at its first site word, not at the words the pattern stepped over (nor, in brackets, at
      // the primary's words before them).
      const start = re === SITE_BEFORE ? m.index + (words.length - kept.length) : re === SITE_IN_BRACKETS ? m.index + m[0].lastIndexOf('(') : m.index;
      out.push({ start, end: m.index + m[0].length, siteWords: kept });
    }
  }
  return out;
}

function trailingSiteWords(words: string): string {
  const parts = words.split(/(\s+|,\s*|\/)/);
  const kept: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (/^\s+$|^,\s*$|^\/$/.test(p)) {
      kept.unshift(p);
      continue;
    }
    if (p.toLowerCase() === 'and') {
      kept.unshift(p);
      continue;
    }
    if (NOT_SITE.has(p.toLowerCase()) || /(?:ic|al|ous|ary)$/i.test(p) && !ORGAN_ADJECTIVES[p.toLowerCase()]) break;
    kept.unshift(p);
  }
  return kept.join('').replace(/^(?:\s|,|\/|and\b)+/i, '');
}

/**
 * The C77-C79 codes for the sites a phrase names ("liver and bone" → C78.7, C79.51; "right lung" → C78.01): each
 * site word against the titles' site words, a side when the title has one.
 */
export function secondaryCodes(lexicon: DiagnosisLexicon, siteWords: string): string[] {
  const codes = new Set<string>();
  for (const piece of siteWords.split(/,\s*|\s+and\s+|\//i)) {
    const plain = piece
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w && !NOT_SITE.has(w) || w === 'right' || w === 'left')
      .map((w) => ORGAN_ADJECTIVES[w] ?? w)
      .join(' ');
    const code = bestSecondary(lexicon, plain, /\bright\b/i.test(piece) ? 'right' : /\bleft\b/i.test(piece) ? 'left' : /\b(both|bilateral)\b/i.test(piece) ? 'bilateral' : undefined);
    if (code) codes.add(code);
  }
  return [...codes];
}

const TITLE_PLAIN = new Set(['secondary', 'and', 'unspecified', 'malignant', 'neoplasm', 'of', 'other', 'specified', 'parts', 'part', 'sites', 'site', 'organs', 'organ', 'right', 'left', 'bilateral'].map(wordKey));

function bestSecondary(lexicon: DiagnosisLexicon, words: string, side: string | undefined): string | undefined {
  const keys = new Set(textWords(words).map((w) => w.key));
  keys.delete(wordKey('right'));
  keys.delete(wordKey('left'));
  if (keys.size === 0) return undefined;
  let best: { code: string; score: number } | undefined;
  for (const record of lexicon.codes) {
    if (!record.billable || !/^C7[7-9]\./.test(record.code)) continue;
    const titleKeys = textWords(record.title).map((w) => w.key);
    const siteKeys = [...new Set(titleKeys.filter((k) => !TITLE_PLAIN.has(k)))];
    const hits = siteKeys.filter((k) => keys.has(k)).length;
    if (hits === 0) continue;
    const titleSide = /\bright\b/i.test(record.title) ? 'right' : /\bleft\b/i.test(record.title) ? 'left' : /\bbilateral\b/i.test(record.title) ? 'bilateral' : /\bunspecified (?!part|site|digestive|respiratory|urinary)/i.test(record.title) ? 'unspecified' : undefined;
    if (side && titleSide && titleSide !== side) continue;
    if (!side && titleSide && titleSide !== 'unspecified') continue;
    // Every site word said, few title site words unsaid (bone, not bone marrow), and the title's side.
    const unsaid = siteKeys.length - hits;
    const score = hits * 4 - unsaid * 0.5 + (side && titleSide === side ? 2 : 0) - (/\bother\b/i.test(record.title) ? 1 : 0);
    if (!best || score > best.score) best = { code: record.code, score };
  }
  return best && best.score > 0 ? best.code : undefined;
}

/**
 * The engine step: secondary codes for every affirmed spread the coding sections name, and the primary-site codes
 * the lexicon read from the same words ("liver metastases" → C22.9) set aside. The primary cancer, coded from its own
 * words, stays and is sequenced first (Guideline I.C.2.a-b).
 */
export function codeSecondaryNeoplasms(document: ChartDocument, chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, excluded: ExcludedCandidate[], isCodingSection: (category: string | undefined) => boolean): void {
  const hasCoding = document.sentences.some((s) => isCodingSection(s.section >= 0 ? document.sections[s.section]?.category : undefined));
  const found: { start: number; end: number; siteWords: string; sentence: string; section?: string }[] = [];
  for (const sentence of document.sentences) {
    if (!/metasta|\bmets\b|secondar|spread/i.test(sentence.text)) continue;
    const section = sectionAt(document.sections, sentence.start)?.category;
    if (hasCoding ? !isCodingSection(section) : section === 'family_history') continue;
    for (const site of secondarySites(sentence.text)) found.push({ start: sentence.start + site.start, end: sentence.start + site.end, siteWords: site.siteWords, sentence: sentence.text, ...(section ? { section } : {}) });
  }
  primaryReadAsSecondary(chosen, lexicon, found, excluded);
  if (found.length === 0) return;
  const contexts = contextForChart(document, found.map((f) => ({ start: f.start, end: f.end })));
  found.forEach((f, i) => {
    const c = contexts[i]!;
    if (c.negated || c.ruledOut || c.hypothetical || c.family || c.otherExperiencer || c.uncertain || c.historical) return;
    const codes = secondaryCodes(lexicon, f.siteWords);
    if (codes.length === 0) return;
    const evidence: Evidence = { start: f.start, end: f.end, text: document.text.slice(f.start, f.end), sentence: f.sentence, ...(f.section ? { section: f.section } : {}) };
    for (const s of [...chosen.values()]) {
      // A primary or unspecified-behaviour code read from inside the spread phrase is the lexicon misreading the site.
      if (!/^(C[0-6]|C7[0-6]|C80|D49)/.test(s.code)) continue;
      const inside = s.evidence.filter((e) => e.start >= f.start && e.end <= f.end + 1);
      if (inside.length === 0) continue;
      s.evidence = s.evidence.filter((e) => !inside.includes(e));
      if (s.evidence.length === 0) {
        chosen.delete(s.code);
        excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `the words name where the cancer spread: coded as ${codes.join(', ')} (secondary, Guideline I.C.2)`, evidence: inside });
      }
    }
    for (const code of codes) {
      const record = lexicon.codes[lexicon.indexOf.get(code) ?? -1];
      if (!record) continue;
      const existing = chosen.get(code);
      if (existing) {
        if (!existing.evidence.some((e) => e.start === evidence.start)) existing.evidence.push(evidence);
      } else chosen.set(code, { system: 'icd10cm', code, title: record.title, confidence: 0.8, rule: `secondary neoplasm of the site the cancer spread to (Index: Metastasis … see Neoplasm, secondary, by site; Guideline I.C.2)`, evidence: [evidence], warnings: [] });
    }
  });
}

/** A spread word inside a lexicon match: "metastatic" of "metastatic breast cancer", "mets" of "lung cancer with brain mets". */
const SPREAD_WORD = /\b(?:metastatic|metastas[ie]s|metastasized|mets)\b/gi;

/**
 * A secondary code the lexicon read from the organ a cancer started in ("breast cancer, metastatic to the lung" →
 * C79.81, "lung cancer with brain mets" → C78.00): its site is not one the chart says the cancer spread to, so the
 * same words without the spread word are read again for the primary (C50.912, C34.90).
 */
function primaryReadAsSecondary(chosen: Map<string, Suggestion>, lexicon: DiagnosisLexicon, found: { start: number; end: number; siteWords: string }[], excluded: ExcludedCandidate[]): void {
  for (const s of [...chosen.values()]) {
    if (!/^C7[7-9]/.test(s.code) || !s.rule.startsWith('term:')) continue;
    const misread = s.evidence.filter((e) => {
      SPREAD_WORD.lastIndex = 0;
      if (!SPREAD_WORD.test(e.text) || /\bsecondar/i.test(e.text)) return false;
      const spreads = found.filter((f) => f.start < e.end && e.start < f.end);
      return !spreads.some((f) => secondaryCodes(lexicon, f.siteWords).includes(s.code));
    });
    if (misread.length === 0) continue;
    s.evidence = s.evidence.filter((e) => !misread.includes(e));
    if (s.evidence.length === 0) {
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: 'the organ the cancer started in, not a site it spread to (Guideline I.C.2)', evidence: misread });
    }
    for (const e of misread) {
      // The words of the primary: the evidence up to the spread word (or all of it without that word).
      const words = e.text.replace(/\b(?:with|and)?\s*[a-z-]*\s*(?:metastas[ie]s|mets)\b.*$/i, '').replace(SPREAD_WORD, ' ');
      const primary = primaryCode(lexicon, words, e.sentence);
      if (!primary) continue;
      const record = lexicon.codes[lexicon.indexOf.get(primary) ?? -1]!;
      const existing = chosen.get(primary);
      if (existing) existing.evidence.push(e);
      else chosen.set(primary, { system: 'icd10cm', code: primary, title: record.title, confidence: 0.8, rule: `term: ${record.title} (the primary of a cancer said to have spread)`, evidence: [e], warnings: [] });
    }
  }
}

/** The malignant primary (C00-C76) the words name, refined by site and side from them. */
function primaryCode(lexicon: DiagnosisLexicon, words: string, sentence: string): string | undefined {
  const matches = mostSpecific(matchSentence(expandWords(textWords(words)), lexicon)).kept.filter((m) => /^C([0-6]|7[0-6])/.test(lexicon.codes[m.code]!.code));
  const best = matches.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  if (!best) return undefined;
  const billable = lexicon.defaultDescendant(best.code);
  if (billable === undefined) return undefined;
  const code = lexicon.codes[billable]!.code;
  return siteSpecificCode(lexicon, code, [{ text: words, sentence }]) ?? code;
}
