/**
 * Every pre-aggregated table, declared once: the rollup builder creates them from this list, and
 * the semantic registry (buildRegistry) validates it against its dimensions and plans queries on it.
 * Three kinds:
 * - `events`: the events (submissions, valid and invalid decisions) of one Vietnam day or month
 *   per combination of key columns; as-of dates and buckets of whole days are answered exactly
 *   by summing rows. A monthly one may name a daily tail that completes a month cut by an as-of date.
 * - `firstSeenSubmitters`: lead authors counted on the day of their first submission, overall or
 *   within each member of one column: distinct submitters as of a day by summing days.
 * - `members`: union members of the grassroots unions per combination of unit columns.
 */
export type Grain = "day" | "month";

export interface RollupDefinition {
  kind: "events";
  name: string;
  grain: Grain;
  /** Key columns besides the bucket and the event kind (see ROLLUP_COLUMN_SOURCE); dimensions are covered through them. */
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

export interface FirstSeenSubmittersDefinition {
  kind: "firstSeenSubmitters";
  name: string;
  /**
   * The column whose members each keep their own first days, named as in the initiative table;
   * none: the whole programme. The builder computes first days per top unit by grouping and per
   * member of a small dimension by one more aggregate each, so these are the columns it knows.
   */
  column?: "top_unit_id" | "phase_id" | "worker_category_id";
}

export interface MembersRollupDefinition {
  kind: "members";
  name: string;
  /** Columns of the grassroots unions (unit rows of tier 3) it keeps their members by. */
  columns: string[];
}

export type PreAggregate = RollupDefinition | FirstSeenSubmittersDefinition | MembersRollupDefinition;

const CATEGORY = ["phase_id", "worker_category_id"];
// The map and the ranking group by one of the area's two columns: alone, each is a few thousand rows, not tens of thousands.
const PROVINCE = ["phase_id", "province_code"];
const TOP_UNIT = ["phase_id", "top_unit_id"];
const AREA = ["phase_id", "top_unit_id", "province_code"];
const UNIT = ["phase_id", "worker_category_id", "top_unit_id", "province_code"];
const TOPIC = ["phase_id", "worker_category_id", "field_id", "solution_type_id"];
// The overview's fields panel and every question by field (with a category, a phase): a fifth of the
// topic rollup's rows (summed from it: 0.25 s of build at full scale). Read from the topic rollup, a
// field's valid initiatives and benefit compared with 28 days earlier read 20,000 monthly rows twice.
const FIELD = ["phase_id", "worker_category_id", "field_id"];
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
 * Event rollups are declared smallest first (rows at full scale in brackets): the planner takes the
 * first that can answer, so the order is the tie-break. The category rollup stays first although
 * the province one is smaller: it answers as-of dates inside a month alone, without a daily tail.
 */
export const PRE_AGGREGATES: PreAggregate[] = [
  { kind: "events", name: "rollup_category_daily", grain: "day", columns: CATEGORY }, // ~9k
  {
    kind: "events",
    name: "rollup_province_monthly",
    grain: "month",
    columns: PROVINCE,
    dailyTail: "rollup_province_daily",
  }, // ~5k
  {
    kind: "events",
    name: "rollup_top_unit_monthly",
    grain: "month",
    columns: TOP_UNIT,
    dailyTail: "rollup_top_unit_daily",
  }, // ~6k
  { kind: "events", name: "rollup_field_monthly", grain: "month", columns: FIELD, dailyTail: "rollup_field_daily" }, // ~3k
  { kind: "events", name: "rollup_topic_monthly", grain: "month", columns: TOPIC, dailyTail: "rollup_topic_daily" }, // ~20k
  { kind: "events", name: "rollup_area_monthly", grain: "month", columns: AREA, dailyTail: "rollup_area_daily" }, // ~40k
  // Before the unit rollup, which answers nothing it does (no field), so that, built after it, the unit
  // rollup is the one the coarser monthly rollups are summed from (the last built that covers them).
  {
    kind: "events",
    name: "rollup_field_area_monthly",
    grain: "month",
    columns: FIELD_AREA,
    index: ["field_id", "bucket"],
  }, // ~150k
  { kind: "events", name: "rollup_unit_monthly", grain: "month", columns: UNIT, dailyTail: "rollup_unit_daily" }, // ~76k
  {
    kind: "events",
    name: "rollup_second_tier_monthly",
    grain: "month",
    columns: SECOND_TIER,
    index: BY_TOP_UNIT,
    tailFromBase: true,
  }, // ~143k at scale 0.25
  { kind: "events", name: "rollup_province_daily", grain: "day", columns: PROVINCE }, // ~110k
  { kind: "events", name: "rollup_top_unit_daily", grain: "day", columns: TOP_UNIT }, // ~140k
  { kind: "events", name: "rollup_area_daily", grain: "day", columns: AREA }, // ~270k
  { kind: "events", name: "rollup_field_daily", grain: "day", columns: FIELD }, // ~80k
  { kind: "events", name: "rollup_topic_daily", grain: "day", columns: TOPIC }, // ~320k
  { kind: "events", name: "rollup_unit_daily", grain: "day", columns: UNIT }, // ~490k
  { kind: "firstSeenSubmitters", name: "rollup_submitters_national" },
  { kind: "firstSeenSubmitters", name: "rollup_submitters_top_unit", column: "top_unit_id" },
  // Filtering by phase is the dashboard's commonest filter; a phase is a span of time, so each author's
  // first day in it costs the build one more aggregate, not another pass over the initiatives.
  { kind: "firstSeenSubmitters", name: "rollup_submitters_phase", column: "phase_id" },
  // The dashboard's worker-category filter: without it a filtered overview's submitters were counted
  // from the whole initiative table (0.4–0.8 s at full scale, each comparison half too, once per data
  // version); with it 2–3 ms, for 0.5 s more of build. Per field (the third filter, 11 members) it
  // would cost the build 4.5 s more (2.5 s as a statement of its own), against imports' 50,000 rows/s
  // goal: fields stay with the base table.
  { kind: "firstSeenSubmitters", name: "rollup_submitters_worker_category", column: "worker_category_id" },
  // All `members` needs unless it walks the unit tree: a few hundred rows say what 130,000 unions say.
  { kind: "members", name: "rollup_members", columns: ["top_unit_id", "province_code"] },
];

/** The declarations of one kind, in declaration order. */
export function preAggregatesOf<K extends PreAggregate["kind"]>(
  list: readonly PreAggregate[],
  kind: K,
): Array<Extract<PreAggregate, { kind: K }>> {
  return list.filter((p): p is Extract<PreAggregate, { kind: K }> => p.kind === kind);
}
