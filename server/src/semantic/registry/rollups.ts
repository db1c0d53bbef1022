import { unitChildSql } from "./dimensions";

/**
 * Pre-aggregated event tables. Each row counts the events (submissions, valid and invalid
 * decisions) of one Vietnam day or month and one combination of its columns; as-of dates and
 * time buckets made of whole days are then answered exactly by summing rows.
 */
export type Grain = "day" | "month";

export interface RollupDefinition {
  name: string;
  grain: Grain;
  /** Key columns besides the bucket and the event kind; dimensions are covered through them. */
  columns: string[];
  /**
   * For a monthly rollup: the daily rollup with the same columns that completes the month of
   * an as-of date falling inside a month (whole months from here, the last days from there).
   */
  dailyTail?: string;
  /**
   * The index its rows are read through (default: the bucket). The second-tier rollups are only
   * ever read for one top unit (its children, or one of its units), so they are indexed by it.
   */
  index?: string[];
  /**
   * For a monthly rollup without a daily tail, read for given top units only: an as-of date inside
   * a month takes the whole months from here and the last days' events from the initiative table,
   * through the top unit's indexes (tens of milliseconds, against hundreds for all its events).
   */
  tailFromBase?: boolean;
}

const CATEGORY = ["phase_id", "worker_category_id"];
// The map and the ranking group by one of the area's two columns: alone, each is a few thousand rows, not tens of thousands.
const PROVINCE = ["phase_id", "province_code"];
const TOP_UNIT = ["phase_id", "top_unit_id"];
const AREA = ["phase_id", "top_unit_id", "province_code"];
const UNIT = ["phase_id", "worker_category_id", "top_unit_id", "province_code"];
const TOPIC = ["phase_id", "worker_category_id", "field_id", "solution_type_id"];
// A page filtered by field: the overview's maps and the rankings, a top unit's figures and trend. Kept by month
// only: filtered pages show the latest figures, and by day it would cost every import more than it saves.
const FIELD_AREA = ["phase_id", "field_id", "top_unit_id", "province_code"];
// The unit pages below the confederation: a top unit's children, a second-tier unit's trend and shares. Province
// adds few rows (a unit rarely spans provinces) and lets the monthly unit rollup be summed from this one. Kept by
// month only: by day it would be about as large as the events and cost every import more than a second; an as-of
// date inside a month reads a second-tier unit's own unions, or one top unit's, from the events.
const SECOND_TIER = ["phase_id", "worker_category_id", "top_unit_id", "province_code", "second_tier_id"];
const BY_TOP_UNIT = ["top_unit_id", "bucket"];

/**
 * Declared smallest first (rows at full scale in brackets): the planner takes the first that can
 * answer, so the order is the tie-break. The category rollup stays first although the province
 * one is smaller: it answers as-of dates inside a month alone, without a daily tail.
 */
export const ROLLUPS: RollupDefinition[] = [
  { name: "rollup_category_daily", grain: "day", columns: CATEGORY }, // ~9k
  { name: "rollup_province_monthly", grain: "month", columns: PROVINCE, dailyTail: "rollup_province_daily" }, // ~5k
  { name: "rollup_top_unit_monthly", grain: "month", columns: TOP_UNIT, dailyTail: "rollup_top_unit_daily" }, // ~6k
  { name: "rollup_topic_monthly", grain: "month", columns: TOPIC, dailyTail: "rollup_topic_daily" }, // ~20k
  { name: "rollup_area_monthly", grain: "month", columns: AREA, dailyTail: "rollup_area_daily" }, // ~40k
  // Before the unit rollup, which answers nothing it does (no field), so that, built after it, the unit
  // rollup is the one the coarser monthly rollups are summed from (the last built that covers them).
  { name: "rollup_field_area_monthly", grain: "month", columns: FIELD_AREA, index: ["field_id", "bucket"] }, // ~150k
  { name: "rollup_unit_monthly", grain: "month", columns: UNIT, dailyTail: "rollup_unit_daily" }, // ~76k
  { name: "rollup_second_tier_monthly", grain: "month", columns: SECOND_TIER, index: BY_TOP_UNIT, tailFromBase: true }, // ~143k at scale 0.25
  { name: "rollup_province_daily", grain: "day", columns: PROVINCE }, // ~110k
  { name: "rollup_top_unit_daily", grain: "day", columns: TOP_UNIT }, // ~140k
  { name: "rollup_area_daily", grain: "day", columns: AREA }, // ~270k
  { name: "rollup_topic_daily", grain: "day", columns: TOPIC }, // ~320k
  { name: "rollup_unit_daily", grain: "day", columns: UNIT }, // ~490k
];

/**
 * The rollup column that keys events by their unit at each depth of the unit tree: the top unit
 * (depth 1) and the second-tier unit (depth 2). Deeper units are not pre-aggregated.
 */
const UNIT_LEVEL_COLUMNS: Record<number, string> = { 1: "top_unit_id", 2: "second_tier_id" };

export function unitLevelColumn(depth: number): string | undefined {
  return UNIT_LEVEL_COLUMNS[depth];
}

/**
 * Where each rollup key column comes from: the initiative row (alias i), or its grassroots union's
 * levels (alias g, see unionLevelsJoin).
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

const SECOND_TIER_OF_UNIT = unitChildSql("u", 1);
const HAS_SECOND_TIER = "u.depth >= 2";

/**
 * The same levels looked up event by event, for each rollup column from alias g: for the few
 * thousand events of some days of one top unit, an index lookup each costs less than joining the
 * 130,000 unions.
 */
export const UNION_LEVEL_LOOKUP: Record<string, string> = {
  "g.second_tier_id": `(SELECT ${SECOND_TIER_OF_UNIT} FROM unit u WHERE u.id = i.grassroots_unit_id AND ${HAS_SECOND_TIER})`,
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
