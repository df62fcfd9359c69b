/**
 * What a payer's adjustment and remark codes mean for the team: our own plain wording, the kind of problem,
 * who fixes it (billing or coding) and what to do next. The table is data (assets/rules/adjustment-reasons.json),
 * checked when loaded so a bad edit fails at start-up, not in front of a biller.
 */
import reasonsJson from '../../assets/rules/adjustment-reasons.json';
import type { AdjustmentGroup } from './types';

export const ADJUSTMENT_REASONS_FORMAT_VERSION = 1;

export const REASON_CATEGORIES = [
  'missing-information',
  'non-covered',
  'bundled',
  'diagnosis-procedure-mismatch',
  'invalid-code',
  'modifier',
  'units-over-limit',
  'age-sex-conflict',
  'timely-filing',
  'duplicate',
  'eligibility',
  'authorization',
  'contractual',
  'patient-responsibility',
  'other',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const REASON_OWNERS = ['billing', 'coding'] as const;
export type ReasonOwner = (typeof REASON_OWNERS)[number];

export const NEXT_ACTIONS = ['correct-and-resend', 'appeal', 'write-off', 'bill-patient', 'none', 'check-eligibility'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** Categories whose denials point at the codes chosen, not at billing data. */
export const CODING_CATEGORIES: ReadonlySet<ReasonCategory> = new Set(['diagnosis-procedure-mismatch', 'invalid-code', 'modifier', 'units-over-limit', 'age-sex-conflict']);

/** Categories that are expected adjustments, not denials: money nobody chases from the payer. */
const NOT_DENIAL: ReadonlySet<ReasonCategory> = new Set(['contractual', 'patient-responsibility']);

/** One code's entry, as in the JSON. */
export interface ReasonEntry {
  code: string;
  description: string;
  category: ReasonCategory;
  owner: ReasonOwner;
  nextAction: NextAction;
  hint: string;
}

/** A looked-up code: the entry, or a stand-in saying to look the code up when we do not know it. */
export interface ReasonInfo extends ReasonEntry {
  kind: 'carc' | 'rarc';
  known: boolean;
}

export interface ReasonTable {
  carc: ReadonlyMap<string, ReasonEntry>;
  rarc: ReadonlyMap<string, ReasonEntry>;
}

/** The reason file is malformed; names the entry at fault. */
export class AdjustmentReasonError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'AdjustmentReasonError';
  }
}

const ENTRY_KEYS = new Set(['code', 'description', 'category', 'owner', 'nextAction', 'hint']);

/**
 * Validates a reason file (`{formatVersion, carc: ReasonEntry[], rarc: ReasonEntry[]}`).
 * @throws AdjustmentReasonError on a wrong version, unknown key or value, empty text or a code listed twice.
 */
