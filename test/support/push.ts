/**
 * Test and benchmark helpers for the pusher: a small transaction Bundle builder of the same shape as
 * lib/export/fhir-bundle.ts (every create conditional on an identifier), a clock that never waits and
 * seeded random numbers. Numbered encounters to push come from `numberedEncounter` in ./encounters.
 */
import type { CodedEncounter } from '../../lib/encounter/types';
import type { FhirBundle } from '../../lib/push/fhir-client';

export const CLAIM_ID_SYSTEM = 'urn:chart-coder:claim-id';

/** A minimal R4 transaction Bundle: Patient, Practitioner, Organization, Conditions and the Claim, all conditional. */
export function simpleClaimBundle(e: CodedEncounter): FhirBundle {
  // Placeholders only need to be unique within the Bundle.
  const uuid = (k: number): string => `urn:uuid:00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
  const patient = uuid(1);
  const practitioner = uuid(2);
  const organization = uuid(3);
  const conditions = e.diagnoses.map((d, i) => ({
    fullUrl: uuid(10 + i),
    resource: {
      resourceType: 'Condition',
      identifier: [{ system: 'urn:chart-coder:condition', value: `${e.id}:${i + 1}` }],
      subject: { reference: patient },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: d.code }] },
    },
    request: { method: 'POST', url: 'Condition', ifNoneExist: `identifier=urn:chart-coder:condition|${e.id}:${i + 1}` },
  }));
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patient,
        resource: { resourceType: 'Patient', identifier: [{ system: 'urn:chart-coder:mrn', value: e.patient.mrn }], name: [{ family: e.patient.name.family, given: [e.patient.name.given] }], birthDate: e.patient.dob },
        request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=urn:chart-coder:mrn|${e.patient.mrn}` },
      },
      {
        fullUrl: practitioner,
        resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: e.renderingProvider.npi }] },
        request: { method: 'POST', url: 'Practitioner', ifNoneExist: `identifier=http://hl7.org/fhir/sid/us-npi|${e.renderingProvider.npi}` },
      },
      {
        fullUrl: organization,
        resource: { resourceType: 'Organization', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: e.billingProvider.npi }], name: e.billingProvider.name },
        request: { method: 'POST', url: 'Organization', ifNoneExist: `identifier=http://hl7.org/fhir/sid/us-npi|${e.billingProvider.npi}` },
      },
      ...conditions,
      {
        fullUrl: uuid(99),
        resource: {
          resourceType: 'Claim',
          identifier: [{ system: CLAIM_ID_SYSTEM, value: e.claimId }],
          status: 'active',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
          use: 'claim',
          patient: { reference: patient },
          created: e.updatedAt,
          provider: { reference: organization },
          careTeam: [{ sequence: 1, provider: { reference: practitioner } }],
          priority: { coding: [{ code: 'normal' }] },
          insurance: [{ sequence: 1, focal: true, coverage: { display: e.payer.name } }],
          diagnosis: conditions.map((c, i) => ({ sequence: i + 1, diagnosisReference: { reference: c.fullUrl } })),
          item: e.lines.map((l, i) => ({ sequence: i + 1, productOrService: { coding: [{ code: l.code }] }, quantity: { value: l.units } })),
        },
        request: { method: 'POST', url: 'Claim', ifNoneExist: `identifier=${CLAIM_ID_SYSTEM}|${e.claimId}` },
      },
    ] as FhirBundle['entry'],
  };
}

/** A clock for tests: `sleep` moves `now` forward instead of waiting, so backoff costs no real time. */
export function fakeClock(start = Date.parse('2026-11-27T09:00:00Z')): { now: () => number; sleep: (ms: number) => Promise<void>; slept: () => number } {
  let t = start;
  let slept = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      slept += ms;
    },
    slept: () => slept,
  };
}

/** Deterministic [0, 1) numbers (mulberry32) for jitter in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
