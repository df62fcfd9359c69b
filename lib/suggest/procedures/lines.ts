import { isActiveOn } from '../../codesets';
import type { CodeRecord, CodeSetBundle, CodeSetCatalog, CodeSystem } from '../../codesets';
import type { ChartDocument } from '../../chart';
import type { Evidence, ExcludedCandidate, ExclusionReason } from '../types';
import { evidenceAt } from './text';
import type { LineKind, ProcedureLine } from './types';

/**
 * The catalogue record of a code in force on the date of service (HCPCS codes also checked against
 * their own effective and termination dates), or undefined.
 *
 * @example codeOn(catalog, 'J1030', 'hcpcs', '2026-03-01') // undefined: terminated 2024-03-31
 */
export function codeOn(catalog: CodeSetCatalog, code: string, system: CodeSystem, dateOfService: string): CodeRecord | undefined {
  const release = releaseFor(catalog, system, dateOfService);
  if (!release) return undefined;
  const record = recordsOf(release).get(code);
  return record && isActiveOn(record, dateOfService) ? record : undefined;
}

/**
 * The release of a system for a date of service: the one in force, else the newest started before it,
 * else (a date before every loaded release) the oldest — HCPCS records keep their own effective and
 * termination dates, so an older date of service is still judged code by code.
 */
export function releaseFor(catalog: CodeSetCatalog, system: CodeSystem, dateOfService: string): CodeSetBundle | undefined {
  const set = catalog.setFor(system, dateOfService);
  if (set) return set;
  const all = catalog.codeSets.filter((s) => s.system === system);
  return all[all.length - 1];
}

const recordCache = new WeakMap<CodeSetBundle, Map<string, CodeRecord>>();
function recordsOf(bundle: CodeSetBundle): Map<string, CodeRecord> {
  let map = recordCache.get(bundle);
  if (!map) {
    map = new Map(bundle.codes.map((c) => [c.code, c]));
    recordCache.set(bundle, map);
  }
  return map;
}

/** The code system of a procedure code: CPT for five digits (and Category II/III), else HCPCS Level II. */
export function systemOf(code: string): CodeSystem {
  return /^\d{4}[0-9FTU]$/.test(code) ? 'cpt' : 'hcpcs';
}

/** What {@link makeLine} needs besides the catalogue. */
export interface LineSpec {
  code: string;
  kind: LineKind;
  rule: string;
  confidence: number;
  evidence: Evidence[];
  units?: number;
  warnings?: string[];
  extra?: Partial<Pick<ProcedureLine, 'site' | 'lateral' | 'includesInjection' | 'emWork' | 'modifiers'>>;
}

/**
 * A procedure line for a code in force on the date of service, titled from the catalogue; or an
 * excluded candidate ("not in the loaded code set") when the catalogue has no such code that day.
 */
export function makeLine(catalog: CodeSetCatalog, dateOfService: string, spec: LineSpec): { line?: ProcedureLine; excluded?: ExcludedCandidate } {
  const system = systemOf(spec.code);
  const record = codeOn(catalog, spec.code, system, dateOfService);
  if (!record) {
    return {
      excluded: {
        system,
        code: spec.code,
        title: spec.code,
        reason: 'not-billable',
        explanation: `${spec.code} is not in the loaded ${system === 'cpt' ? 'CPT' : 'HCPCS'} code set for ${dateOfService}`,
        evidence: spec.evidence,
      },
    };
  }
  const line: ProcedureLine = {
    system,
    code: record.code,
    title: record.title,
    units: spec.units ?? 1,
    confidence: round(spec.confidence),
    rule: spec.rule,
    evidence: spec.evidence,
    warnings: [...(spec.warnings ?? [])],
    kind: spec.kind,
    ...(spec.extra ?? {}),
  };
  return { line };
}

/** An excluded candidate for a code (titled from the catalogue when it has the code). */
export function makeExcluded(catalog: CodeSetCatalog, dateOfService: string, code: string, reason: ExclusionReason, explanation: string, evidence: Evidence[]): ExcludedCandidate {
  const system = systemOf(code);
  const release = releaseFor(catalog, system, dateOfService);
  const record = release ? recordsOf(release).get(code) : undefined;
  return { system, code, title: record?.title ?? code, reason, explanation, evidence };
}

/** Evidence for several spans of a document, in text order, duplicates dropped. */
export function evidenceList(doc: ChartDocument, spans: readonly { start: number; end: number }[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key) || s.end <= s.start) continue;
    seen.add(key);
    out.push(evidenceAt(doc, s.start, s.end));
  }
  return out;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
