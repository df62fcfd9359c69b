/**
 * Popup cold start in real Chromium: from opening popup.html to the first results of a typed query on screen,
 * with the saved search index in IndexedDB (as after install). Median of several opens.
 */
import { launchExtension } from '../test/e2e/harness';

export interface PopupBench {
  opens: number;
  /** Navigation start → index loaded and ready to search (performance mark in the popup). */
  indexReadyMs: { p50: number; max: number };
  /** Navigation start → first result row of "afib" rendered (typing time included). */
  firstResultsMs: { p50: number; max: number };
}

/** Opens the popup `opens` times in one browser and times each (needs `npm run build:test`). */
export async function benchPopup(opens = 7): Promise<PopupBench> {
  const session = await launchExtension();
  try {
    const options = await session.openPage('options.html');
    await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
    // Let the background save the search index, as it does after every load.
    await options.waitForTimeout(3000);
    const ready: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < opens; i++) {
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.waitForFunction(() => document.activeElement?.id === 'code-search-input');
      await popup.keyboard.type('afib');
      await popup.locator('[role=option][data-code="I48.91"]').first().waitFor();
      const times = await popup.evaluate(() => ({
        ready: performance.getEntriesByName('chart-coder:search-ready')[0]?.startTime ?? NaN,
        now: performance.now(),
      }));
      ready.push(times.ready);
      first.push(times.now);
      await popup.close();
    }
    const stat = (xs: number[]) => ({ p50: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, max: Math.max(...xs) });
    return { opens, indexReadyMs: stat(ready), firstResultsMs: stat(first) };
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPopup(), null, 2));
}
