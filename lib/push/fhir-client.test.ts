import { afterEach, describe, expect, it } from 'vitest';
import { startFhirServer, type FhirServer } from '../../test/support/fhir-server';
import { classifyResponse, createFhirClient, operationOutcomeText, parseRetryAfter, type FhirBundle } from './fhir-client';
import { numberedEncounter } from '../../test/support/encounters';
import { simpleClaimBundle } from '../../test/support/push';

let server: FhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const bundle = simpleClaimBundle(numberedEncounter(1));

describe('createFhirClient against the in-process server', () => {
  it('takes the Claim id from the transaction response, the same id on a repeat', async () => {
    server = await startFhirServer({ token: 'secret' });
    const client = createFhirClient({ baseUrl: `${server.url}/`, token: 'secret' });
    const first = await client.sendTransaction(bundle);
    const second = await client.sendTransaction(bundle);
    const [claim] = await server.claims();
    expect(first).toEqual({ kind: 'success', status: 200, serverId: claim!.id });
    expect(second).toEqual(first);
  });

  it('calls a wrong token a permanent failure and says to check the token', async () => {
    server = await startFhirServer({ token: 'secret' });
    const outcome = await createFhirClient({ baseUrl: server.url, token: 'wrong' }).sendTransaction(bundle);
    expect(outcome.kind).toBe('permanent');
    expect(outcome).toMatchObject({ status: 401 });
    expect(outcome.kind === 'permanent' && outcome.error).toMatch(/401.*Invalid or missing bearer token.*token/);
  });

  it('calls a 500 retryable with the server diagnostics', async () => {
    server = await startFhirServer({ token: 'secret', faults: { failNext: 1 } });
    const outcome = await createFhirClient({ baseUrl: server.url, token: 'secret' }).sendTransaction(bundle);
    expect(outcome).toMatchObject({ kind: 'retryable', status: 500 });
    expect(outcome.kind === 'retryable' && outcome.error).toContain('Injected failure');
  });

  it('reads Retry-After on a 429', async () => {
    server = await startFhirServer({ token: 'secret', faults: { throttleNext: 1, retryAfterSeconds: 7 } });
    const outcome = await createFhirClient({ baseUrl: server.url, token: 'secret' }).sendTransaction(bundle);
    expect(outcome).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 7000 });
  });

  it('times out a slow answer as retryable', async () => {
    server = await startFhirServer({ token: 'secret', faults: { delayMs: 2000 } });
    const outcome = await createFhirClient({ baseUrl: server.url, token: 'secret', timeoutMs: 100 }).sendTransaction(bundle);
    expect(outcome.kind).toBe('retryable');
    expect(outcome.kind === 'retryable' && outcome.error).toMatch(/timed out/);
  });

  it('calls a connection dropped after commit a retryable network error', async () => {
    server = await startFhirServer({ token: 'secret', faults: { dropAfterCommitNext: 1 } });
    const outcome = await createFhirClient({ baseUrl: server.url, token: 'secret' }).sendTransaction(bundle);
    expect(outcome.kind).toBe('retryable');
    expect(outcome.kind === 'retryable' && outcome.error).toMatch(/^Network error/);
  });

  it('calls an unreachable server retryable', async () => {
    server = await startFhirServer({});
    const url = server.url;
    await server.close();
    server = undefined;
    const outcome = await createFhirClient({ baseUrl: url, token: 'secret' }).sendTransaction(bundle);
    expect(outcome.kind).toBe('retryable');
  });

  it('answers aborted when the caller stops it', async () => {
    server = await startFhirServer({ token: 'secret', faults: { delayMs: 2000 } });
    const stop = new AbortController();
    const pending = createFhirClient({ baseUrl: server.url, token: 'secret' }).sendTransaction(bundle, stop.signal);
    setTimeout(() => stop.abort(), 50);
    expect(await pending).toEqual({ kind: 'aborted' });
  });
});

describe('classifyResponse', () => {
  const sent: FhirBundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Claim' } }] };
  const oo = (text: string) => JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: text, expression: ['Claim.item[0]'] }] });

  it('records the OperationOutcome of a 400 as a permanent error', () => {
    expect(classifyResponse(400, 'Bad Request', null, oo('item.productOrService is required'), sent, 0)).toEqual({
      kind: 'permanent',
      status: 400,
      error: 'HTTP 400 Bad Request: item.productOrService is required (Claim.item[0])',
    });
  });

  it('treats 408 and 503 as retryable, with Retry-After as an HTTP date', () => {
    expect(classifyResponse(408, '', null, '', sent, 0).kind).toBe('retryable');
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(classifyResponse(503, '', 'Fri, 27 Nov 2026 10:00:30 GMT', '', sent, now)).toMatchObject({ kind: 'retryable', retryAfterMs: 30_000 });
  });

  it('takes the Claim id from its own entry, with or without _history', () => {
    const body = JSON.stringify({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [{ response: { status: '201', location: 'Patient/p1' } }, { response: { status: '201 Created', location: 'https://x.org/fhir/Claim/c-9/_history/1' } }],
    });
    expect(classifyResponse(200, '', null, body, sent, 0)).toEqual({ kind: 'success', status: 200, serverId: 'c-9' });
  });

  it('fails a batch answer that refused an entry, naming the resource', () => {
    const body = JSON.stringify({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ response: { status: '201', location: 'Patient/p1' } }, { response: { status: '422', outcome: JSON.parse(oo('bad claim')) } }],
    });
    expect(classifyResponse(200, '', null, body, sent, 0)).toEqual({ kind: 'permanent', status: 422, error: 'The FHIR server refused the Claim (HTTP 422): bad claim (Claim.item[0])' });
  });

  it('does not call a 200 without a Bundle or without a Claim a success', () => {
    expect(classifyResponse(200, 'OK', null, '<html>proxy login</html>', sent, 0)).toMatchObject({ kind: 'permanent' });
    const noClaim = JSON.stringify({ resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '201', location: 'Patient/p1' } }] });
    expect(classifyResponse(200, 'OK', null, noClaim, sent, 0)).toMatchObject({ kind: 'permanent' });
  });
});

describe('helpers', () => {
  it('parseRetryAfter reads seconds and dates and ignores rubbish', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', 5000)).toBe(0);
  });

  it('operationOutcomeText falls back to details.text and ignores other resources', () => {
    expect(operationOutcomeText({ resourceType: 'OperationOutcome', issue: [{ details: { text: 'Not found' } }] })).toBe('Not found');
    expect(operationOutcomeText({ resourceType: 'Patient' })).toBeUndefined();
  });
});
