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
}

const CATEGORY = ["phase_id", "worker_category_id"];
// The map and the ranking group by one of the area's two columns: alone, each is a few thousand rows, not tens of thousands.
const PROVINCE = ["phase_id", "province_code"];
const TOP_UNIT = ["phase_id", "top_unit_id"];
const AREA = ["phase_id", "top_unit_id", "province_code"];
const UNIT = ["phase_id", "worker_category_id", "top_unit_id", "province_code"];
const TOPIC = ["phase_id", "worker_category_id", "field_id", "solution_type_id"];

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
  { name: "rollup_unit_monthly", grain: "month", columns: UNIT, dailyTail: "rollup_unit_daily" }, // ~76k
  { name: "rollup_province_daily", grain: "day", columns: PROVINCE }, // ~110k
  { name: "rollup_top_unit_daily", grain: "day", columns: TOP_UNIT }, // ~140k
  { name: "rollup_area_daily", grain: "day", columns: AREA }, // ~270k
  { name: "rollup_topic_daily", grain: "day", columns: TOPIC }, // ~320k
  { name: "rollup_unit_daily", grain: "day", columns: UNIT }, // ~490k
];

/** Where each rollup key column comes from in the initiative table. */
export const ROLLUP_COLUMN_SOURCE: Record<string, string> = {
  phase_id: "phase_id",
  worker_category_id: "worker_category_id",
  field_id: "field_id",
  solution_type_id: "solution_type_id",
  top_unit_id: "top_unit_id",
  province_code: "province_code",
};

export const ROLLUP_COLUMN_TYPE: Record<string, string> = {
  phase_id: "smallint",
  worker_category_id: "smallint",
  field_id: "smallint",
  solution_type_id: "smallint",
  top_unit_id: "integer",
  province_code: "text",
};
