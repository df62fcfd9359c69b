/**
 * What a coder auditing a denied claim should look at and could change, from the denial's category, the claim
 * checks re-run now, and the chart evidence stored with each code. Pure: the chart audit view shows these,
 * the coder decides. Suggestions never change the encounter themselves.
 */
import type { CheckResult } from '../claims/types';
import type { CodedEncounter, EncounterEvidence, ServiceLine } from '../encounter/types';
import type { ReasonCategory } from './reasons';

/** The claim-check rules that speak to each kind of denial (the audit view highlights them). */
export const CATEGORY_RULES: Readonly<Partial<Record<ReasonCategory, readonly string[]>>> = {
  'diagnosis-procedure-mismatch': ['diagnosis-pointers', 'mce-unacceptable-first-listed', 'mce-manifestation-first-listed', 'external-cause-first-listed', 'icd-excludes1-pair', 'duplicate-diagnosis'],
  'invalid-code': ['icd-missing-7th-character', 'icd-header-not-billable', 'icd-code-not-valid-for-date', 'procedure-code-not-valid-for-date'],
  modifier: ['modifiers'],
  'units-over-limit': ['mue-units'],
  'age-sex-conflict': ['mce-age-conflict', 'mce-sex-conflict-historical'],
  'missing-information': ['required-fields', 'npi-check-digit', 'place-of-service', 'diagnosis-count', 'diagnosis-pointers'],
  duplicate: ['duplicate-encounter', 'duplicate-diagnosis'],
  bundled: ['modifiers'],
};

/** Whether a check result bears on a denial of this category. */
export function isRelatedCheck(category: ReasonCategory, check: Pick<CheckResult, 'rule'>): boolean {
  return CATEGORY_RULES[category]?.includes(check.rule) ?? false;
}

export interface AuditSuggestion {
  kind: 'pointer' | 'evidence' | 'code' | 'modifier' | 'units' | 'patient' | 'review';
  /** Plain words for the coder. */
  message: string;
  /** The encounter line concerned, when about one line. */
  lineId?: string;
  /** Codes involved (diagnoses with the dot, procedure codes, modifiers). */
  codes: string[];
}

export interface AuditInput {
  encounter: CodedEncounter;
  category: ReasonCategory;
  /** The claim checks of the encounter as it is now. */
  checks: readonly CheckResult[];
  /** Lines the payer refused; all lines when empty or left out. */
  lineIds?: readonly string[];
}

const letter = (pointer: number) => String.fromCharCode(64 + pointer);
const hasEvidence = (evidence?: EncounterEvidence[]) => (evidence ?? []).some((e) => e.text.trim() !== '');
const lineName = (line: ServiceLine) => `line ${line.id} (${line.code}${line.modifiers.length ? `-${line.modifiers.join('-')}` : ''})`;
const evidenceText = (evidence?: EncounterEvidence[]) => (evidence ?? []).map((e) => `${e.text} ${e.sentence ?? ''}`).join(' ');

/** E/M office, consult, emergency, hospital and nursing facility visit codes. */
export function isEvaluationAndManagement(code: string): boolean {
  return /^99(2\d\d|3[0-4]\d)$/.test(code.trim());
}

/** Laterality the chart evidence states: 'left', 'right', 'both', or undefined when it says neither. */
export function lateralityIn(text: string): 'left' | 'right' | 'both' | undefined {
  const t = text.toLowerCase();
  if (/\bbilateral(ly)?\b|\bboth (knees|hips|shoulders|ears|eyes|sides|legs|arms|hands|feet)\b/.test(t)) return 'both';
  const left = /\bleft\b|\blt\b/.test(t);
  const right = /\bright\b|\brt\b/.test(t);
  return left && right ? 'both' : left ? 'left' : right ? 'right' : undefined;
}

