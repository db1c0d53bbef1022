import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * Slow base-table queries (held here behind a lock on the initiative table, as a long scan would
 * hold them) must not take the connections dashboard reads need. The test database's pool has
 * 4 connections; the limited server lets 1 base query run and the rest wait 1.5 s at most.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let limited: TestServer;
let unlimited: TestServer;
const WAIT_MS = 1500;

beforeAll(async () => {
  db = await createTestDatabase("base_query_limit");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  limited = await startTestServer(db.dataSource, 30_000, { baseQueries: { concurrency: 1, maxWaitMs: WAIT_MS } });
  unlimited = await startTestServer(db.dataSource, 30_000);
});

afterAll(async () => {
  await limited?.close();
  await unlimited?.close();
  await db?.drop();
});

const ROLLUP = `query Dashboard { analytics(query: { measures: [submissions], dimensions: [workerCategory] }) { source } }`;
/** A question on the base table, by one dimension: each dimension is a different answer, so none share a computation. */
const base = (server: TestServer, dimension: string) =>
  server.graphql(
    `query Explorer { analytics(query: { measures: [submissions], dimensions: [${dimension}], useRollups: false }) { source } }`,
  );

/** Holds the initiative table: base queries block on it until `release`, rollup queries never touch it. */
async function lockInitiatives() {
  const client = new pg.Client({ connectionString: db.url.toString() });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE initiative IN ACCESS EXCLUSIVE MODE");
  return { release: async () => (await client.query("COMMIT"), await client.end()) };
}

async function gauge(server: TestServer, series: string): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return Number(line?.split(" ")[1] ?? NaN);
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const running = (server: TestServer, lane = "explorer") =>
  gauge(server, `sangkien_base_queries{lane="${lane}",state="running"}`);
const queued = (server: TestServer, lane = "explorer") =>
  gauge(server, `sangkien_base_queries{lane="${lane}",state="queued"}`);

describe("the limit on base-table queries", () => {
  it("keeps dashboard reads answering while a slow base query runs; the next ones wait, then get SERVER_BUSY", async () => {
    // The engine's view of the data is loaded once (it reads the initiative table) before the lock.
    expect((await limited.graphql(ROLLUP)).data.analytics.source).not.toBe("initiative");
    const refusedBefore = await gauge(limited, `sangkien_base_queries_refused_total{lane="explorer"}`);
    const lock = await lockInitiatives();
    try {
      let slowDone = false;
      const slow = base(limited, "workerCategory").finally(() => (slowDone = true));
      await until(async () => (await running(limited)) === 1, "the slow base query holds the slot");
      // More waiting base queries than the pool has connections: unlimited, they would take them all.
      const waiting = ["field", "phase", "solutionType", "province"].map((d) => base(limited, d));
      const question = { measures: ["submissions"], dimensions: ["status"], useRollups: false };
      const exported = fetch(`${limited.base}/export.csv?query=${encodeURIComponent(JSON.stringify(question))}`);
      await until(async () => (await queued(limited)) === 5, "four base queries and an export queue");

      const started = performance.now();
      const dashboard = await limited.graphql(ROLLUP.replace("workerCategory", "field"));
      const dashboardMs = performance.now() - started;
      expect(dashboard.errors).toBeUndefined();
      expect(dashboard.data.analytics.source).not.toBe("initiative");
      expect(slowDone).toBe(false);
      expect(dashboardMs).toBeLessThan(WAIT_MS);

      // A unit page's question reads only that unit's initiatives: it does not queue behind the scans.
      // (A district's children: its grassroots unions, which no rollup keeps.)
      const unitPage = limited.graphql(
        `query UnitPage { analytics(query: { measures: [submissions], dimensions: [unit], parentUnit: "LDLD-38-T01" }) { source } }`,
      );
      await until(
        async () =>
          (
            await db.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            )
          )[0].n === 2,
        "the unit page's question runs (blocked by the lock, like the slow one)",
      );
      expect([await running(limited), await queued(limited)]).toEqual([1, 5]);

      // The dashboard's own scans (a share by status: no rollup keeps statuses) have a lane of their own: they do not queue behind the Explorer's.
      const dashboardScan = limited.graphql(
        `query Shares { shares(measure: submissions, dimension: status) { source } }`,
      );
      await until(async () => (await running(limited, "dashboard")) === 1, "the dashboard's scan runs in its lane");
      expect([await running(limited), await queued(limited), await queued(limited, "dashboard")]).toEqual([1, 5, 0]);

      for (const answer of await Promise.all(waiting)) {
        expect(answer.data).toBeNull();
        expect(answer.errors?.[0]?.extensions.code).toBe("SERVER_BUSY");
        expect(answer.errors?.[0]?.message).toBe(
          `This question reads every initiative (no summary table answers it). Such questions run at most 1 at a time, and none finished within ${WAIT_MS} ms: the server is busy; try again shortly.`,
        );
      }
      const refusedExport = await exported;
      expect(refusedExport.status).toBe(503);
      expect(await refusedExport.text()).toMatch(/the server is busy; try again shortly/);
      expect(await gauge(limited, `sangkien_base_queries_refused_total{lane="explorer"}`)).toBe(refusedBefore + 5);
      expect(await gauge(limited, `sangkien_graphql_requests_total{operation="Explorer",outcome="busy"}`)).toBe(4);
      expect(slowDone).toBe(false);

      // One that queues while the slow one still runs gets its turn when it finishes.
      const patient = base(limited, "region");
      await until(async () => (await queued(limited)) === 1, "the next base query queues");
      await lock.release();
      expect((await slow).data.analytics.source).toBe("initiative");
      expect((await unitPage).data.analytics.source).toBe("initiative");
      expect((await dashboardScan).data.shares.source).toBe("initiative");
      const answered = await patient;
      expect(answered.errors).toBeUndefined();
      expect(answered.data.analytics.source).toBe("initiative");
      await until(
        async () => (await running(limited)) === 0 && (await queued(limited)) === 0,
        "the slots are free again",
      );
    } finally {
      await lock.release().catch(() => undefined);
    }
  });

  it("without the limit, the same blocked queries hold every connection and the dashboard read waits for them", async () => {
    const lock = await lockInitiatives();
    try {
      const blocked = ["workerCategory", "field", "phase", "solutionType"].map((d) => base(unlimited, d));
      await until(
        async () => (await gauge(unlimited, `sangkien_db_pool_connections{state="idle"}`)) === 0,
        "the pool is used up",
      );
      let answered = false;
      const dashboard = unlimited.graphql(ROLLUP.replace("workerCategory", "phase")).finally(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(answered).toBe(false);
      await lock.release();
      expect((await dashboard).data.analytics.source).not.toBe("initiative");
      for (const answer of await Promise.all(blocked)) expect(answer.data.analytics.source).toBe("initiative");
    } finally {
      await lock.release().catch(() => undefined);
    }
  });
});

