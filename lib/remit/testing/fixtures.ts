/** Hand-written synthetic 835 segments for tests (no real payer, provider or patient). */

/** Builds an interchange from body segments (ST…SE counted for you) with the given separators. */
export function interchange(body: string[], options: { element?: string; component?: string; terminator?: string; repetition?: string; newline?: string; control?: string } = {}): string {
  const e = options.element ?? '*';
  const c = options.component ?? ':';
  const t = options.terminator ?? '~';
  const r = options.repetition ?? '^';
  const nl = options.newline ?? '';
  const control = options.control ?? '000000905';
  const fix = (s: string) => s.replaceAll('*', e).replaceAll(':', c);
  const st = ['ST*835*0001*005010X221A1', ...body];
  const segments = [
    `ISA*00*          *00*          *ZZ*SYNPAYER       *ZZ*SYNCLINIC      *260401*1200*${r}*00501*${control}*0*T*${c}`.replaceAll('*', e),
    fix('GS*HP*SYNPAYER*SYNCLINIC*20260401*1200*17*X*005010X221A1'),
    ...st.map(fix),
    fix(`SE*${st.length + 1}*0001`),
    fix('GE*1*17'),
    fix(`IEA*1*${control}`),
  ];
  return segments.map((s) => `${s}${t}${nl}`).join('');
}

/**
 * Two claims: CLM-A paid with contractual and patient share on two lines (one with a modifier pair and line id),
 * CLM-B denied at the line level (CO-16, remark M51); a PLB interest payment.
 */
export const SAMPLE_BODY = [
  'BPR*I*171.5*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401',
  'TRN*1*EFT7781*1512345678',
  'DTM*405*20260401',
  'N1*PR*SYNTHETIC HEALTH PLAN*XV*SYN01',
  'N3*1 PAYER WAY',
  'N4*SPRINGFIELD*IL*62701',
  'N1*PE*SYNTHETIC FAMILY PRACTICE*XX*1987654328',
  'REF*TJ*123456789',
  'LX*1',
  'CLP*CLM-A*1*300*170*30*12*ICN0001*11:B:1',
  'NM1*QC*1*TESTPERSON*AVERY*Q***MI*XQZ900112233',
  'DTM*232*20260310',
  'DTM*050*20260315',
  'SVC*HC:99214:25*200*120**1',
  'DTM*472*20260310',
  'CAS*CO*45*50',
  'CAS*PR*2*20*1*3*10',
  'REF*6R*1',
  'AMT*B6*150',
  'SVC*HC:20610:RT:59*100*50**2',
  'DTM*472*20260310',
  'CAS*CO*45*50*2',
  'LX*2',
  'CLP*CLM-B*4*80*0*0*12*ICN0002',
  'NM1*QC*1*SAMPLE*JORDAN',
  'MOA***MA130',
  'DTM*232*20260311',
  'SVC*HC:36415*80*0',
  'DTM*472*20260311',
  'CAS*CO*16*80',
  'REF*6R*2',
  'LQ*HE*M51',
  'PLB*1987654328*20261231*L6:INTEREST*-1.5',
];
