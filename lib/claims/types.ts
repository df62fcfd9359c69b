import type { CodeRecord, CodeSystem, EditsBundle, ModifierRecord } from '../codesets/types';
import type { CodedEncounter } from '../encounter/types';

/** How much a finding matters: errors block "ready"; warnings and advisories are shown but do not. */
export type CheckSeverity = 'error' | 'warning' | 'advisory';

/** One finding of the claim checks, written for a biller or coder. */
export interface CheckResult {
  /** Kebab-case id of the rule that found it, e.g. "mce-age-conflict". */
  rule: string;
  severity: CheckSeverity;
  /** The codes involved (diagnoses with the dot, CPT/HCPCS as is, modifiers, NPIs…), possibly none. */
  codes: string[];
  /** One or two plain sentences: what is wrong and why. */
  message: string;
  /** The list or guideline the rule applies, with its version or year. */
  source: string;
  /** Id of the service line concerned, when it is about one line. */
  line?: string;
  /** Where in the encounter JSON, 0-based like a JSON path: "diagnoses[2]", "lines[1].pointers". */
  field?: string;
}

/** A code-set release as the checks cite it. */
export interface CodeSetRelease {
  /** Bundle id, e.g. "icd10cm@FY2026", "cpt@builtin". */
  id: string;
  system: CodeSystem;
  /** Human label, e.g. "FY2026", "2026 January", "built-in list". */
  version: string;
  fiscalYear?: number;
  effectiveFrom: string;
  effectiveTo?: string;
  /** Where the source finds the release again (catalog: bundle id; IndexedDB: storeId). */
  key: string;
}

/** A code found in one release: its record (7th-character notes inherited) and its ancestors, parent first. */
export interface FoundCode {
  record: CodeRecord;
  ancestors: CodeRecord[];
  release: CodeSetRelease;
}

/** What the prefetch learned about one code on one date of service. */
export interface CodeCheck {
  system: CodeSystem;
  /** The code as looked up (ICD-10-CM with the dot, upper case). */
  code: string;
  dateOfService: string;
  /** The release consulted: the one in force, else the newest started before the date (see `inForce`). */
  release?: CodeSetRelease;
  /** Whether `release` covers the date of service. */
  inForce: boolean;
  /** The code in `release`, when it is there. */
  found?: FoundCode;
  /** Other loaded releases that hold the code (to say "deleted in FY2026" or "new in FY2026"). */
  elsewhere: CodeSetRelease[];
  /** ICD-10-CM code not found: the longest existing code it starts with (E11.99 → E11.9). */
  nearest?: FoundCode;
}

/** Just enough of another encounter to spot a duplicate. */
export interface OtherEncounterKey {
  id: string;
  mrn: string;
  dateOfService: string;
  renderingNpi: string;
}

/**
 * Everything the rules need, prefetched so every rule is a pure synchronous function. Built by
 * `prepareCheckContext` from a catalog (CLI, tests) or the IndexedDB store (browser).
 */
export interface ClaimCheckContext {
  /** A prefetched code; undefined when no code set of the system is loaded or it was not prefetched. */
  code(system: CodeSystem, code: string, dateOfService: string): CodeCheck | undefined;
  /** The CMS edit tables (MUE, MCE, place of service), when loaded. */
  edits?: EditsBundle;
  /** Modifiers of the HCPCS and CPT releases in force on the encounter's date, by code. */
  modifiers: Map<string, ModifierRecord>;
  /** Which modifier lists were loaded: 'hcpcs' official list, CPT 'builtin' or 'licensed'. */
  modifierLists: { hcpcs?: string; cpt?: 'builtin' | 'licensed' };
  /** Other encounters to compare against for duplicates (the one checked is skipped by id). */
  otherEncounters: OtherEncounterKey[];
  /** Today's date (ISO), for "date of birth in the future". */
  today: string;
}

/** One claim check: a pure function of the encounter and the prefetched context. */
export interface ClaimRule {
  /** Kebab-case id; every result of the rule carries it. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  check(encounter: CodedEncounter, ctx: ClaimCheckContext): CheckResult[];
}

/** Where `prepareCheckContext` reads code sets from: an in-memory catalog or the IndexedDB store. */
export interface CodeSetSource {
  /** Loaded releases of a system, newest effective date first. */
  releases(system: CodeSystem): Promise<CodeSetRelease[]>;
  /** A code (ICD-10-CM with the dot, others as is) in one release, with its ancestors. */
  find(release: CodeSetRelease, code: string): Promise<FoundCode | undefined>;
  edits(): Promise<EditsBundle | undefined>;
  /** The modifiers shipped with a release (HCPCS and CPT bundles carry them). */
  modifiers(release: CodeSetRelease): Promise<ModifierRecord[]>;
}
