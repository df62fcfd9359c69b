import { browser } from 'wxt/browser';
import { CodeSetStore, LOAD_PROGRESS_KEY, loadShippedBundles, type LoadProgress } from '@/lib/codesets';
import { db } from '@/lib/db/db';
import type { BackgroundReply, BackgroundRequest } from '@/lib/messaging';
import { openCodeSearch } from '@/lib/search/saved-index';

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
    void ensureOnce().catch((error) => console.error('Chart Coder: code-set load failed', error));
  });
  browser.runtime.onStartup.addListener(() => {
    void ensureOnce().catch((error) => console.error('Chart Coder: code-set load failed', error));
  });

  browser.runtime.onMessage.addListener(async (message: unknown, sender) => {
    // Only our own extension pages may ask; content scripts run beside hostile pages and have the page's URL.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    const request = message as BackgroundRequest;
    switch (request.type) {
      case 'codesets/status': {
        const progress = (await db.settings.get(LOAD_PROGRESS_KEY))?.value as LoadProgress | undefined;
        const ready = (await store.readySets()).map((s) => ({ id: s.id, version: s.version, system: s.system }));
        return { progress, ready } satisfies BackgroundReply['codesets/status'];
      }
      case 'codesets/reload-shipped':
        return { loaded: await ensureOnce(request.force) } satisfies BackgroundReply['codesets/reload-shipped'];
      default:
        return undefined;
    }
  });
});
