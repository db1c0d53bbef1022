import type { DataSource } from "typeorm";
import type { NormalizedQuery } from "../query/analytics-query";
import { plan, type Plan } from "../planner/planner";
import type { Registry } from "../registry/registry";
import { buildAttributeSql } from "../sql/attribute-sql";
import { buildEventSql } from "../sql/event-sql";
import { buildFirstSeenSql, buildSubmittersRollupSql } from "../sql/first-seen-sql";
import { whyNotSubmittersRollup } from "../planner/submitters-plan";
import { readsWholeBaseTable } from "./base-query-gate";
import { NO_WORKERS, readInOneTransaction, type ReadRequest } from "./read-transaction";
import type { SharedRead } from "./shared-read";
import { bucketOf, bucketsBetween } from "./buckets";
import { finishRows, type ResultRow } from "./derive";
import type { Rows, StatementMemo } from "./statement-memo";

export interface RawResult {
  rows: ResultRow[];
  totals: Record<string, number | null>;
  plan: Plan;
  /** Every table that answered, each once: rollups by name, the submitter rollups, "initiative" for the base table. */
  sources: string[];
  /** Why the submitter rollups were not used, when submitters were asked. */
  submittersRejected?: string;
  statements: Array<{ text: string; values: unknown[] }>;
}

type Values = Record<string, number>;
interface Groups {
  /** Values by group key (JSON of the dimension keys) and, with a time dimension, by bucket. */
  rows: Map<string, { keys: Array<number | string>; buckets: Map<string, Values> }>;
  /** Totals by bucket ("" without a time dimension, "*" for the grand total). */
  totals: Map<string, Values>;
}

export interface ExecuteOptions {
  /**
   * Runs a statement that reads the whole base table under a concurrency limit (see BaseQueryGate),
   * saying whether it may take parallel workers (not while the dashboard is busy).
   */
  limitBaseQuery?: <T>(work: (workers: boolean) => Promise<T>) => Promise<T>;
  /** Members' and targets' rows kept per data version (see StatementMemo), with the version the query was normalised against. */
  memo?: { statements: StatementMemo; dataVersion: string };
  /** The version the query was normalised against: the figures come from it, or DataVersionMoved is thrown (version-guard.ts). */
  dataVersion?: string;
  /** `SET LOCAL search_path …` to read a kept data version's schema (a release's) instead of the live tables. */
  searchPath?: string;
  /** The transaction this read shares with the other reads of one composed answer (shared-read.ts). */
  shared?: SharedRead;
}

/**
 * Runs a normalised query: plans it, runs a statement for the event measures (another for distinct
 * counts no rollup gives; plus members and targets when asked), then fills time buckets, sums
 * cumulative figures, derives ratios and shares, orders and pages. Every statement runs under a statement timeout; when one of them
 * reads the whole base table and a limit is given (see BaseQueryGate), the transaction runs under it.
 */
