import type { TextSpan } from '../../chart';

/** Units a dose or a HCPCS descriptor amount can be in, normalised. */
export type DoseUnit = 'g' | 'mg' | 'mcg' | 'ml' | 'l' | 'unit' | 'million units' | 'meq' | 'mmol' | 'dose';

/** An amount: value and unit ("250 mg"). */
export interface Amount {
  value: number;
  unit: DoseUnit;
}

/** A strength per millilitre ("40 mg/ml", or 1% → 10 mg/ml). */
export interface Concentration {
  /** Amount in one millilitre. */
  perMl: Amount;
}

/** A dose-like expression found in a sentence. */
export interface DoseMention extends TextSpan {
  text: string;
  kind: 'amount' | 'concentration';
  amount?: Amount;
  concentration?: Concentration;
  /** Concentrations written with a volume ("150 mg/1 mL"): the amount in that volume (a vial or syringe as given). */
  total?: Amount;
}

const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)';
const MASS = '(?:mcg|µg|ug|micrograms?|mg|milligrams?|grams?|gm|g|units?|iu|u|meq|mmol)';
const UNIT_WORDS = '(?:million units|million|mu|mcg|µg|ug|micrograms?|mg|milligrams?|grams?|gm|g|units?|iu|u|meq|mmol|ml|mls|cc|liters?|litres?|l)';
// Concentration first ("40 mg/mL", "40mg/1ml"), then percentages ("1%"), then plain amounts.
const DOSE = new RegExp(
  `${NUM}\\s*(${MASS})\\s*(?:\\/|per)\\s*${NUM}?\\s*(ml|cc)\\b|${NUM}\\s*%|${NUM}\\s*-?\\s*(${UNIT_WORDS})(?![a-z0-9/])`,
  'gi',
);
const NOT_A_DOSE_AFTER = /^\s*(?:\/\s*kg|needle|gauge|catheter|syringe|angio|french|fr\b)/i;

/**
 * Reads a unit as written ("mg", "grams", "cc", "IU", "million units") into a {@link DoseUnit}.
 *
 * @example normalizeUnit('Grams') // 'g'
 */
export function normalizeUnit(unit: string): DoseUnit | undefined {
  const u = unit.toLowerCase().replace(/\.$/, '').trim();
  if (/^(?:g|gm|grams?)$/.test(u)) return 'g';
  if (/^(?:mg|milligrams?|milligram)$/.test(u)) return 'mg';
  if (/^(?:mcg|µg|ug|micrograms?)$/.test(u)) return 'mcg';
  if (/^(?:ml|mls|cc|milliliters?|millilitres?)$/.test(u)) return 'ml';
  if (/^(?:l|liters?|litres?)$/.test(u)) return 'l';
  if (/^(?:units?|iu|u)$/.test(u)) return 'unit';
  if (/^(?:million units|million|mu)$/.test(u)) return 'million units';
  if (u === 'meq') return 'meq';
  if (u === 'mmol') return 'mmol';
  if (u === 'dose') return 'dose';
  return undefined;
}

/**
 * Reads a HCPCS descriptor amount: "250 mg", "per 250 mg", "up to 1000 mcg", "100,000 units", "per
 * milligram", "per dose", "1 microgram".
 *
 * @example parseAmount('per 250 mg') // { value: 250, unit: 'mg' }
 */
export function parseAmount(text: string): (Amount & { upTo: boolean }) | undefined {
  const m = /^(?:(per|up to)\s+)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)?\s*(million units|milligrams?|micrograms?|mg|mcg|g|gm|grams?|units?|iu|ml|cc|liters?|meq|mmol|dose)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = normalizeUnit(m[3]!);
  if (!unit) return undefined;
  if (!m[2] && !m[1]) return undefined;
  return { value: m[2] ? Number(m[2].replace(/,/g, '')) : 1, unit, upTo: m[1]?.toLowerCase() === 'up to' };
}

/**
 * Dose-like expressions in a text, with offsets shifted by `base`: amounts ("1 g", "1,000 mcg", "2.4
 * million units", "3 mL"), concentrations ("40 mg/mL") and percentages ("1%" → 10 mg/mL).
 * Weight-based doses ("15 mg/kg") and needle sizes ("25 g needle") are skipped.
 *
 * @example findDoses('Kenalog 40 mg/mL, 1 mL').map(d => d.kind) // ['concentration', 'amount']
 */
