import type { CoderDB } from '../db/schema';

/** Where coded encounters are pushed: the billing team's FHIR R4 base URL and its bearer token. */
export interface FhirEndpoint {
  baseUrl: string;
  token: string;
}

export const FHIR_ENDPOINT_KEY = 'fhirEndpoint';

export type EndpointValidation = { ok: true; endpoint: FhirEndpoint } | { ok: false; errors: string[] };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks and normalises an endpoint: https only (the token and claims travel in the request), except plain
 * http to this machine for a local test server; a non-empty token. The base URL loses its trailing slash.
 */
export function validateFhirEndpoint(input: unknown): EndpointValidation {
  const errors: string[] = [];
  const value = (input && typeof input === 'object' ? input : {}) as { baseUrl?: unknown; token?: unknown };
  const rawUrl = typeof value.baseUrl === 'string' ? value.baseUrl.trim() : '';
  const token = typeof value.token === 'string' ? value.token.trim() : '';
  let baseUrl = '';
  if (!rawUrl) errors.push('The FHIR server URL is empty.');
  else {
    let url: URL | undefined;
    try {
      url = new URL(rawUrl);
    } catch {
      errors.push(`"${rawUrl}" is not a URL; write it in full, e.g. https://billing.example.org/fhir/R4.`);
    }
    if (url) {
      if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
        errors.push('The FHIR server URL must start with https:// (plain http:// is allowed only for localhost or 127.0.0.1).');
      } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        errors.push(`The FHIR server URL must use https://, not ${url.protocol}//.`);
      } else if (url.username || url.password) {
        errors.push('Put the credentials in the token field, not in the URL.');
      } else if (url.search || url.hash) {
        errors.push('The FHIR server URL is a base URL: remove the ?query or #fragment.');
      } else {
        baseUrl = url.href.replace(/\/+$/, '');
      }
    }
  }
  if (!token) errors.push('The access token is empty.');
  else if (/\s/.test(token)) errors.push('The access token contains spaces; paste only the token (without "Bearer").');
  return errors.length ? { ok: false, errors } : { ok: true, endpoint: { baseUrl, token } };
}

/** Validates and stores the endpoint; throws an Error listing what is wrong instead of storing bad input. */
export async function saveFhirEndpoint(db: CoderDB, input: FhirEndpoint): Promise<FhirEndpoint> {
  const result = validateFhirEndpoint(input);
  if (!result.ok) throw new Error(result.errors.join(' '));
  await db.settings.put({ key: FHIR_ENDPOINT_KEY, value: result.endpoint });
  return result.endpoint;
}

/** The stored endpoint, or undefined when none is set or the stored row no longer validates. */
export async function loadFhirEndpoint(db: CoderDB): Promise<FhirEndpoint | undefined> {
  const row = await db.settings.get(FHIR_ENDPOINT_KEY);
  if (!row) return undefined;
  const result = validateFhirEndpoint(row.value);
  return result.ok ? result.endpoint : undefined;
}

export async function clearFhirEndpoint(db: CoderDB): Promise<void> {
  await db.settings.delete(FHIR_ENDPOINT_KEY);
}
