/**
 * A coded encounter: what the coder finishes in the sidebar and the billing team turns into a claim.
 * This is also the JSON format of `examples/encounters.json` and of `npm run cli -- check|export`
 * (documented in the README). Keep field names stable: other tools read them.
 */

/** A person's name as claims carry it. */
export interface PersonName {
  family: string;
  given: string;
  middle?: string;
}

/** A postal address (837P needs one for the billing provider and the subscriber). */
export interface Address {
  line: string;
  line2?: string;
  city: string;
  /** Two-letter state code. */
  state: string;
  /** 5 or 9 digits. */
  zip: string;
}

export type AdministrativeSex = 'F' | 'M' | 'U';

export interface EncounterPatient {
  name: PersonName;
  /** ISO date YYYY-MM-DD. */
  dob: string;
  sex: AdministrativeSex;
  /** The practice's medical record number. */
  mrn: string;
  /** The payer's member id (subscriber id on the claim). */
  memberId?: string;
  address?: Address;
}

/** The person (NPI type 1) who rendered the service. */
export interface RenderingProvider {
  /** 10-digit NPI; its check digit is validated (Luhn over 80840 + first nine digits). */
  npi: string;
  name: PersonName;
  /** Healthcare provider taxonomy code, e.g. 207Q00000X (family medicine). */
  taxonomy?: string;
}

/** The organisation (or person) that bills: NPI, tax id and address. */
export interface BillingProvider {
  npi: string;
  /** Organisation name, or a person's full name. */
  name: string;
  /** Employer identification number, 9 digits (no dash). */
  taxId: string;
  address: Address;
  taxonomy?: string;
}

export interface Payer {
  name: string;
  /** The payer id used on electronic claims. */
  id: string;
}

/** Chart evidence kept with an accepted code, so an audit after a denial can show why it was coded. */
export interface EncounterEvidence {
  text: string;
  sentence?: string;
  start?: number;
  end?: number;
}

/** One diagnosis on the claim; its place in the list gives its letter (A–L) and pointer number (1–12). */
export interface EncounterDiagnosis {
  /** ICD-10-CM code with the dot, e.g. "E11.65". */
  code: string;
  title?: string;
  evidence?: EncounterEvidence[];
}

/** One service line: a CPT/HCPCS code with modifiers, units, charge and diagnosis pointers. */
export interface ServiceLine {
  /** Stable within the encounter (remittance line matching uses it); e.g. "1", "2". */
  id: string;
  system: 'cpt' | 'hcpcs';
  code: string;
  title?: string;
  /** Up to 4 two-character modifiers. */
  modifiers: string[];
  units: number;
  /** Charge in dollars for the whole line (units included). */
  charge: number;
  /** 1-based indexes into `diagnoses`, 1–4 of them, first is primary for the line. */
  pointers: number[];
  /** Line date of service when it differs from the encounter's (ISO). */
  dateOfService?: string;
  evidence?: EncounterEvidence[];
  /** Filled by remittance import (issue 7): adjustments and remarks on this line. */
  remittance?: LineRemittance;
}

/** What the payer said about one line (from an 835). */
export interface LineRemittance {
  paid: number;
  allowed?: number;
  adjustments: { group: string; reason: string; amount: number; units?: number }[];
  remarks: string[];
}

/** What the payer last said about the whole claim (from an 835 claim payment, CLP and its claim-level CAS). */
export interface ClaimRemittance {
  /** CLP02, e.g. "1" processed as primary, "4" denied, "22" reversal. */
  statusCode: string;
  billed: number;
  paid: number;
  patientResponsibility: number;
  /** CLP07: the payer's own number for the claim (quote it in an appeal). */
  payerClaimControlNumber: string;
  paymentDate?: string;
  /** TRN02: the check or EFT trace number. */
  traceNumber: string;
  adjustments: { group: string; reason: string; amount: number; units?: number }[];
  remarks: string[];
  /** When it was imported, and from which file. */
  importedAt: string;
  fileName?: string;
}

/**
 * The workflow: draft → ready → exported | sent → accepted | rejected → corrected → resent → …
 * Remittance adds paid, partially-paid, denied and reversed.
 */
export type EncounterStatus =
  | 'draft'
  | 'ready'
  | 'exported'
  | 'sent'
  | 'accepted'
  | 'rejected'
  | 'corrected'
  | 'resent'
  | 'paid'
  | 'partially-paid'
  | 'denied'
  | 'reversed';

/** One status change, with who and when (the audit log keeps the full detail). */
export interface StatusChange {
  status: EncounterStatus;
  at: string;
  by: string;
  /** E.g. a denial code "CO-16" or a free-text reason. */
  reason?: string;
}

export interface CodedEncounter {
  /** Stable id (UUID) of the encounter in Chart Coder. */
  id: string;
  /**
   * The patient control number sent in CLM01 of the 837P (≤ 20 characters) and as the FHIR Claim
   * identifier; the 835 sends it back in CLP01, which is how remittances find their encounter.
   */
  claimId: string;
  status: EncounterStatus;
  patient: EncounterPatient;
  /** ISO date of service (first date when lines span several). */
  dateOfService: string;
  /** CMS place-of-service code, two digits, e.g. "11" office. */
  placeOfService: string;
  renderingProvider: RenderingProvider;
  billingProvider: BillingProvider;
  payer: Payer;
  /** In claim order, at most 12 (A–L). */
  diagnoses: EncounterDiagnosis[];
  lines: ServiceLine[];
  /** Who coded it (user name or initials). */
  coder: string;
  note?: string;
  createdAt: string;
  updatedAt: string;
  statusHistory: StatusChange[];
  /** The page the codes came from, when coded in the sidebar. */
  source?: { url?: string; title?: string };
  /** The latest remittance for the whole claim. */
  remittance?: ClaimRemittance;
  /** Remittance claims already applied (file hash : claim id : payer claim number), so a re-import changes nothing. */
  remittanceKeys?: string[];
}

/** The file format of `examples/encounters.json` and `npm run cli -- export`. */
export interface EncounterFile {
  formatVersion: 1;
  encounters: CodedEncounter[];
}

export const ENCOUNTER_FILE_FORMAT_VERSION = 1;
