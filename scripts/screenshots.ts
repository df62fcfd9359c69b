/** `npx tsx scripts/screenshots.ts`: refreshes the README screenshots from the test build in headless Chromium. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension, serveFolder } from '../test/e2e/harness';
import { importEncounterFile, openNewQueue } from '../test/e2e/queue-page';
import type { EncounterFile } from '../lib/encounter/types';
import { encountersTo835 } from '../lib/remit/write-835';

const docs = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs');
const session = await launchExtension();
try {
  const options = await session.openPage('options.html');
  await options.setViewportSize({ width: 1200, height: 860 });
  await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
  await options.getByRole('textbox', { name: 'Code', exact: true }).fill('S72.001A');
  await options.getByRole('button', { name: 'Look up' }).click();
  await options.getByTestId('lookup-result').waitFor();
  await options.screenshot({ path: join(docs, 'screenshot-options.png'), fullPage: true });
  console.log(`Wrote ${join(docs, 'screenshot-options.png')}`);

  const server = await serveFolder(join(docs, '../assets/demo'));
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.goto(`${server.url}/demo-chart.html`);
  await page.locator('chart-coder-sidebar').waitFor({ state: 'attached' });
  await page.keyboard.press('Alt+Shift+C');
  await page.locator('chart-coder-sidebar [data-code]').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('a');
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(docs, 'screenshot-sidebar.png') });
  console.log(`Wrote ${join(docs, 'screenshot-sidebar.png')}`);
  await server.close();

  // The billing queue with the example encounters, the one that fails its checks open.
  const queue = await openNewQueue(session, 'screenshot passphrase', 'Biller One');
  await queue.setViewportSize({ width: 1440, height: 900 });
  await importEncounterFile(queue, join(docs, '../examples/encounters.json'));
  await queue.getByRole('tab', { name: 'Encounters' }).click();
  await queue.locator('[data-encounter-id][data-status="draft"]').click();
  await queue.getByTestId('queue-grid').press('Enter');
  await queue.getByTestId('check-list').waitFor({ timeout: 30_000 });
  await queue.screenshot({ path: join(docs, 'screenshot-queue.png') });
  console.log(`Wrote ${join(docs, 'screenshot-queue.png')}`);

  // A remittance that denies the exported example (CO-11, diagnosis inconsistent with procedure): the
  // denial worklist and the chart audit a coder opens from it.
  const examples = (JSON.parse(readFileSync(join(docs, '../examples/encounters.json'), 'utf8')) as EncounterFile).encounters;
  const exported = examples.filter((e) => e.status === 'exported');
  const remitFile = join(mkdtempSync(join(tmpdir(), 'screenshots-')), 'remit-0001.835');
  writeFileSync(remitFile, encountersTo835(exported.map((encounter) => ({ encounter, outcome: { kind: 'denied', reason: '11', remarks: ['M76'] } }))));
  await queue.getByTestId('tab-remittance').click();
  await queue.getByTestId('remit-file').setInputFiles(remitFile);
  await queue.getByTestId('remit-result').first().waitFor();
  await queue.getByRole('tab', { name: 'Denials' }).click();
  await queue.getByTestId('worklist-item').first().waitFor();
  await queue.screenshot({ path: join(docs, 'screenshot-denials.png') });
  console.log(`Wrote ${join(docs, 'screenshot-denials.png')}`);
  await queue.getByRole('button', { name: /Chart audit/ }).first().click();
  await queue.getByTestId('chart-audit').waitFor();
  await queue.waitForTimeout(500);
  await queue.screenshot({ path: join(docs, 'screenshot-chart-audit.png'), fullPage: true });
  console.log(`Wrote ${join(docs, 'screenshot-chart-audit.png')}`);
} finally {
  await session.close();
}
