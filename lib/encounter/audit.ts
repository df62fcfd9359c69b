/**
 * Field-level differences between two versions of an encounter, for the audit log: what a reviewer
 * needs after a denial is "diagnoses[1].code went from E11.9 to E11.65, by whom, when".
 */
import type { CodedEncounter } from './types';

/** One changed value at a readable path such as 'patient.dob', 'diagnoses[1].code' or 'lines[0].modifiers'. */
export interface FieldChange {
  field: string;
  /** Absent when the field was added. */
  old?: unknown;
  /** Absent when the field was removed. */
  new?: unknown;
}

/** A decrypted audit entry as `EncounterStore.history` returns it. */
export interface AuditEntry {
  seq: number;
  encounterId: string;
  at: string;
  by: string;
  /** 'created', 'edited', 'status', 'imported', 'removed', 'restored', or another module's action ('exported', 'pushed', 'remittance'). */
  action: string;
  changes: FieldChange[];
  detail?: unknown;
}

export interface DiffOptions {
  /** Top-level fields left out. Default: updatedAt and statusHistory (the audit entry itself records both). */
  ignore?: readonly string[];
}

const DEFAULT_IGNORE = ['updatedAt', 'statusHistory'];

/**
 * The changes from `before` to `after`, in field order. Objects are walked key by key; arrays of objects
 * (diagnoses, lines, evidence) element by element; arrays of plain values (modifiers, pointers) are
 * reported whole, since "['25'] → ['25','59']" reads better than one entry per position.
 */
export function diffEncounters(before: Partial<CodedEncounter> | undefined, after: Partial<CodedEncounter> | undefined, options: DiffOptions = {}): FieldChange[] {
  const ignore = new Set(options.ignore ?? DEFAULT_IGNORE);
  const changes: FieldChange[] = [];
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  for (const key of unionKeys(a, b)) {
    if (!ignore.has(key)) diffValue(a[key], b[key], key, changes);
  }
  return changes;
}

function diffValue(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (a === b || (a === undefined && b === undefined)) return;
  if (Array.isArray(a) && Array.isArray(b) && !(isPlainArray(a) && isPlainArray(b))) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of unionKeys(a, b)) diffValue(a[key], b[key], `${path}.${key}`, out);
    return;
  }
  if (sameJson(a, b)) return;
  const change: FieldChange = { field: path };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  out.push(change);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainArray(values: unknown[]): boolean {
  return values.every((v) => v === null || typeof v !== 'object');
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(a);
  for (const key of Object.keys(b)) if (!(key in a)) keys.push(key);
  return keys;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
