/**
 * CodedEncounter → FHIR R4 transaction Bundle: Patient, rendering Practitioner, billing and payer
 * Organizations, Coverage, Encounter, a Condition per diagnosis and the Claim.
 *
 * Every entry is a conditional create (POST with If-None-Exist on its identifier), so pushing the same
 * bundle twice — a retry after a timeout — finds the resources from the first push instead of making
 * copies. Entries refer to each other by their `urn:uuid:` fullUrl, which the server rewrites.
 */
import type {
  Address as FhirAddress,
  Bundle,
  BundleEntry,
  Claim,
  CodeableConcept,
  Condition,
  Coverage,
  Encounter,
  HumanName,
  Identifier,
  Organization,
  Patient,
  Practitioner,
  Resource,
} from '@medplum/fhirtypes';
import type { Address, CodedEncounter, PersonName } from '../encounter/types';
import { assertClaimable, encounterLabel, ExportError, totalCents } from './claim-shape';

export const FHIR_SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  /** US employer identification number (tax id). */
  ein: 'urn:oid:2.16.840.1.113883.4.4',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  claimId: 'urn:chart-coder:claim-id',
  mrn: 'urn:chart-coder:mrn',
  encounter: 'urn:chart-coder:encounter',
  /** Condition identifier: encounter id and the diagnosis's place on the claim ("<id>:dx1"). */
  diagnosis: 'urn:chart-coder:encounter-diagnosis',
  payerId: 'urn:chart-coder:payer-id',
  /** Coverage identifier: payer id and member id ("<payer>:<member>"). */
  coverage: 'urn:chart-coder:coverage',
} as const;

export interface FhirBundleOptions {
  /** Identifier system of the practice's MRNs; default urn:chart-coder:mrn. */
  mrnSystem?: string;
  /** Makes the `urn:uuid:` ids; default crypto.randomUUID (pass a counter for repeatable output). */
  newId?: () => string;
  /** Claim.created; default the encounter's updatedAt (when the coder last finished it). */
  created?: string;
}

const GENDER = { F: 'female', M: 'male', U: 'unknown' } as const;

/** A search value with FHIR's reserved characters escaped, then made safe for a query string. */
function tokenQuery(system: string, value: string): string {
  const escaped = value.replace(/[\\,|$]/g, (c) => `\\${c}`);
  return `identifier=${encodeURIComponent(system)}|${encodeURIComponent(escaped)}`;
}

function humanName(name: PersonName): HumanName {
  const given = [name.given, name.middle].filter((g): g is string => !!g && g.trim() !== '');
  return { use: 'official', family: name.family, ...(given.length ? { given } : {}) };
}

function fhirAddress(a: Address): FhirAddress {
  return { line: [a.line, a.line2].filter((l): l is string => !!l), city: a.city, state: a.state, postalCode: a.zip, country: 'US' };
}

function money(cents: number): { value: number; currency: 'USD' } {
  return { value: cents / 100, currency: 'USD' };
}

/** Collects entries; a resource met again under the same identifier is reused, and must match. */
class BundleBuilder {
  readonly entries: BundleEntry[] = [];
  private readonly byKey = new Map<string, { fullUrl: string; json: string; from: string }>();

  constructor(private readonly newId: () => string) {}

  /**
   * Adds `resource` (or finds the one already added with the same identifier) and returns its reference.
   * Entries are conditional creates (a retry finds what the first try made); with `upsert` a conditional
   * update instead, so a corrected claim sent again replaces the server's copy rather than being ignored.
   */
  add(resource: Resource & { identifier?: Identifier[] }, identifier: Identifier, from: string, write: 'create' | 'upsert' = 'create'): string {
    const key = `${resource.resourceType}|${identifier.system}|${identifier.value}`;
    const json = JSON.stringify(resource);
    const seen = this.byKey.get(key);
    if (seen) {
      if (seen.json !== json) {
        throw new ExportError(`${resource.resourceType} ${identifier.system}|${identifier.value} differs between ${seen.from} and ${from}; make them agree before exporting them together`);
      }
      return seen.fullUrl;
    }
    const fullUrl = `urn:uuid:${this.newId()}`;
    this.byKey.set(key, { fullUrl, json, from });
    this.entries.push({
      fullUrl,
      resource,
      request:
        write === 'upsert'
          ? { method: 'PUT', url: `${resource.resourceType}?${tokenQuery(identifier.system!, identifier.value!)}` }
          : { method: 'POST', url: resource.resourceType, ifNoneExist: tokenQuery(identifier.system!, identifier.value!) },
    });
    return fullUrl;
  }

