import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodedEncounter, EncounterFile } from '../../lib/encounter/types';
import { encountersTo835 } from '../../lib/remit/write-835';
import { launchExtension, type ExtensionSession } from './harness';
import { openNewQueue, saveX12Envelope } from './queue-page';

const EXAMPLES = join(__dirname, '../../examples/encounters.json');
/** The example whose claim the synthetic payer denies with CO-11 (diagnosis inconsistent with procedure). */
const DENIED = 'CC26-000101';

type X12Interchange = { functionalGroups: { transactions: { segments: { tag: string; elements: { value: string }[] }[] }[] }[] };

describe('billing loop: 837P out, 835 in, denial worked by the coder, claim resent', () => {
  let session: ExtensionSession;
  let dir: string;
  beforeAll(async () => {
    session = await launchExtension();
    dir = mkdtempSync(join(tmpdir(), 'remit-e2e-'));
    const options = await session.openPage('options.html');
    await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
    await options.close();
  });
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const statusesInList = (queue: Page) =>
    queue.locator('[data-encounter-id]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.querySelector('[role="gridcell"]:nth-child(2)')!.textContent, r.getAttribute('data-status')])));

  it('exports 837P, imports the matching 835 with one CO-11 denial, audits and corrects it, and resends', async () => {
    const queue = await openNewQueue(session, 'correct horse battery', 'Biller One');

    // Settings: the 837P envelope, then the example encounters.
    await queue.getByTestId('tab-settings').click();
    await saveX12Envelope(queue, 'Synthetic Family Practice');
    await expect.poll(() => queue.getByTestId('settings-status').textContent()).toBe('Settings saved.');
    await queue.getByTestId('import-encounters').setInputFiles(EXAMPLES);
    await expect.poll(() => queue.getByTestId('settings-status').textContent()).toMatch(/Imported 5 encounters/);

    // The ready ones go out in one 837P.
    await queue.getByRole('tab', { name: 'Encounters' }).click();
    await queue.locator('[data-testid="queue-count"][data-complete="true"]').waitFor();
    await queue.getByTestId('filter-status').selectOption('ready');
    await expect.poll(() => queue.locator('[data-encounter-id]').count()).toBe(3);
    await queue.getByLabel('Select all shown encounters').check();
    const [download] = await Promise.all([queue.waitForEvent('download'), queue.getByTestId('export-837p').click()]);
    const edi = readFileSync((await download.path())!, 'utf8');
    const interchange = new X12Parser(true).parse(edi) as X12Interchange;
    const claimIds = interchange.functionalGroups.flatMap((g) => g.transactions.flatMap((t) => t.segments.filter((s) => s.tag === 'CLM').map((s) => s.elements[0]!.value)));
    expect(claimIds.sort()).toEqual(['CC26-000101', 'CC26-000103', 'CC26-000105']);
    await queue.getByTestId('filter-status').selectOption('');
    await expect.poll(() => statusesInList(queue)).toMatchObject({ 'CC26-000101': 'exported', 'CC26-000103': 'exported', 'CC26-000105': 'exported' });

    // The payer's 835 for those claims: CO-11 on one, the rest paid.
    const examples = (JSON.parse(readFileSync(EXAMPLES, 'utf8')) as EncounterFile).encounters;
    const sent = claimIds.map((id) => examples.find((e) => e.claimId === id)!);
    const denied = sent.find((e) => e.claimId === DENIED)!;
    const remit = encountersTo835(sent.map((encounter: CodedEncounter) => ({ encounter, outcome: encounter.claimId === DENIED ? { kind: 'denied', reason: '11' } : { kind: 'paid' } })), { lineBreaks: true });
    const remitFile = join(dir, 'remit-0001.835');
    writeFileSync(remitFile, remit);

    await queue.getByTestId('tab-remittance').click();
    await queue.getByTestId('remit-file').setInputFiles(remitFile);
    const result = queue.locator('[data-testid="remit-result"][data-file="remit-0001.835"]').first();
    await result.waitFor();
    expect(await result.getAttribute('data-claims')).toBe('3');
    expect(await result.getAttribute('data-applied')).toBe('3');
    expect(await result.locator('tr[data-claim]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-claim'), r.getAttribute('data-after')])))).toEqual({
      'CC26-000101': 'denied',
      'CC26-000103': 'paid',
      'CC26-000105': 'paid',
    });
    expect(await result.locator(`tr[data-claim="${DENIED}"]`).innerText()).toMatch(/Exported → Denied[\s\S]*CO-11/);
    expect(await result.getByTestId('remit-summary').innerText()).toMatch(/totals balance/);

    // The same file again changes nothing.
    await queue.getByTestId('remit-file').setInputFiles(remitFile);
    await expect.poll(() => queue.locator('[data-testid="remit-result"][data-file="remit-0001.835"]').count()).toBe(2);
    const again = queue.locator('[data-testid="remit-result"][data-file="remit-0001.835"]').first();
    expect([await again.getAttribute('data-applied'), await again.getAttribute('data-already')]).toEqual(['0', '3']);

    // A claim the payer returned under another claim number: suggested by patient, date and charge, then confirmed.
    const rekeyed = examples.find((e) => e.claimId === 'CC26-000102')!;
    const strayFile = join(dir, 'remit-0002.835');
    writeFileSync(strayFile, encountersTo835([{ encounter: { ...rekeyed, claimId: 'PAYERKEY102' }, outcome: { kind: 'paid' } }], { interchangeControlNumber: 2 }));
    await queue.getByTestId('remit-file').setInputFiles(strayFile);
    const stray = queue.locator('[data-testid="remit-result"][data-file="remit-0002.835"]');
    await stray.waitFor();
    expect([await stray.getAttribute('data-applied'), await stray.getAttribute('data-suggested')]).toEqual(['0', '1']);
    const suggestion = stray.locator('[data-testid="remit-suggested"] li[data-claim="PAYERKEY102"]');
    expect(await suggestion.innerText()).toContain('→ CC26-000102 · Brannigan, Otis');
    await suggestion.getByRole('checkbox').check();
    await stray.getByTestId('remit-confirm').click();
    await expect.poll(() => stray.getAttribute('data-applied')).toBe('1');
    expect(await stray.locator('tr[data-claim="PAYERKEY102"]').getAttribute('data-after')).toBe('paid');

    // A cut file is refused with its segment, and nothing changes.
    // (Dropped on the drop zone this time.)
    await queue.getByTestId('remit-drop').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'cut.835', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, remit.slice(0, Math.floor(remit.length * 0.6)));
    const refused = queue.locator('[data-testid="remit-result"][data-file="cut.835"] [role="alert"]');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/cut\.835 was refused at segment \d+ \([A-Z0-9]+\): truncated file.*Nothing in the queue was changed/);

    // The list shows the payer's decisions.
    await queue.getByRole('tab', { name: 'Encounters' }).click();
    await queue.locator('[data-testid="queue-count"][data-complete="true"]').waitFor();
    await expect.poll(() => statusesInList(queue)).toMatchObject({ 'CC26-000101': 'denied', 'CC26-000103': 'paid', 'CC26-000105': 'paid', 'CC26-000102': 'paid', 'CC26-000104': 'draft' });

    // The denial is in the worklist, owned by coding; coding only keeps it.
    await queue.getByTestId('tab-denials').click();
    const item = queue.locator(`[data-testid="worklist-item"][data-claim="${DENIED}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-label')).toBe('CO-11');
    expect(await item.getAttribute('data-owner')).toBe('coding');
    expect(await item.innerText()).toMatch(/Coding/);
    await queue.getByTestId('worklist-coding-only').check();
    await expect.poll(() => queue.getByTestId('worklist-item').count()).toBe(1);
    await queue.getByTestId('worklist-group').selectOption('payer');
    await expect.poll(() => queue.locator('.worklist-group-title').first().getAttribute('data-group')).toBe(denied.payer.name);
    await queue.getByTestId('worklist-group').selectOption('category');

    // By keyboard: the list takes focus, Enter opens the chart audit.
    await queue.getByTestId('worklist').focus();
    await queue.keyboard.press('Enter');
    const audit = queue.getByTestId('chart-audit');
    await audit.waitFor();
    await expect.poll(() => audit.getByTestId('audit-status').textContent()).toBe('Denied');
    expect(await audit.getByTestId('audit-denials').innerText()).toMatch(/CO-11/);
    const evidence = denied.diagnoses[0]!.evidence![0]!.text;
    expect(await audit.getByTestId('audit-diagnoses').innerText()).toContain(evidence);
    const suggestions = audit.getByTestId('audit-suggestions');
    await suggestions.waitFor({ timeout: 15_000 });
    expect(await suggestions.locator('li').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Review the pointers of line 1 \(99214\)/)]));

    // Back to the list and in again, by keyboard: the list keeps its place.
    await audit.getByTestId('audit-back').click();
    await expect.poll(() => queue.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('worklist');
    await queue.keyboard.press('Enter');
    await audit.getByTestId('audit-suggestions').waitFor({ timeout: 15_000 });

    // The coder points the venipuncture at a second diagnosis, saves and marks it corrected.
    const pointers = audit.getByLabel('Line 2 diagnosis pointers (letters A–L)');
    await pointers.fill('A D');
    await pointers.press('Tab');
    await audit.getByTestId('save-encounter').click();
    await expect.poll(() => audit.getByTestId('audit-message').textContent()).toBe(`Saved ${DENIED}.`);
    await expect.poll(() => audit.locator('[data-testid="audit-lines"] tr[data-line="2"]').innerText()).toMatch(/A E11\.65, D E78\.5/);
    await audit.getByTestId('audit-mark-corrected').click();
    await expect.poll(() => audit.getByTestId('audit-status').textContent()).toBe('Corrected');

    // Back to the queue: a new 837P resends it.
    await audit.getByTestId('audit-encounters').click();
    await queue.locator('[data-testid="queue-count"][data-complete="true"]').waitFor();
    const row = queue.locator(`[data-encounter-id="${denied.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('corrected');
    await row.click();
    const [resend] = await Promise.all([queue.waitForEvent('download'), queue.getByTestId('export-837p').click()]);
    const resent = new X12Parser(true).parse(readFileSync((await resend.path())!, 'utf8')) as X12Interchange;
    expect(resent.functionalGroups[0]!.transactions[0]!.segments.filter((s) => s.tag === 'CLM').map((s) => s.elements[0]!.value)).toEqual([DENIED]);
    await expect.poll(() => row.getAttribute('data-status')).toBe('resent');

    // The audit log links the denial, the correction and the resend, in that order.
    await row.dblclick();
    const detail = queue.getByTestId('encounter-detail');
    await detail.waitFor();
    // Each entry as its action; a status change as the status it moved to (the "New" cell of its table).
    const steps = async () =>
      (
        await detail
          .getByTestId('audit-log')
          .locator('li')
          .evaluateAll((els) => els.map((e) => (e.getAttribute('data-action') === 'status' ? `status:${e.querySelector('tbody tr td:last-child')?.textContent}` : e.getAttribute('data-action'))))
      ).filter((s) => ['remittance', 'edited', 'status:corrected', 'status:resent'].includes(s ?? ''));
    await expect.poll(steps).toEqual(['remittance', 'edited', 'status:corrected', 'status:resent']);
    const log = await detail.getByTestId('audit-log').innerText();
    expect(log).toMatch(/remittance — remit-0001\.835: exported → denied \(CO-11/);
    expect(log).toContain('lines[1].pointers');
    await queue.close();
  });

  it('settings page: what changed between the two ICD-10-CM releases, with the unlocked queue checked, then locked', async () => {
    const options = await session.openPage('options.html');
    await options.getByTestId('what-changed-run').click();
    const icd = options.locator('[data-testid="what-changed-report"] article[data-system="icd10cm"]');
    await icd.waitFor({ timeout: 60_000 });
    expect(Number(await icd.getAttribute('data-added'))).toBeGreaterThan(0);
    expect(await icd.locator('h3').innerText()).toMatch(/ICD-10-CM FY2025.* → FY2026/);
    // The queue was unlocked in the first test (its key is in session storage), so encounters were checked.
    expect(await options.getByTestId('what-changed-locked').count()).toBe(0);
    expect(await options.getByTestId('what-changed-report').innerText()).toMatch(/Queued encounters/);

    // Locked queue: the page says so instead of checking encounters.
    const queue = await session.openPage('queue.html');
    await queue.getByTestId('lock').click();
    await queue.getByTestId('vault-passphrase').waitFor();
    await queue.close();
    await options.getByTestId('what-changed-run').click();
    await expect.poll(() => options.getByTestId('what-changed-locked').textContent(), { timeout: 60_000 }).toBe('Unlock the billing queue to check queued encounters.');
    await options.close();
  });
});
