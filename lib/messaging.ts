import type { ChartDocument } from './chart';
import type { LoadProgress } from './codesets/store';
import type { CareSetting, SuggestionResult } from './suggest/types';

/** A chart document as it travels to the background: DOM segments stay in the page. */
export type ChartMessage = Omit<ChartDocument, 'segments'>;

/**
 * Messages extension pages send the background. Of these, a content script may send only 'suggest' (its
 * sender is checked); page scripts cannot reach the background at all (no externally_connectable).
 */
export type BackgroundRequest =
  | { type: 'codesets/status' }
  | { type: 'codesets/reload-shipped'; force?: boolean }
  | { type: 'suggest'; chart: ChartMessage; setting?: CareSetting }
  | { type: 'sites/enabled'; tabId?: number };

/** Requests a content script may send. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<BackgroundRequest['type']> = new Set(['suggest']);

/** Replies, by request type. */
export interface BackgroundReply {
  'codesets/status': { progress?: LoadProgress; ready: { id: string; version: string; system: string }[] };
  'codesets/reload-shipped': { loaded: string[] };
  suggest: { result?: SuggestionResult; error?: string };
  'sites/enabled': { added: string[]; removed: string[] };
}
