import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession, waitForCodeSets } from './harness';

describe('popup code search', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await waitForCodeSets(session);
  });
  afterAll(() => session?.close());

  /** Opens the popup and waits for the search box to have the focus, as a coder would before typing. */
  async function openSearch() {
    const popup = await session.openPage('popup.html');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('code-search-input');
    return popup;
  }

  it('opens with the cursor in the search box and finds codes while typing', async () => {
    const popup = await openSearch();
    const box = popup.getByRole('combobox', { name: 'Search codes' });
    await popup.keyboard.type('afib');
    await expect.poll(() => popup.locator('[role=option]').first().getAttribute('data-code')).toBe('I48.91');
    expect(await popup.getByTestId('result-count').textContent()).toMatch(/results for afib/);
    expect(await box.getAttribute('aria-activedescendant')).toBe('code-search-option-0');
    await popup.close();
  });

  it('picks with the keyboard, opens details, stars a favourite that is there after reopening', async () => {
    const popup = await openSearch();
    await popup.keyboard.type('diab ty 2 hyperg');
    await expect.poll(() => popup.locator('[role=option]').first().getAttribute('data-code')).toBe('E11.65');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    await expect.poll(() => popup.locator('[role=option][aria-selected=true]').getAttribute('data-code')).toBe('E11.65');
    await popup.keyboard.press('ArrowRight');
    const details = popup.getByTestId('code-details');
    await expect.poll(() => details.textContent()).toMatch(/E11\.65.*Billable.*FY2026/);
    await expect.poll(() => details.textContent()).toMatch(/Diabetes mellitus/);
    await popup.keyboard.press('Alt+S');
    await expect.poll(() => popup.getByTestId('search-status').textContent()).toBe('Added E11.65 to favourites');
    await popup.keyboard.press('Escape');
    await expect.poll(() => details.count()).toBe(0);
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByTestId('search-status').textContent()).toMatch(/E11\.65/);
    await popup.close();

    const again = await session.openPage('popup.html');
    await expect.poll(() => again.locator('[role=option]').first().getAttribute('data-code')).toBe('E11.65');
    expect(await again.locator('[role=option]').first().textContent()).toMatch(/★/);
    await again.close();
  });

  it('groups 7th-character variants and offers a picker', async () => {
    const popup = await openSearch();
    await popup.keyboard.type('S72.001');
    const first = popup.locator('[role=option]').first();
    await expect.poll(() => first.getAttribute('data-code')).toBe('S72.001');
    expect(await first.textContent()).toMatch(/\+7th/);
    await popup.keyboard.press('Enter');
    const picker = popup.getByRole('group', { name: '7th character' });
    await picker.getByRole('button').first().click();
    await expect.poll(() => popup.getByTestId('search-status').textContent()).toMatch(/S72\.001A/);
    await popup.close();
  });

  it('shows a code that exists in two systems in both, labelled', async () => {
    const popup = await openSearch();
    await popup.keyboard.type('J1100');
    await expect.poll(async () => (await popup.locator('[role=option]').evaluateAll((els) => els.slice(0, 2).map((e) => `${e.getAttribute('data-system')}:${e.getAttribute('data-code')}`))).sort()).toEqual(['hcpcs:J1100', 'icd10cm:J11.00']);
    await popup.close();
  });
});