export async function executeQuery(
  db: DataSource,
  registry: Registry,
  query: NormalizedQuery,
  timeoutMs: number,
  { limitBaseQuery, memo, dataVersion, searchPath, shared }: ExecuteOptions = {},
): Promise<RawResult> {
  const statements: RawResult["statements"] = [];
  const groups: Groups = { rows: new Map(), totals: new Map() };
  const event = query.components.filter((m) => registry.measures.get(m)!.event);
  const distinct = event.filter((m) => registry.measures.get(m)!.additivity === "distinct");
  const submittersRejected = distinct.length ? (whyNotSubmittersRollup(query, registry) ?? undefined) : undefined;
  // Distinct counts come from the submitter rollups where they answer exactly, else from each author's
  // first submission (cumulative series), else from a statement of their own on the base table: it
  // reads submissions only, and the summable measures beside it still come from a rollup if one answers.
  const viaFirstDays = distinct.filter(() => submittersRejected === undefined || query.time?.cumulative);
  const distinctFromBase = distinct.filter((m) => !viaFirstDays.includes(m));
  const summable = event.filter((m) => !distinct.includes(m));
  const chosen = plan({ ...query, components: summable.length ? summable : query.components }, registry);
  const sources = new Set<string>();

  // Every statement is built first, so the transaction opens with all the settings they need in one round trip.
  const planned: Array<{
    text: string;
    values: unknown[];
    settings?: string[];
    measures: string[];
    sameForEveryDate?: boolean;
  }> = [];
  if (summable.length) {
    planned.push({ ...buildEventSql(query, chosen.source, registry, summable), measures: summable });
    for (const table of sourceTables(chosen.source)) sources.add(table);
  }
  if (distinctFromBase.length) {
    planned.push({ ...buildEventSql(query, { kind: "base" }, registry, distinctFromBase), measures: distinctFromBase });
    sources.add("initiative");
  }
  for (const m of viaFirstDays) {
    const levels = query.dimensions.length ? (["groups", "total"] as const) : (["total"] as const);
    for (const level of levels) {
      if (submittersRejected === undefined) {
        const { table, ...statement } = buildSubmittersRollupSql(query, registry, level);
        planned.push({ ...statement, measures: [m] });
        sources.add(table);
      } else {
        planned.push({ ...buildFirstSeenSql(query, registry, level), measures: [m] });
        sources.add("initiative");
      }
    }
  }
  for (const { name, attribute } of registry.measures.values()) {
    if (attribute && query.components.includes(name)) {
      planned.push({ ...buildAttributeSql(query, registry, attribute), measures: [name], sameForEveryDate: true });
    }
  }
  // Rollups are small: starting parallel workers would cost more than the scan itself. A question
  // confined to units reads one unit's rows: workers cut its time by a quarter for twice the CPU
  // (a large province's children: 250 ms on three processes against 340 ms on one), and under
  // load CPU is what runs out.
  const serial = !sources.has("initiative") || !readsWholeBaseTable(query);
  const settings = [...new Set([...(serial ? [NO_WORKERS] : []), ...planned.flatMap((p) => p.settings ?? [])])];
  const request: ReadRequest = {
    settings,
    searchPath,
    dataVersion,
    texts: planned.map((p) => p.text),
    work: async (runner) => {
      // Begun again after a transient conflict: nothing of the failed attempt stays.
      [groups.rows, groups.totals, statements.length] = [new Map(), new Map(), 0];
      for (const statement of planned) {
        statements.push({ text: statement.text, values: statement.values });
        const read = () => runner.query(statement.text, statement.values) as Promise<Rows>;
        const rows =
          memo && statement.sameForEveryDate
            ? await memo.statements.get(memo.dataVersion, statement, read)
            : await read();
        collect(groups, rows, statement.measures, query);
      }
    },
  };
  if (limitBaseQuery && sources.has("initiative") && readsWholeBaseTable(query)) {
    await limitBaseQuery((workers) => readInOneTransaction(db, timeoutMs, request, workers));
  } else if (shared && !sources.has("initiative")) {
    // Rollup reads share a transaction: their round trips cost as much as their queries. A base-table
    // read (tens of milliseconds or more) gains nothing from it and would wait for the other's.
    await shared.read(request);
  } else await readInOneTransaction(db, timeoutMs, request);

  const { rows, totals } = query.time ? timeSeries(groups, query) : flat(groups, query);
  const finished = finishRows(rows, totals, query, registry);
  return { ...finished, plan: chosen, statements, sources: [...sources], submittersRejected };
}

/** The tables a source reads: a rollup, its daily tail, and "initiative" for the base table (also when it completes a rollup). */
export function sourceTables(source: Plan["source"]): string[] {
  if (source.kind === "base") return ["initiative"];
  return [source.rollup.name, source.tail?.name, source.baseTail ? "initiative" : undefined].filter((t): t is string =>
    Boolean(t),
  );
}

