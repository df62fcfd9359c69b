import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from './harness';

describe('code sets in the browser', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(() => session?.close());

  /** Polls the status line until the load ends; returns whether a progress bar showed meanwhile. */
  async function watchLoad(page: Page, deadline: number): Promise<{ sawProgress: boolean; status: string }> {
    let sawProgress = false;
    let status = '';
    while (Date.now() < deadline) {
      if (await page.getByRole('progressbar').count()) sawProgress = true;
      status = (await page.getByTestId('load-status').textContent().catch(() => '')) ?? '';
      if (/Code sets ready|failed/.test(status) && !(await page.getByRole('progressbar').count())) break;
      await page.waitForTimeout(20);
    }
    return { sawProgress, status };
  }

  it('opens the settings page on install and loads the code sets', async () => {
    const deadline = Date.now() + 20_000;
    let options = session.context.pages().find((p) => p.url().includes('/options.html'));
    while (!options && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      options = session.context.pages().find((p) => p.url().includes('/options.html'));
    }
    expect(options, 'the options page opens by itself on install').toBeDefined();
    const page = options!;
    const { status } = await watchLoad(page, deadline + 60_000);
    expect(status).toMatch(/Code sets ready/);
    const table = page.getByTestId('codeset-table');
    await expect.poll(() => table.textContent()).toMatch(/ICD-10-CM.*FY2026/);
    expect(await table.textContent()).toMatch(/74,719 billable codes/);
    expect(await table.textContent()).toMatch(/HCPCS Level II.*2026 January/);
  });

  it('shows a progress bar while the code sets reload, then the same sets ready', async () => {
    const page = await session.openPage('options.html');
    await expect.poll(() => page.getByTestId('load-status').textContent()).toMatch(/Code sets ready/);
    await page.getByRole('button', { name: /Reload the code sets/ }).click();
    await expect.poll(() => page.getByRole('progressbar').count(), { interval: 10, timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('progressbar').getAttribute('aria-label')).toBe('Loading code sets');
    const { status } = await watchLoad(page, Date.now() + 60_000);
    expect(status).toMatch(/Code sets ready: ICD-10-CM FY2026/);
    await page.close();
  });

  it('answers code searches in the popup', async () => {
    const popup = await session.openPage('popup.html');
    await popup.getByRole('combobox', { name: 'Search codes' }).fill('E1165');
    await expect.poll(() => popup.locator('[role=option]').first().textContent()).toMatch(/E11\.65.*Type 2 diabetes mellitus with hyperglycemia/);
    await popup.close();
  });

  it('refuses a broken import with a plain message and keeps the old code sets answering', async () => {
    const page = await session.openPage('options.html');
    await page.getByTestId('import-files').setInputFiles([
      { name: 'icd10cm-order-2027.txt', mimeType: 'text/plain', buffer: Buffer.from('<!DOCTYPE html><html><body>Service unavailable</body></html>') },
    ]);
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent()).toMatch(/Not imported: .*web page.*still in use/);

    await page.getByTestId('import-files').setInputFiles([{ name: 'icd10cm-order-2027.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
    await expect.poll(() => result.textContent()).toMatch(/Not imported: .*empty/);

    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('J1100');
    await page.getByRole('button', { name: 'Look up' }).click();
    const lookup = page.getByTestId('lookup-result');
    await expect.poll(() => lookup.textContent()).toMatch(/HCPCS.*J1100.*dexamethasone/i);
    expect(await lookup.textContent()).toMatch(/ICD-10-CM.*J11\.00/);
    await page.close();
  });

  it('imports a licensed CPT file, whose descriptors then replace the built-in summaries', async () => {
    const page = await session.openPage('options.html');
    await page.getByTestId('import-files').setInputFiles(join(__dirname, '../fixtures/codesets/licensed-cpt.tsv'));
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toMatch(/Imported/);
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('99213');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => page.getByTestId('lookup-result').textContent()).toMatch(/Licensed descriptor for 99213/);
    await page.close();
  });
});
