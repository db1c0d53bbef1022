import type { NormalizedQuery } from "../query/analytics-query";
import type { Source } from "../planner/planner";
import { UNIT_DIMENSION, type DimensionDefinition, type Join } from "../registry/dimensions";
import type { EventKind, MeasureDefinition } from "../registry/measures";
import type { Registry } from "../registry/registry";
import { memberFilterSql } from "./filter-sql";
import { belowParentSql, unitFilterSql, unitKeySql, type EventRows } from "./unit-scope-sql";
import { rollupColumnsUsed } from "../planner/rollup-columns";
import { vietnamDateOf, vietnamMonthStartOf } from "../query/dates";
import { ROLLUP_COLUMN_SOURCE, ROLLUP_COLUMN_TYPE, UNION_LEVEL_LOOKUP } from "../../db/aggregates/aggregate-columns";
import type { RollupDefinition } from "../../db/aggregates/pre-aggregates";
import { AUTHOR_SHARE_SETTINGS, AUTHOR_SHARES, authorShareSql } from "./author-shares-sql";
import { SqlParams } from "./sql-params";
import { baseSource, correctionSource, EVENT_CODE } from "./event-rows-sql";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { CORRECTION_ROWS } from "../../db/aggregates/status-corrections.sql";

/** date_trunc field of each granularity. */
export const TRUNC: Record<string, string> = {
  DAY: "day",
  WEEK: "week",
  MONTH: "month",
  QUARTER: "quarter",
  YEAR: "year",
};

export interface EventSql {
  text: string;
  values: unknown[];
  /** Event measures in the select list, as m0, m1, …; dimension keys as d0, d1, …; time as tb; grouping bits as grp. */
  measures: string[];
  /** SET LOCAL statements the statement's transaction needs first (none for most). */
  settings: string[];
}

/**
 * One SQL statement for the event measures of a query: grouped by its dimensions (and time
 * bucket), plus the totals as grouping sets, from the base table or a rollup. Cumulative
 * figures are summed from these buckets afterwards, so the SQL never depends on `cumulative`
 * except that the date range is then applied to the buckets, not to the events.
 * Distinct counts on the base table are computed per share of lead authors and summed.
 */
export function buildEventSql(
  query: NormalizedQuery,
  source: Source,
  registry: Registry,
  measures: string[],
): EventSql {
  const params = new SqlParams();
  // Rollup statements compare dates computed in advance; only the base table needs the instant itself.
  const asOf = source.kind === "base" ? params.add(new Date(query.asOf).toISOString(), "timestamptz") : "";
  const definitions = measures.map((m) => registry.measures.get(m)!);
  const kinds = new Set(definitions.flatMap((m) => m.event!.kinds));
  // Record keys (semantic/privacy) are computed per row only when a key measure is asked.
  const withKeys = definitions.some((m) => m.event!.value === "key");
  const range = query.time?.cumulative ? undefined : query.range;
  // Split into shares only when the scan keeps most rows: under a filter one process counts a
  // fraction of the table in less CPU than two processes each reading all of it.
  const narrowed = query.filters.some((f) => f.operator !== "NOT_IN");
  const shared = source.kind === "base" && !narrowed && definitions.some((m) => m.additivity === "distinct");

  const { joins, dimensionSql, where } = scopeOf(query, registry, asOf, params, source.kind);
  const timeColumn = source.kind === "base" ? vietnamLocal("e.at") : "e.bucket";
  const bucket = query.time ? `date_trunc('${TRUNC[query.time.granularity]}', ${timeColumn})::date` : undefined;

  const select = (weighted: boolean) => [
    ...dimensionSql.map((sql, i) => `${sql} AS d${i}`),
    // Formatted after grouping: to_char on millions of rows costs more than the grouping itself.
    ...(bucket ? [`to_char(${bucket}, 'YYYY-MM-DD') AS tb`] : []),
    ...definitions.map((m, i) => `${aggregate(m, source, weighted)} AS m${i}`),
  ];
  const keys = dimensionSql.map((_, i) => `d${i}`);
  // The groups, then the totals: per time bucket and overall (distinct counts cannot be summed later). Sets
  // name the key expressions themselves: GROUPING SETS over expressions may not name output aliases.
  const groupingSets: string[][] = bucket
    ? [...(dimensionSql.length ? [[...dimensionSql, bucket]] : []), [bucket], []]
    : [dimensionSql, []];
  const grouping = dimensionSql.length > 0 ? `, GROUPING(${dimensionSql.join(", ")}) AS grp` : ", 0 AS grp";
  const sets =
    dimensionSql.length === 0 && !bucket ? "()" : groupingSets.map((set) => `(${set.join(", ")})`).join(", ");
  const statement = (from: string, weighted = false) => `SELECT ${select(weighted).join(", ")}${grouping}
    FROM ${from} ${joinSql(joins)}
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    GROUP BY GROUPING SETS (${sets})`;

  if (source.kind !== "base") {
    const rows = rollupSource(source, kinds, query.asOf, range, params);
    const from = `${condensed(rows, rollupColumnsUsed(query, registry), Boolean(query.time))} e`;
    return { text: statement(from), values: params.values, measures, settings: [] };
  }
  // No lead author is in two shares, so every measure of a group, distinct counts included, is the sum over shares.
  const rows = shared
    ? Array.from({ length: AUTHOR_SHARES }, (_, share) =>
        statement(baseSource(kinds, asOf, range, params, authorShareSql(share, params), withKeys)),
      )
    : [statement(baseSource(kinds, asOf, range, params, undefined, withKeys))];
  // Decisions of re-decided initiatives: a statement of their own over their few correction rows, added to the
  // rows' figures group by group, so the scan of the initiative table stays what it was (count(*), one branch).
  const corrected = [...kinds].some((k) => k !== "submission");
  const parts = corrected ? [...rows, statement(correctionSource(kinds, asOf, range, params, withKeys), true)] : rows;
  if (parts.length === 1) return { text: parts[0]!, values: params.values, measures, settings: [] };
  const outer = [...keys, ...(bucket ? ["tb"] : []), "grp"];
  const text = `SELECT ${[...keys, ...(bucket ? ["tb"] : []), ...definitions.map((_, i) => `sum(m${i}) AS m${i}`), "grp"].join(", ")}
    FROM (${parts.map((part) => `(${part})`).join(" UNION ALL ")}) parts GROUP BY ${outer.join(", ")}`;
  return { text, values: params.values, measures, settings: shared ? AUTHOR_SHARE_SETTINGS : [] };
}

