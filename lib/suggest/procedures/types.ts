import type { TextSpan } from '../../chart';
import type { CareSetting, ExcludedCandidate, Suggestion } from '../types';

/** Who pays: Medicare swaps in its own HCPCS codes (G2212, G0008–G0010) and bundles some services. */
export type Payer = 'medicare' | 'other';

/** What kind of service a procedure line is; drives modifier 25, the injection codes and output order. */
export type LineKind =
  | 'em'
  | 'em-add-on'
  | 'preventive'
  | 'prolonged'
  | 'postop'
  | 'minor-procedure'
  | 'injection-procedure'
  | 'treatment'
  | 'test'
  | 'screening'
  | 'counseling'
  | 'vaccine-admin'
  | 'vaccine'
  | 'drug-admin'
  | 'drug'
  | 'supply';

/** New vs established patient, and how we know. */
export interface PatientStatus {
  status: 'new' | 'established';
  /** 'header' (a header field or "new patient" phrase), 'phrase' (e.g. "establish care"), 'assumed'. */
  source: 'header' | 'phrase' | 'assumed';
  evidence?: { start: number; end: number };
}

/**
 * A procedure line on its way to becoming a {@link Suggestion}: the suggestion plus what later stages
 * need to know (kind, body site, E/M work). {@link toSuggestion} strips the extras.
 */
export interface ProcedureLine extends Suggestion {
  kind: LineKind;
  /** Body site the line is about ("knee"), for laterality and to tell two lines of one code apart. */
  site?: { term: string; start: number; end: number };
  /** Whether LT/RT (and 50 for both sides) apply to this code. */
  lateral?: boolean;
  /** Whether the procedure itself includes injecting a drug (joint injection: no 96372 for that drug). */
  includesInjection?: boolean;
  /** An add-on code reported only with a same-day E/M (psychotherapy 90833): it does not make the E/M need modifier 25. */
  addOnToEm?: boolean;
  /** E/M only: the work it rests on, so modifier 25 can tell a separate visit from pre-procedure work. */
  emWork?: EmWork;
}

/** What an E/M line is built on (see em-level.ts). */
export interface EmWork {
  basis: 'time' | 'mdm' | 'preventive';
  /** Problem items from the assessment/plan (text + offsets). */
  problems: { text: string; start: number; end: number }[];
  /** Prescription drug management documented. */
  prescriptionManagement: boolean;
  /** Tests ordered or reviewed (unique names). */
  tests: string[];
  /** The visit reason or title names only an injection/shot/procedure (a scheduled procedure visit), or the note says no provider visit took place. */
  procedureOnlyVisit: boolean;
  /** The note says no clinician visit took place ("PFT lab appointment only; no physician visit today"): no E/M at all. */
  noProviderVisit?: boolean;
  /** The documented visit time leaves the separately billed service out ("not counting the vaccine administration"): the E/M was its own work. */
  timeExcludesService?: boolean;
}

/** Output of every stage: lines to suggest and candidates set aside. */
export interface StageResult {
  lines: ProcedureLine[];
  excluded: ExcludedCandidate[];
}

/** Options shared by the procedure stages. */
export interface ProcedureOptions {
  /** Date of service (YYYY-MM-DD) for picking code releases and active codes. Default: the chart header's date of service, else today. */
  dateOfService?: string;
  /** Payer family. Default: 'other'. */
  payer?: Payer;
  /** Care setting: office E/M codes are only suggested for 'outpatient'. Default: 'outpatient'. */
  setting?: CareSetting;
  /** New vs established patient, overriding the chart. Default: from the chart header or phrases, else established. */
  patientStatus?: 'new' | 'established';
  /** Where the diagnosis stage found the visit's diagnoses: the problems of a note with no assessment of its own. */
  diagnosedProblems?: readonly DiagnosedProblem[];
}

/** A diagnosis the diagnosis stage coded: where its first evidence lies, its code, and all its evidence. */
export interface DiagnosedProblem extends TextSpan {
  code?: string;
  evidence?: readonly TextSpan[];
}

/** Options with every default filled in (what stages receive from `suggestProcedures`). */
export type ResolvedProcedureOptions = Required<Omit<ProcedureOptions, 'patientStatus' | 'diagnosedProblems'>> & Pick<ProcedureOptions, 'patientStatus' | 'diagnosedProblems'>;

/** Drops the pipeline-only fields of a line. */
export function toSuggestion(line: ProcedureLine): Suggestion {
  const { kind: _kind, site: _site, lateral: _lateral, includesInjection: _inj, emWork: _work, addOnToEm: _addOn, ...suggestion } = line;
  return suggestion;
}
