import type { CodeRecord, CodeSystem } from '../codesets/types';

/** How a result was found, from the strongest evidence to the weakest. */
export type MatchKind = 'code' | 'title' | 'synonym' | 'abbreviation' | 'fuzzy';

/** One 7th-character variant offered by a grouped result row (the 7th-character picker). */
export interface SeventhChoice {
  /** The 7th character itself, e.g. "A". */
  char: string;
  /** Full billable code, e.g. "S72.001A". */
  code: string;
  /** Full title of that code. */
  title: string;
}

/** One row of a search answer. */
export interface CodeSearchResult {
  system: CodeSystem;
  /** Code as coders write it (ICD-10-CM with the dot). */
  code: string;
  title: string;
  /** Whether this exact code may go on a claim; a grouped row is not, its `sevenths` are. */
  billable: boolean;
  /** Higher is better; results come sorted by it. Comparable within one answer only. */
  score: number;
  /** What matched: the code, the title, a synonym (inclusion term, keyword), an expanded abbreviation or a typo-tolerant match. */
  matchedOn?: MatchKind;
  /** Present on a row that stands for codes differing only by their 7th character (S72.001 → S72.001A/D/G…). */
  sevenths?: SeventhChoice[];
  /** Last date of service the code may be used (ISO), e.g. a terminated HCPCS code. */
  terminatedOn?: string;
}

/** The fields of a {@link CodeRecord} the search engine reads. */
export type SearchableRecord = Pick<CodeRecord, 'system' | 'code' | 'title' | 'billable'> &
  Partial<Pick<CodeRecord, 'parent' | 'synonyms' | 'terminatedOn' | 'effectiveFrom' | 'notes'>>;

/** Sizes of a built or loaded index, for the bench and the options page. */
export interface CodeSearchStats {
  /** Records of every system, 7th-character variants included. */
  records: number;
  /** Searchable rows (7th-character variants are folded into their parent). */
  rows: number;
  /** Distinct terms of the vocabulary. */
  terms: number;
  /** Term → row postings. */
  postings: number;
  /** Title and synonym fields indexed. */
  fields: number;
  /** Records per system. */
  bySystem: Record<CodeSystem, number>;
}
