import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSeparators, parse835, Remit835Error } from './parse-835';
import { interchange, SAMPLE_BODY } from './testing/fixtures';

/** The error a parse throws (fails the test when it does not throw). */
function errorOf(text: string): Remit835Error {
  try {
    parse835(text);
  } catch (error) {
    expect(error).toBeInstanceOf(Remit835Error);
    return error as Remit835Error;
  }
  throw new Error('expected parse835 to refuse the file');
}

const sample = interchange(SAMPLE_BODY);
const sampleSegments = sample.split('~');
/** 1-based position in `sample` of the first segment starting with `prefix`. */
const pos = (prefix: string) => sampleSegments.findIndex((s) => s.startsWith(prefix)) + 1;

describe('parse835', () => {
  it('reads payer, payee, payment, claims, services, adjustments, remarks and provider adjustments', () => {
    const r = parse835(sample);
    expect(r.interchangeControlNumber).toBe('000000905');
    expect(r.senderId).toBe('SYNPAYER');
    expect(r.usage).toBe('T');
    expect(r.payer).toEqual({ name: 'SYNTHETIC HEALTH PLAN', id: 'SYN01', idQualifier: 'XV' });
    expect(r.payee).toEqual({ name: 'SYNTHETIC FAMILY PRACTICE', id: '1987654328', idQualifier: 'XX' });
    expect(r.payment).toEqual({ amount: 171.5, handling: 'I', creditDebit: 'C', method: 'ACH', date: '2026-04-01', traceNumber: 'EFT7781', originatorId: '1512345678' });
    expect(r.providerAdjustments).toEqual([{ providerId: '1987654328', date: '2026-12-31', reason: 'L6', reference: 'INTEREST', amount: -1.5 }]);
    expect(r.claims).toHaveLength(2);

    const [a, b] = r.claims;
    expect(a).toMatchObject({
      claimId: 'CLM-A',
      statusCode: '1',
      billed: 300,
      paid: 170,
      patientResponsibility: 30,
      filingIndicator: '12',
      payerClaimControlNumber: 'ICN0001',
      patient: { family: 'TESTPERSON', given: 'AVERY', middle: 'Q', memberId: 'XQZ900112233' },
      serviceDate: '2026-03-10',
      receivedDate: '2026-03-15',
      adjustments: [],
      remarks: [],
      transaction: 0,
    });
    expect(a!.services[0]).toEqual({
      qualifier: 'HC',
      code: '99214',
      modifiers: ['25'],
      billed: 200,
      paid: 120,
      units: 1,
      date: '2026-03-10',
      adjustments: [
        { group: 'CO', reason: '45', amount: 50 },
        { group: 'PR', reason: '2', amount: 20, units: 1 },
        { group: 'PR', reason: '3', amount: 10 },
      ],
      remarks: [],
      lineId: '1',
      allowed: 150,
    });
    expect(a!.services[1]).toMatchObject({ code: '20610', modifiers: ['RT', '59'], units: 2, adjustments: [{ group: 'CO', reason: '45', amount: 50, units: 2 }] });
    expect(a!.services[1]!.lineId).toBeUndefined();

    expect(b).toMatchObject({ claimId: 'CLM-B', statusCode: '4', billed: 80, paid: 0, patientResponsibility: 0, remarks: ['MA130'], patient: { family: 'SAMPLE', given: 'JORDAN' } });
    expect(b!.services[0]).toMatchObject({ code: '36415', modifiers: [], units: 1, remarks: ['M51'], lineId: '2', adjustments: [{ group: 'CO', reason: '16', amount: 80 }] });
    expect(r.transactions).toHaveLength(1);
    expect(r.transactions[0]!.claims).toEqual(r.claims);
  });

  it('detects other separators from the ISA and tolerates line breaks after terminators', () => {
    const expected = parse835(sample);
    const variants = [
      interchange(SAMPLE_BODY, { newline: '\r\n' }),
      interchange(SAMPLE_BODY, { newline: '\n' }),
      interchange(SAMPLE_BODY, { element: '|', component: '>', terminator: '\n', repetition: '{' }),
      interchange(SAMPLE_BODY, { element: '^', component: '\\', terminator: "'", repetition: 'U' }),
    ];
    for (const text of variants) expect(parse835(text)).toEqual(expected);
    expect(detectSeparators(variants[2]!)).toEqual({ element: '|', component: '>', segment: '\n', repetition: '{' });
    expect(detectSeparators(variants[3]!)).toEqual({ element: '^', component: '\\', segment: "'" });
    expect(detectSeparators(sample)).toEqual({ element: '*', component: ':', segment: '~', repetition: '^' });
  });

  it('reads every transaction of a multi-payment file, each claim naming its transaction', () => {
    const one = interchange(SAMPLE_BODY).split('~').filter(Boolean);
    const st = one.slice(2, -2);
    const second = st.map((s) => s.replace('ST*835*0001', 'ST*835*0002').replace('SE*35*0001', 'SE*35*0002').replace('CLM-A', 'CLM-C').replace('CLM-B', 'CLM-D'));
    const text = [one[0], one[1], ...st, ...second, 'GE*2*17', one.at(-1)].map((s) => `${s}~`).join('');
    const r = parse835(text);
    expect(r.transactions).toHaveLength(2);
    expect(r.claims.map((c) => [c.claimId, c.transaction])).toEqual([['CLM-A', 0], ['CLM-B', 0], ['CLM-C', 1], ['CLM-D', 1]]);
  });

  it.each([
    ['no ISA', 'GS*HP*X*Y*20260401*1200*1*X*005010X221A1~', /missing ISA/, undefined, undefined],
    ['an empty file', '  \n', /empty/, undefined, undefined],
    ['a file cut inside the ISA', sample.slice(0, 60), /truncated file: the ISA ends/, 1, 'ISA'],
    ['no IEA', sample.slice(0, sample.indexOf('IEA*')), /ends without an IEA/, pos('GE*'), 'GE'],
    ['a last segment without terminator', sample.slice(0, -1), /truncated file: text after the last segment terminator/, pos('IEA*'), 'IEA'],
    ['a wrong SE count', sample.replace('SE*35*0001', 'SE*34*0001'), /SE01 says 34 segments but the transaction has 35/, pos('SE*'), 'SE'],
    ['SE02 not matching ST02', sample.replace('SE*35*0001', 'SE*35*0002'), /SE02 "0002" does not match ST02 "0001"/, pos('SE*'), 'SE'],
    ['IEA02 not matching ISA13', sample.replace('IEA*1*000000905', 'IEA*1*000000906'), /IEA02 "000000906" does not match ISA13/, pos('IEA*'), 'IEA'],
    ['GE02 not matching GS06', sample.replace('GE*1*17', 'GE*1*18'), /GE02 "18" does not match GS06 "17"/, pos('GE*'), 'GE'],
    ['a wrong GE count', sample.replace('GE*1*17', 'GE*2*17'), /GE01 says 2 transactions but the group has 1/, pos('GE*'), 'GE'],
    ['a wrong IEA count', sample.replace('IEA*1*', 'IEA*3*'), /IEA01 says 3 functional groups/, pos('IEA*'), 'IEA'],
    ['a CLP without amounts', sample.replace('CLP*CLM-B*4*80*0*0*12*ICN0002', 'CLP*CLM-B*4'), /CLP03 \(billed charge\) is missing/, pos('CLP*CLM-B'), 'CLP'],
    ['a CLP without claim id', sample.replace('CLP*CLM-B*4', 'CLP**4'), /CLP01 \(patient control number\) is missing/, pos('CLP*CLM-B'), 'CLP'],
    ['a non-numeric paid amount', sample.replace('CLP*CLM-A*1*300*170', 'CLP*CLM-A*1*300*17O'), /CLP04 \(paid amount\) "17O" is not a number/, pos('CLP*CLM-A'), 'CLP'],
    ['a non-numeric CAS amount', sample.replace('CAS*CO*45*50*2', 'CAS*CO*45*fifty*2'), /CAS03 .* "fifty" is not a number/, pos('CAS*CO*45*50*2'), 'CAS'],
    ['an unknown CAS group', sample.replace('CAS*CO*16*80', 'CAS*XX*16*80'), /CAS01 "XX" is not a group code/, pos('CAS*CO*16'), 'CAS'],
    ['a non-numeric BPR amount', sample.replace('BPR*I*171.5', 'BPR*I*abc'), /BPR02 \(total payment\) "abc" is not a number/, 4, 'BPR'],
    ['a bad date', sample.replace('DTM*232*20260310', 'DTM*232*20261310'), /DTM02 "20261310" is not a date/, pos('DTM*232'), 'DTM'],
    ['an SVC outside a claim', interchange(['BPR*I*0*C*NON************20260401', 'TRN*1*T1*1', 'N1*PR*P', 'N1*PE*Q', 'SVC*HC:99213*10*0']), /SVC outside a claim/, 8, 'SVC'],
    ['a transaction that is not an 835', sample.replace('ST*835', 'ST*837'), /ST01 is "837": this is not an 835/, 3, 'ST'],
    ['no BPR', interchange(SAMPLE_BODY.slice(1)), /missing BPR/, 4, 'TRN'],
    ['no payer', interchange(SAMPLE_BODY.filter((s) => !s.startsWith('N1*PR'))), /claim before the payer/, pos('CLP*CLM-A') - 1, 'CLP'],
    ['a segment after the IEA', `${sample}GS*HP~`, /segment after the IEA/, pos('IEA*') + 1, 'GS'],
  ])('refuses %s, naming the segment', (_what, text, message, index, id) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.segmentIndex).toBe(index);
    expect(error.segmentId).toBe(id);
    if (index !== undefined) expect(error.message).toContain(`segment ${index} (${id})`);
  });

  it('refuses every cut-short copy of a valid file instead of returning part of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: sample.length - 1 }), (cut) => {
        expect(() => parse835(sample.slice(0, cut))).toThrow(Remit835Error);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file with a damaged amount anywhere, whatever the position', () => {
    // Which elements of each segment are amounts.
    const amountElements: Record<string, number[]> = { CLP: [3, 4], SVC: [2, 3], CAS: [3] };
    const spots = SAMPLE_BODY.flatMap((s, i) => (amountElements[s.slice(0, 3)] ?? []).map((n) => [i, n] as const));
    fc.assert(
      fc.property(fc.constantFrom(...spots), fc.constantFrom('1O', '12,5', '$10', '1e3', '--1'), ([i, n], junk) => {
        const damaged = [...SAMPLE_BODY];
        const elements = damaged[i]!.split('*');
        elements[n] = junk;
        damaged[i] = elements.join('*');
        expect(() => parse835(interchange(damaged))).toThrow(/is not a number/);
      }),
    );
  });
});
