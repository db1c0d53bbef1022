import type { NormalizedQuery } from "../query/analytics-query";
import { KEY_MEASURE } from "./record-key";

/*
 * The internal questions the privacy step asks beside a public one (small-cell-guard.ts): no caller
 * may ask them, so they are made from the checked question, after normalisation.
 */

/** Every leaf measure as a value (ratios' parts, pending's parts), and the sizes of their sets: what perturbation starts from. */
export function withParts(query: NormalizedQuery): NormalizedQuery {
  // pricedValid: how many initiatives a benefit sums, so that a benefit of fewer than k is withheld.
  const leaves = [
    ...new Set([
      ...query.components,
      "submissions",
      ...(query.components.includes("benefitVnd") ? ["pricedValid"] : []),
    ]),
  ];
  return { ...query, measures: leaves, components: leaves, share: [], order: [] };
}

/** The sums of record keys per cell, one per kind of event, from the base table (rollups keep no keys). */
export function withKeys(query: NormalizedQuery): NormalizedQuery {
  const keys = Object.values(KEY_MEASURE);
  return { ...query, measures: keys, components: keys, share: [], order: [], useRollups: false };
}
