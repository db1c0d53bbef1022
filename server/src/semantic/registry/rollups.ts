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
}

/** Declared smallest first: the planner takes the first that can answer, so order is the tie-break. */
export const ROLLUPS: RollupDefinition[] = [
  { name: "rollup_category_daily", grain: "day", columns: ["phase_id", "worker_category_id"] },
  { name: "rollup_unit_monthly", grain: "month", columns: ["phase_id", "worker_category_id", "top_unit_id", "province_code"] },
  { name: "rollup_topic_daily", grain: "day", columns: ["phase_id", "worker_category_id", "field_id", "solution_type_id"] },
  { name: "rollup_unit_daily", grain: "day", columns: ["phase_id", "worker_category_id", "top_unit_id", "province_code"] },
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
