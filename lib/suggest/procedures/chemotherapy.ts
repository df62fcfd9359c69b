import type { CodeSetCatalog } from '../../codesets';
import { furtherHours } from './clock';
import type { DrugAdministration } from './drugs';
import { makeLine } from './lines';
import type { LineSpec } from './lines';
import type { StageResult } from './types';

/**
 * Administration codes for a session with chemotherapy, by the CPT hierarchy (chemotherapy, then other
 * drug infusions, then pushes, then hydration): the initial service is the first chemotherapy infusion
 * (96413, +96415 per hour past 90 minutes, 96417 per further chemotherapy drug infused), else the first
 * chemotherapy push (96409, 96411 per further one); SC/IM chemotherapy is 96401 (96402 hormonal). Other
 * drugs are then add-ons: infused 96367, pushed 96375; IV fluids 96361 only when they ran 31 minutes or
 * more on their own.
 *
 * @example chemotherapyCodes(drugs.administrations, catalog, '2026-03-10').lines.map(l => l.code) // ['96413', '96375']
 */
export function chemotherapyCodes(administrations: readonly DrugAdministration[], catalog: CodeSetCatalog, dos: string): StageResult {
  const result: StageResult = { lines: [], excluded: [] };
  const add = (spec: Omit<LineSpec, 'kind'>) => {
    const made = makeLine(catalog, dos, { ...spec, kind: 'drug-admin' });
    if (made.line) result.lines.push(made.line);
    if (made.excluded) result.excluded.push(made.excluded);
  };
  const chemo = administrations.filter((a) => a.antineoplastic);
  const chemoInfusions = chemo.filter((a) => a.route === 'infusion');
  const chemoPushes = chemo.filter((a) => a.route === 'iv-push' || a.route === 'iv');
  const chemoShots = chemo.filter((a) => a.route === 'sc' || a.route === 'im');
  const other = administrations.filter((a) => !a.antineoplastic && !a.viaProcedure);
  const otherInfusions = other.filter((a) => a.route === 'infusion' && !a.hydration);
  const otherPushes = other.filter((a) => (a.route === 'iv-push' || a.route === 'iv') && !a.hydration);
  const fluids = other.filter((a) => a.hydration && (a.route === 'iv' || a.route === 'iv-push' || a.route === 'infusion'));
  const codesOf = (list: readonly DrugAdministration[]) => list.map((a) => a.line.code).join(', ');

  for (const shot of chemoShots) {
    const code = shot.antineoplastic === 'hormonal' ? '96402' : '96401';
    add({ code, confidence: 0.8, rule: `${shot.route!.toUpperCase()} injection of ${shot.antineoplastic === 'hormonal' ? 'a hormonal antineoplastic' : 'chemotherapy'} (${shot.line.code}) → ${code}`, evidence: [shot.evidence] });
  }
  const hasIvChemo = chemoInfusions.length + chemoPushes.length > 0;
  if (chemoInfusions.length > 0) {
    const first = chemoInfusions[0]!;
    add({ code: '96413', confidence: 0.8, rule: `chemotherapy infusion of ${first.line.code}${first.minutes !== undefined ? ` over ${first.minutes} min` : ''} → 96413 (initial, up to 1 hour)`, evidence: [first.evidence], warnings: first.minutes === undefined ? ['Infusion time not documented (96413 needs more than 15 minutes; over 15 minutes of push is an infusion).'] : [] });
    if (first.minutes !== undefined && first.minutes > 90) {
      const units = furtherHours(first.minutes);
      add({ code: '96415', units, confidence: 0.8, rule: `chemotherapy infusion of ${first.minutes} min: each further hour (over 30 min past the hour) → 96415 × ${units}`, evidence: [first.evidence] });
    }
    if (chemoInfusions.length > 1) add({ code: '96417', units: chemoInfusions.length - 1, confidence: 0.7, rule: `further chemotherapy drugs infused in sequence (${codesOf(chemoInfusions.slice(1))}) → 96417 × ${chemoInfusions.length - 1}`, evidence: chemoInfusions.slice(1).map((a) => a.evidence) });
    if (chemoPushes.length > 0) add({ code: '96411', units: chemoPushes.length, confidence: 0.75, rule: `chemotherapy pushed after the initial infusion (${codesOf(chemoPushes)}) → 96411 × ${chemoPushes.length}`, evidence: chemoPushes.map((a) => a.evidence) });
  } else if (chemoPushes.length > 0) {
    add({ code: '96409', confidence: 0.8, rule: `chemotherapy by IV push (${chemoPushes[0]!.line.code}) → 96409 (initial)`, evidence: [chemoPushes[0]!.evidence] });
    if (chemoPushes.length > 1) add({ code: '96411', units: chemoPushes.length - 1, confidence: 0.75, rule: `each further chemotherapy push (${codesOf(chemoPushes.slice(1))}) → 96411 × ${chemoPushes.length - 1}`, evidence: chemoPushes.slice(1).map((a) => a.evidence) });
  }
  if (!hasIvChemo) {
    // SC/IM chemotherapy only: IV drugs of the session keep their own initial codes (not built here).
    return result;
  }
  if (otherInfusions.length > 0) add({ code: '96367', units: otherInfusions.length, confidence: 0.7, rule: `other drugs infused in sequence after the chemotherapy (${codesOf(otherInfusions)}) → 96367 × ${otherInfusions.length}`, evidence: otherInfusions.map((a) => a.evidence) });
  if (otherPushes.length > 0) add({ code: '96375', units: otherPushes.length, confidence: 0.75, rule: `other drugs by IV push (${codesOf(otherPushes)}), e.g. premedication → 96375 × ${otherPushes.length}`, evidence: otherPushes.map((a) => a.evidence) });
  const fluid = fluids[0];
  if (fluid?.minutes !== undefined && fluid.minutes >= 31) {
    add({ code: '96361', confidence: 0.7, rule: `hydration with ${fluid.line.code} on its own for ${fluid.minutes} min beside the chemotherapy → 96361`, evidence: [fluid.evidence] });
  }
  return result;
}
