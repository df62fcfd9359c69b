/**
 * `npm start`: builds the code sets and the extension, serves the synthetic demo chart on 127.0.0.1 and opens
 * Chromium with Chart Coder loaded on it. Without a display it runs headless, saves screenshots and exits.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveFolder } from '../test/e2e/harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`Chromium is not at ${chromiumPath}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

console.log('Building code sets and the extension (localhost-enabled build)…');
execSync('npm run build:test', { cwd: root, stdio: 'inherit' });

const server = await serveFolder(join(root, 'assets/demo'));
const chartUrl = `${server.url}/demo-chart.html`;
const headless = !process.env.DISPLAY || process.argv.includes('--headless');
const extension = join(root, '.output/chrome-mv3-test');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chart-coder-')), {
  executablePath: chromiumPath,
  headless,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
});
// A fresh profile loads the code sets on install: wait for them before opening the chart.
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const settings = await context.newPage();
await settings.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
await settings.getByText(/Code sets ready/).waitFor({ timeout: 120_000 });
await settings.close();
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(chartUrl);
console.log(`Demo chart: ${chartUrl}. Press Alt+Shift+C on the page to open the Chart Coder sidebar.`);

if (headless) {
  // No screen here: show what a coder would see as screenshots.
  const shots = join(root, '.output/screenshots');
  mkdirSync(shots, { recursive: true });
  await page.waitForTimeout(1500);
  await page.keyboard.press('Alt+Shift+C');
  await page.locator('chart-coder-sidebar [data-code]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(shots, 'demo-chart.png') });
  console.log(`No display found, so Chromium ran headless. Screenshot: ${join(shots, 'demo-chart.png')}`);
  await context.close();
  await server.close();
} else {
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  context.on('close', () => void server.close().then(() => process.exit(0)));
}
