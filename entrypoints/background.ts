import { browser } from 'wxt/browser';
import { warmUpEngine } from '@/lib/suggest/warm-up';
import { CodeSetStore, LOAD_PROGRESS_KEY, loadShippedBundles, type LoadProgress } from '@/lib/codesets';
import { db } from '@/lib/db/db';
import {
  CONTENT_SCRIPT_REQUESTS,
  MAX_SEARCH_LIMIT,
  encounterDraftProblem,
  type BackgroundReply,
  type BackgroundRequest,
  type ContentCommand,
  type DraftEncounterCreator,
} from '@/lib/messaging';
import { StorageKeyCustody } from '@/lib/encounter/key-custody';
import { loadFhirEndpoint } from '@/lib/push/settings';
import { createDraftEncounter, runQueuedPush } from '@/lib/queue/background-jobs';
import { openCodeSearch, type OpenedSearch } from '@/lib/search/saved-index';
import { engineFromStore } from '@/lib/suggest/stored-engine';
import { syncSiteScripts, type SiteApi } from '@/lib/sites';
import type { SuggestionEngine } from '@/lib/suggest';

/** The browser side of lib/sites: permissions and registered content scripts. */
const siteApi: SiteApi = {
  // Sites the manifest already covers (the test build's localhost) need no registration of their own.
  grantedOrigins: async () => {
    const inManifest = new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []));
    // The billing server's origin is granted for the push, not to code charts there.
    const endpoint = await loadFhirEndpoint(db).catch(() => undefined);
    const billingServer = endpoint ? `${new URL(endpoint.baseUrl).origin}/*` : undefined;
    return ((await browser.permissions.getAll()).origins ?? []).filter((o) => !inManifest.has(o) && o !== billingServer);
  },
  registeredScripts: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches ?? [] })),
  register: (scripts) =>
    browser.scripting.registerContentScripts(scripts.map((s) => ({ id: s.id, matches: s.matches, js: ['content-scripts/sidebar.js'], runAt: 'document_idle' as const, persistAcrossSessions: true }))),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
};

function syncSites() {
  const synced = syncSiteScripts(siteApi).catch((error) => {
    console.error('Chart Coder: could not update enabled sites', error);
    return { added: [], removed: [] };
  });
  void synced.then(() => updateSelectionMenu());
  return synced;
}

/** Which code sets are loaded now (the engine and the search are rebuilt when this changes). */
async function readyKey(): Promise<string> {
  return (await db.codeSets.where('status').equals('ready').primaryKeys()).sort().join('|');
}

let engine: { key: string; built: Promise<SuggestionEngine> } | undefined;
/**
 * The engine over the code sets loaded now, built once and kept (concurrent callers share one build);
 * rebuilt when a load changed the sets. A failed build is forgotten so the next request tries again.
 */
async function currentEngine(): Promise<SuggestionEngine> {
  const key = await readyKey();
  if (!engine || engine.key !== key) {
    const built = engineFromStore(db, store).then(({ engine }) => {
      // The first chart builds the current release's diagnosis lexicon (about a second), and V8 compiles the engine
      // while it runs a synthetic note a few times: pay both here, at code-set load, not on the coder's press.
      warmUpEngine(engine);
      return engine;
    });
    engine = { key, built };
    built.catch(() => {
      if (engine?.built === built) engine = undefined;
    });
  }
  return engine.built;
}

/** Builds the engine ahead of the coder's first Alt+Shift+C (about 2 s of work), when the code sets are there. */
async function warmEngine(): Promise<boolean> {
  try {
    if (!(await store.setFor('icd10cm'))) return false;
    await currentEngine();
    return true;
  } catch (error) {
    console.error('Chart Coder: could not build the suggestion engine', error);
    return false;
  }
}

let search: { key: string; opened: Promise<OpenedSearch> } | undefined;
/** Code search for the sidebar's inline editor, opened once (from the saved index) and kept. */
async function currentSearch(): Promise<OpenedSearch> {
  const key = await readyKey();
  if (!search || search.key !== key) {
    const opened = openCodeSearch(db, store);
    search = { key, opened };
    opened.catch(() => {
      if (search?.opened === opened) search = undefined;
    });
  }
  return search.opened;
}

/**
 * The billing queue's key is in session storage (memory only) while a biller has the queue unlocked; the
 * storage area's default access level keeps it from content scripts.
 */
const custody = new StorageKeyCustody(browser.storage.session);
const billingQueue: { createDraftEncounter: DraftEncounterCreator } = {
  createDraftEncounter: (payload) => createDraftEncounter(db, custody, payload),
};

/** One push run at a time; a request during a run asks for another pass when it ends. */
let pushing: Promise<void> | undefined;
let pushAgain = false;
function pushQueued(): Promise<void> {
  if (pushing) {
    pushAgain = true;
    return pushing;
  }
  pushing = (async () => {
    do {
      pushAgain = false;
      const summary = await runQueuedPush(db, custody).catch((error: Error) => ({ error: error.message }));
      if ('error' in summary) console.warn('Chart Coder push:', summary.error);
    } while (pushAgain);
  })().finally(() => {
    pushing = undefined;
  });
  return pushing;
}
const PUSH_ALARM = 'chart-coder-push';

