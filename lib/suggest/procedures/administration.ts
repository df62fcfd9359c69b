import type { CodeSetCatalog } from '../../codesets';
import { furtherHours } from './clock';
import type { DrugAdministration } from './drugs';
import { makeLine } from './lines';
import type { LineSpec } from './lines';
import { chemotherapyCodes } from './chemotherapy';
import type { ProcedureLine, StageResult } from './types';

const CHEMO_ROUTES = new Set(['iv', 'iv-push', 'infusion', 'im', 'sc']);

/** What {@link administrationCodes} works from: the drugs given and the procedures billed the same day. */
export interface AdministrationInput {
  administrations: readonly DrugAdministration[];
  procedures: readonly ProcedureLine[];
}

/** Options for {@link administrationCodes}. */
export interface AdministrationOptions {
  /** Date of service (YYYY-MM-DD). Default: today. */
  dateOfService?: string;
}

/**
 * Injection and infusion codes for the drugs given: 96372 per IM/SC injection not already part of a
 * procedure (a joint or trigger-point injection includes giving its drug); IV pushes 96374 then 96375
 * for each further drug; a drug infusion 96365 (+96366 per hour past 90 minutes, 96367 per further
 * drug, pushes then 96375); IV fluids alone 96360 (31+ minutes, +96361 per hour past 90). Nebulized
 * drugs get no code here: the treatment (94640) is a named procedure.
 *
 * @example administrationCodes({ administrations: drugs.administrations, procedures }, catalog).lines.map(l => l.code) // ['96372']
 */
