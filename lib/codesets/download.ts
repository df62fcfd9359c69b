import { CodeSetFormatError } from './parse-icd10cm-order';
import type { ReleaseFile } from './release';

/** Options for {@link downloadRelease}. */
export interface DownloadOptions {
  /** The fetch to use (tests and Node pass their own). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Attempts per file before giving up on network errors and 5xx answers. Default: 3. */
  attempts?: number;
  /** Called as bytes arrive, for progress bars. Default: none. */
  onProgress?: (url: string, received: number, total: number | undefined) => void;
}

/**
 * Downloads official release files. Refuses HTTP errors, HTML error pages and bodies cut short
 * (Content-Length mismatch) with a plain message, so nothing half-downloaded is ever imported.
 */
export async function downloadRelease(urls: string[], options: DownloadOptions = {}): Promise<ReleaseFile[]> {
  const opts = { ...defaultDownloadOptions, ...options };
  const files: ReleaseFile[] = [];
  for (const url of urls) files.push(await downloadOne(url, opts));
  return files;
}

async function downloadOne(url: string, opts: Required<Omit<DownloadOptions, 'onProgress'>> & DownloadOptions): Promise<ReleaseFile> {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'download');
  let lastError = '';
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    let response: Response;
    try {
      response = await opts.fetch(url, { redirect: 'follow' });
    } catch (error) {
      lastError = `could not connect (${(error as Error).message})`;
      continue;
    }
    if (response.status >= 500) {
      lastError = `the server answered ${response.status}`;
      continue;
    }
    if (!response.ok) throw new CodeSetFormatError(url, `the server answered ${response.status} ${response.statusText}`.trim());
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      throw new CodeSetFormatError(url, 'the server sent a web page instead of the file (moved, or behind a login?)');
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBody(url, response, opts.onProgress);
    } catch (error) {
      lastError = `the download stopped early (${(error as Error).message})`;
      continue;
    }
    const expected = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(expected) && !response.headers.get('content-encoding') && bytes.length !== expected) {
      throw new CodeSetFormatError(url, `the download stopped after ${bytes.length} of ${expected} bytes`);
    }
    return { name, bytes };
  }
  throw new CodeSetFormatError(url, `download failed after ${opts.attempts} attempts: ${lastError}`);
}

async function readBody(url: string, response: Response, onProgress: DownloadOptions['onProgress']): Promise<Uint8Array> {
  const total = Number(response.headers.get('content-length') ?? NaN);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress?.(url, received, Number.isFinite(total) ? total : undefined);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const defaultDownloadOptions: Required<Omit<DownloadOptions, 'onProgress'>> = {
  fetch: (...args) => fetch(...args),
  attempts: 3,
};
