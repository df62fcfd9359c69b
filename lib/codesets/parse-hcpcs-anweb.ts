import { CodeSetFormatError } from './parse-icd10cm-order';
import type { CodeRecord, ModifierRecord } from './types';

/** HCPCS Level II codes and modifiers read from one CMS quarterly ANWEB file. */
export interface HcpcsRelease {
  codes: CodeRecord[];
  modifiers: ModifierRecord[];
}

/**
 * Parses the CMS Alpha-Numeric HCPCS fixed-width file (HCPCYYYY_MMM_ANWEB*.txt, 320 characters a record).
 * Record types (column 11): 3 procedure, 4 its continued long description, 7 modifier, 8 its continuation.
 * Terminated codes stay in the list with `terminatedOn`, so past dates of service still validate.
 *
 * @example parseHcpcsAnweb(text).codes.find(c => c.code === 'J0696')?.unit // "250 mg"
 */
export function parseHcpcsAnweb(text: string, sourceName = 'HCPCS ANWEB file'): HcpcsRelease {
  const codes: CodeRecord[] = [];
  const modifiers: ModifierRecord[] = [];
  let current: { title: string; target: CodeRecord | ModifierRecord } | undefined;
  let lineNo = 0;
  let recognised = 0;
  const finish = () => {
    if (!current) return;
    current.target.title = current.title.replace(/\s+/g, ' ').trim();
    if ('system' in current.target) {
      const unit = unitOf(current.target.title);
      if (unit) current.target.unit = unit;
    }
    current = undefined;
  };

  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const kind = line.charAt(10);
    // Records are 320 characters; one cut short means a truncated or re-wrapped file.
    if (line.length < 293) {
      throw new CodeSetFormatError(sourceName, `line ${lineNo} is ${line.length} characters long; ANWEB records are 320 (truncated file?)`);
    }
    const longPart = line.slice(11, 91).trimEnd();
    if (kind === '3' || kind === '7') {
      finish();
      const code = kind === '3' ? line.slice(0, 5).trim() : line.slice(3, 5).trim();
      if (!(kind === '3' ? HCPCS_CODE : MODIFIER_CODE).test(code)) {
        throw new CodeSetFormatError(sourceName, `line ${lineNo}: "${code}" is not a HCPCS ${kind === '3' ? 'code' : 'modifier'}`);
      }
      const terminatedOn = isoDate(line.slice(284, 292), sourceName, lineNo);
      recognised++;
      if (kind === '3') {
        const record: CodeRecord = {
          system: 'hcpcs',
          code,
          title: '',
          shortTitle: line.slice(91, 119).trim() || undefined,
          billable: true,
          descriptorSource: 'official',
          effectiveFrom: isoDate(line.slice(268, 276), sourceName, lineNo),
        };
        if (terminatedOn) record.terminatedOn = terminatedOn;
        if (!record.shortTitle) delete record.shortTitle;
        if (!record.effectiveFrom) delete record.effectiveFrom;
        codes.push(record);
        current = { title: longPart, target: record };
      } else {
        const modifier: ModifierRecord = { code, title: '', source: 'hcpcs' };
        if (terminatedOn) modifier.terminatedOn = terminatedOn;
        modifiers.push(modifier);
        current = { title: longPart, target: modifier };
      }
    } else if (kind === '4' || kind === '8') {
      if (!current) throw new CodeSetFormatError(sourceName, `line ${lineNo}: a continuation line comes before any code`);
      current.title += ` ${longPart}`;
    } else {
      throw new CodeSetFormatError(sourceName, `line ${lineNo} is not an ANWEB record (record type "${kind}")`);
    }
  }
  finish();
  if (recognised === 0) throw new CodeSetFormatError(sourceName, 'the file holds no HCPCS records');
  return { codes, modifiers };
}

/** Whether a HCPCS code is usable on a date of service (ISO date): added on or before it, not terminated before it. */
export function isActiveOn(record: Pick<CodeRecord, 'effectiveFrom' | 'terminatedOn'>, dateOfService: string): boolean {
  if (record.effectiveFrom && record.effectiveFrom > dateOfService) return false;
  return !record.terminatedOn || record.terminatedOn >= dateOfService;
}

/**
 * The billing unit a drug or supply descriptor states ("Injection, ceftriaxone sodium, per 250 mg" → "250 mg"),
 * used later to turn a documented dose into units.
 */
export function unitOf(title: string): string | undefined {
  const match = UNIT_AT_END.exec(title);
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string | undefined, string];
  return `${amount ?? '1'} ${unit.toLowerCase()}`;
}

const HCPCS_CODE = /^[A-Z][0-9]{4}$/;
const MODIFIER_CODE = /^[A-Z0-9]{2}$/;
// "…, 1 mg", "…, per 250 mg", "… per 10 units", "…, 0.1 mg" at the end of a descriptor.
const UNIT_AT_END = /(?:,|\bper)\s+(?:per\s+)?(\d+(?:\.\d+)?|\d*\.\d+)?\s*(mg|mcg|micrograms?|g|gm|grams?|ml|cc|units?|iu|meq|mmol|million units|billion units|mci|uci)\s*(?:\(.*\))?$/i;

function isoDate(digits: string, sourceName: string, lineNo: number): string | undefined {
  const d = digits.trim();
  if (d === '') return undefined;
  if (!/^\d{8}$/.test(d)) throw new CodeSetFormatError(sourceName, `line ${lineNo}: "${d}" is not a YYYYMMDD date`);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