/** Age in whole years on a date (ISO dates). */
function ageOn(dob: string, date: string): number | undefined {
  if (!/^\d{4}-\d\d-\d\d$/.test(dob) || !/^\d{4}-\d\d-\d\d/.test(date)) return undefined;
  const years = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  return date.slice(5, 10) < dob.slice(5, 10) ? years - 1 : years;
}

function pointerSuggestions(encounter: CodedEncounter, lines: ServiceLine[]): AuditSuggestion[] {
  const out: AuditSuggestion[] = [];
  const supported = encounter.diagnoses.map((d, i) => ({ pointer: i + 1, code: d.code, evidence: hasEvidence(d.evidence) })).filter((d) => d.evidence);
  for (const line of lines) {
    const pointed = line.pointers.map((p) => ({ pointer: p, diagnosis: encounter.diagnoses[p - 1] }));
    const listed = pointed.map((p) => `${letter(p.pointer)} ${p.diagnosis?.code ?? '(no diagnosis)'}`).join(', ');
    out.push({
      kind: 'review',
      lineId: line.id,
      codes: [line.code, ...pointed.flatMap((p) => (p.diagnosis ? [p.diagnosis.code] : []))],
      message: `Review the pointers of ${lineName(line)}: ${listed || 'none'}. The first is the primary reason for the service; it must be what the chart says the service was for.`,
    });
    const primary = pointed[0]?.diagnosis;
    if (primary && hasEvidence(primary.evidence)) continue;
    const better = supported.find((d) => !line.pointers.includes(d.pointer)) ?? supported.find((d) => d.pointer !== line.pointers[0]);
    if (better) {
      out.push({
        kind: 'pointer',
        lineId: line.id,
        codes: [line.code, better.code],
        message: `${lineName(line)} points first at ${primary ? `${primary.code}, which has no chart evidence stored` : 'no diagnosis'}; consider pointing it at ${letter(better.pointer)} ${better.code}, which the chart supports.`,
      });
    }
  }
  encounter.diagnoses.forEach((d, i) => {
    if (!hasEvidence(d.evidence) && lines.some((l) => l.pointers.includes(i + 1))) {
      out.push({ kind: 'evidence', codes: [d.code], message: `${letter(i + 1)} ${d.code} has no chart evidence stored: confirm it in the chart, or remove it from the lines that point at it.` });
    }
  });
  return out;
}

function codeSuggestions(checks: readonly CheckResult[]): AuditSuggestion[] {
  const related = checks.filter((c) => isRelatedCheck('invalid-code', c));
  if (!related.length) return [{ kind: 'review', codes: [], message: 'The claim checks find no invalid code now: compare each code with the payer\'s remark, and with the code set in force on the date of service.' }];
  return related.map((c) => ({ kind: 'code', codes: c.codes, message: c.message, ...(c.line ? { lineId: c.line } : {}) }));
}

function modifierSuggestions(encounter: CodedEncounter, lines: ServiceLine[], checks: readonly CheckResult[]): AuditSuggestion[] {
  const out: AuditSuggestion[] = [];
  const dateOf = (l: ServiceLine) => l.dateOfService ?? encounter.dateOfService;
  for (const line of lines) {
    if (isEvaluationAndManagement(line.code) && !line.modifiers.includes('25')) {
      const procedures = encounter.lines.filter((o) => o !== line && !isEvaluationAndManagement(o.code) && dateOf(o) === dateOf(line));
      if (procedures.length) {
        out.push({
          kind: 'modifier',
          lineId: line.id,
          codes: [line.code, '25', ...procedures.map((p) => p.code)],
          message: `${lineName(line)} is a visit billed with ${procedures.map((p) => p.code).join(', ')} on the same day: add modifier 25 if the chart shows a significant, separately identifiable visit.`,
        });
      }
    }
    const side = lateralityIn(`${evidenceText(line.evidence)} ${line.pointers.map((p) => evidenceText(encounter.diagnoses[p - 1]?.evidence)).join(' ')}`);
    const want = side === 'left' ? 'LT' : side === 'right' ? 'RT' : side === 'both' ? '50' : undefined;
    const has = line.modifiers.filter((m) => m === 'LT' || m === 'RT' || m === '50');
    if (want && !has.includes(want) && !isEvaluationAndManagement(line.code)) {
      out.push({
        kind: 'modifier',
        lineId: line.id,
        codes: [line.code, want, ...has],
        message: `The chart evidence for ${lineName(line)} says ${side === 'both' ? 'both sides' : side}: ${has.length ? `it carries ${has.join(', ')}; check it and use ${want}` : `add ${want}`} if the procedure was done on that side.`,
      });
    }
  }
  for (const c of checks) if (isRelatedCheck('modifier', c)) out.push({ kind: 'modifier', codes: c.codes, message: c.message, ...(c.line ? { lineId: c.line } : {}) });
  return out;
}

