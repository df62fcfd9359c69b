/**
 * Remittance figures: an 835 with 5,000 claim payments imported through the queue page's Remittance tab against
 * 5,000 queued (sent) encounters in real Chromium: file chosen → result shown, then the same file again (which
 * must change nothing). Run alone with `npx tsx bench/remittance.ts` (needs `npm run build:test`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { encountersTo835, type SyntheticOutcome } from '../lib/remit/write-835';
import { launchExtension } from '../test/e2e/harness';
import { importEncounterFile, openNewQueue } from '../test/e2e/queue-page';
import { manyEncounters } from './queue';

export interface RemittanceBench {
  encounters: number;
  claims: number;
  fileBytes: number;
  /** Importing the encounters through the queue settings (encrypt + store), once. */
  setupSeconds: number;
  /** File chosen → result on screen, first import (every claim applied). */
  importMs: number;
  /** Where the first import's time goes: queue read (rows + decrypt of changed ones), import (parse, match, encrypt, store), render. */
  importBreakdownMs: { queueRead: number; imported: number; rendered: number };
  applied: number;
  /** The same file again: file chosen → result on screen (nothing applied). */
  reimportMs: number;
  reimportApplied: number;
  alreadyApplied: number;
  goalMs: number;
}

/** Mostly paid; one in ten denied for a few common reasons, one in twenty partly paid. */
function outcomeFor(i: number, lineIds: string[]): SyntheticOutcome {
  if (i % 10 === 0) return { kind: 'denied', reason: ['11', '16', '97', '29', '18'][(i / 10) % 5]!, ...(i % 20 === 0 ? { remarks: ['M51'] } : {}) };
  if (i % 20 === 5 && lineIds.length > 1) return { kind: 'partial', deniedLineIds: [lineIds.at(-1)!], reason: '97' };
  return { kind: 'paid' };
}

/** Chooses the file in the Remittance tab; ms from the change event to the new result painted. */
async function timeImport(page: Page, file: string): Promise<{ ms: number; applied: number; already: number; breakdown: RemittanceBench['importBreakdownMs'] }> {
  const before = await page.locator('[data-testid="remit-result"]').count();
  const shown = page.evaluate(async (count) => {
    while (document.querySelectorAll('[data-testid="remit-result"]').length <= count) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const now = performance.now();
    // (No helper functions in here: the bundler would wrap them in a helper the page does not have.)
    const [chosen, read, imported] = ['remit-file-chosen', 'remit-queue-read', 'remit-imported'].map((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN) as [number, number, number];
    const result = document.querySelector('[data-testid="remit-result"]')!;
    return {
      ms: now - chosen,
      applied: Number(result.getAttribute('data-applied')),
      already: Number(result.getAttribute('data-already')),
      breakdown: { queueRead: read - chosen, imported: imported - read, rendered: now - imported },
    };
  }, before);
  await page.getByTestId('remit-file').setInputFiles(file);
  return shown;
}

export async function benchRemittance(count = 5_000): Promise<RemittanceBench> {
  const encounters = manyEncounters(count).map((e) => ({ ...e, status: 'sent' as const, statusHistory: [{ status: 'sent' as const, at: e.updatedAt, by: 'bench' }] }));
  const remit = encountersTo835(encounters.map((encounter, i) => ({ encounter, outcome: outcomeFor(i, encounter.lines.map((l) => l.id)) })));
  const dir = mkdtempSync(join(tmpdir(), 'remit-bench-'));
  const queueFile = join(dir, 'encounters.json');
  const remitFile = join(dir, 'remit-5000.835');
  writeFileSync(queueFile, JSON.stringify({ formatVersion: 1, encounters }));
  writeFileSync(remitFile, remit);

  const session = await launchExtension();
  try {
    const page = await openNewQueue(session, 'bench passphrase', 'Bench');
    const setupSeconds = await importEncounterFile(page, queueFile);

    // The biller opens the queue first (as they would), so the page holds the decrypted list.
    await page.getByRole('tab', { name: 'Encounters' }).click();
    await page.locator('[data-testid="queue-count"][data-complete="true"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-remittance').click();
    await page.bringToFront();

    const first = await timeImport(page, remitFile);
    const again = await timeImport(page, remitFile);
    return {
      encounters: count,
      claims: count,
      fileBytes: remit.length,
      setupSeconds,
      importMs: first.ms,
      importBreakdownMs: first.breakdown,
      applied: first.applied,
      reimportMs: again.ms,
      reimportApplied: again.applied,
      alreadyApplied: again.already,
      goalMs: 5_000,
    };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printRemittanceBench(r: RemittanceBench): void {
  const rows: [string, string][] = [
    ['queued encounters (sent) / claim payments in the 835', `${r.encounters.toLocaleString('en-US')} / ${r.claims.toLocaleString('en-US')} (${(r.fileBytes / 1e6).toFixed(2)} MB)`],
    ['setup: encounters imported through the queue page', `${r.setupSeconds.toFixed(1)} s`],
    ['835 import: file chosen → result shown', `${(r.importMs / 1000).toFixed(2)} s (${r.applied.toLocaleString('en-US')} applied)`],
    ['  of which: queue read / import (parse, match, store) / render', `${r.importBreakdownMs.queueRead.toFixed(0)} / ${r.importBreakdownMs.imported.toFixed(0)} / ${r.importBreakdownMs.rendered.toFixed(0)} ms`],
    ['same file again: file chosen → result shown', `${(r.reimportMs / 1000).toFixed(2)} s (${r.reimportApplied} applied, ${r.alreadyApplied.toLocaleString('en-US')} already applied)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nRemittance import in Chromium (goal: ≤ ${r.goalMs / 1000} s for 5,000 claim payments)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchRemittance();
  printRemittanceBench(result);
}
