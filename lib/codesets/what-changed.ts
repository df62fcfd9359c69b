/**
 * What changed between two releases of one code system, and which of the coder's favourites, recent codes and
 * open encounters it touches. The official addenda (bundle.changes) are used when the newer bundle has them for
 * exactly the older release; otherwise the two code lists are compared (a HCPCS code newly given a termination
 * date counts as deleted).
 */
import type { CodedEncounter } from '../encounter/types';
import { withoutDot } from './icd-code';
import type { CodeRecord, CodeSetBundle, CodeSystem } from './types';

/** One code's change, with its title and billable flag before and after where the bundles have them. */
export interface CodeChange {
  code: string;
  kind: 'added' | 'deleted' | 'revised';
  before?: { title: string; billable: boolean };
  after?: { title: string; billable: boolean; terminatedOn?: string };
}

export interface ReleaseChanges {
  system: CodeSystem;
  fromVersion: string;
  toVersion: string;
  /** First date of service of the newer release. */
  effectiveFrom: string;
  /** 'addenda' when taken from the official change lists, 'compared' when computed from the code lists. */
  source: 'addenda' | 'compared';
  added: CodeChange[];
  deleted: CodeChange[];
  revised: CodeChange[];
  /** Deleted ICD-10-CM code → added codes that may replace it (its new children, else new codes under its parent). */
  replacements: Record<string, string[]>;
}

const key = (system: CodeSystem, code: string) => (system === 'icd10cm' ? withoutDot(code) : code.trim().toUpperCase());

function byCode(bundle: CodeSetBundle): Map<string, CodeRecord> {
  return new Map(bundle.codes.map((c) => [key(bundle.system, c.code), c]));
}

const facts = (r: CodeRecord | undefined) => (r ? { title: r.title, billable: r.billable } : undefined);

/** The changes from `previous` to `next` (both of the same system). */
export function whatChanged(previous: CodeSetBundle, next: CodeSetBundle): ReleaseChanges {
  if (previous.system !== next.system) throw new Error(`cannot compare ${previous.system} ${previous.version} with ${next.system} ${next.version}: different code systems`);
  const system = next.system;
  const old = byCode(previous);
  const now = byCode(next);
  const change = (code: string, kind: CodeChange['kind']): CodeChange => {
    const before = facts(old.get(key(system, code)));
    const rec = now.get(key(system, code));
    const after = rec ? { ...facts(rec)!, ...(rec.terminatedOn ? { terminatedOn: rec.terminatedOn } : {}) } : undefined;
    return { code: rec?.code ?? old.get(key(system, code))?.code ?? code, kind, ...(before ? { before } : {}), ...(after ? { after } : {}) };
  };

  let added: CodeChange[];
  let deleted: CodeChange[];
  let revised: CodeChange[];
  let source: ReleaseChanges['source'];
  if (next.changes && next.changes.fromVersion === previous.version) {
    source = 'addenda';
    added = next.changes.added.map((c) => change(c, 'added'));
    deleted = next.changes.deleted.map((c) => change(c, 'deleted'));
    revised = next.changes.revised.map((c) => change(c, 'revised'));
  } else {
    source = 'compared';
    added = [];
    deleted = [];
    revised = [];
    // Terminated means no longer usable from the new release's first date of service on.
    const gone = (r: CodeRecord | undefined, from: string) => !r || (r.terminatedOn !== undefined && r.terminatedOn < from);
    for (const [k, r] of now) {
      const o = old.get(k);
      if (gone(o, previous.effectiveFrom) && !gone(r, next.effectiveFrom)) added.push(change(r.code, 'added'));
    }
    for (const [k, o] of old) {
      const r = now.get(k);
      if (gone(o, previous.effectiveFrom)) continue;
      const terminatedNow = r?.terminatedOn !== undefined && r.terminatedOn !== o.terminatedOn;
      if (!r || gone(r, next.effectiveFrom) || terminatedNow) deleted.push(change(o.code, 'deleted'));
      else if (r.title !== o.title || r.billable !== o.billable) revised.push(change(o.code, 'revised'));
    }
  }
  const sort = (list: CodeChange[]) => list.sort((a, b) => a.code.localeCompare(b.code));
  sort(added);
  sort(deleted);
  sort(revised);
  return {
    system,
    fromVersion: previous.version,
    toVersion: next.version,
    effectiveFrom: next.effectiveFrom,
    source,
    added,
    deleted,
    revised,
    replacements: system === 'icd10cm' ? replacementsFor(deleted, added, old, now) : {},
  };
}

