/**
 * The denial worklist: every denied or partly paid encounter broken into one item per refusing reason, with who
 * should work it, what to do, how much money is at stake and how long it has waited; grouped by reason category,
 * payer and age so the team works the biggest and oldest first.
 */
import type { CodedEncounter } from '../encounter/types';
import { defaultReasons, describeAdjustment, type AdjustmentExplanation, type ReasonTable } from './reasons';

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/**
 * One refusing reason on one encounter: the reason explained as {@link describeAdjustment} explains it (label
 * "unknown" when no reason code is on file), and the encounter it concerns.
 */
export interface WorklistItem extends Omit<AdjustmentExplanation, 'denial' | 'known'> {
  encounterId: string;
  claimId: string;
  /** "Family, Given". */
  patient: string;
  payer: { name: string; id: string };
  dateOfService: string;
  status: 'denied' | 'partially-paid';
  /** Encounter lines the reason refused. */
  lineIds: string[];
  /** Dollars refused for this reason. */
  amount: number;
  /** ISO time the encounter became denied / partially paid. */
  deniedAt: string;
  ageDays: number;
  ageBucket: AgeBucket;
}

export interface WorklistGroup {
  key: string;
  count: number;
  amount: number;
  items: WorklistItem[];
}

export interface Worklist {
  /** Largest amount first. */
  items: WorklistItem[];
  /** Largest amount first. */
  byCategory: WorklistGroup[];
  byPayer: WorklistGroup[];
  /** In bucket order 0-30 … 90+, empty buckets included. */
  byAge: WorklistGroup[];
  total: { count: number; amount: number };
}

export interface WorklistOptions {
  /** Today (ISO date or time) for ages. Default now. */
  today?: string;
  reasons?: ReasonTable;
}

const DAY = 86_400_000;
const cents = (d: number) => Math.round(d * 100);

export function ageBucket(days: number): AgeBucket {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
}

/** When the encounter entered its current status (the last matching history entry), else its last update. */
function statusSince(e: CodedEncounter): string {
  const entry = [...(e.statusHistory ?? [])].reverse().find((h) => h.status === e.status);
  return entry?.at ?? e.updatedAt;
}

const REASON_IN_TEXT = /\b(CO|OA|PI|PR|CR)-([A-Z]?\d{1,3})\b/;

/** Worklist items of one encounter; none unless it is denied or partially paid. */
export function worklistItems(encounter: CodedEncounter, options: WorklistOptions = {}): WorklistItem[] {
  if (encounter.status !== 'denied' && encounter.status !== 'partially-paid') return [];
  const reasons = options.reasons ?? defaultReasons;
  const today = Date.parse(options.today ?? new Date().toISOString());
  const deniedAt = statusSince(encounter);
  const ageDays = Math.max(0, Math.floor((today - Date.parse(deniedAt.length === 10 ? `${deniedAt}T00:00:00Z` : deniedAt)) / DAY));
  const base = {
    encounterId: encounter.id,
    claimId: encounter.claimId,
    patient: `${encounter.patient.name.family}, ${encounter.patient.name.given}`,
    payer: { name: encounter.payer.name, id: encounter.payer.id },
    dateOfService: encounter.dateOfService,
    status: encounter.status,
    deniedAt,
    ageDays,
    ageBucket: ageBucket(ageDays),
  };

  const byLabel = new Map<string, WorklistItem>();
  for (const line of encounter.lines) {
    const r = line.remittance;
    if (!r) continue;
    for (const adj of r.adjustments) {
      if (!(adj.amount > 0)) continue;
      const e = describeAdjustment(adj, r.remarks, reasons);
      if (!e.denial) continue;
      const key = `${e.label}|${e.category}`;
      const item = byLabel.get(key);
      if (item) {
        item.amount = (cents(item.amount) + cents(adj.amount)) / 100;
        if (!item.lineIds.includes(line.id)) item.lineIds.push(line.id);
        for (const m of r.remarks) if (!item.remarks.includes(m)) item.remarks.push(m);
        continue;
      }
      const { denial: _d, known: _k, ...explained } = e;
      byLabel.set(key, { ...base, ...explained, remarks: [...r.remarks], lineIds: [line.id], amount: adj.amount });
    }
  }
  if (byLabel.size) return [...byLabel.values()];

  // Denied at claim level (no line detail): the status history's reason code, and everything unpaid at stake.
  const billed = encounter.lines.reduce((s, l) => s + cents(l.charge), 0);
  const paid = encounter.lines.reduce((s, l) => s + cents(l.remittance?.paid ?? 0), 0);
  const reasonText = [...(encounter.statusHistory ?? [])].reverse().find((h) => h.status === encounter.status)?.reason ?? '';
  const found = REASON_IN_TEXT.exec(reasonText);
  const remarks = [...reasonText.matchAll(/\b(M[A]?\d{1,3}|N\d{1,3})\b/g)].map((m) => m[1]!);
  const e = found
    ? describeAdjustment({ group: found[1]!, reason: found[2]! }, remarks, reasons)
    : { label: 'unknown', group: '', reason: '', remarks, description: reasonText || 'No reason code on file', category: 'other' as const, owner: 'billing' as const, nextAction: 'none' as const, hint: "no reason code on file; read the payer's remittance", pointsAtCoding: false };
  const { denial: _d, known: _k, ...explained } = e as typeof e & { denial?: boolean; known?: boolean };
  return [{ ...base, ...explained, lineIds: encounter.lines.map((l) => l.id), amount: Math.max(0, billed - paid) / 100 }];
}

function group(items: WorklistItem[], keyOf: (i: WorklistItem) => string): WorklistGroup[] {
  const map = new Map<string, WorklistItem[]>();
  for (const item of items) map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item]);
  return [...map].map(([key, list]) => ({ key, count: list.length, amount: list.reduce((s, i) => s + cents(i.amount), 0) / 100, items: list }));
}

/** The worklist of all denied and partially paid encounters. */
export function buildWorklist(encounters: readonly CodedEncounter[], options: WorklistOptions = {}): Worklist {
  const items = encounters.flatMap((e) => worklistItems(e, options)).sort((a, b) => b.amount - a.amount || b.ageDays - a.ageDays);
  const byAmount = (a: WorklistGroup, b: WorklistGroup) => b.amount - a.amount || a.key.localeCompare(b.key);
  const ages = new Map(group(items, (i) => i.ageBucket).map((g) => [g.key, g]));
  return {
    items,
    byCategory: group(items, (i) => i.category).sort(byAmount),
    byPayer: group(items, (i) => i.payer.name).sort(byAmount),
    byAge: AGE_BUCKETS.map((b) => ages.get(b) ?? { key: b, count: 0, amount: 0, items: [] }),
    total: { count: items.length, amount: items.reduce((s, i) => s + cents(i.amount), 0) / 100 },
  };
}
