import fc from 'fast-check';
import type { X12Interchange, X12Segment } from 'node-x12';
import { describe, expect, it } from 'vitest';
import type { CodedEncounter, EncounterDiagnosis, ServiceLine } from '../encounter/types';
import { deepFreeze, syntheticEncounter, syntheticLine, syntheticNpi } from '../../test/support/encounters';
import { ExportRefusal } from './claim-shape';
import { parse837Strict as parse } from './testing/validators';
import { encountersTo837p, x12Text, type X12Options } from './x12-837p';

const OPTIONS: X12Options = {
  senderId: 'SUBMIT01',
  senderName: 'Synthetic Family Practice',
  receiverId: 'CLEARHOUSE',
  receiverName: 'Example Clearinghouse',
  contact: { name: 'Billing Desk', phone: '(555) 010-0199' },
  interchangeControlNumber: 42,
  groupControlNumber: 7,
  date: '2026-03-11',
  time: '09:05',
};

function values(segment: X12Segment): string[] {
  return [segment.tag, ...segment.elements.map((e) => e.value)];
}

/** Every body segment (ST … SE) of every transaction, as arrays of values. */
function transactions(interchange: X12Interchange): string[][][] {
  return interchange.functionalGroups.flatMap((g) => g.transactions.map((t) => [values(t.header), ...t.segments.map(values), values(t.trailer)]));
}

/** Checks the envelope arithmetic independently of node-x12's own checks. */
function expectEnvelopeCounts(edi: string, interchange: X12Interchange): void {
  expect(edi.indexOf('~')).toBe(105); // ISA is fixed width: 106 characters with its terminator
  expect(edi.slice(0, 106)).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*.{15}\*ZZ\*.{15}\*\d{6}\*\d{4}\*\^\*00501\*\d{9}\*[01]\*[TP]\*:~$/);
  const isa13 = edi.slice(90, 99);
  expect(edi.trimEnd().endsWith(`IEA*1*${isa13}~`)).toBe(true);
  expect(interchange.functionalGroups).toHaveLength(1);
  const group = interchange.functionalGroups[0]!;
  expect(group.trailer.valueOf(1)).toBe(String(group.transactions.length));
  expect(group.trailer.valueOf(2)).toBe(group.header.valueOf(6));
  for (const t of group.transactions) {
    expect(Number(t.trailer.valueOf(1))).toBe(t.segments.length + 2);
    expect(t.trailer.valueOf(2)).toBe(t.header.valueOf(2));
    expect(t.header.valueOf(3)).toBe('005010X222A1');
  }
}

