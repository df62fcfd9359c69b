import type { ChartDocument, PatientHeader, TextSpan } from '../chart';
import type { CodeSystem } from '../codesets/types';

/** A piece of the chart that supports a suggestion: the words, where they are, and their sentence. */
export interface Evidence extends TextSpan {
  /** The words as written in the chart. */
  text: string;
  /** The sentence holding them (for the "why" line in the UI). */
  sentence: string;
  /** Category of the section they are in ('assessment', 'plan', …), when known. */
  section?: string;
}

/** A code Chart Coder suggests, with the evidence and the rule behind it. */
export interface Suggestion {
  system: CodeSystem;
  /** ICD-10-CM with the dot; HCPCS/CPT as is. */
  code: string;
  title: string;
  /** Service units for procedures and drugs (e.g. J0696 × 4 for ceftriaxone 1 g). */
  units?: number;
  /** HCPCS/CPT modifiers implied by the text (LT, RT, 25). */
  modifiers?: string[];
  /** 0–1: how sure the engine is. */
  confidence: number;
  /** The rule or term behind it, e.g. "term: type 2 diabetes mellitus with hyperglycemia", "combination I12 (hypertension with CKD)". */
  rule: string;
  evidence: Evidence[];
  /** Things the coder must check: "needs 7th character", "code first …", "Excludes1 with E11.9". */
  warnings: string[];
}

/** Why a candidate code was not suggested. */
export type ExclusionReason = 'negated' | 'ruled-out' | 'family' | 'other-person' | 'historical' | 'hypothetical' | 'uncertain' | 'integral-symptom' | 'less-specific' | 'not-billable' | 'not-assessed';

/** A candidate the engine found and set aside, kept so the UI can explain it. */
export interface ExcludedCandidate {
  system: CodeSystem;
  code: string;
  title: string;
  reason: ExclusionReason;
  /** One plain sentence for the coder, e.g. "negated by “denies”". */
  explanation: string;
  evidence: Evidence[];
}

/** Outpatient (default) codes symptoms for uncertain diagnoses; inpatient codes the uncertain diagnosis as if established. */
export type CareSetting = 'outpatient' | 'inpatient';

/** What the engine returns for one chart (the JSON `npm run cli -- suggest` prints, plus the header). */
export interface SuggestionResult {
  /** Diagnoses in suggested order (first-listed first). */
  diagnoses: Suggestion[];
  procedures: Suggestion[];
  excluded: ExcludedCandidate[];
  header: PatientHeader;
  setting: CareSetting;
  /** Things the coder should know about the whole result (e.g. the code-set release used). */
  notices: string[];
}

/** Input to the engine: a chart already read into a document. */
export interface SuggestInput {
  document: ChartDocument;
}
