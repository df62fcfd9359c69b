/** Builds the code-set bundles if they are missing, so `npm run build` works on a fresh checkout. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCodeSets } from './codesets';

const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public/codesets');
if (!existsSync(join(out, 'manifest.json'))) {
  await buildCodeSets({ outDir: out });
}