/** For each deleted ICD-10-CM code: added codes below it (it was split), else added codes under the same parent. */
function replacementsFor(deleted: CodeChange[], added: CodeChange[], old: Map<string, CodeRecord>, now: Map<string, CodeRecord>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const addedKeys = added.map((a) => ({ code: a.code, bare: withoutDot(a.code), parent: now.get(withoutDot(a.code))?.parent }));
  for (const d of deleted) {
    const bare = withoutDot(d.code);
    let found = addedKeys.filter((a) => a.bare !== bare && a.bare.startsWith(bare));
    if (found.length === 0) {
      const parent = old.get(bare)?.parent ?? now.get(bare)?.parent ?? (bare.length > 3 ? bare.slice(0, -1) : undefined);
      if (parent) {
        const p = withoutDot(parent);
        found = addedKeys.filter((a) => (a.parent ? withoutDot(a.parent) === p : a.bare.length === bare.length && a.bare.startsWith(p)));
      }
    }
    if (found.length) out[d.code] = found.map((a) => a.code).sort();
  }
  return out;
}

/** A favourite or recent code (lib/db/schema.ts Favourite/Recent have these fields). */
export interface SavedCode {
  system: CodeSystem;
  code: string;
  title?: string;
}

/** A saved code or encounter code hit by a change. */
export interface AffectedCode {
  system: CodeSystem;
  code: string;
  change: 'deleted' | 'revised';
  /** Title before → after (revised), or before (deleted). */
  before?: { title: string; billable: boolean };
  after?: { title: string; billable: boolean; terminatedOn?: string };
  /** For deleted ICD-10-CM codes: the added codes that may replace it. */
  replacements: string[];
}

export interface AffectedEncounter {
  encounterId: string;
  claimId: string;
  dateOfService: string;
  status: string;
  codes: (AffectedCode & { /** "diagnoses[0]" or "lines[1]". */ field: string })[];
}

export interface AffectedReport {
  favourites: (AffectedCode & { saved: SavedCode })[];
  recents: (AffectedCode & { saved: SavedCode })[];
  encounters: AffectedEncounter[];
}

export interface FlagAffectedInput {
  /** One or more systems' changes (e.g. ICD-10-CM and HCPCS of the same update). */
  changes: ReleaseChanges | readonly ReleaseChanges[];
  /** Only encounters (lines) with a date of service on or after this ISO date are checked. */
  effectiveFrom: string;
  favourites?: readonly SavedCode[];
  recents?: readonly SavedCode[];
  encounters?: readonly CodedEncounter[];
}

/** Which favourites, recent codes and encounters use codes the new release deleted or revised. */
export function flagAffected(input: FlagAffectedInput): AffectedReport {
  const all = Array.isArray(input.changes) ? (input.changes as readonly ReleaseChanges[]) : [input.changes as ReleaseChanges];
  const hits = new Map<string, AffectedCode>();
  for (const c of all) {
    for (const kind of ['deleted', 'revised'] as const) {
      for (const ch of c[kind]) {
        hits.set(`${c.system}|${key(c.system, ch.code)}`, {
          system: c.system,
          code: ch.code,
          change: kind,
          ...(ch.before ? { before: ch.before } : {}),
          ...(ch.after ? { after: ch.after } : {}),
          replacements: kind === 'deleted' ? (c.replacements[ch.code] ?? []) : [],
        });
      }
    }
  }
  const lookup = (system: CodeSystem, code: string) => hits.get(`${system}|${key(system, code)}`);
  // CPT and HCPCS share one code space on claims, so a line is checked in its own system, then the other.
  const lineLookup = (system: CodeSystem, code: string) => lookup(system, code) ?? lookup(system === 'cpt' ? 'hcpcs' : 'cpt', code);
  const saved = (list: readonly SavedCode[] = []) =>
    list.flatMap((s) => {
      const hit = lookup(s.system, s.code);
      return hit ? [{ ...hit, replacements: [...hit.replacements], saved: s }] : [];
    });

  const encounters: AffectedEncounter[] = [];
  for (const e of input.encounters ?? []) {
    const codes: AffectedEncounter['codes'] = [];
    if (e.dateOfService >= input.effectiveFrom) {
      e.diagnoses.forEach((d, i) => {
        const hit = lookup('icd10cm', d.code);
        if (hit) codes.push({ ...hit, replacements: [...hit.replacements], field: `diagnoses[${i}]` });
      });
    }
    e.lines.forEach((l, i) => {
      if ((l.dateOfService ?? e.dateOfService) < input.effectiveFrom) return;
      const hit = lineLookup(l.system, l.code);
      if (hit) codes.push({ ...hit, replacements: [...hit.replacements], field: `lines[${i}]` });
    });
    if (codes.length) encounters.push({ encounterId: e.id, claimId: e.claimId, dateOfService: e.dateOfService, status: e.status, codes });
  }
  return { favourites: saved(input.favourites), recents: saved(input.recents), encounters };
}
