import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, serveFolder, type ExtensionSession } from './harness';

describe('sidebar on the demo chart', () => {
  let session: ExtensionSession;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    session = await launchExtension();
    server = await serveFolder(join(__dirname, '../../assets/demo'));
    const options = await session.openPage('options.html');
    await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
    await options.close();
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
});
