import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startServer } from '../support/http-server';

/** The test build of the extension (`npm run build:test`). */
export const EXTENSION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.output/chrome-mv3-test');

/** The flags DEVELOPERS.md gives for headless Chromium on these machines. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A running Chromium with the extension loaded. */
export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens an extension page such as `options.html`. */
  openPage(page: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension and a fresh profile. */
export async function launchExtension(): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No test build at ${EXTENSION_DIR}: run npm run build:test`);
  const profile = mkdtempSync(join(tmpdir(), 'chart-coder-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async openPage(page: string) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      return tab;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the shipped code sets are loaded (the settings page says so), then closes that page. */
export async function waitForCodeSets(session: ExtensionSession): Promise<void> {
  const options = await session.openPage('options.html');
  await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
  await options.close();
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.xml': 'text/xml' };

/** Serves files from a folder on 127.0.0.1 (the demo chart, fixtures, rendered C-CDA pages). */
export async function serveFolder(root: string) {
  return startServer((req, res) => {
    const path = resolve(root, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
    if (!path.startsWith(resolve(root)) || !existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
}
