import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../cli/bundles';
import { isValidNpi } from '../../test/support/encounters';
import { encountersToCsv } from './csv';
import { parseEncounterFile } from './encounter-file';
import { encountersToFhirBundle, encounterToFhirBundle } from './fhir-bundle';
import { expectValidTransaction, parse837Strict } from './testing/validators';
import { encountersTo837p } from './x12-837p';

const file = parseEncounterFile(readFileSync(resolve(__dirname, '../../examples/encounters.json'), 'utf8'));
const encounters = file.encounters;

describe('examples/encounters.json', () => {
  it('holds 4–5 synthetic encounters with valid NPIs, 9-digit EINs, 2026 office dates of service', () => {
    expect(file.formatVersion).toBe(1);
    expect(encounters.length).toBeGreaterThanOrEqual(4);
    expect(encounters.length).toBeLessThanOrEqual(5);
    for (const e of encounters) {
      expect(isValidNpi(e.renderingProvider.npi), e.claimId).toBe(true);
      expect(isValidNpi(e.billingProvider.npi), e.claimId).toBe(true);
      expect(e.billingProvider.taxId).toMatch(/^\d{9}$/);
      expect(e.dateOfService).toMatch(/^2026-/);
      expect(e.placeOfService).toBe('11');
    }
    expect(new Set(encounters.map((e) => e.claimId)).size).toBe(encounters.length);
  });

  it('has exactly one encounter with a claim-check failure, a code that needs a 7th character, explained in its note', async () => {
    const catalog = await loadCatalog();
    const notBillable: string[] = [];
    for (const e of encounters) {
      for (const d of e.diagnoses) {
        const [hit] = catalog.lookup(d.code, { system: 'icd10cm', dateOfService: e.dateOfService });
        expect(hit, `${d.code} is an FY2026 ICD-10-CM code`).toBeDefined();
        expect(d.title, d.code).toBe(hit!.title);
        if (!hit!.billable) notBillable.push(`${e.claimId} ${d.code}`);
      }
      for (const l of e.lines) {
        const [hit] = catalog.lookup(l.code, { system: l.system, dateOfService: e.dateOfService });
        expect(hit, `${l.system} ${l.code}`).toBeDefined();
      }
    }
    expect(notBillable).toEqual(['CC26-000104 S52.501']);
    // The header's 7th-character codes exist and are billable (S52.501A initial encounter, closed fracture).
    expect(catalog.lookup('S52.501A', { system: 'icd10cm', dateOfService: '2026-04-06' })[0]?.billable).toBe(true);
    const withNotes = encounters.filter((e) => e.note);
    expect(withNotes.map((e) => e.claimId)).toEqual(['CC26-000104']);
    expect(withNotes[0]!.note).toMatch(/S52\.501.*7th character/s);
  });

  it('exports every encounter, the failing one included, to 837P, FHIR and CSV', () => {
    const options = { senderId: 'SUBMIT01', senderName: 'Example', receiverId: 'RECV01', receiverName: 'Example', contact: { name: 'Desk', phone: '5550100' }, interchangeControlNumber: 1, date: '2026-04-07', time: '08:00' };
    const interchange = parse837Strict(encountersTo837p(encounters, options));
    const clms = interchange.functionalGroups[0]!.transactions.flatMap((t) => t.segments.filter((s) => s.tag === 'CLM').map((s) => s.valueOf(1)));
    expect(clms.sort()).toEqual(encounters.map((e) => e.claimId).sort());
    for (const e of encounters) {
      expect(() => encountersTo837p([e], options)).not.toThrow();
      expectValidTransaction(encounterToFhirBundle(e));
    }
    const all = encountersToFhirBundle(encounters);
    expectValidTransaction(all);
    // The same patient has two encounters: one Patient entry.
    expect(all.entry!.filter((x) => x.resource!.resourceType === 'Patient')).toHaveLength(new Set(encounters.map((e) => e.patient.mrn)).size);
    const csvRows = encountersToCsv(encounters).trimEnd().split('\r\n');
    expect(csvRows).toHaveLength(1 + encounters.reduce((n, e) => n + e.lines.length, 0));
  });
});