export function findDoses(text: string, base = 0): DoseMention[] {
  const out: DoseMention[] = [];
  DOSE.lastIndex = 0;
  for (let m = DOSE.exec(text); m; m = DOSE.exec(text)) {
    const start = base + m.index;
    const end = start + m[0].length;
    if (NOT_A_DOSE_AFTER.test(text.slice(m.index + m[0].length))) continue;
    if (m[1] !== undefined) {
      const unit = normalizeUnit(m[2]!);
      const perVolume = m[3] ? num(m[3]) : 1;
      if (!unit || perVolume <= 0) continue;
      out.push({ start, end, text: m[0], kind: 'concentration', concentration: { perMl: { value: num(m[1]) / perVolume, unit } }, ...(m[3] ? { total: { value: num(m[1]), unit } } : {}) });
    } else if (m[5] !== undefined) {
      // n% w/v is n g per 100 mL = 10·n mg/mL.
      out.push({ start, end, text: m[0], kind: 'concentration', concentration: { perMl: { value: num(m[5]) * 10, unit: 'mg' } } });
    } else if (m[6] !== undefined) {
      const unit = normalizeUnit(m[7]!);
      if (!unit) continue;
      out.push({ start, end, text: m[0], kind: 'amount', amount: { value: num(m[6]), unit } });
    }
  }
  return out;
}

/** Reads "40 mg/ml" (a brand's implied strength) as a concentration. */
export function parseConcentration(text: string): Concentration | undefined {
  return findDoses(text).find((d) => d.kind === 'concentration')?.concentration;
}

/**
 * Converts an amount to another unit: mass (g/mg/mcg), volume (l/ml) and units (units, million
 * units) within their family; mass ↔ volume only with a concentration. Undefined when impossible.
 *
 * @example convert({ value: 1, unit: 'g' }, 'mg') // 1000
 */
export function convert(amount: Amount, to: DoseUnit, concentration?: Concentration): number | undefined {
  const from = family(amount.unit);
  const target = family(to);
  if (!from || !target) return amount.unit === to ? amount.value : undefined;
  if (from.family === target.family) return (amount.value * from.factor) / target.factor;
  if (!concentration) return undefined;
  const per = family(concentration.perMl.unit);
  if (!per) return undefined;
  if (from.family === 'volume' && per.family === target.family) {
    const ml = amount.value * from.factor;
    return (ml * concentration.perMl.value * per.factor) / target.factor;
  }
  if (target.family === 'volume' && per.family === from.family) {
    const perMlInFrom = concentration.perMl.value * per.factor;
    if (perMlInFrom <= 0) return undefined;
    const ml = (amount.value * from.factor) / perMlInFrom;
    return ml / target.factor;
  }
  return undefined;
}

/**
 * Billing units for a dose against a descriptor amount: the dose in the code's unit divided by the
 * code's amount, rounded up (a partial unit is billed as a whole one). 1 for per-dose codes.
 * Undefined when the units cannot be converted.
 *
 * @example unitsFor({ value: 1, unit: 'g' }, { value: 250, unit: 'mg' }) // 4
 */
export function unitsFor(dose: Amount, codeAmount: Amount | undefined, concentration?: Concentration): number | undefined {
  if (!codeAmount || codeAmount.unit === 'dose') return 1;
  const inCodeUnit = convert(dose, codeAmount.unit, concentration);
  if (inCodeUnit === undefined || codeAmount.value <= 0) return undefined;
  // Tolerance keeps 40 mg / 10 mg at 4 despite floating-point noise.
  return Math.max(1, Math.ceil(inCodeUnit / codeAmount.value - 1e-9));
}

/** "1 g", "2.4 million units". */
export function formatAmount(a: Amount): string {
  const value = Number.isInteger(a.value) ? String(a.value) : String(Math.round(a.value * 1000) / 1000);
  return `${value} ${a.unit === 'unit' ? (a.value === 1 ? 'unit' : 'units') : a.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function family(unit: DoseUnit): { family: 'mass' | 'volume' | 'units'; factor: number } | undefined {
  switch (unit) {
    case 'g':
      return { family: 'mass', factor: 1000 };
    case 'mg':
      return { family: 'mass', factor: 1 };
    case 'mcg':
      return { family: 'mass', factor: 0.001 };
    case 'l':
      return { family: 'volume', factor: 1000 };
    case 'ml':
      return { family: 'volume', factor: 1 };
    case 'unit':
      return { family: 'units', factor: 1 };
    case 'million units':
      return { family: 'units', factor: 1_000_000 };
    default:
      return undefined;
  }
}
