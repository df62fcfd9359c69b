/** Synthetic encounters for tests (no real patient; NPI 1234567893 is the standard check-digit example). */
import type { CodedEncounter } from './types';

export function sampleEncounter(overrides: Partial<CodedEncounter> = {}): CodedEncounter {
  return {
    id: 'enc-1',
    claimId: 'CLM0001',
    status: 'draft',
    patient: { name: { family: 'Testperson', given: 'Alex' }, dob: '1970-01-01', sex: 'F', mrn: 'SYN-0001', memberId: 'M000001' },
    dateOfService: '2026-03-02',
    placeOfService: '11',
    renderingProvider: { npi: '1234567893', name: { family: 'Example', given: 'Robin' } },
    billingProvider: { npi: '1234567893', name: 'Synthetic Family Clinic', taxId: '123456789', address: { line: '1 Test Way', city: 'Springfield', state: 'IL', zip: '62701' } },
    payer: { name: 'Synthetic Health Plan', id: 'SYN01' },
    diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
    lines: [{ id: '1', system: 'cpt', code: '99213', modifiers: [], units: 1, charge: 120, pointers: [1, 2] }],
    coder: 'cc',
    createdAt: '2026-03-02T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    statusHistory: [{ status: 'draft', at: '2026-03-02T10:00:00.000Z', by: 'cc' }],
    ...overrides,
  };
}
