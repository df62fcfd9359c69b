/**
 * Synthetic coded encounters for tests (no real patients or providers). `syntheticEncounter()` is a
 * complete, claim-ready office visit; pass overrides for what a test is about.
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
 * A claim-ready established-patient office visit on 2026-03-10: two diagnoses, an E/M line and a
 * venipuncture. Overrides replace whole top-level fields (pass a full `patient` to change one part of it).
 */
export function syntheticEncounter(overrides: Partial<CodedEncounter> = {}): CodedEncounter {
  return {
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
    ...overrides,
  };
}

/** Freezes an encounter all the way down, so a test can prove an export never changes its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