const SELECTION_MENU = 'chart-coder-code-selection';

/**
 * The "Code selection" menu shows only on enabled sites: its document patterns are the granted origins
 * (plus the test build's manifest sites). With none, it is hidden.
 */
async function updateSelectionMenu(): Promise<void> {
  try {
    const inManifest = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
    const granted = ((await browser.permissions.getAll()).origins ?? []).filter((o) => /^https?:\/\/[^/*]+\/\*$/.test(o));
    const patterns = [...new Set([...inManifest, ...granted])].filter((p) => !p.includes('chart-coder.invalid'));
    await browser.contextMenus.update(SELECTION_MENU, patterns.length ? { visible: true, documentUrlPatterns: patterns } : { visible: false });
  } catch {
    // The menu is created on install; before that there is nothing to update.
  }
}

/**
 * Sends a browser command or menu action to the content script of a tab. Only enabled sites have our
 * content script, so elsewhere nothing answers and nothing happens.
 */
async function tellTab(tabId: number | undefined, command: ContentCommand): Promise<void> {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  await browser.tabs.sendMessage(id, command).catch(() => undefined);
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
    void browser.contextMenus
      .removeAll()
      .then(() => browser.contextMenus.create({ id: SELECTION_MENU, title: 'Code selection with Chart Coder', contexts: ['selection'], visible: false }))
      .then(() => syncSites());
    void ensureOnce()
      .then(() => warmEngine())
      .catch((error) => console.error('Chart Coder: code-set load failed', error));
  });
  // Sites the coder enabled (or disabled on the options page) get the sidebar script registered (or removed).
  browser.permissions.onAdded.addListener(() => void syncSites());
  browser.permissions.onRemoved.addListener(() => void syncSites());
  browser.runtime.onStartup.addListener(() => {
    void syncSites();
    void ensureOnce().catch((error) => console.error('Chart Coder: code-set load failed', error));
  });
  // Every start of the worker: build the engine now if the code sets are there (not on the first request).
  void warmEngine();
  // Pushes survive the worker stopping: the outbox is in IndexedDB, and this alarm resumes it (rows left
  // in flight go back to pending; every write is conditional, so nothing is duplicated).
  void browser.alarms.create(PUSH_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PUSH_ALARM) void pushQueued();
  });
  void pushQueued();

  // Browser commands (chrome://extensions/shortcuts) go to the active tab's sidebar; the popup's search is
  // the manifest's _execute_action.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-sidebar') void tellTab(tab?.id, { type: 'sidebar/toggle' });
    else if (command === 'reread-page') void tellTab(tab?.id, { type: 'sidebar/reread' });
  });
  // The menu item only shows on enabled sites; the selection text is all the page gives us.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SELECTION_MENU || !info.selectionText) return;
    void tellTab(tab?.id, { type: 'sidebar/code-selection', text: info.selectionText });
  });

  browser.runtime.onMessage.addListener(async (message: unknown, sender) => {
    // Only our own extension: extension pages may ask anything; our content script (running beside a
    // possibly hostile page) only for CONTENT_SCRIPT_REQUESTS (suggest, warm, search, encounter/create). Page scripts cannot message the background at all.
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
      case 'warm':
        // Answer at once: the build runs on after the reply.
        void warmEngine();
        return { ok: true } satisfies BackgroundReply['warm'];
      case 'search': {
        if (typeof request.query !== 'string') return { error: 'The search needs a query' } satisfies BackgroundReply['search'];
        try {
          const opened = await currentSearch();
          if (opened.sets.length === 0) return { error: 'the code sets are still loading; try again in a moment' } satisfies BackgroundReply['search'];
          const limit = Math.min(Math.max(1, Math.floor(Number(request.limit) || 20)), MAX_SEARCH_LIMIT);
          const systems = request.system === 'icd10cm' || request.system === 'cpt' || request.system === 'hcpcs' ? [request.system] : undefined;
          const results = opened.search.search(request.query.slice(0, 200), { limit, ...(systems ? { systems } : {}) });
          return { results } satisfies BackgroundReply['search'];
        } catch (error) {
          return { error: (error as Error).message } satisfies BackgroundReply['search'];
        }
      }
      case 'encounter/create': {
        const problem = encounterDraftProblem(request.payload);
        if (problem) return { ok: false, error: problem } satisfies BackgroundReply['encounter/create'];
        try {
          return (await billingQueue.createDraftEncounter(request.payload)) satisfies BackgroundReply['encounter/create'];
        } catch (error) {
          return { ok: false, error: (error as Error).message } satisfies BackgroundReply['encounter/create'];
        }
      }
      case 'push/run':
        // Extension pages only (not a content-script request): the queue page after queuing encounters.
        void pushQueued();
        return { started: true } satisfies BackgroundReply['push/run'];
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
