import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFhirServer, type FhirServer } from '../support/fhir-server';
import { syntheticEncounter } from '../support/encounters';
import { launchExtension, waitForCodeSets, type ExtensionSession } from './harness';
import { importEncounterFile, openNewQueue } from './queue-page';

const TOKEN = 'e2e-billing-token';
/** The extension page's own messaging API, as the page script sees it. */
type ExtensionGlobal = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
const COUNT = 30;

describe('push to the billing server from the extension', () => {
  let session: ExtensionSession;
  let server: FhirServer;
  let dir: string;
  beforeAll(async () => {
    session = await launchExtension();
    await waitForCodeSets(session);
    // Slow answers, so the service worker can be stopped while requests are in flight.
    server = await startFhirServer({ token: TOKEN, faults: { delayMs: 250 } });
    dir = mkdtempSync(join(tmpdir(), 'push-e2e-'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives the service worker being stopped mid-push: every claim arrives once and every encounter is sent', async () => {
    const encounters = Array.from({ length: COUNT }, (_, i) =>
      syntheticEncounter({ id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, claimId: `PUSH${String(i + 1).padStart(6, '0')}`, status: 'ready' }),
    );
    const file = join(dir, 'encounters.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, encounters }));

    const queue = await openNewQueue(session, 'push test passphrase', 'Biller Two');
    await importEncounterFile(queue, file);
    expect(await queue.getByTestId('settings-status').textContent()).toMatch(`Imported ${COUNT} encounters`);
    await queue.getByTestId('fhir-url').fill(server.url);
    await queue.getByTestId('fhir-token').fill(TOKEN);
    await queue.getByRole('button', { name: 'Save server' }).click();
    await expect.poll(() => queue.getByTestId('settings-status').textContent()).toBe('Billing server saved.');
    await queue.getByRole('tab', { name: 'Encounters' }).click();

    await queue.getByLabel('Select all shown encounters').check();
    await queue.getByTestId('push').click();
    // Stop the service worker once some claims are in and others are on the way.
    await expect.poll(() => server.claims().then((c) => c.length), { timeout: 30_000 }).toBeGreaterThan(3);
    const cdp = await session.context.newCDPSession(queue);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Stopped for real: requests already sent still commit, but no new request arrives.
    await server.idle();
    const requestsWhenStopped = server.requests;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.requests).toBe(requestsWhenStopped);
    expect((await server.claims()).length).toBeLessThan(COUNT);

    // The next time the worker starts (an alarm each minute, or any message; here the queue page asks),
    // rows left in flight go back to pending and the push finishes.
    await expect
      .poll(() => queue.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'push/run' }).then(() => true, () => false)), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => queue.getByTestId('push-summary').getAttribute('data-sent'), { timeout: 60_000 }).toBe(String(COUNT));
    await server.idle();
    const counts = await server.claimIdentifierCounts();
    expect(counts.size).toBe(COUNT);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Every encounter moved to sent, with the push in its audit trail.
    await expect.poll(() => queue.locator('[data-encounter-id][data-status="sent"]').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    const row = queue.locator('[data-encounter-id]').first();
    await row.click();
    await queue.getByTestId('queue-grid').press('Enter');
    await expect.poll(() => queue.getByTestId('detail-status').textContent()).toBe('Sent');
    await expect.poll(() => queue.getByTestId('encounter-push').getAttribute('data-state')).toBe('sent');
    await queue.close();
  });
});
