import { RECORD_KEY_MODULUS } from "./record-key";

/**
 * The cell key method's noise (docs/privacy.md, "The rule"): a pure function of a cell's figure
 * and its cell key, so the same set of initiatives always gets the same figure.
 */

/** The published perturbation table for counts of 3 or more: noise and its probability. Never 0. */
export const PERTURBATION_TABLE: ReadonlyArray<{ noise: number; p: number }> = [
  { noise: -3, p: 0.1 },
  { noise: -2, p: 0.15 },
  { noise: -1, p: 0.25 },
  { noise: 1, p: 0.25 },
  { noise: 2, p: 0.15 },
  { noise: 3, p: 0.1 },
];

/** Where each measure reads the cell key (j in uⱼ = frac(u + φ·j)): different noise for different measures of one set. */
export const KEY_POSITION = {
  submissions: 1,
  valid: 2,
  invalid: 3,
  pending: 4,
  pricedValid: 5,
  submitters: 6,
  benefitVnd: 7,
} as const;
const GOLDEN = 0.6180339887498949;

/** A cell key (the sum of its records' keys) as a fraction in [0, 1). */
export function cellFraction(keySum: number): number {
  return (((keySum % RECORD_KEY_MODULUS) + RECORD_KEY_MODULUS) % RECORD_KEY_MODULUS) / RECORD_KEY_MODULUS;
}

/** The cell key as measure j reads it. */
export function positionOf(u: number, j: number): number {
  const v = u + GOLDEN * j;
  return v - Math.floor(v);
}

/** A count n ≥ 1 plus the table's noise at position u (noises that would go below 0 dropped); 0 stays 0. */
export function perturbCount(n: number, u: number): number {
  if (n === 0) return 0;
  const allowed = n > 0 ? PERTURBATION_TABLE.filter((row) => n + row.noise >= 0) : PERTURBATION_TABLE;
  const total = allowed.reduce((s, row) => s + row.p, 0);
  let cumulative = 0;
  for (const row of allowed) {
    cumulative += row.p / total;
    if (u < cumulative) return n + row.noise;
  }
  return n + allowed.at(-1)!.noise;
}

/** A sum of đồng times 1 ± (5 % … 15 %), the sign and size from position u, rounded to 1,000 đồng; 0 stays 0. */
export function perturbBenefit(vnd: number, u: number): number {
  if (vnd === 0) return 0;
  const sign = u < 0.5 ? -1 : 1;
  const size = 0.05 + 0.1 * positionOf(2 * u, 0);
  return Math.round((vnd * (1 + sign * size)) / 1000) * 1000;
}
