import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createLogger } from "../../../server/src/observability/logger";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** /metrics, /readyz and the JSON log, through the real HTTP app on a real PostgreSQL. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("observability");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 5000, {
    logger: createLogger({ level: "debug", sink: (line) => lines.push(line) }),
  });
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const metrics = async () => {
  const response = await fetch(`${server.base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return response.text();
};

/** The value of one series, e.g. metric(text, "x_total", { outcome: "ok" }); undefined when absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const KPIS = `query Kpis($useRollups: Boolean) {
  analytics(query: { measures: [submissions], dimensions: [workerCategory], useRollups: $useRollups }) { source }
}`;

describe("GET /metrics", () => {
  it("counts GraphQL requests by operation and outcome, times them, and counts answers by source", async () => {
    const before = await metrics();
    const rollup = await server.graphql(KPIS, { useRollups: true });
    expect(rollup.data.analytics.source).not.toBe("initiative");
    const base = await server.graphql(KPIS, { useRollups: false });
    expect(base.data.analytics.source).toBe("initiative");
    const bad = await server.graphql(
      `query BadDate { analytics(query: { measures: [submissions], asOf: "not a date" }) { source } }`,
    );
    expect(bad.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    const refused = await server.graphql("{ dataset { kind } }", {}, { authorization: "Bearer not-a-token" });
    expect(refused.status).toBe(401);

    const after = await metrics();
    const grew = (name: string, labels: Record<string, string>) =>
      (metric(after, name, labels) ?? 0) - (metric(before, name, labels) ?? 0);
    expect(grew("sangkien_graphql_requests_total", { operation: "Kpis", outcome: "ok" })).toBe(2);
    expect(grew("sangkien_graphql_requests_total", { operation: "BadDate", outcome: "user_error" })).toBe(1);
    expect(grew("sangkien_graphql_requests_total", { outcome: "unauthenticated" })).toBe(1);
    expect(grew("sangkien_graphql_request_duration_seconds_count", { operation: "Kpis" })).toBe(2);
    expect(
      metric(after, "sangkien_graphql_request_duration_seconds_bucket", { operation: "Kpis", le: "+Inf" }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      grew("sangkien_http_requests_total", { route: "/graphql", method: "POST", status: "200" }),
    ).toBeGreaterThanOrEqual(2);
    expect(grew("sangkien_analytics_answers_total", { source: "rollup" })).toBeGreaterThanOrEqual(1);
    expect(grew("sangkien_analytics_answers_total", { source: "base" })).toBeGreaterThanOrEqual(1);
  });

  it("counts answer-cache hits when the engine is asked a question again", async () => {
    await server.graphql(KPIS, { useRollups: true });
    const before = await metrics();
    // Another document with the same question: new to the response cache, known to the engine's.
    await server.graphql(KPIS.replace("query Kpis", "query KpisAgain"), { useRollups: true });
    const after = await metrics();
    const hits = (text: string) => metric(text, "sangkien_analytics_cache_lookups_total", { result: "hit" }) ?? 0;
    const misses = (text: string) => metric(text, "sangkien_analytics_cache_lookups_total", { result: "miss" }) ?? 0;
    expect(hits(after)).toBeGreaterThan(hits(before));
    expect(misses(after)).toBe(misses(before));
  });

  it("shows the database pool, rollup refresh durations and the process", async () => {
    const text = await metrics();
    for (const state of ["total", "idle", "waiting"]) {
      expect(metric(text, "sangkien_db_pool_connections", { state })).toBeGreaterThanOrEqual(0);
    }
    expect(metric(text, "sangkien_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    // seedDemoData rebuilt the rollups in this process.
    expect(metric(text, "sangkien_rollup_refresh_duration_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(metric(text, "sangkien_import_duration_seconds_count")).toBeDefined();
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(metric(text, name), name).toBeDefined();
    }
  });
});

describe("GET /readyz", () => {
  it("lists its checks, and is not ready while a migration is pending", async () => {
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: { database: { ok: true }, migrations: { ok: true }, dataset: { ok: true } },
    });
    const [last] = (await db.dataSource.query(
      "SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1",
    )) as Array<{ id: number; timestamp: string; name: string }>;
    await db.dataSource.query("DELETE FROM migrations WHERE id = $1", [last!.id]);
    try {
      const pending = await fetch(`${server.base}/readyz`);
      expect(pending.status).toBe(503);
      const body = await pending.json();
      expect(body.status).toBe("not ready");
      expect(body.checks.migrations).toEqual({ ok: false, detail: `pending: ${last!.name}` });
      expect(body.checks.dataset.ok).toBe(true);
    } finally {
      await db.dataSource.query("INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)", [
        last!.id,
        last!.timestamp,
        last!.name,
      ]);
    }
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${server.base}/healthz`)).json()).toEqual({ status: "ok" });
  });
});

describe("the JSON log", () => {
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

  it("writes one access line per request with its id, echoed in x-request-id", async () => {
    const response = await server.graphql(KPIS, { useRollups: true }, { "x-request-id": "trace-42.a" });
    expect(response.headers.get("x-request-id")).toBe("trace-42.a");
    const line = parsed().find((l) => l.requestId === "trace-42.a");
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      method: "POST",
      path: "/graphql",
      status: 200,
      operation: "Kpis",
      outcome: "ok",
      role: "public",
    });
    expect(typeof line!.time).toBe("string");
    expect(typeof line!.durationMs).toBe("number");

    const odd = await fetch(`${server.base}/healthz?x=1`, { headers: { "x-request-id": "not a sane id" } });
    const generated = odd.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed().find((l) => l.requestId === generated)).toMatchObject({ path: "/healthz", status: 200 });
    const long = await fetch(`${server.base}/healthz`, { headers: { "x-request-id": "a".repeat(101) } });
    expect(long.headers.get("x-request-id")).not.toBe("a".repeat(101));
  });

  it("keeps authors' names, tokens and query strings out of every line", async () => {
    const [author] = (await db.dataSource.query("SELECT full_name FROM author ORDER BY id LIMIT 1")) as Array<{
      full_name: string;
    }>;
    const name = author!.full_name;
    const answer = await server.graphql(
      `query Named($unit: String!) { analytics(query: { measures: [submissions], filters: [{ dimension: unit, values: [$unit] }] }) { source } }`,
      { unit: name },
      { authorization: "Bearer secret-token-value" },
    );
    expect(answer.status).toBe(401);
    await server.graphql(
      `query Named($unit: String!) { analytics(query: { measures: [submissions], filters: [{ dimension: unit, values: [$unit] }] }) { source } }`,
      { unit: name },
    );
    await fetch(
      `${server.base}/graphql?query=${encodeURIComponent(`{ analytics(query: { measures: [submissions], filters: [{ dimension: unit, values: ["${name}"] }] }) { source } }`)}`,
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(name);
      expect(line).not.toContain("secret-token-value");
      expect(JSON.parse(line)).toHaveProperty("time");
    }
  });

  it("respects the level: below it nothing is written", () => {
    const quiet: string[] = [];
    const logger = createLogger({ level: "warn", sink: (line) => quiet.push(line) });
    logger.info("hidden");
    logger.error("shown", { requestId: "r1", level: "debug" });
    expect(quiet.map((l) => JSON.parse(l))).toEqual([
      { time: expect.any(String), level: "error", msg: "shown", requestId: "r1" },
    ]);
  });
});
