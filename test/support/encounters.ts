/**
 * Synthetic coded encounters for tests and dev scripts (no real patients or providers). One builder,
 * `syntheticEncounter(overrides, preset)`; `claimCheckEncounter`, `draftEncounter` and `numberedEncounter`
 * are its presets under the names their tests use. Pass overrides for what a test is about.
 */
import { npiCheckDigit } from '../../lib/claims/npi';
import type { CodedEncounter, ServiceLine } from '../../lib/encounter/types';

export { isValidNpi, npiCheckDigit } from '../../lib/claims/npi';

/** A 10-digit NPI with a valid check digit, from nine digits. */
export function syntheticNpi(firstNine: string): string {
  if (!/^\d{9}$/.test(firstNine)) throw new Error(`syntheticNpi needs nine digits, not "${firstNine}"`);
  return `${firstNine}${npiCheckDigit(firstNine)}`;
}

/** Rendering and billing NPIs the builders use (valid check digits, not real providers). */
export const SYNTHETIC_RENDERING_NPI = syntheticNpi('123456789');
export const SYNTHETIC_BILLING_NPI = syntheticNpi('198765432');

/** A service line; overrides win. */
export function syntheticLine(overrides: Partial<ServiceLine> = {}): ServiceLine {
  return { id: '1', system: 'cpt', code: '99213', modifiers: [], units: 1, charge: 125, pointers: [1], ...overrides };
}

/**
 * Where a synthetic encounter starts; each preset keeps the values its tests assert on.
 * - `office-visit`: a claim-ready established-patient visit on 2026-03-10 (exports, remittance, push, benches).
 * - `claim-check`: a draft on 2026-05-04 that passes every claim check on the test catalog
 *   (test/support/claims-catalog.ts), so a claim-check test changes one thing to make one rule fail.
 * - `draft`: a one-line draft on 2026-03-02, the encounter store, audit, backup and workflow tests' sample.
 */
export type EncounterPreset = 'office-visit' | 'claim-check' | 'draft';

/**
 * The one builder of synthetic encounters: a fresh copy of `preset` (nothing is shared between calls, so a
 * test may change or freeze what it gets) with `overrides` on top. Overrides replace whole top-level fields
 * (pass a full `patient` to change one part of it).
 *
 * @example syntheticEncounter({ status: 'sent' }); syntheticEncounter({ lines: [] }, 'claim-check')
 */
export function syntheticEncounter(overrides: Partial<CodedEncounter> = {}, preset: EncounterPreset = 'office-visit'): CodedEncounter {
  return { ...PRESETS[preset](), ...overrides };
}

/** The clean encounter of the claim-check tests: passes every check on the test catalog. */
export function claimCheckEncounter(changes: Partial<CodedEncounter> = {}): CodedEncounter {
  return syntheticEncounter(changes, 'claim-check');
}

/** The plain draft of the encounter store and workflow tests (id `enc-1`, claim `CLM0001`). */
export function draftEncounter(overrides: Partial<CodedEncounter> = {}): CodedEncounter {
  return syntheticEncounter(overrides, 'draft');
}

/**
 * Office visit number `n`, for tests and benchmarks that need many: id, claim id (`CC` + 8 digits) and
 * patient differ per `n` (97 distinct MRNs, so some patients have several claims).
 */
export function numberedEncounter(n: number, overrides: Partial<CodedEncounter> = {}): CodedEncounter {
  return syntheticEncounter({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    claimId: `CC${String(n).padStart(8, '0')}`,
    patient: { name: { family: 'Testpatient', given: `Synth${n}` }, dob: '1970-01-01', sex: n % 2 ? 'F' : 'M', mrn: `MRN${n % 97}` },
    ...overrides,
  });
}

/** A second valid billing NPI, the claim-check preset's. */
const CLAIM_CHECK_BILLING_NPI = syntheticNpi('124531959');

