import { mergeEvidence } from './evidence-merge';
import type { CodeRecord } from '../codesets/types';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Guideline I.C.9.b: atherosclerotic heart disease with angina is one combination code (I25.11-), the link presumed;
 * the angina is not coded separately. "Coronary artery disease … with stable angina pectoris" is I25.118, not I25.10
 * and I20.89 (the I20 Excludes1 note would otherwise keep only the CAD code "without angina").
 */

/** Native-vessel coronary atherosclerosis, without angina or with unspecified angina. */
const NATIVE_CAD = /^I25\.1(?:0|1\d)$/;
const ANGINA = /^I20\./;

/** The I25.11- code for each kind of angina (I20.0 unstable, I20.1 spasm, I20.2 refractory, I20.8- other, I20.9). */
function combinationFor(angina: string): string {
  if (angina === 'I20.0') return 'I25.110';
  if (angina === 'I20.1') return 'I25.111';
  if (angina === 'I20.2') return 'I25.112';
  if (angina.startsWith('I20.8')) return 'I25.118';
  return 'I25.119';
}

/** Replaces native CAD and an angina code with their combination code. */
export function linkCoronaryAngina(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], billable: (code: string) => CodeRecord | undefined): void {
  const cad = [...chosen.values()].filter((s) => NATIVE_CAD.test(s.code));
  const angina = [...chosen.values()].filter((s) => ANGINA.test(s.code));
  if (cad.length === 0 || angina.length === 0) return;
  // The most specific angina the chart states (an unspecified one gives way to a named kind).
  const named = angina.find((a) => a.code !== 'I20.9') ?? angina[0]!;
  const record = billable(combinationFor(named.code));
  if (!record) return;
  const evidence = cad.flatMap((s) => s.evidence);
  mergeEvidence(evidence, named.evidence);
  for (const s of [...cad, ...angina]) {
    if (s.code === record.code) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `coded within ${record.code}: atherosclerotic heart disease with angina is one code (Guideline I.C.9.b)`, evidence: s.evidence });
  }
  const existing = chosen.get(record.code);
  if (existing) return mergeEvidence(existing.evidence, evidence);
  chosen.set(record.code, {
    system: 'icd10cm',
    code: record.code,
    title: record.title,
    confidence: 0.85,
    rule: `Guideline I.C.9.b: coronary atherosclerosis with angina is a combination code, the link presumed: ${named.code} ${named.title}`,
    evidence,
    warnings: [],
  });
}
