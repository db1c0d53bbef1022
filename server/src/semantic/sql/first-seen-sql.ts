import type { NormalizedQuery } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import { vietnamDateOf } from "../query/dates";
import { joinSql, scopeOf, TRUNC } from "./event-sql";
import { baseSource } from "./event-rows-sql";
import { SqlParams } from "./sql-params";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { submitterRollupOf } from "../planner/submitters-plan";

/**
 * Cumulative distinct submitters: each lead author counts once, in the bucket of their first
 * submission within the group; summing those buckets gives the distinct count as of each
 * bucket's end, exactly. `groups` is per dimension group, `total` over the whole query.
 */
export function buildFirstSeenSql(query: NormalizedQuery, registry: Registry, level: "groups" | "total") {
  const params = new SqlParams();
  const asOf = params.add(new Date(query.asOf).toISOString(), "timestamptz");
  const from = baseSource(new Set(["submission"]), asOf, undefined, params);
  const { joins, dimensionSql, where } = scopeOf(query, registry, asOf, params, "base");
  const keys = level === "groups" ? dimensionSql : [];
  const inner = `SELECT ${[...keys.map((k, i) => `${k} AS d${i}`), "min(e.at) AS first_at"].join(", ")}
    FROM ${from} ${joinSql(joins)} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    GROUP BY ${["e.lead_author_id", ...keys].join(", ")}`;
  const bucket = `to_char(date_trunc('${TRUNC[query.time!.granularity]}', ${vietnamLocal("f.first_at")})::date, 'YYYY-MM-DD')`;
  const outerKeys = keys.map((_, i) => `f.d${i}`);
  const text = `SELECT ${[
    ...outerKeys.map((k, i) => `${k} AS d${i}`),
    `${bucket} AS tb`,
    "count(*) AS m0",
    `${level === "groups" ? 0 : 1} AS grp`,
  ].join(", ")}
    FROM (${inner}) f GROUP BY ${[...outerKeys, bucket].join(", ")}`;
  return { text, values: params.values };
}

/**
 * The same from the submitter rollups (authors' first days, overall or per member of the query's
 * one dimension), for queries `whyNotSubmittersRollup` accepts: per member for the groups, overall
 * for the total (or the one filtered member's own figure).
 */
export function buildSubmittersRollupSql(query: NormalizedQuery, registry: Registry, level: "groups" | "total") {
  const params = new SqlParams();
  const filter = query.filters[0];
  const rollup =
    level === "groups" || filter !== undefined
      ? submitterRollupOf(query, registry)
      : registry.submitterRollups.find((r) => r.dimension === undefined)!;
  const where = [`r.bucket < ${params.add(vietnamDateOf(query.asOf), "date")}`];
  if (filter) where.push(`r.${rollup.column} = ANY(${params.add(filter.keys, "int[]")})`);
  const keys = level === "groups" ? [`r.${rollup.column}`] : [];
  const bucket = query.time
    ? `to_char(date_trunc('${TRUNC[query.time.granularity]}', r.bucket)::date, 'YYYY-MM-DD')`
    : undefined;
  const select = [
    ...keys.map((k, i) => `${k} AS d${i}`),
    ...(bucket ? [`${bucket} AS tb`] : []),
    "sum(r.n) AS m0",
    `${level === "groups" ? 0 : 1} AS grp`,
  ];
  const groupBy = [...keys, ...(bucket ? [bucket] : [])];
  const text = `SELECT ${select.join(", ")} FROM ${rollup.table} r
    WHERE ${where.join(" AND ")}${groupBy.length ? ` GROUP BY ${groupBy.join(", ")}` : ""}`;
  return { text, values: params.values, table: rollup.table };
}
