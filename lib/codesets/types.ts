import type { Icd10cmIndex } from './parse-icd10cm-index';

/** The code systems Chart Coder knows. */
export type CodeSystem = 'icd10cm' | 'hcpcs' | 'cpt';

/** How each system is written for people. */
export const SYSTEM_NAMES: Record<CodeSystem, string> = { icd10cm: 'ICD-10-CM', hcpcs: 'HCPCS', cpt: 'CPT' };

/** Version of every serialised code-set bundle; loaders refuse other versions. */
export const BUNDLE_FORMAT_VERSION = 1;

/** One official source file a bundle was built from. */
export interface SourceFile {
  /** File name as published (no directory). */
  name: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

/** A note from the ICD-10-CM Tabular List, always tagged with the fiscal year it came from. */
export interface TabularNotes {
  /** Fiscal year of the Tabular List the notes come from (e.g. 2021). */
  fiscalYear: number;
  inclusionTerms?: string[];
  includes?: string[];
  excludes1?: string[];
  excludes2?: string[];
  codeFirst?: string[];
  useAdditionalCode?: string[];
  codeAlso?: string[];
  /** 7th-character definitions that apply to this code (own or inherited), e.g. {A: 'initial encounter'}. */
  sevenChr?: Record<string, string>;
  /** The 7th-character note text, if any. */
  sevenChrNote?: string;
  /** Plain notes under the code ("the following terms are to be considered equivalent to intractable: …"). */
  general?: string[];
}

/** One code of any system, as shipped in a bundle and stored in IndexedDB. */
export interface CodeRecord {
  system: CodeSystem;
  /** Code as written by coders: ICD-10-CM with the dot (E11.65), HCPCS/CPT as is. */
  code: string;
  /** Full (long) title. For CPT this is our plain-language summary unless a licensed file was imported. */
  title: string;
  /** Abbreviated title when the source has one. */
  shortTitle?: string;
  /** True when the code may be reported on a claim (ICD-10-CM "valid for HIPAA"). */
  billable: boolean;
  /** Parent code (with the dot) in the hierarchy; absent at the top (category or chapter level). */
  parent?: string;
  /** ICD-10-CM chapter number (1–22). */
  chapter?: number;
  /** ICD-10-CM section range, e.g. "E08-E13", where known. */
  section?: string;
  /** First date of service the code may be used (ISO), when the source says. */
  effectiveFrom?: string;
  /** Last date of service the code may be used (ISO), e.g. a terminated HCPCS code. */
  terminatedOn?: string;
  /** Tabular List notes (ICD-10-CM) with their fiscal year. */
  notes?: TabularNotes;
  /** Extra searchable phrases (inclusion terms, index terms). */
  synonyms?: string[];
  /** HCPCS: the unit stated in the descriptor ("1 mg", "per 50"), for dose → units. */
  unit?: string;
  /** CPT: 'builtin' for our summaries, 'licensed' for an imported organisation file. */
  descriptorSource?: 'builtin' | 'licensed' | 'official';
}

/** A modifier (HCPCS Level II or a CPT modifier we describe ourselves). */
export interface ModifierRecord {
  code: string;
  title: string;
  terminatedOn?: string;
  source: 'hcpcs' | 'builtin';
}

/** A versioned code set: one system, one release. */
export interface CodeSetBundle {
  formatVersion: number;
  /** Stable id, e.g. "icd10cm@FY2026", "hcpcs@2026-01". */
  id: string;
  system: CodeSystem;
  /** Human label of the release, e.g. "FY2026", "2026 January". */
  version: string;
  fiscalYear?: number;
  /** First date of service this release applies to (ISO). */
  effectiveFrom: string;
  /** Last date of service this release applies to (ISO), when known. */
  effectiveTo?: string;
  sources: SourceFile[];
  builtAt: string;
  codes: CodeRecord[];
  modifiers?: ModifierRecord[];
  /** Counts the pipeline measured, stored so stats never recount. */
  counts: Record<string, number>;
  /** ICD-10-CM Tabular List sections (id is the range, e.g. "E08-E13"), when a tabular was read. */
  sections?: { id: string; title: string }[];
  /** ICD-10-CM Alphabetic Index, when an official index file was imported. */
  index?: Icd10cmIndex;
  /** What changed against the previous release (from the official addenda), codes with the dot. */
  changes?: { fromVersion: string; added: string[]; deleted: string[]; revised: string[] };
}

/** Place of service code from CMS. */
export interface PlaceOfService {
  code: string;
  name: string;
  description: string;
  assigned: boolean;
}

/** One NCCI Medically Unlikely Edit. */
export interface MueEdit {
  code: string;
  /** Maximum units per line (MAI 1) or per day (MAI 2/3). */
  units: number;
  /** MUE Adjudication Indicator: 1 line edit, 2 date-of-service policy, 3 date-of-service clinical. */
  mai: 1 | 2 | 3;
  rationale: string;
}

/** One Medicare Code Editor list entry. */
export interface MceEntry {
  edit: number;
  sublist: string;
  label: string;
  /** ICD-10-CM code with the dot. */
  code: string;
  ageMin?: number;
  ageMax?: number;
}

/** CMS edit tables used by the claim checks. */
export interface EditsBundle {
  formatVersion: number;
  id: string;
  builtAt: string;
  sources: SourceFile[];
  placeOfService: PlaceOfService[];
  mue: { version: string; effectiveFrom: string; effectiveTo: string; practitioner: MueEdit[] };
  mce: {
    version: string;
    effectiveFrom: string;
    effectiveTo: string;
    entries: MceEntry[];
    /** Historical sex-conflict lists (advisory only), labelled with their year. */
    sexConflict: { version: string; note: string; entries: { code: string; sex: 'F' | 'M' }[] };
  };
}

/** Describes the files of a built bundle directory (written as manifest.json). */
export interface BundleManifest {
  formatVersion: number;
  builtAt: string;
  files: {
    file: string;
    kind: 'codeset' | 'edits';
    id: string;
    system?: CodeSystem;
    version: string;
    effectiveFrom?: string;
    effectiveTo?: string;
    bytes: number;
    sha256: string;
    counts: Record<string, number>;
    sources: SourceFile[];
  }[];
}
