import { unitAtDepthSql } from "../unit-path.sql";

/**
 * Where each event rollup's key column comes from: the initiative row (alias i), or its grassroots
 * union's levels (alias g, see unionLevelsJoin).
 */
export const ROLLUP_COLUMN_SOURCE: Record<string, string> = {
  phase_id: "i.phase_id",
  worker_category_id: "i.worker_category_id",
  field_id: "i.field_id",
  solution_type_id: "i.solution_type_id",
  top_unit_id: "i.top_unit_id",
  province_code: "i.province_code",
  second_tier_id: "g.second_tier_id",
};

export const ROLLUP_COLUMN_TYPE: Record<string, string> = {
  phase_id: "smallint",
  worker_category_id: "smallint",
  field_id: "smallint",
  solution_type_id: "smallint",
  top_unit_id: "integer",
  province_code: "text",
  second_tier_id: "integer",
};

/**
 * The rollup column that keys events by their unit at each depth of the unit tree: the top unit
 * (depth 1) and the second-tier unit (depth 2). Deeper units are not pre-aggregated.
 */
const UNIT_LEVEL_COLUMNS: Record<number, string> = { 1: "top_unit_id", 2: "second_tier_id" };

export function unitLevelColumn(depth: number): string | undefined {
  return UNIT_LEVEL_COLUMNS[depth];
}

/**
 * Joins each initiative (alias i) to its grassroots union's second-tier unit: the unit at depth 2
 * of its path ("/1/38/512/…" → 512), a district federation or a sector branch, or for a union right
 * under its top unit the union itself — the key the `unit` dimension gives a top unit's children.
 * Computed once per unit (tens of thousands), not per event (millions); a left join, so an event
 * filed under an upper unit would still count everywhere else.
 */
export function unionLevelsJoin(units = "unit"): string {
  return `LEFT JOIN (SELECT id, ${SECOND_TIER_OF_UNIT} AS second_tier_id FROM ${units} u WHERE ${HAS_SECOND_TIER}) g ON g.id = i.grassroots_unit_id`;
}

const SECOND_TIER_OF_UNIT = unitAtDepthSql("u", 2);
const HAS_SECOND_TIER = "u.depth >= 2";

/**
 * The same levels looked up event by event, for each rollup column from alias g: for the few
 * thousand events of some days of one top unit, an index lookup each costs less than joining the
 * 130,000 unions.
 */
export const UNION_LEVEL_LOOKUP: Record<string, string> = {
  "g.second_tier_id": `(SELECT ${SECOND_TIER_OF_UNIT} FROM unit u WHERE u.id = i.grassroots_unit_id AND ${HAS_SECOND_TIER})`,
};