function collect(
  groups: Groups,
  rows: Array<Record<string, unknown>>,
  measures: string[],
  query: NormalizedQuery,
): void {
  const dims = query.dimensions.length;
  for (const row of rows) {
    const bucket = query.time ? (row.tb as string | null) : "";
    const values: Values = {};
    measures.forEach((m, i) => (values[m] = Number(row[`m${i}`] ?? 0)));
    if (Number(row.grp) !== 0 || dims === 0) {
      // A totals row: per bucket (time series), or the grand total.
      const key = query.time ? (bucket ?? "*") : "";
      if (dims === 0 && query.time && bucket !== null) addGroup(groups, [], bucket, values);
      merge(groups.totals, key, values);
      if (dims === 0 && !query.time) addGroup(groups, [], "", values);
      continue;
    }
    const keys = Array.from({ length: dims }, (_, i) => row[`d${i}`] as number | string);
    if (keys.some((k) => k === null)) continue;
    addGroup(groups, keys, bucket ?? "", values);
  }
}

function addGroup(groups: Groups, keys: Array<number | string>, bucket: string, values: Values): void {
  const id = JSON.stringify(keys);
  let group = groups.rows.get(id);
  if (!group) groups.rows.set(id, (group = { keys, buckets: new Map() }));
  merge(group.buckets, bucket, values);
}

function merge(map: Map<string, Values>, key: string, values: Values): void {
  map.set(key, { ...(map.get(key) ?? {}), ...values });
}

function flat(groups: Groups, query: NormalizedQuery) {
  const rows = [...groups.rows.values()].map((g) => ({ keys: g.keys, values: g.buckets.get("") ?? {} }));
  const totals = query.dimensions.length === 0 ? (rows[0]?.values ?? {}) : (groups.totals.get("") ?? {});
  return { rows, totals };
}

/** Gap-free buckets from the first event (or the range start) to the as-of instant; cumulative sums from the start. */
function timeSeries(groups: Groups, query: NormalizedQuery) {
  const granularity = query.time!.granularity;
  const last = bucketOf(Math.min(query.asOf, query.range?.before ?? Infinity) - 1, granularity);
  const rangeFirst =
    query.range && query.range.from > Number.MIN_SAFE_INTEGER ? bucketOf(query.range.from, granularity) : undefined;
  // Series start at the first day of the data whatever the source, so a rollup and the base table agree.
  const first = [bucketOf(query.seriesStart, granularity), rangeFirst].filter(Boolean).sort()[0];
  const all = first && first <= last ? bucketsBetween(first, last, granularity) : [];
  const visible = new Set(all.filter((b) => !rangeFirst || b >= rangeFirst));
  const accumulate = (byBucket: Map<string, Values>) => {
    const out = new Map<string, Values>();
    const running: Values = {};
    for (const b of all) {
      const here = byBucket.get(b) ?? {};
      const values: Values = {};
      for (const m of query.components) {
        if (query.time!.cumulative) running[m] = (running[m] ?? 0) + (here[m] ?? 0);
        values[m] = query.time!.cumulative ? running[m]! : (here[m] ?? 0);
      }
      if (visible.has(b)) out.set(b, values);
    }
    return out;
  };
  const rows: Array<{ time: string; keys: Array<number | string>; values: Values; bucketTotal: Values }> = [];
  const bucketTotals = accumulate(groups.totals);
  for (const group of groups.rows.values()) {
    for (const [time, values] of accumulate(group.buckets)) {
      rows.push({ time, keys: group.keys, values, bucketTotal: bucketTotals.get(time) ?? {} });
    }
  }
  // The totals of a series: the sums over its visible buckets, or for cumulative series the last value.
  const lastVisible = [...bucketTotals.keys()].at(-1);
  const totals: Values = {};
  if (query.time!.cumulative) Object.assign(totals, lastVisible ? bucketTotals.get(lastVisible) : {});
  else
    for (const values of bucketTotals.values())
      for (const [m, v] of Object.entries(values)) totals[m] = (totals[m] ?? 0) + v;
  const grand = groups.totals.get("*");
  // Distinct counts do not add up over buckets: take the grand total the database computed.
  if (grand && !query.time!.cumulative) for (const [m, v] of Object.entries(grand)) totals[m] = v;
  return { rows, totals };
}
