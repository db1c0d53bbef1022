import { isVietnamDayStart } from "../query/dates";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";

export const SUBMITTERS_NATIONAL = "rollup_submitters_national";

/** A submitter rollup kept per member of a dimension: the authors whose first submission within the member fell on each day. */
export interface SubmittersPerMember {
  dimension: "topUnit" | "phase";
  table: string;
  /** Its member column, named as in the initiative table. */
  column: string;
}

export const SUBMITTERS_BY_TOP_UNIT: SubmittersPerMember = { dimension: "topUnit", table: "rollup_submitters_top_unit", column: "top_unit_id" };
// Filtering by phase is the dashboard's commonest filter; a phase is a span of time, so each author's
// first day in it costs the build one more aggregate, not another pass over the initiatives.
export const SUBMITTERS_BY_PHASE: SubmittersPerMember = { dimension: "phase", table: "rollup_submitters_phase", column: "phase_id" };
export const SUBMITTERS_PER_MEMBER = [SUBMITTERS_BY_TOP_UNIT, SUBMITTERS_BY_PHASE];

/**
 * The dimensions a query groups and filters by, as the submitter rollups key them: grouped, the
 * confederation's children are the top units (a unit filter, though, may name any unit's subtree).
 */
function memberDimensions(query: NormalizedQuery): Set<string> {
  const grouped = query.dimensions.map((name) => (name === UNIT_DIMENSION && query.parentUnit.tier === 0 ? "topUnit" : name));
  return new Set([...grouped, ...query.filters.map((f) => f.dimension)]);
}

/**
 * The per-member rollup for the query's one dimension (grouped by it, filtered by it, or both),
 * or undefined when the query has none and the national rollup answers. Only meaningful when
 * `whyNotSubmittersRollup` accepts the query.
 */
export function submittersPerMemberOf(query: NormalizedQuery): SubmittersPerMember | undefined {
  const [name] = memberDimensions(query);
  return SUBMITTERS_PER_MEMBER.find((r) => r.dimension === name);
}

/**
 * Distinct submitters as of a date can come from the count of authors whose first submission
 * (overall, or within each member of a dimension) fell on each day: summing the days before the
 * as-of date counts each author once. That holds for the whole programme, per member, or one
 * member, as of a day or cumulatively per bucket — not for a count within a bucket or a date range.
 * Null when the rollups answer exactly; otherwise why not. Pure.
 */
export function whyNotSubmittersRollup(query: NormalizedQuery): string | null {
  if (!query.useRollups) return "useRollups is false";
  if (!isVietnamDayStart(query.asOf)) return "asOf does not fall on the start of a Vietnam day";
  if (query.time && !query.time.cumulative) return "distinct submitters within a time bucket need the base table";
  if (query.range && !query.time) return "distinct submitters within a date range need the base table";
  const kept = SUBMITTERS_PER_MEMBER.map((r) => r.dimension);
  const names = memberDimensions(query);
  if ([...names].some((name) => !kept.includes(name as SubmittersPerMember["dimension"]))) {
    return `submitter rollups are kept per ${kept.join(" or per ")} only`;
  }
  if (names.size > 1) return "submitter rollups are kept per one dimension at a time";
  if (query.filters.length > 1) return "submitter rollups take at most one filter";
  const filter = query.filters[0];
  // Several members together would count a person active in two of them twice: one member only.
  if (filter && (filter.operator === "NOT_IN" || filter.keys.length !== 1)) return "the total over several members needs the base table";
  return null;
}
