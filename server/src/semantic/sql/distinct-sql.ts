import type { NormalizedQuery } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import { baseSource, joinSql, scopeOf } from "./event-sql";
import { SqlParams } from "./sql-params";

const TRUNC: Record<string, string> = { DAY: "day", WEEK: "week", MONTH: "month", QUARTER: "quarter", YEAR: "year" };

export type DistinctLevel = "groups" | "buckets" | "total";

/**
 * Distinct submitters at one level of the answer (the groups, each time bucket, or the whole):
 * de-duplicate (author, keys) with a parallel hash aggregate, then count. One statement per
 * level, because a count of distinct authors cannot be added up from a finer level.
 */
export function buildDistinctSql(query: NormalizedQuery, registry: Registry, level: DistinctLevel) {
  const params = new SqlParams();
  const asOf = params.add(new Date(query.asOf).toISOString(), "timestamptz");
  const from = baseSource(new Set(["submission"]), asOf, query.range, params);
  const { joins, dimensionSql, where } = scopeOf(query, registry, asOf, params);
  const bucket = query.time
    ? `to_char(date_trunc('${TRUNC[query.time.granularity]}', e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD')`
    : undefined;
  const keys = [...(level === "groups" ? dimensionSql : []), ...(level !== "total" && bucket ? [bucket] : [])];
  const names = [...(level === "groups" ? dimensionSql.map((_, i) => `d${i}`) : []), ...(level !== "total" && bucket ? ["tb"] : [])];
  const inner = `SELECT DISTINCT ${["e.lead_author_id AS author", ...keys.map((k, i) => `${k} AS ${names[i]}`)].join(", ")}
    FROM ${from} ${joinSql(joins)} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`;
  const grp = level === "groups" && dimensionSql.length > 0 ? 0 : 1;
  const nullBucket = bucket && level === "total" ? ", NULL::text AS tb" : "";
  const text = `SELECT ${[...names.map((n) => `x.${n}`), "count(*) AS m0", `${grp} AS grp`].join(", ")}${nullBucket}
    FROM (${inner}) x ${names.length ? `GROUP BY ${names.map((n) => `x.${n}`).join(", ")}` : ""}`;
  return { text, values: params.values };
}
