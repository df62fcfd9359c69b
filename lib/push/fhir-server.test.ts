// The in-process FHIR server the push tests rely on: checks that it is a real FHIR server on the points that
// matter (conditional create is idempotent, search by identifier) and that its faults behave as described.
import { afterEach, describe, expect, it } from 'vitest';
import { numberedEncounter, syntheticEncounter } from '../../test/support/encounters';
import { startFhirServer, type FhirServer } from '../../test/support/fhir-server';
import { encounterToFhirBundle } from '../export/fhir-bundle';
import { CLAIM_ID_SYSTEM, simpleClaimBundle } from '../../test/support/push';

let server: FhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server!.url}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer secret', 'content-type': 'application/fhir+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { resourceType: string; id?: string; total?: number; entry?: { response?: { status?: string; location?: string } }[]; issue?: { diagnostics?: string }[] } };
};
const search = async (query: string) => {
  const res = await fetch(`${server!.url}/Claim?${query}`, { headers: { authorization: 'Bearer secret' } });
  return (await res.json()) as { total?: number; entry?: unknown[] };
};

describe('in-process FHIR server', () => {
  it('creates once when the same transaction with ifNoneExist is posted twice', async () => {
    server = await startFhirServer({ token: 'secret' });
    const bundle = simpleClaimBundle(numberedEncounter(1));
    const first = await post('/', bundle);
    const second = await post('/', bundle);
    expect(first.status).toBe(200);
    expect(first.body.entry?.at(-1)?.response?.status).toBe('201');
    expect(second.body.entry?.at(-1)?.response?.status).toBe('200');
    expect(second.body.entry?.at(-1)?.response?.location).toBe(first.body.entry?.at(-1)?.response?.location);
    const found = await search(`identifier=${CLAIM_ID_SYSTEM}|CC00000001`);
    expect(found.entry).toHaveLength(1);
    expect((await server.claims()).length).toBe(1);
  });

  it('creates the resources of an exported encounter Bundle once, however often it is posted', async () => {
    server = await startFhirServer({ token: 'secret' });
    const e = syntheticEncounter();
    const first = await post('/', encounterToFhirBundle(e));
    // A fresh export of the same encounter has new urn:uuid placeholders but the same identifiers.
    const second = await post('/', encounterToFhirBundle(e));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.entry?.map((x) => x.response?.location)).toEqual(first.body.entry?.map((x) => x.response?.location));
    const count = async (resourceType: string) => (await server!.repo.searchResources({ resourceType: resourceType as 'Patient' })).length;
    expect(await count('Claim')).toBe(1);
    expect(await count('Patient')).toBe(1);
    expect(await count('Condition')).toBe(e.diagnoses.length);
    expect(await count('Encounter')).toBe(1);
  });

  it('honours If-None-Exist on POST /Claim', async () => {
    server = await startFhirServer({ token: 'secret' });
    const claim = { resourceType: 'Claim', status: 'active', identifier: [{ system: CLAIM_ID_SYSTEM, value: 'X1' }] };
    const headers = { 'if-none-exist': `identifier=${CLAIM_ID_SYSTEM}|X1` };
    const a = await post('/Claim', claim, headers);
    const b = await post('/Claim', claim, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect((await server.claimIdentifierCounts()).get('X1')).toBe(1);
  });

  it('answers 401 with an OperationOutcome for a wrong token', async () => {
    server = await startFhirServer({ token: 'right' });
    const res = await post('/', simpleClaimBundle(numberedEncounter(1)));
    expect(res.status).toBe(401);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect((await server.claims()).length).toBe(0);
  });

  it('in strict transaction mode refuses more than 8 entries with conditional creates, as Medplum does', async () => {
    server = await startFhirServer({ token: 'secret', transactions: true });
    const e = numberedEncounter(2);
    e.diagnoses = ['E11.9', 'I10', 'E78.5', 'J45.909', 'M54.50'].map((code) => ({ code }));
    const res = await post('/', simpleClaimBundle(e));
    expect(res.status).toBe(400);
    expect((await server.claims()).length).toBe(0);
  });

  it('fails the next N requests without committing them, then recovers', async () => {
    server = await startFhirServer({ token: 'secret', faults: { failNext: 2 } });
    const bundle = simpleClaimBundle(numberedEncounter(1));
    expect((await post('/', bundle)).status).toBe(500);
    expect((await post('/', bundle)).status).toBe(500);
    expect((await server.claims()).length).toBe(0);
    expect((await post('/', bundle)).status).toBe(200);
    expect(server.requests).toBe(3);
  });

  it('commits and then drops the connection when told to', async () => {
    server = await startFhirServer({ token: 'secret', faults: { dropAfterCommitNext: 1 } });
    await expect(post('/', simpleClaimBundle(numberedEncounter(1)))).rejects.toThrow();
    expect(server.dropped).toBe(1);
    expect((await server.claimIdentifierCounts()).get('CC00000001')).toBe(1);
  });

  it('draws random failures from its seed, so a run can be replayed', async () => {
    const pattern = async (): Promise<number[]> => {
      server = await startFhirServer({ token: 'secret', faults: { failRate: 0.5, seed: 42 } });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await post('/', simpleClaimBundle(numberedEncounter(i)))).status);
      await server.close();
      server = undefined;
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });
});
