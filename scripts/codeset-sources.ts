import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downloadRelease } from '../lib/codesets/download';
import { OFFICIAL_RELEASES, fileNameOf } from '../lib/codesets/official-sources';
import type { ReleaseFile } from '../lib/codesets/release';

/** Where the code-set pipeline reads official files from, in the order the issue sets. */
export type SourceLocation =
  | { kind: 'directory' | 'file'; path: string; why: string }
  | { kind: 'url'; url: string; why: string }
  | { kind: 'mirror'; baseUrl: string; why: string }
  | { kind: 'official'; why: string };

/** Picks the source: `--from` path or URL, then CODESETS_DIR, then ../shared/codesets, then the official URLs. */
export function resolveSource(from: string | undefined, env: NodeJS.ProcessEnv, repoRoot: string): SourceLocation {
  if (from) {
    if (/^https?:\/\//.test(from)) {
      return from.endsWith('/') ? { kind: 'mirror', baseUrl: from, why: '--from (mirror of the official files)' } : { kind: 'url', url: from, why: '--from' };
    }
    const path = resolve(from);
    if (!existsSync(path)) throw new Error(`--from ${from}: no such file or folder`);
    return { kind: statSync(path).isDirectory() ? 'directory' : 'file', path, why: '--from' };
  }
  if (env.CODESETS_DIR) {
    if (!existsSync(env.CODESETS_DIR)) throw new Error(`CODESETS_DIR=${env.CODESETS_DIR}: no such folder`);
    return { kind: 'directory', path: resolve(env.CODESETS_DIR), why: 'CODESETS_DIR' };
  }
  const shared = resolve(repoRoot, '../shared/codesets');
  if (existsSync(shared)) return { kind: 'directory', path: shared, why: '../shared/codesets' };
  return { kind: 'official', why: 'no local copy found; downloading the official CDC/CMS releases' };
}

/** Reads every candidate file of a source into memory (documents such as PDFs are skipped by name). */
export async function readSource(source: SourceLocation, log: (line: string) => void = () => {}): Promise<ReleaseFile[]> {
  switch (source.kind) {
    case 'directory':
      return walk(source.path).map((path) => ({ name: path, bytes: readFileSync(path) }));
    case 'file':
      return [{ name: source.path, bytes: readFileSync(source.path) }];
    case 'url':
      return downloadRelease([source.url], { onProgress: progressLogger(log) });
    case 'mirror':
      return downloadRelease(OFFICIAL_RELEASES.map((r) => new URL(encodeURIComponent(fileNameOf(r.url)), source.baseUrl).href), { onProgress: progressLogger(log) });
    case 'official':
      return downloadRelease(OFFICIAL_RELEASES.map((r) => r.url), { onProgress: progressLogger(log) });
  }
}

const DOCUMENTS = /\.(pdf|xlsx|xls|docx|doc|md|png|jpe?g)$/i;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && !DOCUMENTS.test(entry.name)) out.push(path);
  }
  return out.sort();
}

function progressLogger(log: (line: string) => void) {
  let lastShown = 0;
  return (url: string, received: number, total: number | undefined) => {
    if (received - lastShown < 1_000_000 && received !== total) return;
    lastShown = received;
    log(`  ${fileNameOf(url)}: ${(received / 1e6).toFixed(1)} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}`);
  };
}
