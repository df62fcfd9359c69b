/** `npx tsx scripts/screenshots.ts`: refreshes the README screenshots from the test build in headless Chromium. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension } from '../test/e2e/harness';

const docs = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs');
const session = await launchExtension();
try {
  const options = await session.openPage('options.html');
  await options.setViewportSize({ width: 1200, height: 860 });
  await options.getByText(/Code sets ready/).waitFor({ timeout: 60_000 });
  await options.getByRole('textbox', { name: 'Code', exact: true }).fill('S72.001A');
  await options.getByRole('button', { name: 'Look up' }).click();
  await options.getByTestId('lookup-result').waitFor();
  await options.screenshot({ path: join(docs, 'screenshot-options.png'), fullPage: true });
  console.log(`Wrote ${join(docs, 'screenshot-options.png')}`);
} finally {
  await session.close();
}
