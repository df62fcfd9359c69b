/**
 * Sites the coder has enabled Chart Coder on. Nothing runs on a site until the coder grants its origin
 * (an optional host permission asked for from the popup); the sidebar's content script is then registered
 * for exactly the granted origins. This module holds the rules; the background supplies the browser APIs.
 */

/** The browser calls this module needs (the background passes the real ones; tests pass a fake). */
export interface SiteApi {
  grantedOrigins(): Promise<string[]>;
  registeredScripts(): Promise<{ id: string; matches: string[] }[]>;
  register(scripts: { id: string; matches: string[] }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

/** Prefix of the ids of our registered sidebar scripts. */
export const SITE_SCRIPT_PREFIX = 'chart-coder-sidebar:';

/**
 * The host-permission pattern for the site of a page URL ("https://ehr.example.org/chart/1" →
 * "https://ehr.example.org/*"), or undefined for pages Chart Coder never reads (browser and extension
 * pages, files, data URLs).
 */
export function sitePattern(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/**
 * Registers the sidebar script for every granted site and unregisters it from sites no longer granted.
 * Idempotent: run at start-up and whenever permissions change.
 */
export async function syncSiteScripts(api: SiteApi): Promise<{ added: string[]; removed: string[] }> {
  // Only single-site grants count; a broad one ("https://*/*", "<all_urls>") is never read as consent for every site.
  const granted = new Set((await api.grantedOrigins()).filter((o) => /^https?:\/\/[^/*]+\/\*$/.test(o)));
  const registered = (await api.registeredScripts()).filter((s) => s.id.startsWith(SITE_SCRIPT_PREFIX));
  const registeredOrigins = new Set(registered.map((s) => s.id.slice(SITE_SCRIPT_PREFIX.length)));
  const removed = registered.filter((s) => !granted.has(s.id.slice(SITE_SCRIPT_PREFIX.length))).map((s) => s.id);
  const added = [...granted].filter((o) => !registeredOrigins.has(o));
  if (removed.length) await api.unregister(removed);
  if (added.length) await api.register(added.map((origin) => ({ id: `${SITE_SCRIPT_PREFIX}${origin}`, matches: [origin] })));
  return { added, removed: removed.map((id) => id.slice(SITE_SCRIPT_PREFIX.length)) };
}
