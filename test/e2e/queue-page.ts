/**
 * Driving the billing queue page from tests, benchmarks and the screenshot script: open it in front (a tab
 * behind another gets ~1 animation frame a second in headless Chromium), set the passphrase and the user,
 * fill the 837P envelope, import an encounter file.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from './harness';

/** Opens queue.html as the only page, creates the vault with `passphrase` and names the user. */
export async function openNewQueue(session: ExtensionSession, passphrase: string, user: string): Promise<Page> {
  const queue = await session.openPage('queue.html');
  for (const other of session.context.pages()) if (other !== queue) await other.close();
  await queue.bringToFront();
  await queue.getByTestId('vault-passphrase').fill(passphrase);
  await queue.getByTestId('vault-confirm').fill(passphrase);
  await queue.getByTestId('vault-submit').click();
  await queue.getByTestId('queue-user').fill(user);
  await queue.getByRole('button', { name: 'Continue' }).click();
  return queue;
}

/** Fills the 837P envelope (synthetic submitter, receiver and contact) on the settings tab and saves it. */
export async function saveX12Envelope(queue: Page, senderName: string): Promise<void> {
  await queue.getByTestId('x12-senderId').fill('SUBMITTER1');
  await queue.getByTestId('x12-senderName').fill(senderName);
  await queue.getByTestId('x12-receiverId').fill('CLEARINGHS');
  await queue.getByTestId('x12-receiverName').fill('Synthetic Clearinghouse');
  await queue.getByTestId('x12-contactName').fill('Billing Desk');
  await queue.getByTestId('x12-contactPhone').fill('5555550100');
  await queue.getByTestId('save-settings').click();
}

/** Imports an encounter JSON file through the settings tab; returns how long it took (seconds). */
export async function importEncounterFile(queue: Page, file: string, timeout = 300_000): Promise<number> {
  await queue.getByTestId('tab-settings').click();
  const t0 = Date.now();
  await queue.getByTestId('import-encounters').setInputFiles(file);
  await queue.getByTestId('settings-status').filter({ hasText: /Imported/ }).waitFor({ timeout });
  return (Date.now() - t0) / 1000;
}
