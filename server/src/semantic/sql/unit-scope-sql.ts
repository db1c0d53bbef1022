import type { NormalizedQuery } from "../query/analytics-query";
import { topUnitIdOf } from "../query/unit-path";
import { unitChildSql, type Join } from "../registry/dimensions";
import { unitLevelColumn } from "../registry/rollups";
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
  // On a rollup the parent is a top unit, and its events are exactly those of its top_unit_id.
  const ofTopUnit = `e.top_unit_id = ${params.add(topUnitIdOf(query.parentUnit.path), "int")}`;
  if (rows === "rollup") return [ofTopUnit];
  joins.add("g");
  // The top unit is implied by the path (its second segment), but stated on the event row so
  // PostgreSQL can use the (top_unit_id, submitted_at) index instead of reading every event.
  return [belowUnitSql(query.parentUnit, "g", params), ofTopUnit];
}
