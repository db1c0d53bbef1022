import { isVietnamDayStart } from "../query/dates";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { Registry, SubmitterRollup } from "../registry/registry";

/**
 * The dimensions a query groups and filters by, as the submitter rollups key them: grouped, the
 * confederation's children are the top units (a unit filter, though, may name any unit's subtree).
 */
function memberDimensions(query: NormalizedQuery): Set<string> {
  const grouped = query.dimensions.map((name) =>
    name === UNIT_DIMENSION && query.parentUnit.tier === 0 ? "topUnit" : name,
  );
  return new Set([...grouped, ...query.filters.map((f) => f.dimension)]);
}

/**
 * The submitter rollup that answers the query: per member of its one dimension (grouped by it,
 * filtered by it, or both), or the national one when it has none. Only meaningful when
 * `whyNotSubmittersRollup` accepts the query.
 */
export function submitterRollupOf(query: NormalizedQuery, registry: Registry): SubmitterRollup {
  const [name] = memberDimensions(query);
  return registry.submitterRollups.find((r) => r.dimension === name)!;
}

/**
 * Distinct submitters as of a date can come from the count of authors whose first submission
 * (overall, or within each member of a dimension) fell on each day: summing the days before the
 * as-of date counts each author once. That holds for the whole programme, per member, or one
 * member, as of a day or cumulatively per bucket — not for a count within a bucket or a date range.
 * Null when the rollups answer exactly; otherwise why not. Pure.
 */
export function whyNotSubmittersRollup(query: NormalizedQuery, registry: Registry): string | null {
  if (!query.useRollups) return "useRollups is false";
  if (!registry.submitterRollups.some((r) => r.dimension === undefined)) return "no submitter rollup is declared";
  if (!isVietnamDayStart(query.asOf)) return "asOf does not fall on the start of a Vietnam day";
  if (query.time && !query.time.cumulative) return "distinct submitters within a time bucket need the base table";
  if (query.range && !query.time) return "distinct submitters within a date range need the base table";
  const kept = registry.submitterRollups.flatMap((r) => (r.dimension ? [r.dimension] : []));
  const names = memberDimensions(query);
  if ([...names].some((name) => !kept.includes(name))) {
    return `submitter rollups are kept per ${kept.join(" or per ")} only`;
  }
  if (names.size > 1) return "submitter rollups are kept per one dimension at a time";
  if (query.filters.length > 1) return "submitter rollups take at most one filter";
  const filter = query.filters[0];
  // Several members together would count a person active in two of them twice: one member only.
  if (filter && (filter.operator === "NOT_IN" || filter.keys.length !== 1))
    return "the total over several members needs the base table";
  return null;
}
