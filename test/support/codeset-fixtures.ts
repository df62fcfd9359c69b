/** Builders for small code-set files in the official layouts, so tests never need committed copies of real releases. */

/** One ICD-10-CM order-file line: order number, code, flag, 60-char short title, long title. */
export function orderLine(order: number, code: string, billable: boolean, title: string, shortTitle = title.slice(0, 60)): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable ? 1 : 0} ${shortTitle.padEnd(60).slice(0, 60)} ${title}`;
}

/** An order file from [code, billable, title] rows, CRLF line ends as CDC ships them. */
export function orderFile(rows: [string, boolean, string][]): string {
  return rows.map(([code, billable, title], i) => `${orderLine(i + 1, code, billable, title)}\r\n`).join('');
}

/** A small ICD-10-CM order file with a category, subcategories, 7th-character codes and a chapter 22 code. */
export const SAMPLE_ORDER_ROWS: [string, boolean, string][] = [
  ['E11', false, 'Type 2 diabetes mellitus'],
  ['E116', false, 'Type 2 diabetes mellitus with other specified complications'],
  ['E1165', true, 'Type 2 diabetes mellitus with hyperglycemia'],
  ['E119', true, 'Type 2 diabetes mellitus without complications'],
  ['I10', true, 'Essential (primary) hypertension'],
  ['J11', false, 'Influenza due to unidentified influenza virus'],
  ['J110', false, 'Influenza due to unidentified influenza virus with pneumonia'],
  ['J1100', true, 'Influenza due to unidentified influenza virus with unspecified type of pneumonia'],
  ['S72', false, 'Fracture of femur'],
  ['S720', false, 'Fracture of head and neck of femur'],
  ['S7200', false, 'Fracture of unspecified part of neck of femur'],
  ['S72001', false, 'Fracture of unspecified part of neck of right femur'],
  ['S72001A', true, 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture'],
  ['S72001D', true, 'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing'],
  ['U07', false, 'Emergency use of U07'],
  ['U071', true, 'COVID-19'],
];

/**
 * One HCPCS ANWEB record (320 characters): code, sequence, record type, long and short description,
 * and the add / action-effective / termination dates at their official columns.
 */
export function anwebRecord(opts: { code: string; type: '3' | '4' | '7' | '8'; long: string; short?: string; added?: string; terminated?: string; seq?: string }): string {
  const line = Array<string>(320).fill(' ');
  const put = (start: number, text: string) => {
    for (let i = 0; i < text.length; i++) line[start - 1 + i] = text[i]!;
  };
  put(1, opts.type === '7' || opts.type === '8' ? `   ${opts.code}`.slice(0, 5) : opts.code.padEnd(5));
  put(6, opts.seq ?? '00100');
  put(11, opts.type);
  put(12, opts.long.padEnd(80).slice(0, 80));
  if (opts.type === '3' || opts.type === '7') {
    put(92, (opts.short ?? opts.long).padEnd(28).slice(0, 28));
    put(269, opts.added ?? '20020101');
    put(277, opts.added ?? '20020101');
    if (opts.terminated) put(285, opts.terminated);
    put(293, 'N');
  }
  return line.join('');
}

/** A small ANWEB file: an active drug code with a unit, a continued description, a terminated code and a modifier. */
export function sampleAnweb(): string {
  return [
    anwebRecord({ code: 'J0696', type: '3', long: 'Injection, ceftriaxone sodium, per 250 mg', short: 'Ceftriaxone sodium injection', added: '19900101' }),
    anwebRecord({ code: 'G0439', type: '3', long: 'Annual wellness visit, includes a personalized prevention plan of service', short: 'Ppps, subseq visit', added: '20110101' }),
    anwebRecord({ code: 'G0439', type: '4', long: '(pps), subsequent visit', seq: '00200' }),
    anwebRecord({ code: 'J2001', type: '3', long: 'Injection, lidocaine hcl for intravenous infusion, 10 mg', short: 'Lidocaine injection', added: '20040101', terminated: '20240930' }),
    anwebRecord({ code: 'LT', type: '7', long: 'Left side (used to identify procedures performed on the left side of the body)', short: 'Left side' }),
  ]
    .map((l) => `${l}\r\n`)
    .join('');
}
