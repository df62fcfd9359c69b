import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, serveFolder, type ExtensionSession, waitForCodeSets } from './harness';

describe('sidebar on the demo chart', () => {
  let session: ExtensionSession;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    session = await launchExtension();
    server = await serveFolder(join(__dirname, '../../assets/demo'));
    await waitForCodeSets(session);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens with Alt+Shift+C and shows suggestions with the testing attributes, accepted and rejected by keyboard', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.url}/demo-chart.html`);
    await page.locator('chart-coder-sidebar').waitFor({ state: 'attached' });
    await page.keyboard.press('Alt+Shift+C');
    const rows = page.locator('chart-coder-sidebar [data-code]');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-system')}:${e.getAttribute('data-code')}`)), { timeout: 30_000 }).toEqual(
      expect.arrayContaining(['icd10cm:E11.65', 'icd10cm:E11.22', 'icd10cm:N18.31', 'icd10cm:I12.9', 'icd10cm:M17.12', 'cpt:99214', 'cpt:20610', 'hcpcs:J3301']),
    );
    const codes = await rows.evaluateAll((els) => els.filter((e) => e.getAttribute('data-status') !== 'excluded').map((e) => e.getAttribute('data-code')));
    expect(codes.some((c) => c?.startsWith('C50'))).toBe(false);
    expect(await page.locator('chart-coder-sidebar [data-code="M25.562"]').getAttribute('data-status')).toBe('excluded');

    const first = rows.first();
    const firstCode = await first.getAttribute('data-code');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator(`chart-coder-sidebar [data-code="${firstCode}"]`).first().getAttribute('data-status')).toBe('accepted');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const second = rows.nth(1);
    await expect.poll(() => second.getAttribute('data-status')).toBe('rejected');
    // The evidence of the row in focus is highlighted in the page itself.
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('chart-coder-evidence'))).toBe(true);
    await page.close();
  });

  it('toggles with the in-page Alt+Shift+C, lists every shortcut in the help, and reorders diagnoses with 1–9', async () => {
    const page = await openDemo();
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);
    await page.keyboard.press('Alt+Shift+C');
    await expect.poll(() => page.locator('chart-coder-sidebar aside').count()).toBe(0);
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);

    await page.keyboard.press('?');
    const help = page.locator('chart-coder-sidebar [role=dialog][aria-label="Keyboard shortcuts"]');
    await help.waitFor();
    const helpText = await help.innerText();
    for (const text of ['Show or hide the sidebar', 'Alt+Shift+C', 'Re-read the page', 'Alt+Shift+R', 'Alt+Shift+S', 'Change to another code', '1–9', 'Send accepted codes to the billing queue']) {
      expect(helpText).toContain(text);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    const before = await diagnoses(page);
    expect(before.length).toBeGreaterThan(2);
    await page.keyboard.press('2');
    await expect.poll(() => diagnoses(page)).toEqual([before[1], before[0], ...before.slice(2)]);
    // The moved row keeps the focus.
    expect(await page.locator('chart-coder-sidebar [data-code].active').getAttribute('data-code')).toBe(before[0]);
    await page.close();
  });

  it('changes the focused code with e, a search and Enter; sends accepted codes on with s', async () => {
    const page = await openDemo();
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);
    const first = (await diagnoses(page))[0]!;
    await page.keyboard.press('e');
    const input = page.locator('chart-coder-sidebar input[role=combobox]');
    await expect.poll(() => input.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await expect.poll(() => input.inputValue()).toBe(first);
    await page.keyboard.press('Escape');
    await expect.poll(() => input.count()).toBe(0);
    expect((await diagnoses(page))[0]).toBe(first);

    await page.keyboard.press('e');
    await input.waitFor();
    await page.keyboard.type('E11.649');
    await page.locator('chart-coder-sidebar [data-result-code="E11.649"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => diagnoses(page)).toEqual(expect.arrayContaining(['E11.649']));
    expect((await diagnoses(page))[0]).toBe('E11.649');
    expect(await page.locator('chart-coder-sidebar [data-code="E11.649"]').getAttribute('data-status')).toBe('accepted');
    // Keys go back to the list after the edit.
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('chart-coder-sidebar [data-testid="sidebar-notice"]').textContent()).toMatch(/The billing queue is locked: open the billing queue, unlock it/);
    await page.close();
  });

  it('remembers the dock side per site across reloads', async () => {
    const page = await openDemo();
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);
    expect(await page.locator('chart-coder-sidebar aside').getAttribute('data-dock')).toBe('right');
    await page.keyboard.press('d');
    await expect.poll(() => page.locator('chart-coder-sidebar aside').getAttribute('data-dock')).toBe('left');
    // The resize handle works from the keyboard too.
    const handle = page.locator('chart-coder-sidebar [role=separator]');
    const width = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(width + 16);
    await page.reload();
    await page.locator('chart-coder-sidebar').waitFor({ state: 'attached' });
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);
    expect(await page.locator('chart-coder-sidebar aside').getAttribute('data-dock')).toBe('left');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(width + 16);
    await page.close();
  });

  it('uses a sidebar key the coder remapped on the options page', async () => {
    const options = await session.openPage('options.html');
    await options.getByRole('button', { name: 'Change keys for Accept the code' }).click();
    await options.keyboard.press('y');
    await expect.poll(() => options.getByTestId('keys-sidebar.accept').textContent()).toBe('y');
    const page = await openDemo();
    await page.keyboard.press('Alt+Shift+C');
    await waitForRows(page);
    const first = (await diagnoses(page))[0]!;
    await page.keyboard.press('a');
    await page.waitForTimeout(200);
    expect(await page.locator(`chart-coder-sidebar [data-code="${first}"]`).getAttribute('data-status')).toBe('suggested');
    await page.keyboard.press('y');
    await expect.poll(() => page.locator(`chart-coder-sidebar [data-code="${first}"]`).getAttribute('data-status')).toBe('accepted');
    await page.keyboard.press('?');
    expect(await page.locator('chart-coder-sidebar [data-shortcut="sidebar.accept"]').innerText()).toMatch(/^y\s/);
    await options.getByRole('button', { name: /^Reset Accept the code/ }).click();
    await expect.poll(() => options.getByTestId('keys-sidebar.accept').textContent()).toBe('a or Enter');
    await options.close();
    await page.close();
  });

  it('codes only the selected text when the background relays "Code selection"', async () => {
    const page = await openDemo('?selection');
    await session.worker.evaluate(async () => {
      type Tabs = { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, message: unknown): Promise<unknown> };
      const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
      const tab = (await tabs.query({})).find((t) => t.url?.endsWith('/demo-chart.html?selection'));
      await tabs.sendMessage(tab!.id!, { type: 'sidebar/code-selection', text: 'Assessment: Acute bronchitis.' });
    });
    await waitForRows(page);
    expect(await page.locator('chart-coder-sidebar [data-testid="sidebar-source"]').getAttribute('data-source')).toBe('selection');
    expect(await diagnoses(page)).toEqual(['J20.9']);
    await page.close();
  });

  async function openDemo(query = ''): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(`${server.url}/demo-chart.html${query}`);
    await page.locator('chart-coder-sidebar').waitFor({ state: 'attached' });
    return page;
  }
});

async function waitForRows(page: Page): Promise<void> {
  const status = page.locator('chart-coder-sidebar [data-testid="sidebar-status"]');
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/suggested|Could not/);
  expect(await status.getAttribute('class')).toBe('status');
}

/** The diagnosis rows' codes, in the sidebar's order. */
function diagnoses(page: Page): Promise<string[]> {
  return page.locator('chart-coder-sidebar section[aria-label="Diagnoses"] [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));
}
