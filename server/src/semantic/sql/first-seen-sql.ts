import type { NormalizedQuery } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import { baseSource, joinSql, scopeOf } from "./event-sql";
import { SqlParams } from "./sql-params";
import { vietnamLocal } from "./vietnam-time.sql";

const TRUNC: Record<string, string> = { DAY: "day", WEEK: "week", MONTH: "month", QUARTER: "quarter", YEAR: "year" };

/**
 * Cumulative distinct submitters: each lead author counts once, in the bucket of their first
 * submission within the group; summing those buckets gives the distinct count as of each
 * bucket's end, exactly. `groups` is per dimension group, `total` over the whole query.
 */
export function buildFirstSeenSql(query: NormalizedQuery, registry: Registry, level: "groups" | "total") {
  const params = new SqlParams();
  const asOf = params.add(new Date(query.asOf).toISOString(), "timestamptz");
  const from = baseSource(new Set(["submission"]), asOf, undefined, params);
  const { joins, dimensionSql, where } = scopeOf(query, registry, asOf, params);
  const keys = level === "groups" ? dimensionSql : [];
  const inner = `SELECT ${[...keys.map((k, i) => `${k} AS d${i}`), "min(e.at) AS first_at"].join(", ")}
    FROM ${from} ${joinSql(joins)} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    GROUP BY ${["e.lead_author_id", ...keys].join(", ")}`;
  const bucket = `to_char(date_trunc('${TRUNC[query.time!.granularity]}', ${vietnamLocal("f.first_at")})::date, 'YYYY-MM-DD')`;
  const outerKeys = keys.map((_, i) => `f.d${i}`);
  const text = `SELECT ${[...outerKeys.map((k, i) => `${k} AS d${i}`), `${bucket} AS tb`, "count(*) AS m0",
    `${level === "groups" ? 0 : 1} AS grp`].join(", ")}
    FROM (${inner}) f GROUP BY ${[...outerKeys, bucket].join(", ")}`;
  return { text, values: params.values };
}
