import { afterEach, describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { clearFhirEndpoint, FHIR_ENDPOINT_KEY, loadFhirEndpoint, saveFhirEndpoint, validateFhirEndpoint } from './settings';

let db: CoderDB | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('validateFhirEndpoint', () => {
  it('accepts https anywhere and http only for this machine, without the trailing slash', () => {
    expect(validateFhirEndpoint({ baseUrl: ' https://billing.example.org/fhir/R4/ ', token: ' abc ' })).toEqual({ ok: true, endpoint: { baseUrl: 'https://billing.example.org/fhir/R4', token: 'abc' } });
    expect(validateFhirEndpoint({ baseUrl: 'http://localhost:8103/fhir/R4', token: 't' }).ok).toBe(true);
    expect(validateFhirEndpoint({ baseUrl: 'http://127.0.0.1:9000', token: 't' }).ok).toBe(true);
  });

  it('explains what is wrong', () => {
    const http = validateFhirEndpoint({ baseUrl: 'http://billing.example.org/fhir', token: 't' });
    expect(http.ok === false && http.errors).toEqual([expect.stringMatching(/https:\/\/.*localhost/)]);
    const bad = validateFhirEndpoint({ baseUrl: 'billing.example.org', token: '' });
    expect(bad.ok === false && bad.errors).toEqual([expect.stringMatching(/not a URL/), 'The access token is empty.']);
    expect(validateFhirEndpoint({ baseUrl: 'ftp://x.org', token: 't' }).ok).toBe(false);
    expect(validateFhirEndpoint({ baseUrl: 'https://u:p@x.org', token: 't' }).ok).toBe(false);
    expect(validateFhirEndpoint({ baseUrl: 'https://x.org', token: 'Bearer abc' }).ok).toBe(false);
    expect(validateFhirEndpoint(null).ok).toBe(false);
  });
});

describe('stored endpoint', () => {
  it('saves, loads and clears under settings key fhirEndpoint', async () => {
    db = new CoderDB('push-settings-test');
    expect(await loadFhirEndpoint(db)).toBeUndefined();
    await saveFhirEndpoint(db, { baseUrl: 'https://billing.example.org/fhir/', token: 'tok' });
    expect((await db.settings.get(FHIR_ENDPOINT_KEY))?.value).toEqual({ baseUrl: 'https://billing.example.org/fhir', token: 'tok' });
    expect(await loadFhirEndpoint(db)).toEqual({ baseUrl: 'https://billing.example.org/fhir', token: 'tok' });
    await clearFhirEndpoint(db);
    expect(await loadFhirEndpoint(db)).toBeUndefined();
  });

  it('refuses to store an invalid endpoint and keeps the old one', async () => {
    db = new CoderDB('push-settings-test-2');
    await saveFhirEndpoint(db, { baseUrl: 'https://a.example.org', token: 'tok' });
    await expect(saveFhirEndpoint(db, { baseUrl: 'http://b.example.org', token: 'tok' })).rejects.toThrow(/https/);
    expect((await loadFhirEndpoint(db))?.baseUrl).toBe('https://a.example.org');
  });
});
