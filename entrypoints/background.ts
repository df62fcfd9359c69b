import { browser } from 'wxt/browser';
import { CodeSetStore, LOAD_PROGRESS_KEY, loadShippedBundles, type LoadProgress } from '@/lib/codesets';
import { db } from '@/lib/db/db';
import type { BackgroundReply, BackgroundRequest } from '@/lib/messaging';
import { openCodeSearch } from '@/lib/search/saved-index';
import { CONTENT_SCRIPT_REQUESTS } from '@/lib/messaging';
import { engineFromStore } from '@/lib/suggest/stored-engine';
import { syncSiteScripts, type SiteApi } from '@/lib/sites';

/** The browser side of lib/sites: permissions and registered content scripts. */
const siteApi: SiteApi = {
  // Sites the manifest already covers (the test build's localhost) need no registration of their own.
  grantedOrigins: async () => {
    const inManifest = new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []));
    return ((await browser.permissions.getAll()).origins ?? []).filter((o) => !inManifest.has(o));
  },
  registeredScripts: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches ?? [] })),
  register: (scripts) =>
    browser.scripting.registerContentScripts(scripts.map((s) => ({ id: s.id, matches: s.matches, js: ['content-scripts/sidebar.js'], runAt: 'document_idle' as const, persistAcrossSessions: true }))),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
};

function syncSites() {
  return syncSiteScripts(siteApi).catch((error) => {
    console.error('Chart Coder: could not update enabled sites', error);
    return { added: [], removed: [] };
  });
}
import type { SuggestionEngine } from '@/lib/suggest';

let engine: { engine: SuggestionEngine; key: string } | undefined;
/** The engine over the code sets loaded now; rebuilt when a load changed them. */
async function currentEngine(): Promise<SuggestionEngine> {
  const key = (await db.codeSets.where('status').equals('ready').primaryKeys()).sort().join('|');
  if (!engine || engine.key !== key) engine = await engineFromStore(db, store);
  return engine.engine;
}

const store = new CodeSetStore(db);

/** Loads the shipped bundles unless the same files are already stored; failures keep the old sets. */
async function ensureCodeSets(force = false): Promise<string[]> {
  await store.recoverInterrupted();
  const loaded = await loadShippedBundles(store, async (path) => {
    const response = await fetch(browser.runtime.getURL(`/${path}` as '/'));
    if (!response.ok) throw new Error(`the extension package is missing ${path}`);
    return new Uint8Array(await response.arrayBuffer());
  }, { force });
  // Build and save the search index now, so the popup opens on a ready index.
  await openCodeSearch(db, store);
  return loaded;
}

let loading: Promise<string[]> | undefined;
/** One load at a time: a second request joins the running load, a forced reload runs after it. */
function ensureOnce(force = false): Promise<string[]> {
  if (loading && !force) return loading;
  const previous = loading ?? Promise.resolve([]);
  const next: Promise<string[]> = previous
    .catch(() => [])
    .then(() => ensureCodeSets(force))
    .finally(() => {
      if (loading === next) loading = undefined;
    });
  loading = next;
  return next;
}

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // On first install, show the options page so the coder sees the code sets load.
    if (reason === 'install') void browser.runtime.openOptionsPage();
    void syncSites();
    void ensureOnce().catch((error) => console.error('Chart Coder: code-set load failed', error));
  });
  // Sites the coder enabled (or disabled on the options page) get the sidebar script registered (or removed).
  browser.permissions.onAdded.addListener(() => void syncSites());
  browser.permissions.onRemoved.addListener(() => void syncSites());
  browser.runtime.onStartup.addListener(() => {
    void syncSites();
    void ensureOnce().catch((error) => console.error('Chart Coder: code-set load failed', error));
  });

  browser.runtime.onMessage.addListener(async (message: unknown, sender) => {
    // Only our own extension: extension pages may ask anything; our content script (running beside a
    // possibly hostile page) only for suggestions. Page scripts cannot message the background at all.
    if (sender.id !== browser.runtime.id) return undefined;
    const request = message as BackgroundRequest;
    const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
    if (!request || typeof request !== 'object' || (!fromExtensionPage && !(sender.tab && CONTENT_SCRIPT_REQUESTS.has(request.type)))) return undefined;
    switch (request.type) {
      case 'codesets/status': {
        const progress = (await db.settings.get(LOAD_PROGRESS_KEY))?.value as LoadProgress | undefined;
        const ready = (await store.readySets()).map((s) => ({ id: s.id, version: s.version, system: s.system }));
        return { progress, ready } satisfies BackgroundReply['codesets/status'];
      }
      case 'suggest': {
        try {
          // Before the first load finishes there is nothing to code with: say so rather than suggest nothing.
          if (!(await store.setFor('icd10cm'))) {
            void ensureOnce();
            return { error: 'the code sets are still loading; try again in a moment' } satisfies BackgroundReply['suggest'];
          }
          const chart = { ...request.chart, segments: [] };
          const result = (await currentEngine()).suggest(chart, { setting: request.setting === 'inpatient' ? 'inpatient' : 'outpatient' });
          return { result } satisfies BackgroundReply['suggest'];
        } catch (error) {
          return { error: (error as Error).message } satisfies BackgroundReply['suggest'];
        }
      }
      case 'sites/enabled': {
        const changes = await syncSites();
        // Start the sidebar on the page the coder is looking at, without a reload.
        if (request.tabId !== undefined) await browser.scripting.executeScript({ target: { tabId: request.tabId }, files: ['/content-scripts/sidebar.js'] }).catch(() => undefined);
        return changes satisfies BackgroundReply['sites/enabled'];
      }
      case 'codesets/reload-shipped':
        return { loaded: await ensureOnce(request.force) } satisfies BackgroundReply['codesets/reload-shipped'];
      default:
        return undefined;
    }
  });
});