  bundle(): Bundle {
    return { resourceType: 'Bundle', type: 'transaction', entry: this.entries };
  }
}

function procedureSystem(system: 'cpt' | 'hcpcs'): string {
  return system === 'cpt' ? FHIR_SYSTEMS.cpt : FHIR_SYSTEMS.hcpcs;
}

/** Two-digit modifiers (25, 59) are CPT's; letter modifiers (RT, GT) are HCPCS Level II's. */
function modifierConcept(modifier: string): CodeableConcept {
  const code = modifier.toUpperCase();
  return { coding: [{ system: /^\d{2}$/.test(code) ? FHIR_SYSTEMS.cpt : FHIR_SYSTEMS.hcpcs, code }] };
}

function addEncounter(builder: BundleBuilder, e: CodedEncounter, options: FhirBundleOptions): void {
  assertClaimable(e);
  const from = `encounter ${e.id} (${encounterLabel(e)})`;
  const mrn: Identifier = { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: options.mrnSystem ?? FHIR_SYSTEMS.mrn, value: e.patient.mrn };
  const patient: Patient = {
    resourceType: 'Patient',
    identifier: [mrn],
    name: [humanName(e.patient.name)],
    gender: GENDER[e.patient.sex] ?? 'unknown',
    birthDate: e.patient.dob,
    ...(e.patient.address ? { address: [fhirAddress(e.patient.address)] } : {}),
  };
  const patientRef = builder.add(patient, mrn, from);

  const r = e.renderingProvider;
  const practitionerNpi: Identifier = { system: FHIR_SYSTEMS.npi, value: r.npi };
  const practitioner: Practitioner = { resourceType: 'Practitioner', identifier: [practitionerNpi], name: [humanName(r.name)] };
  const practitionerRef = builder.add(practitioner, practitionerNpi, from);

  const b = e.billingProvider;
  const billingNpi: Identifier = { system: FHIR_SYSTEMS.npi, value: b.npi };
  const billing: Organization = {
    resourceType: 'Organization',
    identifier: [billingNpi, { system: FHIR_SYSTEMS.ein, value: b.taxId }],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] }],
    name: b.name,
    address: [fhirAddress(b.address)],
  };
  const billingRef = builder.add(billing, billingNpi, from);

  const payerId: Identifier = { system: FHIR_SYSTEMS.payerId, value: e.payer.id };
  const payer: Organization = {
    resourceType: 'Organization',
    identifier: [payerId],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'pay' }] }],
    name: e.payer.name,
  };
  const payerRef = builder.add(payer, payerId, from);

  const coverageId: Identifier = { system: FHIR_SYSTEMS.coverage, value: `${e.payer.id}:${e.patient.memberId ?? `mrn-${e.patient.mrn}`}` };
  const coverage: Coverage = {
    resourceType: 'Coverage',
    identifier: [coverageId],
    status: 'active',
    ...(e.patient.memberId ? { subscriberId: e.patient.memberId } : {}),
    beneficiary: { reference: patientRef },
    relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }] },
    payor: [{ reference: payerRef, display: e.payer.name }],
  };
  const coverageRef = builder.add(coverage, coverageId, from);

  const encounterId: Identifier = { system: FHIR_SYSTEMS.encounter, value: e.id };
  const diagnosisConcepts: CodeableConcept[] = e.diagnoses.map((d) => ({
    coding: [{ system: FHIR_SYSTEMS.icd10cm, code: d.code, ...(d.title ? { display: d.title } : {}) }],
  }));
  // A Condition per diagnosis, identified by encounter and place on the claim.
  const conditionRefs = e.diagnoses.map((_, i) => {
    const id: Identifier = { system: FHIR_SYSTEMS.diagnosis, value: `${e.id}:dx${i + 1}` };
    const condition: Condition = {
      resourceType: 'Condition',
      identifier: [id],
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] }],
      code: diagnosisConcepts[i]!,
      subject: { reference: patientRef },
      recordedDate: e.dateOfService,
    };
    return builder.add(condition, id, from);
  });
  // Encounter → Condition only: Condition.encounter as well would make a reference cycle, which the spec
  // allows in a transaction but not every server resolves.
  const encounter: Encounter = {
    resourceType: 'Encounter',
    identifier: [encounterId],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: patientRef },
    participant: [{ individual: { reference: practitionerRef } }],
    period: { start: e.dateOfService, end: lastDateOfService(e) },
    diagnosis: conditionRefs.map((reference, i) => ({ condition: { reference }, rank: i + 1 })),
    serviceProvider: { reference: billingRef },
  };
  const encounterRef = builder.add(encounter, encounterId, from);

  const pos: CodeableConcept = { coding: [{ system: FHIR_SYSTEMS.placeOfService, code: e.placeOfService }] };
  const claimId: Identifier = { system: FHIR_SYSTEMS.claimId, value: e.claimId };
  const claim: Claim = {
    resourceType: 'Claim',
    identifier: [claimId],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'claim',
    patient: { reference: patientRef },
    billablePeriod: { start: e.dateOfService, end: lastDateOfService(e) },
    created: options.created ?? e.updatedAt,
    provider: { reference: billingRef },
    priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
    careTeam: [
      {
        sequence: 1,
        provider: { reference: practitionerRef },
        role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole', code: 'primary' }] },
      },
    ],
    diagnosis: diagnosisConcepts.map((concept, i) => ({ sequence: i + 1, diagnosisCodeableConcept: concept })),
    insurance: [{ sequence: 1, focal: true, coverage: { reference: coverageRef } }],
    item: e.lines.map((line, i) => {
      const cents = Math.round(line.charge * 100);
      return {
        sequence: i + 1,
        careTeamSequence: [1],
        diagnosisSequence: [...line.pointers],
        productOrService: { coding: [{ system: procedureSystem(line.system), code: line.code.toUpperCase() }], ...(line.title ? { text: line.title } : {}) },
        ...(line.modifiers.length ? { modifier: line.modifiers.map(modifierConcept) } : {}),
        servicedDate: line.dateOfService ?? e.dateOfService,
        locationCodeableConcept: pos,
        quantity: { value: line.units },
        unitPrice: { value: Math.round(cents / line.units) / 100, currency: 'USD' as const },
        net: money(cents),
        encounter: [{ reference: encounterRef }],
      };
    }),
    total: money(totalCents(e)),
  };
  builder.add(claim, claimId, from, 'upsert');
}

function lastDateOfService(e: CodedEncounter): string {
  return e.lines.reduce((last, l) => (l.dateOfService && l.dateOfService > last ? l.dateOfService : last), e.dateOfService);
}

function defaultNewId(): () => string {
  return () => globalThis.crypto.randomUUID();
}

/**
 * One encounter as a FHIR R4 transaction Bundle ready to POST to a server's base URL. Throws an
 * ExportRefusal (naming the encounter and field) when the encounter cannot form a claim.
 */
export function encounterToFhirBundle(encounter: CodedEncounter, options: FhirBundleOptions = {}): Bundle {
  const builder = new BundleBuilder(options.newId ?? defaultNewId());
  addEncounter(builder, encounter, options);
  return builder.bundle();
}

/**
 * Several encounters in one transaction Bundle (the CLI export). Patients, practitioners, organisations and
 * coverages they share appear once; if two encounters describe the same one differently, it throws.
 */
export function encountersToFhirBundle(encounters: readonly CodedEncounter[], options: FhirBundleOptions = {}): Bundle {
  const builder = new BundleBuilder(options.newId ?? defaultNewId());
  for (const e of encounters) addEncounter(builder, e, options);
  return builder.bundle();
}
