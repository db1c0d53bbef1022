import { isVietnamDayStart, isVietnamMonthStart, vietnamMonthStartOf } from "../query/dates";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { NormalizedQuery } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import type { RollupDefinition } from "../../db/aggregates/pre-aggregates";
import { rollupColumnNeeds } from "./rollup-columns";

/**
 * The base table, or a rollup; a monthly rollup may be completed by the days of its daily tail, or
 * by the last days' events from the base table (`baseTail`, see RollupDefinition.tailFromBase).
 */
export type Source =
  { kind: "base" } | { kind: "rollup"; rollup: RollupDefinition; tail?: RollupDefinition; baseTail?: boolean };

export interface Plan {
  source: Source;
  /** Every rollup not chosen, with the reason: what `explain` shows. */
  rejected: Array<{ rollup: string; reason: string }>;
}

/**
 * Picks the first declared rollup (they are declared smallest first) that answers the query
 * exactly, else the base table. Pure: no database, so it is tested on its own.
 */
export function plan(query: NormalizedQuery, registry: Registry): Plan {
  const rejected: Plan["rejected"] = [];
  if (!query.useRollups) {
    return {
      source: { kind: "base" },
      rejected: registry.rollups.map((r) => ({ rollup: r.name, reason: "useRollups is false" })),
    };
  }
  for (const rollup of registry.rollups) {
    const reason = whyNot(query, rollup, registry);
    if (reason === null) return { source: { kind: "rollup", rollup }, rejected };
    const tail = rollup.dailyTail ? registry.rollups.find((r) => r.name === rollup.dailyTail) : undefined;
    if (tail && whyNot(query, tail, registry) === null && canCompleteWithDays(query)) {
      return { source: { kind: "rollup", rollup, tail }, rejected };
    }
    if (
      rollup.tailFromBase &&
      whyNot({ ...query, asOf: vietnamMonthStartOf(query.asOf) }, rollup, registry) === null &&
      canCompleteWithDays(query) &&
      !query.range &&
      readsTopUnitsOnly(query)
    ) {
      return { source: { kind: "rollup", rollup, baseTail: true }, rejected };
    }
    rejected.push({ rollup: rollup.name, reason });
  }
  return { source: { kind: "base" }, rejected };
}

/**
 * Whole months from the monthly rollup and the remaining days from the daily one answer exactly
 * when buckets are months or coarser (or there is no time dimension) and a date range, if any,
 * starts on a month (it may end on any day, like the as-of date).
 */
function canCompleteWithDays(query: NormalizedQuery): boolean {
  if (query.time && !["MONTH", "QUARTER", "YEAR"].includes(query.time.granularity)) return false;
  const from = query.time?.cumulative ? undefined : query.range?.from;
  return from === undefined || from === Number.MIN_SAFE_INTEGER || isVietnamMonthStart(from);
}

/**
 * The query reads the events of given top units only (their children, or a filter on them): the
 * last days' events then come from the base table through the top unit's indexes, not a scan.
 */
function readsTopUnitsOnly(query: NormalizedQuery): boolean {
  const children = query.dimensions.includes(UNIT_DIMENSION) && query.parentUnit.depth === 1;
  const filtered = query.filters.some(
    (f) =>
      f.operator !== "NOT_IN" && (f.dimension === "topUnit" || (f.dimension === UNIT_DIMENSION && f.unitDepth === 1)),
  );
  return children || filtered;
}

/** Null when the rollup can answer the query exactly; otherwise why not, in one sentence. */
export function whyNot(query: NormalizedQuery, rollup: RollupDefinition, registry: Registry): string | null {
  for (const name of query.components) {
    const m = registry.measures.get(name)!;
    if (m.additivity === "distinct") return `${name} is a distinct count and the rollup does not keep lead authors`;
    if (m.event?.value === "key") return `${name} sums record keys, which rollups do not keep`;
  }
  const aligned = rollup.grain === "day" ? isVietnamDayStart : isVietnamMonthStart;
  const grainWord = rollup.grain === "day" ? "a Vietnam day" : "a month";
  // As of the end of the data or later (the default), the last bucket holds no event after asOf.
  if (!aligned(query.asOf) && query.asOf < query.dataEnd) return `asOf does not fall on the start of ${grainWord}`;
  if (query.range) {
    for (const [bound, value] of [
      ["from", query.range.from],
      ["to", query.range.before],
    ] as const) {
      if (Math.abs(value) !== Number.MAX_SAFE_INTEGER && value !== Number.MIN_SAFE_INTEGER && !aligned(value)) {
        return `dateRange.${bound} does not fall on the boundary of ${grainWord}`;
      }
    }
  }
  if (query.time && rollup.grain === "month" && !["MONTH", "QUARTER", "YEAR"].includes(query.time.granularity)) {
    return `granularity ${query.time.granularity} is finer than the rollup's months`;
  }
  for (const need of rollupColumnNeeds(query, registry)) {
    if (!need.column) return need.missing!;
    if (!rollup.columns.includes(need.column)) return `the rollup has no ${need.column} for ${need.by}`;
  }
  return null;
}