export function administrationCodes(input: AdministrationInput, catalog: CodeSetCatalog, options: AdministrationOptions = {}): StageResult {
  const { procedures } = input;
  const dos = options.dateOfService ?? new Date().toISOString().slice(0, 10);
  const result: StageResult = { lines: [], excluded: [] };
  const add = (spec: LineSpec) => {
    const made = makeLine(catalog, dos, spec);
    if (made.line) result.lines.push(made.line);
    if (made.excluded) result.excluded.push(made.excluded);
  };
  const injectingProcedure = procedures.find((p) => p.includesInjection);
  // Chemotherapy comes first in the hierarchy: with it, every other IV service is an add-on to the chemo service.
  let administrations = input.administrations;
  if (administrations.some((a) => a.antineoplastic && a.route !== undefined && CHEMO_ROUTES.has(a.route))) {
    const chemo = chemotherapyCodes(administrations, catalog, dos);
    result.lines.push(...chemo.lines);
    result.excluded.push(...chemo.excluded);
    if (administrations.some((a) => a.antineoplastic && a.route !== 'im' && a.route !== 'sc')) {
      const others = administrations.filter((a) => !a.antineoplastic && (a.route === 'im' || a.route === 'sc') && !a.viaProcedure);
      if (others.length > 0) add({ code: '96372', kind: 'drug-admin', units: others.length, confidence: 0.8, rule: `IM/SC injection of ${others.map((a) => a.line.code).join(', ')} → 96372 × ${others.length}`, evidence: others.map((a) => a.evidence) });
      return result;
    }
    // SC/IM chemotherapy only: the other drugs keep their own administration codes.
    administrations = administrations.filter((a) => !a.antineoplastic);
  }

  // IM/SC injections, one unit each.
  const shots: DrugAdministration[] = [];
  const guessed: DrugAdministration[] = [];
  for (const a of administrations) {
    if (a.viaProcedure) continue;
    if (a.route === 'im' || a.route === 'sc') shots.push(a);
    else if (a.route === undefined && !injectingProcedure && a.line.title.toLowerCase().startsWith('injection')) guessed.push(a);
  }
  if (shots.length + guessed.length > 0) {
    const all = [...shots, ...guessed];
    add({
      code: '96372',
      kind: 'drug-admin',
      units: all.length,
      confidence: guessed.length ? 0.6 : 0.85,
      rule: `IM/SC injection of ${all.map((a) => a.line.code).join(', ')} → 96372 × ${all.length} (one per injection; not part of a procedure)`,
      evidence: all.map((a) => a.evidence),
      warnings: guessed.length ? [`Route not documented for ${guessed.map((a) => a.line.code).join(', ')}: assumed IM/SC.`] : [],
    });
  }

  // IV: the initial service is the infusion when there is one, else the first push.
  const infusions = administrations.filter((a) => a.route === 'infusion' && !a.hydration);
  const pushes = administrations.filter((a) => (a.route === 'iv-push' || a.route === 'iv') && !a.hydration);
  const fluids = administrations.filter((a) => a.hydration && (a.route === 'iv' || a.route === 'iv-push' || a.route === 'infusion'));
  const assumedPush = pushes.filter((a) => a.route === 'iv');
  const pushWarning = assumedPush.length ? [`IV push vs infusion not stated for ${assumedPush.map((a) => a.line.code).join(', ')}: assumed push.`] : [];
  if (infusions.length > 0) {
    const first = infusions[0]!;
    add({ code: '96365', kind: 'drug-admin', confidence: 0.8, rule: `IV infusion of ${first.line.code}${first.minutes ? ` over ${first.minutes} min` : ''} → 96365 (initial, up to 1 hour)`, evidence: [first.evidence], warnings: first.minutes === undefined ? ['Infusion time not documented (96365 needs more than 15 minutes).'] : [] });
    if (first.minutes !== undefined && first.minutes > 90) {
      const units = furtherHours(first.minutes);
      add({ code: '96366', kind: 'drug-admin', units, confidence: 0.8, rule: `infusion of ${first.minutes} min: each further hour (over 30 min past the hour) → 96366 × ${units}`, evidence: [first.evidence] });
    }
    if (infusions.length > 1) {
      add({ code: '96367', kind: 'drug-admin', units: infusions.length - 1, confidence: 0.7, rule: `further drugs infused in sequence (${infusions.slice(1).map((a) => a.line.code).join(', ')}) → 96367 × ${infusions.length - 1}`, evidence: infusions.slice(1).map((a) => a.evidence) });
    }
    if (pushes.length > 0) {
      add({ code: '96375', kind: 'drug-admin', units: pushes.length, confidence: 0.75, rule: `IV push of a further drug after the initial infusion (${pushes.map((a) => a.line.code).join(', ')}) → 96375 × ${pushes.length}`, evidence: pushes.map((a) => a.evidence), warnings: pushWarning });
    }
  } else if (pushes.length > 0) {
    add({ code: '96374', kind: 'drug-admin', confidence: assumedPush.length ? 0.65 : 0.85, rule: `IV push of ${pushes[0]!.line.code} → 96374 (initial)`, evidence: [pushes[0]!.evidence], warnings: pushWarning });
    if (pushes.length > 1) {
      add({ code: '96375', kind: 'drug-admin', units: pushes.length - 1, confidence: 0.75, rule: `IV push of each further drug (${pushes.slice(1).map((a) => a.line.code).join(', ')}) → 96375 × ${pushes.length - 1}`, evidence: pushes.slice(1).map((a) => a.evidence) });
    }
  }
  if (fluids.length > 0) {
    const f = fluids[0]!;
    if (infusions.length + pushes.length > 0) {
      // Hydration after another initial service is a subsequent service: 96361 once it ran 31 minutes on its own,
      // and again for each further hour (over 30 minutes past it).
      if (f.minutes !== undefined && f.minutes >= 31) {
        const units = 1 + furtherHours(f.minutes);
        add({ code: '96361', kind: 'drug-admin', units, confidence: 0.7, rule: `IV hydration with ${f.line.code} for ${f.minutes} min after the initial drug service → 96361 × ${units} (subsequent hydration)`, evidence: [f.evidence], warnings: ['Check that the hydration ran on its own (not as the drug\'s carrier) for the minutes counted.'] });
      } else {
        const line = result.lines[result.lines.length - 1];
        line?.warnings.push('IV fluids were also given: hydration after the initial service may be 96361 if it ran 31+ minutes on its own.');
      }
    } else if (f.minutes !== undefined && f.minutes < 31) {
      // Hydration under 31 minutes is not reportable.
    } else {
      add({ code: '96360', kind: 'drug-admin', confidence: f.minutes === undefined ? 0.6 : 0.8, rule: `IV hydration with ${f.line.code}${f.minutes ? ` over ${f.minutes} min` : ''} → 96360 (first 31–90 min)`, evidence: [f.evidence], warnings: f.minutes === undefined ? ['Hydration time not documented: 96360 needs 31 minutes or more.'] : [] });
      if (f.minutes !== undefined && f.minutes > 90) {
        const units = furtherHours(f.minutes);
        add({ code: '96361', kind: 'drug-admin', units, confidence: 0.75, rule: `hydration of ${f.minutes} min: each further hour → 96361 × ${units}`, evidence: [f.evidence] });
      }
    }
  }
  return result;
}