export function loadAdjustmentReasons(json: unknown, source = 'adjustment-reasons.json'): ReasonTable {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new AdjustmentReasonError(source, 'not a reason file object');
  const file = json as Record<string, unknown>;
  if (file.formatVersion !== ADJUSTMENT_REASONS_FORMAT_VERSION) {
    throw new AdjustmentReasonError(source, `format ${String(file.formatVersion)} is not supported (this version reads ${ADJUSTMENT_REASONS_FORMAT_VERSION})`);
  }
  const read = (kind: 'carc' | 'rarc', pattern: RegExp): Map<string, ReasonEntry> => {
    const list = file[kind];
    if (!Array.isArray(list)) throw new AdjustmentReasonError(source, `"${kind}" must be an array`);
    const out = new Map<string, ReasonEntry>();
    list.forEach((raw: unknown, i) => {
      const label = `${kind}[${i}]${raw && typeof raw === 'object' && 'code' in raw ? ` ("${String((raw as { code: unknown }).code)}")` : ''}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AdjustmentReasonError(source, `${label}: not an object`);
      const obj = raw as Record<string, unknown>;
      for (const key of Object.keys(obj)) if (!ENTRY_KEYS.has(key)) throw new AdjustmentReasonError(source, `${label}: unknown key "${key}"`);
      if (typeof obj.code !== 'string' || !pattern.test(obj.code)) throw new AdjustmentReasonError(source, `${label}: "code" must match ${pattern}`);
      for (const key of ['description', 'hint'] as const) {
        if (typeof obj[key] !== 'string' || !(obj[key] as string).trim()) throw new AdjustmentReasonError(source, `${label}: "${key}" must be non-empty text`);
      }
      const oneOf = (key: string, allowed: readonly string[]) => {
        if (typeof obj[key] !== 'string' || !allowed.includes(obj[key] as string)) throw new AdjustmentReasonError(source, `${label}: "${key}" ${JSON.stringify(obj[key])} is not one of ${allowed.join(', ')}`);
      };
      oneOf('category', REASON_CATEGORIES);
      oneOf('owner', REASON_OWNERS);
      oneOf('nextAction', NEXT_ACTIONS);
      if (out.has(obj.code)) throw new AdjustmentReasonError(source, `${label}: code listed twice`);
      out.set(obj.code, obj as unknown as ReasonEntry);
    });
    return out;
  };
  return { carc: read('carc', /^[A-Z]?\d{1,3}$/), rarc: read('rarc', /^[A-Z]{1,2}\d{1,3}$/) };
}

/** The shipped table, checked once. */
export const defaultReasons: ReasonTable = loadAdjustmentReasons(reasonsJson);

function unknown(kind: 'carc' | 'rarc', code: string): ReasonInfo {
  return {
    kind,
    code,
    known: false,
    description: `${kind === 'carc' ? 'Adjustment reason' : 'Remark'} code ${code}`,
    category: 'other',
    owner: 'billing',
    nextAction: 'none',
    hint: `look up reason code ${code}`,
  };
}

/** A claim adjustment reason code (CARC), e.g. "16". */
export function describeCarc(code: string, table: ReasonTable = defaultReasons): ReasonInfo {
  const key = code.trim().toUpperCase();
  const entry = table.carc.get(key);
  return entry ? { ...entry, kind: 'carc', known: true } : unknown('carc', key);
}

/** A remittance advice remark code (RARC), e.g. "M51". */
export function describeRemark(code: string, table: ReasonTable = defaultReasons): ReasonInfo {
  const key = code.trim().toUpperCase();
  const entry = table.rarc.get(key);
  return entry ? { ...entry, kind: 'rarc', known: true } : unknown('rarc', key);
}

/** An adjustment explained for the worklist: the reason's entry refined by its group and remark codes. */
export interface AdjustmentExplanation {
  /** "CO-16". */
  label: string;
  group: AdjustmentGroup | string;
  reason: string;
  remarks: string[];
  description: string;
  category: ReasonCategory;
  owner: ReasonOwner;
  nextAction: NextAction;
  hint: string;
  /** True when money was refused (not a contractual or patient-share adjustment). */
  denial: boolean;
  /** True for categories that point at the codes chosen. */
  pointsAtCoding: boolean;
  known: boolean;
}

/**
 * Explains `group-reason` with its remarks. A vague reason (16 "missing information", 'other') takes the more
 * specific category and owner of its first specific remark (CO-16 + M51 is a coding problem). Group PR means the
 * patient owes it, so the next action is billing the patient.
 */
export function describeAdjustment(adjustment: { group: string; reason: string }, remarks: readonly string[] = [], table: ReasonTable = defaultReasons): AdjustmentExplanation {
  const carc = describeCarc(adjustment.reason, table);
  const notes = remarks.map((r) => describeRemark(r, table));
  let { category, owner, nextAction } = carc;
  let hint = carc.hint;
  if (category === 'missing-information' || category === 'other') {
    const specific = notes.find((n) => n.known && n.category !== 'other' && n.category !== 'missing-information') ?? notes.find((n) => n.known);
    if (specific) {
      ({ category, owner, nextAction } = specific);
      hint = `${specific.code}: ${specific.hint}`;
    }
  }
  const group = adjustment.group.toUpperCase();
  if (group === 'PR' && category !== 'contractual') nextAction = 'bill-patient';
  const denial = isDenialGroup(group) && !NOT_DENIAL.has(category);
  return {
    label: `${group}-${carc.code}`,
    group,
    reason: carc.code,
    remarks: [...remarks],
    description: carc.description,
    category,
    owner,
    nextAction,
    hint,
    denial,
    pointsAtCoding: CODING_CATEGORIES.has(category),
    known: carc.known,
  };
}

/** CO, OA and PI adjustments can refuse payment; PR is the patient's share and CR corrects an earlier claim. */
function isDenialGroup(group: string): boolean {
  return group === 'CO' || group === 'OA' || group === 'PI';
}

/** Whether an adjustment refuses money the practice expected (a denial), rather than a contractual or patient share. */
export function isDenialAdjustment(adjustment: { group: string; reason: string; amount: number }, table: ReasonTable = defaultReasons): boolean {
  return adjustment.amount > 0 && isDenialGroup(adjustment.group.toUpperCase()) && !NOT_DENIAL.has(describeCarc(adjustment.reason, table).category);
}
