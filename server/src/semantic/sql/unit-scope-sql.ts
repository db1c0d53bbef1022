import type { NormalizedQuery } from "../query/analytics-query";
import { topUnitIdOf } from "../query/unit-path";
import { UNIT_DIMENSION, unitChildSql, type Join } from "../registry/dimensions";
import { unitLevelColumn } from "../../db/aggregates/aggregate-columns";
import { belowUnitSql, grassrootsFilterSql, memberFilterSql } from "./filter-sql";
import type { SqlParams } from "./sql-params";

/**
 * Where units are on event rows (alias e): on the base table through each event's grassroots
 * union (alias g) and its materialised path; on a rollup through its level columns (top_unit_id,
 * second_tier_id), which the planner has checked the rollup carries.
 */
export type EventRows = "base" | "rollup";

/** The key of each row's child of the parent unit: the `unit` dimension. */
export function unitKeySql(query: NormalizedQuery, rows: EventRows, joins: Set<Join>): string {
  if (rows === "rollup") return `e.${unitLevelColumn(query.parentUnit.depth + 1)}`;
  if (query.parentUnit.tier === 0) return "e.top_unit_id";
  joins.add("g");
  return unitChildSql("g", query.parentUnit.depth);
}

/** Rows in the subtrees of a unit filter's units (or outside them, for NOT_IN). */
export function unitFilterSql(filter: NormalizedQuery["filters"][number], rows: EventRows, params: SqlParams): string {
  if (rows === "rollup") return memberFilterSql(filter, `e.${unitLevelColumn(filter.unitDepth!)}`, "int", params);
  return grassrootsFilterSql(filter, "e", params);
}

/** Rows below the parent unit (not the confederation), whose children the `unit` dimension lists. */
export function belowParentSql(query: NormalizedQuery, rows: EventRows, joins: Set<Join>, params: SqlParams): string[] {
  const parent = query.parentUnit;
  // On a rollup the parent is a top unit, and its events are exactly those of its top_unit_id. Built
  // only where used: a parameter the statement does not use has no type PostgreSQL can infer.
  const ofTopUnit = () => `e.top_unit_id = ${params.add(topUnitIdOf(parent.path), "int")}`;
  if (rows === "rollup") return [ofTopUnit()];
  joins.add("g");
  // What narrows the events: for a top unit its index on the event rows (the path implies it, but
  // PostgreSQL would read every event to find out); deeper, the events of its few grassroots
  // unions, as for a unit filter: a district's children read the district, not its whole top unit
  // (at scale 0.25 most districts' children went from 13–80 ms to 2–4 ms).
  const narrowing =
    parent.depth === 1
      ? ofTopUnit()
      : grassrootsFilterSql({ dimension: UNIT_DIMENSION, operator: "IN", keys: [parent.id] }, "e", params);
  return [belowUnitSql(parent, "g", params), narrowing];
}