describe("analysts' scans while the dashboard is busy", () => {
  it("run without parallel workers and answer the same; with parallel workers again once it is quiet", async () => {
    const BUSY = 6;
    const server = await startTestServer(db.dataSource, 30_000, {
      baseQueries: { concurrency: 1, maxWaitMs: WAIT_MS, busyDashboardReads: BUSY },
    });
    try {
      const withoutWorkers = () => gauge(server, `sangkien_base_queries_without_workers_total{lane="explorer"}`);
      // Distinct submitters too (the author shares, which set workers of their own). The test data is too small for
      // PostgreSQL to plan workers either way: what is checked is the gate's decision and that the answer is unchanged.
      const question = (
        dimension: string,
      ) => `{ analytics(query: { measures: [submissions, submitters], dimensions: [${dimension}], useRollups: false }) {
        source rows { dimensions { code } values { value } } } }`;
      const before = await withoutWorkers();
      expect((await server.graphql(question("field"))).data.analytics.source).toBe("initiative");
      expect(await withoutWorkers()).toBe(before);
      // Dashboard reads past the response cache (each day is another answer): an overview asks the engine three times or
      // more, so four give twice the threshold, enough though the first ones leave the one-second window on a slow machine.
      for (let day = 1; day <= 4; day++) {
        expect((await server.graphql(`{ overview(asOf: "2022-05-0${day}") { asOfDate } }`)).errors).toBeUndefined();
      }
      const busy = await server.graphql(question("workerCategory"));
      expect(await withoutWorkers()).toBe(before + 1);
      expect(busy.errors).toBeUndefined();
      expect(busy.data.analytics.rows.length).toBeGreaterThan(1);
      expect(busy.data).toEqual((await unlimited.graphql(question("workerCategory"))).data);
      // A second later the dashboard is quiet again.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await server.graphql(question("solutionType"));
      expect(await withoutWorkers()).toBe(before + 1);
    } finally {
      await server.close();
    }
  });
});
