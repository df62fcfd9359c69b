import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, serveFolder, type ExtensionSession, waitForCodeSets } from './harness';
import { openNewQueue, saveX12Envelope } from './queue-page';

/** Synthetic practice details (the NPIs have valid check digits, except the one the test fixes). */
const PRACTICE = {
  billingName: 'Synthetic Family Practice',
  billingNpi: '1245319599',
  taxId: '987654321',
  line: '1 Test Way',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  badRenderingNpi: '1234567890',
  renderingNpi: '1234567893',
  renderingName: 'Robin Example',
  payerName: 'Synthetic Health Plan',
  payerId: 'SYN01',
};

describe('billing queue: from the chart to a resent claim', () => {
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

  async function field(page: Page, label: string, value: string) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }

  it('codes the demo chart, checks, fixes, marks ready, exports 837P and FHIR, is rejected, corrected and resent, with every step in the audit log', async () => {
    // The biller sets a passphrase, their name and the practice defaults.
    const queue = await openNewQueue(session, 'correct horse battery', 'Biller One');
    await queue.getByTestId('tab-settings').click();
    await field(queue, 'Billing provider name', PRACTICE.billingName);
    await field(queue, 'Billing NPI', PRACTICE.billingNpi);
    await field(queue, 'Tax id (EIN)', PRACTICE.taxId);
    await field(queue, 'Address', PRACTICE.line);
    await field(queue, 'City', PRACTICE.city);
    await field(queue, 'State', PRACTICE.state);
    await field(queue, 'ZIP', PRACTICE.zip);
    await field(queue, 'Rendering NPI', PRACTICE.badRenderingNpi);
    await field(queue, 'Rendering provider (First Last)', PRACTICE.renderingName);
    await field(queue, 'Payer name', PRACTICE.payerName);
    await field(queue, 'Payer id', PRACTICE.payerId);
    await saveX12Envelope(queue, PRACTICE.billingName);
    await expect.poll(() => queue.getByTestId('settings-status').textContent()).toBe('Settings saved.');
    await queue.getByRole('tab', { name: 'Encounters' }).click();

    // The coder codes the demo chart by keyboard and sends the accepted codes on.
    const chart = await session.context.newPage();
    await chart.goto(`${server.url}/demo-chart.html`);
    await chart.locator('chart-coder-sidebar').waitFor({ state: 'attached' });
    await chart.keyboard.press('Alt+Shift+C');
    const rows = chart.locator('chart-coder-sidebar [data-code][data-status="suggested"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    // Accept the first three diagnoses and the office visit; move past the rest.
    const total = await chart.locator('chart-coder-sidebar [data-code]').count();
    let diagnosesAccepted = 0;
    for (let i = 0; i < total; i++) {
      const active = chart.locator('chart-coder-sidebar [data-code].active');
      const [code, system] = [await active.getAttribute('data-code'), await active.getAttribute('data-system')];
      if ((system === 'icd10cm' && diagnosesAccepted < 3 && (await active.getAttribute('data-status')) === 'suggested') || code === '99214') {
        await chart.keyboard.press('a');
        await expect.poll(() => chart.locator(`chart-coder-sidebar [data-code="${code}"]`).first().getAttribute('data-status')).toBe('accepted');
        if (system === 'icd10cm') diagnosesAccepted++;
      }
      await chart.keyboard.press('j');
    }
    const accepted = await chart.locator('chart-coder-sidebar [data-status="accepted"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    await chart.keyboard.press('s');
    await expect.poll(() => chart.locator('chart-coder-sidebar [data-testid="sidebar-notice"]').textContent()).toMatch(/billing queue/i);

    // The draft appears in the queue; the checks find the bad rendering NPI.
    const row = queue.locator('[data-encounter-id][data-status="draft"]');
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await queue.getByTestId('queue-grid').press('Enter');
    const detail = queue.getByTestId('encounter-detail');
    await detail.waitFor();
    const diagnosisCodes = await detail.getByTestId('edit-diagnosis').locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(accepted.filter((c) => /^[A-Z]\d/.test(c ?? '') && c!.includes('.'))).toEqual(expect.arrayContaining(diagnosisCodes.slice(0, 1)));
    await expect.poll(() => detail.locator('[data-severity="error"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))), { timeout: 15_000 }).toContain('npi-check-digit');

    // Fix it (and add the member id the claim needs), save: the checks pass.
    await detail.getByTestId('edit-rendering-npi').fill(PRACTICE.renderingNpi);
    await detail.getByLabel('Member id').fill('SYN123456789');
    await detail.getByTestId('save-encounter').click();
    await expect.poll(() => detail.locator('[data-severity="error"]').allInnerTexts(), { timeout: 15_000 }).toEqual([]);

    await detail.getByTestId('move-ready').click();
    await expect.poll(() => detail.getByTestId('detail-status').textContent()).toBe('Ready');

    const claimId = (await detail.locator('#detail-heading').textContent())!.split(' · ')[0]!;
    const exportFile = async (testId: string) => {
      const [download] = await Promise.all([queue.waitForEvent('download'), queue.getByTestId(testId).click()]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const edi = await exportFile('export-837p');
    const interchange = new X12Parser(true).parse(edi) as { functionalGroups: { transactions: { segments: { tag: string; elements: { value: string }[] }[] }[] }[] };
    const clm = interchange.functionalGroups[0]!.transactions[0]!.segments.find((s) => s.tag === 'CLM')!;
    expect(clm.elements[0]!.value).toBe(claimId);
    await expect.poll(() => detail.getByTestId('detail-status').textContent()).toBe('Exported');

    const fhir = JSON.parse(await exportFile('export-fhir')) as { resourceType: string; type: string; entry: { resource: { resourceType: string } }[] };
    expect(fhir).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(fhir.entry.map((e) => e.resource.resourceType)).toEqual(expect.arrayContaining(['Claim', 'Patient', 'Encounter', 'Condition', 'Practitioner']));

    // The payer rejects it; the biller corrects and resends.
    await detail.getByTestId('detail-reason').fill('CO-16 missing information');
    await detail.getByTestId('move-rejected').click();
    await expect.poll(() => detail.getByTestId('detail-status').textContent()).toBe('Rejected');
    await detail.getByTestId('move-corrected').click();
    await expect.poll(() => detail.getByTestId('detail-status').textContent()).toBe('Corrected');
    await exportFile('export-837p');
    await expect.poll(() => detail.getByTestId('detail-status').textContent()).toBe('Resent');

    // Every step is in the audit log, with who did it.
    const log = detail.getByTestId('audit-log');
    await expect
      .poll(() => log.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))))
      .toEqual(expect.arrayContaining(['created', 'edited', 'status', 'exported']));
    const text = await log.innerText();
    for (const step of ['ready', 'exported', 'rejected', 'CO-16', 'corrected', 'resent', 'renderingProvider.npi', 'Biller One']) expect(text).toContain(step);
    await chart.close();
    await queue.close();
  });
});
