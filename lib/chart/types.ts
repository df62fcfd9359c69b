/** Version of the section/header rule files this code reads; loaders refuse other versions. */
export const CHART_RULES_FORMAT_VERSION = 1;

/**
 * Kinds of chart section Chart Coder knows. A heading that matches no rule in
 * `assets/rules/sections.json` gets `other`.
 */
export const SECTION_CATEGORIES = [
  'chief_complaint',
  'reason_for_visit',
  'history_of_present_illness',
  'review_of_systems',
  'physical_exam',
  'vital_signs',
  'results',
  'assessment',
  'plan',
  'assessment_and_plan',
  'diagnoses',
  'problem_list',
  'procedures',
  'medications',
  'allergies',
  'family_history',
  'social_history',
  'past_medical_history',
  'past_surgical_history',
  'immunizations',
  'encounters',
  'hospital_course',
  'instructions',
  'functional_status',
  'goals',
  'advance_directives',
  'medical_equipment',
  'payers',
  'other',
] as const;

/** One of {@link SECTION_CATEGORIES}. */
export type SectionCategory = (typeof SECTION_CATEGORIES)[number];

/** A half-open range `[start, end)` of UTF-16 offsets into `ChartDocument.text`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One section of a chart: from its heading to the next heading (or the end of the text). */
export interface ChartSection extends TextSpan {
  category: SectionCategory;
  /** Heading text as written (trimmed, without a trailing colon). */
  title: string;
  /** Where the heading itself is; `heading.end` is where the section body starts. */
  heading: TextSpan;
  /** The section rule that matched the heading (its `literal`), absent for `other`. */
  rule?: string;
}

/** One sentence (or list item, table row, heading line) of a chart. */
export interface ChartSentence extends TextSpan {
  text: string;
  /** Index into `ChartDocument.sections` of the section holding the sentence, -1 before the first heading. */
  section: number;
  /** True for a line that is a section heading ("ASSESSMENT:"), kept so every character is covered. */
  isHeading: boolean;
}

/**
 * Maps a run of `ChartDocument.text` back to the DOM text node it came from:
 * `text[start + i]` is `node.data[nodeOffset + i]` for every `i < end - start` (whitespace may
 * have been collapsed to one space, so compare modulo whitespace).
 */
export interface SourceSegment extends TextSpan {
  node: Text;
  nodeOffset: number;
}

/** A piece of a DOM range, for highlighting evidence in the page. */
export interface SourceRange {
  node: Text;
  startOffset: number;
  endOffset: number;
}

/** Patient header fields Chart Coder reads. */
export type HeaderFieldName = 'name' | 'dob' | 'sex' | 'mrn' | 'dateOfService' | 'provider' | 'patientStatus';

/** One header field as found in the chart. */
export interface HeaderField extends TextSpan {
  field: HeaderFieldName;
  /** The value as written (trimmed). `start`/`end` locate it in the text. */
  value: string;
  /** The label it was found under ("DOB", "Date of Birth"), or the phrase for patientStatus. */
  label: string;
}

/** Patient/visit facts from the chart header, each present only when found. */
export interface PatientHeader {
  name?: string;
  /** Date of birth as written. */
  dob?: string;
  /** Date of birth as YYYY-MM-DD when the written form could be read. */
  dobIso?: string;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  mrn?: string;
  /** Date of service as written. */
  dateOfService?: string;
  /** Date of service as YYYY-MM-DD when the written form could be read. */
  dateOfServiceIso?: string;
  provider?: string;
  /** New vs established patient (drives E/M code families 99202–5 vs 99212–5). */
  patientStatus?: 'new' | 'established';
  /** Every field found, with offsets (evidence for the values above). */
  fields: HeaderField[];
}

/** A chart read into plain text with sections, sentences and header fields. */
export interface ChartDocument {
  /** Visible text: blocks and table rows on their own lines, table cells separated by a tab. */
  text: string;
  sections: ChartSection[];
  sentences: ChartSentence[];
  header: PatientHeader;
  /** Where the text came from. */
  source: 'text' | 'dom';
  /** For DOM-built documents, text runs mapped back to DOM text nodes, sorted by `start`. */
  segments: SourceSegment[];
  /** True when the input was cut at `maxChars` (see {@link ChartOptions}). */
  truncated: boolean;
}

/** A heading seen in the DOM, passed from the DOM reader to the sectionizer. */
export interface HeadingHint extends TextSpan {
  /**
   * `strong`: h1–h6 always start a section. `weak`: bold lines and labels start one only when a rule
   * matches. `boundary`: a page region (footer) starts here, which ends the section before it.
   */
  strength: 'strong' | 'weak' | 'boundary';
  /** Heading level for h1–h6 (1–6); an unmatched heading only closes a section of the same or a deeper level. */
  level?: number;
  /** A definition-list term (`<dt>`): its description (`<dd>`) follows on the same line, as after a colon. */
  label?: boolean;
}
