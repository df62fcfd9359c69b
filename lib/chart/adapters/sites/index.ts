import { cdaRendered } from './cda-rendered';
import { openEmrLike } from './openemr-like';

/** Where a page is, as site adapters see it (a `Location`, or a plain object in tests). */
export interface PageLocation {
  hostname: string;
  pathname: string;
}

/**
 * A small description of one EHR layout: how to recognise it and where its note and patient header are.
 * It only points the generic page reader at the right elements; when it finds nothing the whole page is read.
 */
export interface SiteAdapter {
  name: string;
  matches(location: PageLocation, doc: Document): boolean;
  /** The element holding the clinical note, or null when this page has none. */
  noteRoot(doc: Document): Element | null;
  /** The element holding the patient/encounter header (name, DOB, MRN…), or null. */
  headerRoot(doc: Document): Element | null;
}

/** Known layouts, most specific first. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [openEmrLike, cdaRendered];

/**
 * The elements to read on this page: the matching adapter's header and note (header first, so header fields
 * come before the note's text), or undefined when no adapter matches or it finds no note (read the whole page).
 *
 * @example readOpenPage(document, { roots: pageRoots(location, document)?.roots })
 */
export function pageRoots(location: PageLocation, doc: Document, adapters: readonly SiteAdapter[] = SITE_ADAPTERS): { adapter: string; roots: Element[] } | undefined {
  for (const adapter of adapters) {
    let matched = false;
    try {
      matched = adapter.matches(location, doc);
    } catch {
      // A broken adapter must not stop the generic reader.
    }
    if (!matched) continue;
    const note = adapter.noteRoot(doc);
    if (!note) return undefined;
    const header = adapter.headerRoot(doc);
    return { adapter: adapter.name, roots: header && header !== note ? [header, note] : [note] };
  }
  return undefined;
}