describe('encountersTo837p', () => {
  it('writes a complete 005010X222A1 interchange for one encounter, segment by segment', () => {
    const edi = encountersTo837p([syntheticEncounter()], OPTIONS);
    expect(edi.split('~').slice(0, -1).map((s) => `${s}~`)).toEqual([
      'ISA*00*          *00*          *ZZ*SUBMIT01       *ZZ*CLEARHOUSE     *260311*0905*^*00501*000000042*0*T*:~',
      'GS*HC*SUBMIT01*CLEARHOUSE*20260311*0905*7*X*005010X222A1~',
      'ST*837*0001*005010X222A1~',
      'BHT*0019*00*CC000000042-0001*20260311*0905*CH~',
      'NM1*41*2*SYNTHETIC FAMILY PRACTICE*****46*SUBMIT01~',
      'PER*IC*BILLING DESK*TE*5550100199~',
      'NM1*40*2*EXAMPLE CLEARINGHOUSE*****46*CLEARHOUSE~',
      'HL*1**20*1~',
      'PRV*BI*PXC*261QP2300X~',
      'NM1*85*2*SYNTHETIC FAMILY PRACTICE*****XX*1987654328~',
      'N3*200 CLINIC ROAD*SUITE 5~',
      'N4*SPRINGFIELD*IL*627010001~',
      'REF*EI*123456789~',
      'HL*2*1*22*0~',
      'SBR*P*18*******CI~',
      'NM1*IL*1*TESTPERSON*AVERY*Q***MI*XQZ900112233~',
      'N3*100 SAMPLE STREET~',
      'N4*SPRINGFIELD*IL*62701~',
      'DMG*D8*19610704*F~',
      'NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*99999~',
      'CLM*CC2026031001*195***11:B:1*Y*A*Y*Y~',
      'HI*ABK:E1165*ABF:I10~',
      'NM1*82*1*EXAMPLE*JORDAN****XX*1234567893~',
      'PRV*PE*PXC*207Q00000X~',
      'LX*1~',
      'SV1*HC:99214*180*UN*1***1:2~',
      'DTP*472*D8*20260310~',
      'REF*6R*1~',
      'LX*2~',
      'SV1*HC:36415*15*UN*1***1~',
      'DTP*472*D8*20260310~',
      'REF*6R*2~',
      'SE*31*0001~',
      'GE*1*7~',
      'IEA*1*000000042~',
    ]);
    expectEnvelopeCounts(edi, parse(edi));
  });

  it('nests claims: one transaction per billing provider + payer, one subscriber loop per patient', () => {
    const a = syntheticEncounter({ claimId: 'A1' });
    const a2 = syntheticEncounter({ id: 'e-a2', claimId: 'A2', dateOfService: '2026-03-12', lines: [syntheticLine({ pointers: [2] })] });
    const otherPayer = syntheticEncounter({ id: 'e-b', claimId: 'B1', payer: { name: 'Second Plan', id: '88888' } });
    const otherPatient = syntheticEncounter({ id: 'e-c', claimId: 'C1', patient: { ...a.patient, name: { family: 'Sample', given: 'Riley' }, memberId: 'M2' } });
    const edi = encountersTo837p([a, a2, otherPayer, otherPatient], OPTIONS);
    const interchange = parse(edi);
    expectEnvelopeCounts(edi, interchange);
    const txs = transactions(interchange);
    expect(txs).toHaveLength(2);
    expect(txs.map((t) => t[0]![2])).toEqual(['0001', '0002']);
    const tags = (t: string[][], tag: string, first?: string) => t.filter((s) => s[0] === tag && (first === undefined || s[1] === first));
    // First transaction: the shared payer; two subscribers (A1+A2 share one), three claims.
    expect(tags(txs[0]!, 'HL').map((s) => s.slice(1))).toEqual([['1', '', '20', '1'], ['2', '1', '22', '0'], ['3', '1', '22', '0']]);
    expect(tags(txs[0]!, 'CLM').map((s) => s[1])).toEqual(['A1', 'A2', 'C1']);
    expect(tags(txs[0]!, 'NM1', 'PR').map((s) => s[9])).toEqual(['99999', '99999']);
    expect(tags(txs[1]!, 'CLM').map((s) => s[1])).toEqual(['B1']);
    expect(tags(txs[1]!, 'NM1', 'PR').map((s) => s[9])).toEqual(['88888']);
    // LX restarts at 1 in each claim.
    expect(tags(txs[0]!, 'LX').map((s) => s[1])).toEqual(['1', '2', '1', '1', '2']);
  });

  it('puts the first diagnosis as ABK and the rest as ABF, without dots, up to 12 in one HI', () => {
    const codes = ['S52.501A', 'W01.0XXA', 'E11.65', 'I10', 'E78.5', 'J06.9', 'Z23', 'M17.11', 'F41.1', 'N39.0', 'R50.9', 'J01.90'];
    const diagnoses: EncounterDiagnosis[] = codes.map((code) => ({ code }));
    const edi = encountersTo837p([syntheticEncounter({ diagnoses, lines: [syntheticLine({ pointers: [1, 2, 11, 12] })] })], OPTIONS);
    const tx = transactions(parse(edi))[0]!;
    const hi = tx.filter((s) => s[0] === 'HI');
    expect(hi).toHaveLength(1);
    expect(hi[0]!.slice(1)).toEqual(codes.map((c, i) => `${i === 0 ? 'ABK' : 'ABF'}:${c.replace('.', '')}`));
    expect(tx.find((s) => s[0] === 'SV1')![7]).toBe('1:2:11:12');
  });

  it('writes SV1 with the procedure composite (up to 4 modifiers), charge, units and pointer components', () => {
    const lines: ServiceLine[] = [
      syntheticLine({ id: 'a', code: '99214', modifiers: ['25'], charge: 180.5, pointers: [2, 1] }),
      syntheticLine({ id: 'b', system: 'hcpcs', code: 'J3301', units: 4, charge: 40, pointers: [1] }),
      syntheticLine({ id: 'c', code: '20610', modifiers: ['rt', '59', 'XS', 'GA'], charge: 0.1 + 0.2, pointers: [1, 2], dateOfService: '2026-03-11' }),
    ];
    const edi = encountersTo837p([syntheticEncounter({ lines })], OPTIONS);
    const tx = transactions(parse(edi))[0]!;
    expect(tx.filter((s) => s[0] === 'SV1').map((s) => s.slice(1))).toEqual([
      ['HC:99214:25', '180.5', 'UN', '1', '', '', '2:1'],
      ['HC:J3301', '40', 'UN', '4', '', '', '1'],
      ['HC:20610:RT:59:XS:GA', '0.3', 'UN', '1', '', '', '1:2'],
    ]);
    expect(tx.find((s) => s[0] === 'CLM')![2]).toBe('220.8');
    expect(tx.filter((s) => s[0] === 'DTP').map((s) => s[3])).toEqual(['20260310', '20260310', '20260311']);
    expect(tx.filter((s) => s[0] === 'REF' && s[1] === '6R').map((s) => s[2])).toEqual(['A', 'B', 'C']);
  });

  it('strips separators and accents from text, upper-cases it and keeps the envelope valid', () => {
    const patient = { ...syntheticEncounter().patient, name: { family: "O'Brïen~*Smith", given: 'Zoë:^Ann', middle: '' } };
    const edi = encountersTo837p([syntheticEncounter({ patient, payer: { name: 'Plan * of ~ Tests', id: 'P:1^2' } })], OPTIONS);
    const tx = transactions(parse(edi))[0]!;
    expect(tx.find((s) => s[0] === 'NM1' && s[1] === 'IL')!.slice(3, 5)).toEqual(["O'BRIEN SMITH", 'ZOE ANN']);
    expect(tx.find((s) => s[0] === 'NM1' && s[1] === 'PR')!.slice(3)).toEqual(['PLAN OF TESTS', '', '', '', '', 'PI', 'P 1 2']);
    expect(x12Text('  a\u00a0b\tc\n~d  ')).toBe('A B C D');
  });

  it('leaves out 2310B when the rendering provider is the billing provider', () => {
    const e = syntheticEncounter();
    const solo = syntheticEncounter({ billingProvider: { ...e.billingProvider, npi: e.renderingProvider.npi, name: 'Jordan Example MD' } });
    const tx = transactions(parse(encountersTo837p([solo], OPTIONS)))[0]!;
    expect(tx.some((s) => s[0] === 'NM1' && s[1] === '82')).toBe(false);
  });

  it('honours usage, control numbers, email contact and line breaks', () => {
    const edi = encountersTo837p([syntheticEncounter()], { ...OPTIONS, usage: 'P', interchangeControlNumber: 123456789, groupControlNumber: undefined, contact: { name: 'Desk', email: 'billing@example.test' }, lineBreaks: true });
    const interchange = parse(edi);
    expectEnvelopeCounts(edi, interchange);
    expect(edi.split('\n')[0]).toContain('*123456789*0*P*:~');
    expect(interchange.functionalGroups[0]!.header.valueOf(6)).toBe('123456789');
    expect(edi).toContain('\nPER*IC*DESK*EM*billing@example.test~\n');
  });

  it('refuses bad options with a message naming the option', () => {
    const e = [syntheticEncounter()];
    expect(() => encountersTo837p(e, { ...OPTIONS, interchangeControlNumber: 0 })).toThrow(/interchangeControlNumber must be a whole number/);
    expect(() => encountersTo837p(e, { ...OPTIONS, interchangeControlNumber: 1e9 })).toThrow(/interchangeControlNumber/);
    expect(() => encountersTo837p(e, { ...OPTIONS, usage: 'X' as 'T' })).toThrow(/usage must be T/);
    expect(() => encountersTo837p(e, { ...OPTIONS, time: '25:00' })).toThrow(/time must be HH:MM/);
    expect(() => encountersTo837p(e, { ...OPTIONS, contact: { name: 'Desk' } })).toThrow(/phone or an email/);
    expect(() => encountersTo837p([], OPTIONS)).toThrow(/at least one encounter/);
  });

  describe('refuses an encounter that cannot form a claim, naming it and the field', () => {
    const base = syntheticEncounter({ claimId: 'BAD1' });
    const cases: [string, Partial<CodedEncounter>, RegExp][] = [
      ['no diagnoses', { diagnoses: [] }, /claim BAD1: diagnoses is empty/],
      ['no lines', { lines: [] }, /claim BAD1: lines is empty/],
      ['13 diagnoses', { diagnoses: Array.from({ length: 13 }, () => ({ code: 'I10' })) }, /claim BAD1: diagnoses has 13 codes; .* at most 12/],
      ['a pointer past the diagnoses', { lines: [syntheticLine({ pointers: [1, 3] })] }, /claim BAD1: lines\[0\] \(99213\)\.pointers points to diagnosis 3, but the encounter has 2/],
      ['a zero pointer', { lines: [syntheticLine({ pointers: [0] })] }, /pointers points to diagnosis 0/],
      ['five pointers', { diagnoses: Array.from({ length: 5 }, () => ({ code: 'I10' })), lines: [syntheticLine({ pointers: [1, 2, 3, 4, 5] })] }, /pointers has 5/],
      ['no member id', { patient: { ...base.patient, memberId: undefined } }, /claim BAD1: patient.memberId is empty/],
      ['a name of separators only', { patient: { ...base.patient, name: { family: '~*^:', given: 'A' } } }, /claim BAD1: patient.name.family "~\*\^:" has no letters/],
      ['a long claim id', { claimId: 'X'.repeat(21) }, /claimId "X{21}" must be 1–20 characters/],
      ['a negative charge', { lines: [syntheticLine({ charge: -5 })] }, /charge -5 is not an amount/],
      ['a malformed NPI', { renderingProvider: { ...base.renderingProvider, npi: '12345' } }, /renderingProvider.npi "12345" is not a 10-digit NPI/],
    ];
    for (const [name, overrides, message] of cases) {
      it(name, () => {
        const bad = deepFreeze({ ...base, ...overrides });
        const good = syntheticEncounter({ claimId: 'GOOD' });
        let error: unknown;
        try {
          encountersTo837p([good, bad], OPTIONS);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ExportRefusal);
        expect((error as Error).message).toMatch(message);
      });
    }
  });

  it('never changes its input', () => {
    const encounters = [syntheticEncounter(), syntheticEncounter({ id: 'x', claimId: 'X2', lines: [syntheticLine({ modifiers: ['rt'] })] })];
    const before = JSON.stringify(encounters);
    encountersTo837p(deepFreeze(encounters), OPTIONS);
    expect(JSON.stringify(encounters)).toBe(before);
  });

  it('property: any batch of well-formed synthetic encounters, odd names included, parses with correct counts', () => {
    const oddText = fc.string({ unit: fc.constantFrom(...'abcXYZ09 ~*:^\'-.,é\u00f1\u4e2d\t'.split('')), minLength: 0, maxLength: 20 });
    // At least one letter survives sanitising; all-separator names are refused (tested above).
    const name = fc.tuple(fc.constantFrom('a', 'Q', 'z'), oddText).map(([letter, rest]) => `${rest}${letter}${rest}`);
    const encounter = fc
      .record({
        claimId: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
        family: name,
        given: oddText,
        dxCount: fc.integer({ min: 1, max: 12 }),
        lines: fc.array(
          fc.record({
            code: fc.stringMatching(/^[0-9A-Z]{5}$/),
            modifiers: fc.array(fc.stringMatching(/^[0-9A-Z]{2}$/), { maxLength: 4 }),
            units: fc.integer({ min: 1, max: 99 }),
            cents: fc.integer({ min: 0, max: 10_000_000 }),
            pointerSeeds: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        payer: fc.constantFrom('11111', '22222', '33333'),
        billing: fc.constantFrom('111111111', '222222222'),
        payerName: name,
      })
      .map((r): CodedEncounter => {
        const base = syntheticEncounter();
        return syntheticEncounter({
          claimId: r.claimId,
          patient: { ...base.patient, name: { family: r.family, given: r.given }, memberId: `M${r.claimId}` },
          billingProvider: { ...base.billingProvider, npi: syntheticNpi(r.billing) },
          payer: { name: r.payerName, id: r.payer },
          diagnoses: Array.from({ length: r.dxCount }, (_, i) => ({ code: `A${String(i).padStart(2, '0')}.9` })),
          lines: r.lines.map((l, i) => syntheticLine({ id: String(i + 1), code: l.code, modifiers: l.modifiers, units: l.units, charge: l.cents / 100, pointers: l.pointerSeeds.map((s) => (s % r.dxCount) + 1) })),
        });
      });
    fc.assert(
      fc.property(fc.array(encounter, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 999_999_999 }), (encounters, control) => {
        const edi = encountersTo837p(encounters, { ...OPTIONS, interchangeControlNumber: control, groupControlNumber: control });
        const interchange = parse(edi);
        expectEnvelopeCounts(edi, interchange);
        const txs = transactions(interchange);
        const all = txs.flat();
        expect(all.filter((s) => s[0] === 'CLM')).toHaveLength(encounters.length);
        expect(all.filter((s) => s[0] === 'SV1')).toHaveLength(encounters.reduce((n, e) => n + e.lines.length, 0));
        const payersBillers = new Set(encounters.map((e) => `${e.billingProvider.npi}|${e.payer.id}|${e.payer.name}`));
        expect(txs).toHaveLength(payersBillers.size);
        for (const tx of txs) {
          const hl = tx.filter((s) => s[0] === 'HL').map((s) => s[1]);
          expect(hl).toEqual(hl.map((_, i) => String(i + 1)));
        }
        for (const s of all) for (const v of s.slice(1)) expect(v).not.toMatch(/[~*^]/);
      }),
      { numRuns: 150 },
    );
  });
});
