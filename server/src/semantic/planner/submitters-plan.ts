import { isVietnamDayStart } from "../query/dates";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";

export const SUBMITTERS_NATIONAL = "rollup_submitters_national";
export const SUBMITTERS_BY_TOP_UNIT = "rollup_submitters_top_unit";

/**
 * Distinct submitters as of a date can come from the count of authors whose first submission
 * (overall, or within each top unit) fell on each day: summing the days before the as-of date
 * counts each author once. That holds for the whole programme, per top unit, or one top unit,
 * as of a day or cumulatively per bucket — not for a count within a bucket or a date range.
 * Null when the rollups answer exactly; otherwise why not. Pure.
 */
export function whyNotSubmittersRollup(query: NormalizedQuery): string | null {
  if (!query.useRollups) return "useRollups is false";
  if (!isVietnamDayStart(query.asOf)) return "asOf does not fall on the start of a Vietnam day";
  if (query.time && !query.time.cumulative) return "distinct submitters within a time bucket need the base table";
  if (query.range && !query.time) return "distinct submitters within a date range need the base table";
  const byTopUnit = (name: string) => name === "topUnit" || (name === UNIT_DIMENSION && query.parentUnit.tier === 0);
  if (!query.dimensions.every(byTopUnit)) return "submitter rollups are kept per top unit only";
  if (query.filters.length > 1) return "submitter rollups take at most one filter";
  const filter = query.filters[0];
  if (filter) {
    if (filter.dimension !== "topUnit") return "submitter rollups can only be filtered by top unit";
    // Several units together would count a person active in two of them twice: one unit only.
    if (filter.operator === "NOT_IN" || filter.keys.length !== 1) return "the total over several top units needs the base table";
  }
  return null;
}
