import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBundle, type AnyBundle } from '../lib/codesets/bundle';
import { CodeSetCatalog } from '../lib/codesets/catalog';
import { CodeSearch } from '../lib/search';
import type { BundleManifest } from '../lib/codesets/types';
import { buildCodeSets } from '../scripts/codesets';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder `npm run codesets` writes to (CODESETS_OUT overrides, for tests). */
export function bundleDir(): string {
  return resolve(process.env.CODESETS_OUT ?? join(repoRoot, 'public/codesets'));
}

/** Reads the built bundles, building them first (to stderr) when they are missing. */
export async function loadBundles(): Promise<AnyBundle[]> {
  const dir = bundleDir();
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error('No code-set bundles yet: building them now (npm run codesets)…');
    await buildCodeSets({ outDir: dir, log: (line) => console.error(line) });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
  return manifest.files.map((f) => decodeBundle(readFileSync(join(dir, f.file)), f.file));
}

/** An in-memory catalogue of the built bundles. */
export async function loadCatalog(): Promise<CodeSetCatalog> {
  return new CodeSetCatalog(await loadBundles());
}

/** A code search over the releases in force on a date (ICD-10-CM year, newest HCPCS, CPT list). */
export function searchFor(catalog: CodeSetCatalog, dateOfService?: string): CodeSearch {
  const sets = (['icd10cm', 'hcpcs', 'cpt'] as const).map((system) => catalog.setFor(system, dateOfService)).filter((s) => s !== undefined);
  return CodeSearch.build(sets.flatMap((s) => s.codes));
}