const PRESETS: Record<EncounterPreset, () => CodedEncounter> = {
  'office-visit': () => ({
    id: '0b6f3c1e-5d7a-4c2b-9e41-2f8a6d0c9b11',
    claimId: 'CC2026031001',
    status: 'ready',
    patient: {
      name: { family: 'Testperson', given: 'Avery', middle: 'Q' },
      dob: '1961-07-04',
      sex: 'F',
      mrn: 'MRN000123',
      memberId: 'XQZ900112233',
      address: { line: '100 Sample Street', city: 'Springfield', state: 'IL', zip: '62701' },
    },
    dateOfService: '2026-03-10',
    placeOfService: '11',
    renderingProvider: { npi: SYNTHETIC_RENDERING_NPI, name: { family: 'Example', given: 'Jordan' }, taxonomy: '207Q00000X' },
    billingProvider: {
      npi: SYNTHETIC_BILLING_NPI,
      name: 'Synthetic Family Practice',
      taxId: '123456789',
      address: { line: '200 Clinic Road', line2: 'Suite 5', city: 'Springfield', state: 'IL', zip: '627010001' },
      taxonomy: '261QP2300X',
    },
    payer: { name: 'Example Health Plan', id: '99999' },
    diagnoses: [
      { code: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' },
      { code: 'I10', title: 'Essential (primary) hypertension' },
    ],
    lines: [
      syntheticLine({ id: '1', code: '99214', charge: 180, pointers: [1, 2] }),
      syntheticLine({ id: '2', code: '36415', charge: 15, pointers: [1] }),
    ],
    coder: 'test-coder',
    createdAt: '2026-03-10T15:00:00.000Z',
    updatedAt: '2026-03-10T15:30:00.000Z',
    statusHistory: [{ status: 'ready', at: '2026-03-10T15:30:00.000Z', by: 'test-coder' }],
  }),
  'claim-check': () => ({
    id: '6f1c2d7e-0000-4000-8000-000000000001',
    claimId: 'CC-TEST-0001',
    status: 'draft',
    patient: { name: { family: 'Testpatient', given: 'Alex' }, dob: '1970-04-12', sex: 'F', mrn: 'MRN-SYN-0001', memberId: 'SYN123456789' },
    dateOfService: '2026-05-04',
    placeOfService: '11',
    renderingProvider: { npi: SYNTHETIC_RENDERING_NPI, name: { family: 'Example', given: 'Robin' }, taxonomy: '207Q00000X' },
    billingProvider: {
      npi: CLAIM_CHECK_BILLING_NPI,
      name: 'Synthetic Family Practice',
      taxId: '987654321',
      address: { line: '1 Test Way', city: 'Springfield', state: 'IL', zip: '627010000' },
    },
    payer: { name: 'Synthetic Health Plan', id: 'SYN01' },
    diagnoses: [{ code: 'E11.65' }, { code: 'I10' }],
    lines: [
      syntheticLine({ id: '1', code: '99213', charge: 120, pointers: [1, 2] }),
      syntheticLine({ id: '2', system: 'hcpcs', code: 'J0696', units: 4, charge: 40, pointers: [1] }),
    ],
    coder: 'TC',
    createdAt: '2026-05-04T15:00:00.000Z',
    updatedAt: '2026-05-04T15:00:00.000Z',
    statusHistory: [],
  }),
  draft: () => ({
    id: 'enc-1',
    claimId: 'CLM0001',
    status: 'draft',
    patient: { name: { family: 'Testperson', given: 'Alex' }, dob: '1970-01-01', sex: 'F', mrn: 'SYN-0001', memberId: 'M000001' },
    dateOfService: '2026-03-02',
    placeOfService: '11',
    renderingProvider: { npi: SYNTHETIC_RENDERING_NPI, name: { family: 'Example', given: 'Robin' } },
    billingProvider: { npi: SYNTHETIC_RENDERING_NPI, name: 'Synthetic Family Clinic', taxId: '123456789', address: { line: '1 Test Way', city: 'Springfield', state: 'IL', zip: '62701' } },
    payer: { name: 'Synthetic Health Plan', id: 'SYN01' },
    diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
    lines: [syntheticLine({ code: '99213', charge: 120, pointers: [1, 2] })],
    coder: 'cc',
    createdAt: '2026-03-02T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    statusHistory: [{ status: 'draft', at: '2026-03-02T10:00:00.000Z', by: 'cc' }],
  }),
};

/** Freezes an encounter all the way down, so a test can prove an export never changes its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
