import type { CodeSetCatalog } from '../../codesets';
import { makeExcluded, makeLine } from './lines';
import type { NamedProcedureRules } from './rules';
import type { ProcedureLine, StageResult } from './types';

/**
 * Services with their own code alone and an add-on code beside an E/M (psychotherapy 90832/90834/90837
 * alone, 90833/90836/90838 with a same-day E/M): when the visit has an office E/M line, each standalone
 * code named in a concept's `withEm` table becomes its add-on code, same units, evidence and rule.
 *
 * @example withEmAddOns(named, emLines, rules, catalog, '2026-03-01') // 90832 → 90833 when a 99214 is billed
 */
export function withEmAddOns(result: StageResult, emLines: readonly ProcedureLine[], rules: NamedProcedureRules, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  if (!emLines.some((l) => l.kind === 'em')) return result;
  const addOn = new Map(rules.concepts.flatMap((c) => Object.entries(c.withEm ?? {})));
  if (addOn.size === 0) return result;
  const em = emLines.find((l) => l.kind === 'em')!;
  const excluded = [...result.excluded];
  const lines = result.lines.flatMap((line) => {
    const to = addOn.get(line.code);
    if (!to) return [line];
    const { title: _title, system: _system, code: _code, ...rest } = line;
    const made = makeLine(catalog, dateOfService, {
      code: to,
      kind: line.kind,
      rule: `${line.rule}; with the same-day E/M ${em.code} → add-on ${to}`,
      confidence: line.confidence,
      evidence: line.evidence,
      units: line.units ?? 1,
      warnings: line.warnings,
    });
    if (made.excluded) excluded.push(made.excluded);
    return made.line ? [{ ...rest, ...made.line, addOnToEm: true }] : [];
  });
  return { lines, excluded };
}

/**
 * A session that is only a service with its own standalone code (a psychotherapy hour) gets no E/M: an
 * E/M beside it needs E/M work of its own — medication management (a prescription written or changed),
 * tests ordered or reviewed, a problem outside what the session treats (mental and behavioural conditions
 * and their stressors), or its own documented time. Without that, the E/M line is set aside and the
 * standalone code stays.
 *
 * @example serviceOnlyVisit(em, named, rules, catalog, dos).lines // [] for a CBT session with no medication management
 */
export function serviceOnlyVisit(em: StageResult, named: readonly ProcedureLine[], rules: NamedProcedureRules, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  const standalone = new Set(rules.concepts.flatMap((c) => Object.keys(c.withEm ?? {})));
  const visit = em.lines.find((l) => l.kind === 'em');
  // A month of care management (clinical staff time, not a visit) documents no face-to-face work: an E/M read from
  // its problem list and medication lines with no visit time of its own is the summary, not a visit.
  const month = named.find((l) => MONTHLY_CARE_MANAGEMENT.has(l.code));
  if (month && visit?.emWork && visit.emWork.basis === 'mdm') return setVisitAside(em, visit, `the note is a month of care management (${month.code}), not a visit: no visit time of its own`, catalog, dateOfService);
  const service = named.find((l) => standalone.has(l.code));
  if (!service || !visit?.emWork) return em;
  const work = visit.emWork;
  // An E/M with its own documented time ("total time 25 minutes for the E/M") is documented work of its own.
  if (work.basis !== 'mdm' || work.prescriptionManagement || work.tests.length > 0) return em;
  // The session treats the behavioural problems and their stressors however many the assessment lists; a problem outside them (hypertension) is E/M work.
  const other = work.problems.filter((p) => !BEHAVIOURAL.test(p.text));
  if (other.length > 0 && work.problems.length > 1) return em;
  return setVisitAside(em, visit, `the visit is a ${service.code} session with no E/M work of its own (no medication management, tests or problem outside the session's): the session code is billed alone`, catalog, dateOfService);
}

/** The E/M stage without its visit line (and any prolonged-service line on it), the visit kept aside with why. */
function setVisitAside(em: StageResult, visit: ProcedureLine, why: string, catalog: CodeSetCatalog, dateOfService: string): StageResult {
  const set = makeExcluded(catalog, dateOfService, visit.code, 'not-billable', why, visit.evidence);
  return { lines: em.lines.filter((l) => l !== visit && l.kind !== 'prolonged'), excluded: [...em.excluded, set] };
}

/** Monthly care-management codes billed for staff or clinician time over a calendar month (CCM, complex CCM, principal care). */
const MONTHLY_CARE_MANAGEMENT = new Set(['99490', '99491', '99487', '99424', '99426']);

/** Problems a psychotherapy session itself treats: mental and behavioural conditions, their symptoms and psychosocial stressors. */
const BEHAVIOURAL = new RegExp(
  '\\b(?:' +
    [
      'depress\\w*', 'mdd', 'dysthymi\\w*', 'anxi\\w*', 'gad', 'panic', 'phobi\\w*', 'ptsd', 'post-?traumatic', 'trauma\\w*', 'ocd', 'obsessive\\w*',
      'bipolar', 'mania', 'manic', 'hypomani\\w*', 'schizo\\w*', 'psychos[ie]s', 'psychotic', 'adhd', 'attention[- ]deficit', 'autis\\w*',
      'insomnia', 'grief', 'bereave\\w*', 'adjustment', 'mood', 'affective', 'personality', 'borderline', 'eating disorder', 'anorexi\\w*', 'bulimi\\w*',
      'binge', 'alcohol', 'substance', 'opioid use', 'cannabis', 'stimulant use', 'tobacco use', 'nicotine', 'gambling', 'use disorder', 'suicid\\w*',
      'self[- ]harm', 'stress\\w*', 'unemploy\\w*', 'job loss', 'divorce', 'relationship', 'marital', 'family conflict', 'parenting', 'housing', 'financial',
      'homeless\\w*', 'abuse', 'neglect', 'burnout', 'irritab\\w*', 'anger', 'behavio\\w*', 'psychiatric', 'mental health', 'emotional',
    ].join('|') +
    ')\\b',
  'i',
);