/** What every event statement shares: dimension keys, filters and the joins they need, on the base table or a rollup. */
export function scopeOf(query: NormalizedQuery, registry: Registry, asOf: string, params: SqlParams, rows: EventRows) {
  const joins = new Set<Join>();
  const dimensionSql = query.dimensions.map((name) => keySql(registry.dimensions.get(name)!, query, asOf, joins, rows));
  const where: string[] = [];
  for (const filter of query.filters) {
    const d = registry.dimensions.get(filter.dimension)!;
    if (d.name === UNIT_DIMENSION) where.push(unitFilterSql(filter, rows, params));
    else where.push(memberFilterSql(filter, keySql(d, query, asOf, joins, rows), d.keyType, params));
  }
  if (query.dimensions.includes(UNIT_DIMENSION) && query.parentUnit.tier !== 0)
    where.push(...belowParentSql(query, rows, joins, params));
  return { joins, dimensionSql, where };
}

export function joinSql(joins: Set<Join>): string {
  return [
    joins.has("t") ? "JOIN unit t ON t.id = e.top_unit_id" : "",
    joins.has("p") ? "JOIN province p ON p.code = e.province_code" : "",
    joins.has("g") ? "JOIN unit g ON g.id = e.grassroots_unit_id" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function keySql(
  d: DimensionDefinition,
  query: NormalizedQuery,
  asOf: string,
  joins: Set<Join>,
  rows: EventRows,
): string {
  if (d.name === UNIT_DIMENSION) return unitKeySql(query, rows, joins);
  d.joins.forEach((j) => joins.add(j));
  return typeof d.sql === "function" ? d.sql(asOf) : d.sql;
}

/** A measure's aggregate over event rows, or over weighted correction rows (+1 or −1 each, see correctionSource). */
function aggregate(m: MeasureDefinition, source: Source, weighted: boolean): string {
  const codes = m.event!.kinds.map((k) => EVENT_CODE[k]);
  const events = `e.event ${codes.length === 1 ? `= ${codes[0]}` : `IN (${codes.join(", ")})`}`;
  const filter = `FILTER (WHERE ${events})`;
  // Corrections are decisions only: a distinct count (of submissions) gets nothing from them.
  if (m.additivity === "distinct") return `count(DISTINCT e.lead_author_id) ${filter}`;
  if (source.kind === "base") {
    // Rows count once each (count), corrections by their weight (sum): a sum of nothing is null, hence coalesce.
    const rows = (condition: string) =>
      weighted ? `coalesce(sum(e.weight) FILTER (WHERE ${condition}), 0)` : `count(*) FILTER (WHERE ${condition})`;
    if (m.event!.value === "benefit") return `coalesce(sum(e.benefit_vnd) ${filter}, 0)`;
    if (m.event!.value === "priced") return rows(`${events} AND e.benefit_vnd IS NOT NULL`);
    if (m.event!.value === "key") return `coalesce(sum(${weighted ? "e.weight * " : ""}e.record_key) ${filter}, 0)`;
    return rows(events);
  }
  const column = m.event!.value === "benefit" ? "benefit_vnd" : m.event!.value === "priced" ? "priced" : "n";
  return `coalesce(sum(e.${column}) ${filter}, 0)`;
}

/**
 * Sums the rollup rows (a relation, unaliased) down to the columns the query reads before anything
 * is joined to them: a join to provinces or units then touches a few hundred rows, not tens of thousands.
 */
function condensed(rows: string, columns: string[], keepBucket: boolean): string {
  const keys = ["event", ...(keepBucket ? ["bucket"] : []), ...columns];
  return `(SELECT ${keys.join(", ")}, sum(n) AS n, sum(benefit_vnd) AS benefit_vnd, sum(priced) AS priced
    FROM ${rows} r GROUP BY ${keys.join(", ")})`;
}

/**
 * A rollup's rows made of single events from the initiative table (alias i), those submitted or
 * decided from `from` to before `before`, with the status corrections of that span, all in the
 * bucket `bucket`: the columns in the rollup table's order (bucket, event, key columns, n,
 * benefit_vnd, priced), so they add to its rows.
 */
function eventsAsRollupRows(rollup: RollupDefinition, bucket: string, from: string, before: string): string {
  const keys = rollup.columns
    .map((c) => {
      const column = ROLLUP_COLUMN_SOURCE[c]!;
      return `${UNION_LEVEL_LOOKUP[column] ?? column}::${ROLLUP_COLUMN_TYPE[c]} AS ${c}`;
    })
    .join(", ");
  return `SELECT ${bucket} AS bucket, 1::smallint AS event, ${keys}, 1::bigint AS n, 0::bigint AS benefit_vnd, 0::bigint AS priced
      FROM initiative i WHERE i.submitted_at >= ${from} AND i.submitted_at < ${before}
    UNION ALL
    SELECT ${bucket}, i.status_id, ${keys}, 1::bigint, coalesce(i.benefit_vnd, 0)::bigint, (i.benefit_vnd IS NOT NULL)::int::bigint
      FROM initiative i WHERE i.status_id IN (${EVENT_CODE.valid}, ${EVENT_CODE.invalid}) AND i.decided_at >= ${from} AND i.decided_at < ${before}
    UNION ALL
    SELECT ${bucket}, i.event, ${keys}, i.weight::bigint, i.weight * coalesce(i.benefit_vnd, 0)::bigint,
           (i.weight * (i.benefit_vnd IS NOT NULL)::int)::bigint
      FROM ${CORRECTION_ROWS} WHERE i.at >= ${from} AND i.at < ${before}`;
}

/**
 * The rollup's rows before the as-of day, of the event kinds asked, as a relation for the caller
 * to alias: the same groups the base table would show. With a daily tail, whole months come from the monthly rollup and the days
 * of the last, unfinished month from the daily one; the two never overlap.
 */
function rollupSource(
  source: Extract<Source, { kind: "rollup" }>,
  kinds: Set<EventKind>,
  asOf: number,
  range: NormalizedQuery["range"],
  params: SqlParams,
): string {
  // Day boundaries are computed here, once, so the scan compares plain dates (no time zone per row).
  const endDate = vietnamDateOf(Math.min(asOf, range?.before ?? Number.MAX_SAFE_INTEGER));
  const events = `event IN (${[...kinds].map((k) => EVENT_CODE[k]).join(", ")})`;
  // Parameters are added only where used: one the statement does not use has no type PostgreSQL can infer.
  const monthOfEnd = () => params.add(`${endDate.slice(0, 8)}01`, "date");
  if (source.baseTail) {
    // Planned only without a date range: the last days run from the month's start to the as-of instant.
    const month = monthOfEnd();
    const [from, before] = [vietnamMonthStartOf(asOf), asOf].map((ms) =>
      params.add(new Date(ms).toISOString(), "timestamptz"),
    );
    return `(SELECT * FROM ${source.rollup.name} WHERE bucket < ${month} AND ${events}
      UNION ALL SELECT * FROM (${eventsAsRollupRows(source.rollup, month, from, before)}) t WHERE ${events})`;
  }
  const end = params.add(endDate, "date");
  const start =
    range && range.from > Number.MIN_SAFE_INTEGER
      ? ` AND bucket >= ${params.add(vietnamDateOf(range.from), "date")}`
      : "";
  if (!source.tail) return `(SELECT * FROM ${source.rollup.name} WHERE bucket < ${end} AND ${events}${start})`;
  const month = monthOfEnd();
  return `(SELECT * FROM ${source.rollup.name} WHERE bucket < ${month} AND ${events}${start}
    UNION ALL SELECT * FROM ${source.tail.name} WHERE bucket >= ${month} AND bucket < ${end} AND ${events}${start})`;
}
