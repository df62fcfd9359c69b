/**
 * Sends one transaction Bundle to the billing team's FHIR R4 server and says what happened in terms the
 * outbox can act on: sent (with the Claim's server id), worth retrying, or never going to work.
 */

/** The part of a FHIR Bundle the pusher relies on; any R4 Bundle fits. */
export interface FhirBundle {
  resourceType: 'Bundle';
  type?: string;
  entry?: readonly FhirBundleEntry[];
}
interface FhirBundleEntry {
  fullUrl?: string;
  resource?: { resourceType: string; id?: string };
  response?: { status?: string; location?: string; outcome?: unknown };
}

export type PushOutcome =
  /** The server created the Claim or found it already there (conditional create). */
  | { kind: 'success'; status: number; serverId: string }
  /** Network error, timeout, 408, 429, 5xx: the same request may well work later. */
  | { kind: 'retryable'; error: string; status?: number; retryAfterMs?: number }
  /** Any other 4xx, or an answer we cannot use: sending it again will not help. */
  | { kind: 'permanent'; error: string; status?: number }
  /** The caller's signal stopped the request; nothing is known about what the server did. */
  | { kind: 'aborted' };

export interface FhirClient {
  /** POSTs a transaction (or batch) Bundle to the base URL. Never throws; every failure is an outcome. */
  sendTransaction(bundle: FhirBundle, signal?: AbortSignal): Promise<PushOutcome>;
}

export interface FhirClientOptions {
  /** FHIR base URL, e.g. https://billing.example.org/fhir/R4. */
  baseUrl: string;
  token: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** For Retry-After given as an HTTP date. */
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A server asking for more than a day is not honoured literally. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export function createFhirClient(options: FhirClientOptions): FhirClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const url = options.baseUrl.replace(/\/+$/, '') || options.baseUrl;

  return {
    async sendTransaction(bundle, signal) {
      if (signal?.aborted) return { kind: 'aborted' };
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const onAbort = (): void => timeout.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/fhir+json',
            accept: 'application/fhir+json',
          },
          body: JSON.stringify(bundle),
          signal: timeout.signal,
        });
        const text = await res.text();
        return classifyResponse(res.status, res.statusText, res.headers.get('retry-after'), text, bundle, now());
      } catch (err) {
        if (signal?.aborted) return { kind: 'aborted' };
        if (timeout.signal.aborted) return { kind: 'retryable', error: `No answer from the FHIR server within ${formatSeconds(timeoutMs)} (timed out)` };
        return { kind: 'retryable', error: `Network error reaching the FHIR server: ${networkErrorText(err)}` };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** Turns an HTTP answer into an outcome. Exported for tests of the edge cases no real server produces on demand. */
export function classifyResponse(status: number, statusText: string, retryAfter: string | null, text: string, sent: FhirBundle, nowMs: number): PushOutcome {
  const body = parseJson(text);
  const label = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 200 || status === 201) {
    if (!isBundle(body)) return { kind: 'permanent', status, error: `${label} but the answer is not a FHIR Bundle` };
    return classifyBundleResponse(status, body, sent);
  }
  const detail = operationOutcomeText(body);
  const error = detail ? `${label}: ${detail}` : label;
  if (status === 401 || status === 403) {
    return { kind: 'permanent', status, error: `The FHIR server refused the credentials (${error}); check the endpoint token in settings` };
  }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return retryAfterMs === undefined ? { kind: 'retryable', status, error } : { kind: 'retryable', status, error, retryAfterMs };
  }
  return { kind: 'permanent', status, error };
}

/** A transaction answers entry for entry in request order; a batch may fail some entries with 200 overall. */
function classifyBundleResponse(status: number, body: FhirBundle, sent: FhirBundle): PushOutcome {
  const entries = body.entry ?? [];
  for (const [i, entry] of entries.entries()) {
    const entryStatus = parseInt(entry.response?.status ?? '', 10);
    if (Number.isFinite(entryStatus) && entryStatus >= 400) {
      const what = sent.entry?.[i]?.resource?.resourceType ?? `entry ${i}`;
      const detail = operationOutcomeText(entry.response?.outcome) ?? operationOutcomeText(entry.resource);
      const error = `The FHIR server refused the ${what} (HTTP ${entryStatus})${detail ? `: ${detail}` : ''}`;
      const retryable = entryStatus === 408 || entryStatus === 429 || entryStatus >= 500;
      return { kind: retryable ? 'retryable' : 'permanent', status: entryStatus, error };
    }
  }
  const claimIndex = sent.entry?.findIndex((e) => e.resource?.resourceType === 'Claim') ?? -1;
  const serverId = claimIndex >= 0 ? claimIdFrom(entries[claimIndex]) : undefined;
  const found = serverId ?? entries.map(claimIdFrom).find((id) => id !== undefined);
  if (!found) return { kind: 'permanent', status, error: `HTTP ${status} but the answer names no Claim (was a Claim in the Bundle?)` };
  return { kind: 'success', status, serverId: found };
}

function claimIdFrom(entry: FhirBundleEntry | undefined): string | undefined {
  const location = entry?.response?.location;
  // "Claim/123", "Claim/123/_history/1" or an absolute URL ending so.
  const match = location ? /(?:^|\/)Claim\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(location) : null;
  if (match?.[1]) return match[1];
  if (entry?.resource?.resourceType === 'Claim' && entry.resource.id) return entry.resource.id;
  return undefined;
}

/** Retry-After is either seconds or an HTTP date; answers ms from now, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = parseInt(trimmed, 10) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The diagnostics (or details text) of an OperationOutcome's issues, joined; undefined for anything else. */
export function operationOutcomeText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'OperationOutcome') return undefined;
  const issues = (body as { issue?: unknown }).issue;
  if (!Array.isArray(issues)) return undefined;
  const parts = issues
    .map((issue: { diagnostics?: unknown; details?: { text?: unknown }; expression?: unknown }) => {
      const text = typeof issue?.diagnostics === 'string' ? issue.diagnostics : typeof issue?.details?.text === 'string' ? issue.details.text : undefined;
      const where = Array.isArray(issue?.expression) && typeof issue.expression[0] === 'string' ? ` (${issue.expression[0]})` : '';
      return text ? text + where : undefined;
    })
    .filter((t): t is string => !!t);
  return parts.length ? parts.join('; ') : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isBundle(body: unknown): body is FhirBundle {
  return !!body && typeof body === 'object' && (body as { resourceType?: unknown }).resourceType === 'Bundle';
}

function networkErrorText(err: unknown): string {
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error('other side closed', code) }).
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : err instanceof Error ? err.message : String(err);
  return code ? `${message} (${code})` : message;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
