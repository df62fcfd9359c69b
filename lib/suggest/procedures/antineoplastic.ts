import type { DrugDescriptor, DrugIndex } from './drug-descriptors';

/** How an anticancer drug is given for coding: chemotherapy (96401/96409/96413…) or a hormonal antineoplastic by injection (96402). */
export type AntineoplasticKind = 'chemotherapy' | 'hormonal';

/**
 * Hormonal antineoplastics: HCPCS files them with the chemotherapy drugs (J9xxx), but an SC/IM injection
 * of one is the hormonal code (96402).
 */
const HORMONAL = new Set(['leuprolide', 'goserelin', 'triptorelin', 'histrelin', 'degarelix', 'fulvestrant', 'relugolix']);

const mainsCache = new WeakMap<DrugIndex, Set<string>>();

/**
 * Whether a drug descriptor is an anticancer drug, from the HCPCS file itself: the chemotherapy drug codes
 * (J9000–J9999), or a biosimilar (Q5xxx) of a drug that has one ("trastuzumab-anns" → trastuzumab, J9355).
 *
 * @example antineoplasticKind(descriptorOf('J9201'), index) // 'chemotherapy'
 */
export function antineoplasticKind(d: DrugDescriptor, index: DrugIndex): AntineoplasticKind | undefined {
  let mains = mainsCache.get(index);
  if (!mains) {
    mains = new Set(index.descriptors.filter((x) => /^J9\d{3}$/.test(x.code)).flatMap((x) => x.components.map((c) => c.main)));
    mainsCache.set(index, mains);
  }
  const chemo = /^J9\d{3}$/.test(d.code) || (/^Q5\d{3}$/.test(d.code) && d.components.some((c) => mains.has(c.main)));
  if (!chemo) return undefined;
  return d.components.some((c) => HORMONAL.has(c.main)) ? 'hormonal' : 'chemotherapy';
}
