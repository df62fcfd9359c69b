import type { DrugCandidate, DrugIndex } from './drug-descriptors';

/**
 * The combination product of nebulized drugs given together in one treatment: the inhalation-solution
 * code whose drug components are exactly the drugs named (albuterol + ipratropium → one code for the
 * premixed unit dose), or undefined when no single code covers them all. A combination product is one
 * unit dose, so it replaces the single-drug codes and their per-mg units.
 *
 * @example combinationProduct([['albuterol'], ['ipratropium', 'bromide']], index, '2026-03-01')?.descriptor.code // 'J7620'
 */
export function combinationProduct(drugs: readonly (readonly string[])[], index: DrugIndex, dateOfService: string): DrugCandidate | undefined {
  if (drugs.length < 2) return undefined;
  const words = drugs.flat();
  return index
    .candidates(words, 'inhalation', dateOfService)
    .find((c) => c.descriptor.form === 'inhalation' && c.descriptor.components.length === drugs.length && drugs.every((d) => c.descriptor.components.some((k) => d.includes(k.main))));
}

/** Why a nebulizer solution is not put on the office claim by default (see DrugOptions.billInhalationSolutions). */
export const INHALATION_SUPPLY_NOTE =
  'nebulizer solution codes (J7604–J7699) are written for DME supply; the office bills the treatment (94640) — add the drug by hand only for a payer that pays office nebulizer drugs';
