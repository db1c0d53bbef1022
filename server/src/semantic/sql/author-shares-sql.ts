import type { SqlParams } from "./sql-params";

/**
 * Distinct counts on the base table cannot be aggregated in parallel by PostgreSQL (count(DISTINCT)
 * has no partial form), and at full scale one process spends ~3 s sorting for them. Split by lead
 * author into disjoint shares, each share's counts are exact on their own and add up to the whole:
 * the shares run side by side in parallel workers and are summed. Two shares: the machines this
 * runs on have two cores or more, and a worker per share is what PostgreSQL grants by default.
 */
export const AUTHOR_SHARES = 2;

/** The rows of one share: lead author ids are dense integers, so the remainder splits them evenly. */
export function authorShareSql(share: number, params: SqlParams): string {
  return `i.lead_author_id % ${params.add(AUTHOR_SHARES, "int")} = ${params.add(share, "int")}`;
}

/**
 * Settings for the transaction of a statement split into shares. Each share may not scan in
 * parallel itself (it would then gather and sort in one process again), so the planner runs whole
 * shares in the workers instead; the sort of half the base table fits in memory.
 */
export const AUTHOR_SHARE_SETTINGS = [
  `SET LOCAL max_parallel_workers_per_gather = ${AUTHOR_SHARES}`,
  "SET LOCAL min_parallel_table_scan_size = '1TB'",
  "SET LOCAL work_mem = '128MB'",
];
