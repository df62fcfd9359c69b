import { parseSearchRequest } from '@medplum/core';
import { FhirRouter, MemoryRepository, type FhirRequest } from '@medplum/fhir-router';
import type { Bundle, Claim, Coverage, Encounter, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { deepFreeze, syntheticEncounter, syntheticLine } from '../../test/support/encounters';
import { ExportRefusal } from './claim-shape';
import { encountersToFhirBundle, encounterToFhirBundle, FHIR_SYSTEMS } from './fhir-bundle';
import { expectValidTransaction, indexDefinitions } from './testing/validators';

function resources<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return bundle.entry!.filter((e) => e.resource!.resourceType === type).map((e) => e.resource as T);
}

function counter(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

describe('encounterToFhirBundle', () => {
  it('builds a valid transaction with Patient, Practitioner, Organizations, Coverage, Encounter, Conditions and Claim', () => {
    const e = syntheticEncounter();
    const bundle = encounterToFhirBundle(e);
    expectValidTransaction(bundle);
    expect(bundle.entry!.map((x) => x.resource!.resourceType)).toEqual(['Patient', 'Practitioner', 'Organization', 'Organization', 'Coverage', 'Condition', 'Condition', 'Encounter', 'Claim']);
    const byType = Object.fromEntries(bundle.entry!.map((x) => [x.resource!.resourceType, x]));
    expect(byType.Claim!.request).toEqual({ method: 'PUT', url: `Claim?identifier=${encodeURIComponent('urn:chart-coder:claim-id')}|CC2026031001` });
    expect(byType.Patient!.request!.ifNoneExist).toBe(`identifier=${encodeURIComponent('urn:chart-coder:mrn')}|MRN000123`);
    expect(byType.Practitioner!.request!.ifNoneExist).toBe(`identifier=${encodeURIComponent(FHIR_SYSTEMS.npi)}|${e.renderingProvider.npi}`);
    expect(byType.Encounter!.request!.ifNoneExist).toBe(`identifier=${encodeURIComponent('urn:chart-coder:encounter')}|${e.id}`);

    const patient = resources<Patient>(bundle, 'Patient')[0]!;
    expect(patient).toMatchObject({ gender: 'female', birthDate: '1961-07-04', name: [{ family: 'Testperson', given: ['Avery', 'Q'] }], identifier: [{ system: 'urn:chart-coder:mrn', value: 'MRN000123' }] });
    expect(resources<Coverage>(bundle, 'Coverage')[0]).toMatchObject({ status: 'active', subscriberId: 'XQZ900112233', beneficiary: { reference: byType.Patient!.fullUrl } });
  });

  it('fills the Claim the way a payer reads it', () => {
    const e = syntheticEncounter({
      lines: [
        syntheticLine({ id: '1', code: '99214', modifiers: ['25'], charge: 180, pointers: [1, 2] }),
        syntheticLine({ id: '2', system: 'hcpcs', code: 'J3301', modifiers: ['RT'], units: 4, charge: 40, pointers: [2], dateOfService: '2026-03-11' }),
      ],
    });
    const bundle = encounterToFhirBundle(e);
    expectValidTransaction(bundle);
    const claim = resources<Claim>(bundle, 'Claim')[0]!;
    const url = (type: string) => bundle.entry!.find((x) => x.resource!.resourceType === type)!.fullUrl;
    expect(claim).toMatchObject({
      status: 'active',
      use: 'claim',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
      priority: { coding: [{ code: 'normal' }] },
      patient: { reference: url('Patient') },
      provider: { reference: url('Organization') },
      created: e.updatedAt,
      identifier: [{ system: 'urn:chart-coder:claim-id', value: 'CC2026031001' }],
      insurance: [{ sequence: 1, focal: true, coverage: { reference: url('Coverage') } }],
      diagnosis: [
        { sequence: 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.65' }] } },
        { sequence: 2, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' }] } },
      ],
      total: { value: 220, currency: 'USD' },
    });
    const pos = { coding: [{ system: FHIR_SYSTEMS.placeOfService, code: '11' }] };
    expect(claim.item).toEqual([
      expect.objectContaining({
        sequence: 1,
        productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99214' }] },
        modifier: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '25' }] }],
        quantity: { value: 1 },
        unitPrice: { value: 180, currency: 'USD' },
        net: { value: 180, currency: 'USD' },
        diagnosisSequence: [1, 2],
        locationCodeableConcept: pos,
        servicedDate: '2026-03-10',
      }),
      expect.objectContaining({
        sequence: 2,
        productOrService: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'J3301' }] },
        modifier: [{ coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'RT' }] }],
        quantity: { value: 4 },
        unitPrice: { value: 10, currency: 'USD' },
        net: { value: 40, currency: 'USD' },
        diagnosisSequence: [2],
        servicedDate: '2026-03-11',
      }),
    ]);
    expect(resources<Encounter>(bundle, 'Encounter')[0]).toMatchObject({ status: 'finished', period: { start: '2026-03-10', end: '2026-03-11' } });
  });

  it('is checked by a validator that does catch a bad date, an unknown field and a dangling reference', () => {
    const broken = (change: (b: Bundle) => void) => {
      const bundle = structuredClone(encounterToFhirBundle(syntheticEncounter()));
      change(bundle);
      return () => expectValidTransaction(bundle);
    };
    expect(broken(() => undefined)).not.toThrow();
    expect(broken((b) => ((b.entry![0]!.resource as Patient).birthDate = '1961-7-4'))).toThrow();
    expect(broken((b) => Object.assign(b.entry![0]!.resource!, { nickname: 'x' }))).toThrow();
    expect(broken((b) => ((b.entry!.at(-1)!.resource as Claim).patient = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' }))).toThrow(/refers to/);
  });

  it('uses the MRN system and id maker from the options', () => {
    const bundle = encounterToFhirBundle(syntheticEncounter(), { mrnSystem: 'urn:oid:1.2.3.4', newId: counter(), created: '2026-04-01' });
    expectValidTransaction(bundle);
    expect(bundle.entry!.map((x) => x.fullUrl)[0]).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(resources<Patient>(bundle, 'Patient')[0]!.identifier![0]!.system).toBe('urn:oid:1.2.3.4');
    expect(bundle.entry![0]!.request!.ifNoneExist).toBe('identifier=urn%3Aoid%3A1.2.3.4|MRN000123');
    expect(resources<Claim>(bundle, 'Claim')[0]!.created).toBe('2026-04-01');
  });

  it('escapes search-reserved characters in identifier values', () => {
    const e = syntheticEncounter({ claimId: 'A,B|C$D\\E&F' });
    const bundle = encounterToFhirBundle(e);
    const url = bundle.entry!.find((x) => x.resource!.resourceType === 'Claim')!.request!.url;
    const [, value] = url.split('|') as [string, string];
    expect(decodeURIComponent(value)).toBe('A\\,B\\|C\\$D\\\\E&F');
    expect(value).not.toMatch(/[&,|$]/);
  });

  it('refuses an encounter that cannot form a claim, and never changes its input', () => {
    expect(() => encounterToFhirBundle(syntheticEncounter({ claimId: 'P1', lines: [syntheticLine({ pointers: [3] })] }))).toThrow(ExportRefusal);
    expect(() => encounterToFhirBundle(syntheticEncounter({ claimId: 'P1', diagnoses: [] }))).toThrow(/claim P1: diagnoses is empty/);
    const e = syntheticEncounter();
    const before = JSON.stringify(e);
    encounterToFhirBundle(deepFreeze(e));
    expect(JSON.stringify(e)).toBe(before);
  });

  it('pushed twice to a FHIR server (Medplum, batch processing), creates nothing the second time', async () => {
    indexDefinitions(); // without it Medplum ignores If-None-Exist
    const router = new FhirRouter();
    const repo = new MemoryRepository();
    const bundle = encountersToFhirBundle([syntheticEncounter(), syntheticEncounter({ id: 'enc-2', claimId: 'CC2', dateOfService: '2026-03-12' })]);
    const push = async () => {
      const request: FhirRequest = { method: 'POST', url: '/', pathname: '', body: bundle, params: {}, query: {}, config: { transactions: false } };
      const [outcome, result] = await router.handleRequest(request, repo);
      expect(outcome.issue?.[0]?.severity).not.toBe('error');
      return (result as Bundle).entry!.map((e) => e.response!.status);
    };
    expect(new Set(await push())).toEqual(new Set(['201']));
    expect(new Set(await push())).toEqual(new Set(['200']));
    const count = async (type: string) => (await repo.searchResources({ resourceType: type as 'Claim' })).length;
    expect({ Claim: await count('Claim'), Patient: await count('Patient'), Practitioner: await count('Practitioner'), Condition: await count('Condition'), Encounter: await count('Encounter') }).toEqual({
      Claim: 2,
      Patient: 1,
      Practitioner: 1,
      Condition: 4,
      Encounter: 2,
    });
    const [claim] = await repo.searchResources(parseSearchRequest<Claim>('Claim?identifier=urn:chart-coder:claim-id|CC2'));
    expect(claim!.patient.reference).toMatch(/^Patient\/[0-9a-f-]{36}$/);
  });
});

describe('encountersToFhirBundle', () => {
  it('puts several encounters in one transaction, sharing Patient, Practitioner and Organizations', () => {
    const a = syntheticEncounter();
    const b = syntheticEncounter({ id: 'enc-b', claimId: 'CC-B', dateOfService: '2026-03-20' });
    const c = syntheticEncounter({ id: 'enc-c', claimId: 'CC-C', patient: { ...a.patient, mrn: 'MRN000999', memberId: 'OTHER1' } });
    const bundle = encountersToFhirBundle([a, b, c]);
    expectValidTransaction(bundle);
    const count = (type: string) => bundle.entry!.filter((x) => x.resource!.resourceType === type).length;
    expect({ Patient: count('Patient'), Practitioner: count('Practitioner'), Organization: count('Organization'), Coverage: count('Coverage'), Encounter: count('Encounter'), Condition: count('Condition'), Claim: count('Claim') }).toEqual({
      Patient: 2,
      Practitioner: 1,
      Organization: 2,
      Coverage: 2,
      Encounter: 3,
      Condition: 6,
      Claim: 3,
    });
    const claims = resources<Claim>(bundle, 'Claim');
    expect(claims[0]!.patient.reference).toBe(claims[1]!.patient.reference);
    expect(claims[2]!.patient.reference).not.toBe(claims[0]!.patient.reference);
  });

  it('refuses two encounters that describe the same patient differently', () => {
    const a = syntheticEncounter();
    const b = syntheticEncounter({ id: 'enc-b', claimId: 'CC-B', patient: { ...a.patient, dob: '1961-07-05' } });
    expect(() => encountersToFhirBundle([a, b])).toThrow(/Patient urn:chart-coder:mrn\|MRN000123 differs between encounter .* and encounter enc-b/);
  });
});
