import client from "prom-client";
import type { DataSource } from "typeorm";
import { eventLoopLagMs, watchEventLoopLag } from "./event-loop-lag";

/** Every metric the server exposes at GET /metrics (Prometheus text format), in one registry. */
export const metricsRegistry = new client.Registry();
const registers = [metricsRegistry];

export type GraphqlOutcome = "ok" | "user_error" | "internal_error" | "busy" | "rate_limited" | "unauthenticated";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LOAD_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800];

const httpRequests = new client.Counter({
  name: "sangkien_http_requests_total",
  help: "HTTP requests by route, method and status code",
  labelNames: ["route", "method", "status"] as const,
  registers,
});
const httpSeconds = new client.Histogram({
  name: "sangkien_http_request_duration_seconds",
  help: "HTTP request latency by route",
  labelNames: ["route"] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});
const graphqlRequests = new client.Counter({
  name: "sangkien_graphql_requests_total",
  help: "GraphQL requests by operation name and outcome",
  labelNames: ["operation", "outcome"] as const,
  registers,
});
const graphqlSeconds = new client.Histogram({
  name: "sangkien_graphql_request_duration_seconds",
  help: "GraphQL request latency by operation name",
  labelNames: ["operation"] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});
const analyticsAnswers = new client.Counter({
  name: "sangkien_analytics_answers_total",
  help: "Analytics answers computed (cache misses) by source: rollup or base (the initiative table)",
  labelNames: ["source"] as const,
  registers,
});
const analyticsCache = new client.Counter({
  name: "sangkien_analytics_cache_lookups_total",
  help: "Answer-cache lookups by result: hit or miss",
  labelNames: ["result"] as const,
  registers,
});
const baseQueries = new client.Gauge({
  name: "sangkien_base_queries",
  help: "Whole-table queries on the base table (no rollup answers them) by lane: running, and queued for a slot",
  labelNames: ["lane", "state"] as const,
  registers,
});
const baseQueriesRefused = new client.Counter({
  name: "sangkien_base_queries_refused_total",
  help: "Base-table queries refused with SERVER_BUSY after waiting their longest for a slot, by lane",
  labelNames: ["lane"] as const,
  registers,
});
const baseQueriesWithoutWorkers = new client.Counter({
  name: "sangkien_base_queries_without_workers_total",
  help: "Base-table queries run in one process (no parallel workers) because the dashboard was busy, by lane",
  labelNames: ["lane"] as const,
  registers,
});
// Present from the start, so a dashboard shows zero rather than no data before the first such query.
for (const lane of ["dashboard", "explorer"]) {
  baseQueries.set({ lane, state: "running" }, 0);
  baseQueries.set({ lane, state: "queued" }, 0);
  baseQueriesRefused.inc({ lane }, 0);
  baseQueriesWithoutWorkers.inc({ lane }, 0);
}
const responseCacheLookups = new client.Counter({
  name: "sangkien_response_cache_lookups_total",
  help: "Response-cache lookups for public reads by store (memory, then redis when set) and result: hit, miss, or error (Redis unreachable: answered as a miss)",
  labelNames: ["store", "result"] as const,
  registers,
});
const importSeconds = new client.Histogram({
  name: "sangkien_import_duration_seconds",
  help: "Duration of dataset loads (demo generation or import)",
  buckets: LOAD_BUCKETS,
  registers,
});
const rollupRefreshSeconds = new client.Histogram({
  name: "sangkien_rollup_refresh_duration_seconds",
  help: "Duration of rollup rebuilds",
  buckets: LOAD_BUCKETS,
  registers,
});

/** The pg.Pool behind the data source being served (TypeORM keeps it as driver.master). */
let pooled: DataSource | undefined;
new client.Gauge({
  name: "sangkien_db_pool_connections",
  help: "Database pool connections: total open, idle, and callers waiting for one",
  labelNames: ["state"] as const,
  registers,
  collect() {
    const pool = (
      pooled?.driver as { master?: { totalCount: number; idleCount: number; waitingCount: number } } | undefined
    )?.master;
    if (!pool) return;
    this.set({ state: "total" }, pool.totalCount);
    this.set({ state: "idle" }, pool.idleCount);
    this.set({ state: "waiting" }, pool.waitingCount);
  },
});

new client.Gauge({
  name: "sangkien_event_loop_lag_seconds",
  help: "Longest event-loop delay over the last 5 to 10 seconds: what /readyz compares with EVENT_LOOP_LAG_LIMIT_MS",
  registers,
  collect() {
    this.set(eventLoopLagMs() / 1000);
  },
});

let processMetrics = false;
/** Process metrics (memory, CPU, event-loop lag) and the pool gauges of the serving data source; once per process. */
export function enableServerMetrics(dataSource: DataSource): void {
  pooled = dataSource;
  if (processMetrics) return;
  processMetrics = true;
  client.collectDefaultMetrics({ register: metricsRegistry });
  watchEventLoopLag();
}

/** Operation names come from clients: past this many distinct ones, the rest count as "other" (bounded series). */
const MAX_OPERATIONS = 200;
const operations = new Set<string>();

/** A label for a client's operation name: "anonymous" when none, "other" when odd or too many. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return "other";
  if (!operations.has(name)) {
    if (operations.size >= MAX_OPERATIONS) return "other";
    operations.add(name);
  }
  return name;
}

export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  httpRequests.inc({ route, method, status: String(status) });
  httpSeconds.observe({ route }, seconds);
}

export function observeGraphqlRequest(operation: string, outcome: GraphqlOutcome, seconds: number): void {
  graphqlRequests.inc({ operation, outcome });
  graphqlSeconds.observe({ operation }, seconds);
}

/** `source` as AnalyticsResult names it: "initiative" is the base table, anything else a rollup. */
export function countAnalyticsAnswer(source: string): void {
  analyticsAnswers.inc({ source: source.split("+").includes("initiative") ? "base" : "rollup" });
}

export function countAnalyticsCache(hit: boolean): void {
  analyticsCache.inc({ result: hit ? "hit" : "miss" });
}

export function observeBaseQueries(lane: string, running: number, queued: number): void {
  baseQueries.set({ lane, state: "running" }, running);
  baseQueries.set({ lane, state: "queued" }, queued);
}

export function countBaseQueryWithoutWorkers(lane: string): void {
  baseQueriesWithoutWorkers.inc({ lane });
}

export function countBaseQueryRefused(lane: string): void {
  baseQueriesRefused.inc({ lane });
}

export function countResponseCacheLookup(store: "memory" | "redis", result: "hit" | "miss" | "error"): void {
  responseCacheLookups.inc({ store, result });
}

export function observeImportSeconds(seconds: number): void {
  importSeconds.observe(seconds);
}

export function observeRollupRefreshSeconds(seconds: number): void {
  rollupRefreshSeconds.observe(seconds);
}
