// Public API of lib/chart. `chartFromHtml` lives in ./from-html (Node only: it imports linkedom) and is
// not exported here, so the browser bundle never pulls linkedom in.
export { chartFromText, chartFromDom, sourceRanges, sentencesIn, cleanText, defaultChartOptions } from './document';
export type { ChartOptions } from './document';
export { readDomText, defaultDomTextOptions, separatorText, SPACE, TAB, NEWLINE } from './dom-text';
export type { DomText, DomTextOptions } from './dom-text';
export { detectSections, sectionAt, sectionIndexAt, defaultSectionOptions, INLINE_ASSESSMENT_LABEL } from './sections';
export type { SectionOptions } from './sections';
export { splitSentences, defaultSentenceOptions, DEFAULT_ABBREVIATIONS } from './sentences';
export type { SentenceOptions } from './sentences';
export { extractPatientHeader, parseDate, parseDateBefore, defaultHeaderOptions } from './header';
export type { HeaderOptions } from './header';
export {
  ChartRuleError,
  loadSectionRules,
  loadHeaderFieldRules,
  compileSectionRules,
  matchSectionHeading,
  normalizeHeading,
  defaultSectionRules,
  defaultHeaderFieldRules,
} from './rules';
export type { SectionRule, HeaderFieldRule, CompiledSectionRules } from './rules';
export * from './types';
