import { ROLLUP_COLUMN_SOURCE, ROLLUP_COLUMN_TYPE, unionLevelsJoin } from "./aggregate-columns";
import type { Grain, RollupDefinition } from "./pre-aggregates";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { CORRECTION_ROWS } from "./status-corrections.sql";

/** Where a pass reads its events and units, and what its tables are named (see RollupBuildOptions). */
export interface PassSources {
  events: string;
  units: string;
  prefix: string;
  /** Appended to each CREATE TABLE: storage options. */
  tableOptions: string;
  /**
   * Whether the events' status corrections are added (status-corrections.sql.ts): when they are
   * the initiative table's. Rows staged by a first import have none (each initiative once, no history).
   */
  corrections: boolean;
}

/**
 * What GROUPING(columns) gives the rows of a grouping set that keeps `kept`: a bit, from the left,
 * for each column the set leaves out.
 */
export function groupingValue(columns: readonly string[], kept: readonly string[]): number {
  return columns.reduce((value, c, j) => (kept.includes(c) ? value : value | (1 << (columns.length - 1 - j))), 0);
}

function bucketOf(instant: string, grain: Grain): string {
  const local = vietnamLocal(instant);
  return grain === "day" ? `${local}::date` : `date_trunc('month', ${local})::date`;
}

/**
 * The statements that build rollups of one grain from the events, in one pass over them: each
 * rollup's table is created empty, then one statement groups the events by every rollup's columns
 * at once (grouping sets) and sends each grouping to its table. The events are read, converted to
 * Vietnam time and joined to their unions once, not once per rollup; grouping costs the same, so
 * the gain is modest (500,000 initiatives, one process: the daily unit and topic rollups 1.6–1.7 s
 * apart, 1.5 s together; the second-tier and field rollups 2.0 s apart, 1.7 s together).
 *
 * Submissions and decisions are grouped apart: they never share a group (their event codes
 * differ), and two half-size hash tables are faster than one over the union of both. Decisions
 * are summed by weight, with the status corrections of re-decided initiatives (−1 where a later
 * decision superseded one), so a rollup answers what the base table answers.
 */
export function basePassSql(
  rollups: readonly RollupDefinition[],
  { events, units, prefix, tableOptions, corrections }: PassSources,
): string[] {
  const grain = rollups[0]!.grain;
  if (rollups.some((r) => r.grain !== grain)) throw new Error("one pass builds rollups of one grain");
  const all = [...new Set(rollups.flatMap((r) => r.columns))];
  const typed = all.map((c) => `${ROLLUP_COLUMN_SOURCE[c]}::${ROLLUP_COLUMN_TYPE[c]} AS ${c}`).join(", ");
  const unionJoin = all.some((c) => ROLLUP_COLUMN_SOURCE[c]!.startsWith("g.")) ? unionLevelsJoin(units) : "";
  const from = `${events} i ${unionJoin}`;
  const sets = (extra: string[]) => rollups.map((r) => `(${["bucket", ...extra, ...r.columns].join(", ")})`).join(", ");
  const setOf = (r: RollupDefinition) => groupingValue(all, r.columns);
  const grouping = `GROUPING(${all.join(", ")}) AS set`;
  const creates = rollups.map(
    (r) =>
      `CREATE TABLE ${prefix}${r.name} (bucket date, event smallint, ` +
      `${r.columns.map((c) => `${c} ${ROLLUP_COLUMN_TYPE[c]}`).join(", ")}, n bigint, benefit_vnd bigint, priced bigint)${tableOptions}`,
  );
  const inserts = rollups.map(
    (r) =>
      `INSERT INTO ${prefix}${r.name} SELECT bucket, event, ${r.columns.join(", ")}, n, benefit_vnd, priced FROM pass WHERE set = ${setOf(r)}` +
      inBucketOrder(grain),
  );
  const pass = `pass AS MATERIALIZED (
      SELECT bucket, 1::smallint AS event, ${all.join(", ")}, count(*)::bigint AS n, 0::bigint AS benefit_vnd, 0::bigint AS priced, ${grouping}
        FROM (SELECT ${bucketOf("i.submitted_at", grain)} AS bucket, ${typed} FROM ${from}) s
       GROUP BY GROUPING SETS (${sets([])})
      UNION ALL
      SELECT bucket, status_id, ${all.join(", ")}, sum(weight)::bigint, coalesce(sum(weight * benefit_vnd), 0)::bigint,
             coalesce(sum(weight) FILTER (WHERE benefit_vnd IS NOT NULL), 0)::bigint, ${grouping}
        FROM (SELECT ${bucketOf("i.decided_at", grain)} AS bucket, i.status_id, i.benefit_vnd, 1::smallint AS weight, ${typed}
                FROM ${from} WHERE i.status_id IN (2, 3) AND i.decided_at IS NOT NULL${
                  corrections
                    ? `
              UNION ALL
              SELECT ${bucketOf("i.at", grain)}, i.event, i.benefit_vnd, i.weight, ${typed}
                FROM ${CORRECTION_ROWS} ${unionJoin}`
                    : ""
                }) s
       GROUP BY GROUPING SETS (${sets(["status_id"])}))`;
  // Each table but the last is filled by a data-modifying CTE, the last by the statement itself.
  const ctes = [pass, ...inserts.slice(0, -1).map((insert, i) => `w${i} AS (${insert})`)];
  return [...creates, `WITH ${ctes.join(",\n    ")}\n    ${inserts.at(-1)}`];
}

/**
 * Daily rollups are written in bucket order: an as-of inside a month reads the month's days through
 * the bucket index (a daily tail), and rows of one day then share a few pages instead of being spread
 * over the whole table by the hash aggregate. A tail of 29 days of the top units' daily rollup read
 * 623 pages of 640 in hash order, 26 in bucket order (1.8 → 1.2 ms, scale 0.1; docs/benchmarks.md).
 * Monthly rollups are read whole.
 */
export const inBucketOrder = (grain: Grain): string => (grain === "day" ? " ORDER BY bucket, event" : "");
