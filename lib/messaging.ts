import type { ChartDocument } from './chart';
import type { LoadProgress } from './codesets/store';
import type { CodeSystem } from './codesets/types';
import type { EncounterEvidence } from './encounter/types';
import type { CodeSearchResult } from './search/types';
import type { CareSetting, SuggestionResult } from './suggest/types';

/** A chart document as it travels to the background: DOM segments stay in the page. */
export type ChartMessage = Omit<ChartDocument, 'segments'>;

/**
 * Messages extension pages send the background. Of these, a content script may send only those in
 * {@link CONTENT_SCRIPT_REQUESTS} (its sender is checked); page scripts cannot reach the background at all
 * (no externally_connectable).
 */
export type BackgroundRequest =
  | { type: 'codesets/status' }
  | { type: 'codesets/reload-shipped'; force?: boolean }
  | { type: 'suggest'; chart: ChartMessage; setting?: CareSetting }
  | { type: 'sites/enabled'; tabId?: number }
  /** Cheap hint from a content script that a chart page opened: build the suggestion engine now, off the critical path. */
  | { type: 'warm' }
  /** Code search for the sidebar's inline editor (the content script never loads code sets itself). */
  | { type: 'search'; query: string; limit?: number; system?: CodeSystem }
  /** The coder's finished encounter, for the billing queue. */
  | { type: 'encounter/create'; payload: EncounterDraftPayload }
  /** The queue page queued encounters for the billing server: push now (extension pages only). */
  | { type: 'push/run' };

/** Requests a content script may send. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<BackgroundRequest['type']> = new Set(['suggest', 'warm', 'search', 'encounter/create']);

/** Most results one 'search' request returns. */
export const MAX_SEARCH_LIMIT = 50;

/** Replies, by request type. */
export interface BackgroundReply {
  'codesets/status': { progress?: LoadProgress; ready: { id: string; version: string; system: string }[] };
  'codesets/reload-shipped': { loaded: string[] };
  suggest: { result?: SuggestionResult; error?: string };
  'sites/enabled': { added: string[]; removed: string[] };
  warm: { ok: boolean };
  search: { results?: CodeSearchResult[]; error?: string };
  'encounter/create': EncounterCreateReply;
  'push/run': { started: boolean };
}

/** What creating a draft encounter answers. */
export type EncounterCreateReply = { ok: true; id: string } | { ok: false; error: string };

/** The patient/encounter header as the coder confirmed or edited it in the sidebar (values as typed). */
export interface EncounterHeaderDraft {
  name: string;
  /** Date of birth, YYYY-MM-DD when it could be read, else as written. */
  dob: string;
  sex: '' | 'female' | 'male' | 'other' | 'unknown';
  mrn: string;
  /** Date of service, YYYY-MM-DD when it could be read, else as written. */
  dateOfService: string;
  provider: string;
  patientStatus: '' | 'new' | 'established';
}

/** The sidebar's accepted codes, in the coder's order, sent on as 'encounter/create'. */
export interface EncounterDraftPayload {
  header: EncounterHeaderDraft;
  /** Accepted ICD-10-CM codes, first-listed first. */
  diagnoses: { code: string; title: string; evidence: EncounterEvidence[] }[];
  /** Accepted CPT/HCPCS codes in the coder's order. */
  procedures: { system: 'cpt' | 'hcpcs'; code: string; title: string; units: number; modifiers: string[]; evidence: EncounterEvidence[] }[];
  page: { url: string; title: string };
  /** True when the codes came from "Code selection with Chart Coder", not the whole page. */
  fromSelection: boolean;
}

/** Stores a draft encounter for the billing queue (the lead wires the encounter store in the background). */
export type DraftEncounterCreator = (payload: EncounterDraftPayload) => Promise<EncounterCreateReply>;

/**
 * Why a payload from a content script is not a usable {@link EncounterDraftPayload}, or undefined when it is.
 * The content script runs beside a hostile page, so the background checks the shape before storing anything.
 */
export function encounterDraftProblem(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return 'The encounter is missing';
  const p = payload as Partial<EncounterDraftPayload>;
  if (!p.header || typeof p.header !== 'object') return 'The encounter has no patient header';
  for (const field of ['name', 'dob', 'sex', 'mrn', 'dateOfService', 'provider', 'patientStatus'] as const) {
    if (typeof p.header[field] !== 'string') return `The header field ${field} is not text`;
  }
  if (!Array.isArray(p.diagnoses) || !Array.isArray(p.procedures)) return 'The encounter has no code lists';
  if (p.diagnoses.length === 0 && p.procedures.length === 0) return 'Accept at least one code before sending';
  for (const d of p.diagnoses) if (!d || typeof d.code !== 'string' || !Array.isArray(d.evidence)) return 'A diagnosis is malformed';
  for (const x of p.procedures) {
    if (!x || typeof x.code !== 'string' || (x.system !== 'cpt' && x.system !== 'hcpcs')) return 'A procedure is malformed';
    if (!Number.isInteger(x.units) || x.units < 1) return `Procedure ${x.code} has no whole number of units`;
    if (!Array.isArray(x.modifiers) || !Array.isArray(x.evidence)) return `Procedure ${x.code} is malformed`;
  }
  if (!p.page || typeof p.page.url !== 'string' || typeof p.page.title !== 'string') return 'The encounter has no page address';
  return undefined;
}

/** Messages the background sends the content script of a tab (browser commands, the context menu). */
export type ContentCommand =
  | { type: 'sidebar/toggle' }
  | { type: 'sidebar/reread' }
  /** Codes only this text (the coder's selection) and opens the sidebar with the results. */
  | { type: 'sidebar/code-selection'; text: string };
