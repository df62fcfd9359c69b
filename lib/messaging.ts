import type { LoadProgress } from './codesets/store';

/**
 * Messages extension pages send the background. Content scripts get no handler here: a page must never
 * be able to drive the background (the sender is checked in the background).
 */
export type BackgroundRequest =
  | { type: 'codesets/status' }
  | { type: 'codesets/reload-shipped'; force?: boolean };

/** Replies, by request type. */
export interface BackgroundReply {
  'codesets/status': { progress?: LoadProgress; ready: { id: string; version: string; system: string }[] };
  'codesets/reload-shipped': { loaded: string[] };
}