function unitSuggestions(lines: ServiceLine[], checks: readonly CheckResult[]): AuditSuggestion[] {
  const out: AuditSuggestion[] = [];
  for (const c of checks.filter((x) => x.rule === 'mue-units')) {
    const limit = /MUE limit for (\S+) is (\d+)/.exec(c.message) ?? /pays no units of (\S+)/.exec(c.message);
    const line = lines.find((l) => l.id === c.line);
    const max = limit?.[2] ?? (limit ? '0' : undefined);
    out.push({
      kind: 'units',
      codes: c.codes,
      ...(c.line ? { lineId: c.line } : {}),
      message: max !== undefined ? `${line ? `${lineName(line)} reports ${line.units} units; ` : ''}the MUE limit for ${limit![1]} is ${max}. Correct the units to what the chart documents, at most ${max}, or keep the record ready for an appeal. ${c.message}` : c.message,
    });
  }
  if (!out.length) out.push({ kind: 'review', codes: lines.map((l) => l.code), message: `No loaded MUE limit is exceeded now: check the units of ${lines.map(lineName).join(', ')} against the chart and the payer's own limits.` });
  return out;
}

function patientSuggestions(encounter: CodedEncounter, checks: readonly CheckResult[]): AuditSuggestion[] {
  const age = ageOn(encounter.patient.dob, encounter.dateOfService);
  const sex = { F: 'female', M: 'male', U: 'unknown' }[encounter.patient.sex] ?? encounter.patient.sex;
  const out: AuditSuggestion[] = [
    {
      kind: 'patient',
      codes: [],
      message: `Verify the patient's sex (${sex}) and date of birth (${encounter.patient.dob}${age !== undefined ? `, age ${age} on ${encounter.dateOfService}` : ''}) against the chart and the payer's member record.`,
    },
  ];
  for (const c of checks) if (isRelatedCheck('age-sex-conflict', c)) out.push({ kind: 'code', codes: c.codes, message: c.message });
  return out;
}

/** Suggested corrections for a denial of `category`, most specific first. */
export function auditSuggestions(input: AuditInput): AuditSuggestion[] {
  const { encounter, category, checks } = input;
  const lines = input.lineIds?.length ? encounter.lines.filter((l) => input.lineIds!.includes(l.id)) : encounter.lines;
  switch (category) {
    case 'diagnosis-procedure-mismatch':
      return pointerSuggestions(encounter, lines.length ? lines : encounter.lines);
    case 'invalid-code':
      return codeSuggestions(checks);
    case 'modifier':
    case 'bundled':
      return modifierSuggestions(encounter, lines.length ? lines : encounter.lines, checks);
    case 'units-over-limit':
      return unitSuggestions(lines.length ? lines : encounter.lines, checks);
    case 'age-sex-conflict':
      return patientSuggestions(encounter, checks);
    default:
      return checks.filter((c) => isRelatedCheck(category, c)).map((c) => ({ kind: 'review' as const, codes: c.codes, message: c.message, ...(c.line ? { lineId: c.line } : {}) }));
  }
}
