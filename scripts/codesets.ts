/**
 * `npm run codesets [-- --from <path|url>] [--out <dir>]`: reads the official releases and writes the
 * versioned bundles the extension ships (public/codesets/, never committed: they derive from official files).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBundle, isCodeSetBundle } from '../lib/codesets/bundle';
import { sha256Hex } from '../lib/codesets/hash';
import { buildBundles } from '../lib/codesets/release';
import { BUNDLE_FORMAT_VERSION, type BundleManifest } from '../lib/codesets/types';
import { readSource, resolveSource } from './codeset-sources';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds bundles from the resolved source into `outDir` and returns the manifest written. */
export async function buildCodeSets(args: { from?: string; outDir?: string; log?: (line: string) => void }): Promise<BundleManifest> {
  const log = args.log ?? ((line: string) => console.log(line));
  const outDir = resolve(args.outDir ?? join(repoRoot, 'public/codesets'));
  const source = resolveSource(args.from, process.env, repoRoot);
  log(`Reading official code sets from ${'path' in source ? source.path : 'url' in source ? source.url : 'baseUrl' in source ? source.baseUrl : 'CDC/CMS'} (${source.why})`);
  const started = performance.now();
  const files = await readSource(source, log);
  const builtinCpt = JSON.parse(readFileSync(join(repoRoot, 'assets/cpt/common-cpt.json'), 'utf8'));
  const { bundles, report } = await buildBundles(files, { builtinCpt });
  for (const line of report) log(`  ${line}`);

  // Write into a fresh folder, then swap, so a failed build never leaves a half-written set behind.
  const staging = `${outDir}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const manifest: BundleManifest = { formatVersion: BUNDLE_FORMAT_VERSION, builtAt: new Date().toISOString(), files: [] };
  for (const bundle of bundles) {
    const bytes = encodeBundle(bundle);
    const file = `${bundle.id.replace(/[^A-Za-z0-9.-]+/g, '_')}.json.gz`;
    writeFileSync(join(staging, file), bytes);
    manifest.files.push({
      file,
      kind: isCodeSetBundle(bundle) ? 'codeset' : 'edits',
      id: bundle.id,
      system: isCodeSetBundle(bundle) ? bundle.system : undefined,
      version: isCodeSetBundle(bundle) ? bundle.version : bundle.mue.version,
      effectiveFrom: isCodeSetBundle(bundle) ? bundle.effectiveFrom : bundle.mue.effectiveFrom,
      effectiveTo: isCodeSetBundle(bundle) ? bundle.effectiveTo : bundle.mue.effectiveTo,
      bytes: bytes.length,
      sha256: await sha256Hex(bytes),
      counts: isCodeSetBundle(bundle) ? bundle.counts : { mue: bundle.mue.practitioner.length, mce: bundle.mce.entries.length, placeOfService: bundle.placeOfService.length },
      sources: bundle.sources,
    });
  }
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  const { renameSync } = await import('node:fs');
  renameSync(staging, outDir);
  const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  log(`Wrote ${manifest.files.length} bundles (${(total / 1e6).toFixed(2)} MB) to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCodeSets({ from: argValue(process.argv, '--from'), outDir: argValue(process.argv, '--out') }).catch((error: Error) => {
    console.error(`codesets: ${error.message}`);
    process.exit(1);
  });
}
