import { performance } from "node:perf_hooks";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { freePort, runTs, type RunningProcess } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";

/**
 * Every pooled connection held by a slow query (a lock we take on `dataset`, which every answer
 * reads first): the requests beyond the pool wait DB_POOL_WAIT_MS, then fail with SERVER_BUSY;
 * the process stays healthy, and once the lock goes the held requests finish and new ones succeed.
 * The server is a real process with a pool of 2 and a wait of 500 ms.
 */
const POOL_SIZE = 2;
const WAIT_MS = 500;
const STATEMENT_TIMEOUT_MS = 5000;
const BUSY = `All ${POOL_SIZE} database connections are busy (waited ${WAIT_MS} ms); try again shortly.`;
const FIGURES = `query Figures($asOf: AsOf) { analytics(query: { measures: [submissions, valid], asOf: $asOf }) { totals { measure value } } }`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: RunningProcess;
let base: string;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data: any; errors?: any[] };
  ms: number;
}

async function figures(asOf: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: FIGURES, variables: { asOf } }),
  });
  const body = (await response.json()) as Answer["body"];
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body,
    ms: performance.now() - started,
  };
}

async function busyCount(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^sangkien_graphql_requests_total\{operation="Figures",outcome="busy"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

beforeAll(async () => {
  db = await createTestDatabase("pool_exhaustion");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = runTs("server/src/main.ts", [], {
    DATABASE_URL: db.url.toString(),
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_ON_START: "false",
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
    DB_POOL_SIZE: String(POOL_SIZE),
    DB_POOL_WAIT_MS: String(WAIT_MS),
    STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  await server.waitFor(/ready: http/);
});

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await db?.drop();
});

describe("every pooled connection busy", () => {
  it("requests beyond the pool get SERVER_BUSY after the wait; /healthz answers; all serve again once the connections free", async () => {
    expect((await figures("2022-01-31")).status).toBe(200);
    const busyBefore = await busyCount();
    const lock = new pg.Client({ connectionString: db.url.toString() });
    await lock.connect();
    let all: Array<Promise<Answer>>;
    try {
      await lock.query("BEGIN");
      await lock.query("LOCK TABLE dataset IN ACCESS EXCLUSIVE MODE");
      // The server trusts the data version it read for a second: after that every answer reads `dataset`, and waits.
      await new Promise((resolve) => setTimeout(resolve, 1200));

      const arrived: Answer[] = [];
      const dates = ["2022-02-28", "2022-03-31", "2022-04-30", "2022-05-31", "2022-06-30"];
      all = dates.map(async (asOf) => {
        const answer = await figures(asOf);
        arrived.push(answer);
        return answer;
      });
      await expect.poll(() => arrived.length, { timeout: 20_000 }).toBe(dates.length - POOL_SIZE);
      for (const refused of arrived) {
        expect(refused.status).toBe(503);
        expect(refused.body.errors).toEqual([
          {
            message: BUSY,
            path: ["analytics"],
            extensions: { code: "SERVER_BUSY", retryAfter: 1, requestId: expect.any(String) },
          },
        ]);
        expect(refused.retryAfter).toBe("1");
        // Waited for a connection (timers are millisecond-grained), and gave up long before a statement would time out.
        expect(refused.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
        expect(refused.ms).toBeLessThan(STATEMENT_TIMEOUT_MS);
      }

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).checks.database).toEqual({
        ok: false,
        detail: `busy: all ${POOL_SIZE} pooled connections in use for ${WAIT_MS} ms`,
      });
      const csv = await fetch(
        `${base}/export.csv?query=${encodeURIComponent(JSON.stringify({ measures: ["submissions"], asOf: "2022-07-31" }))}`,
      );
      expect(csv.status).toBe(503);
      expect(csv.headers.get("retry-after")).toBe("1");
      expect(await csv.json()).toMatchObject({ errors: [{ message: BUSY, extensions: { code: "SERVER_BUSY" } }] });
      expect(await busyCount()).toBe(busyBefore + dates.length - POOL_SIZE);
      // The requests holding the connections are still waiting for the lock.
      expect(arrived).toHaveLength(dates.length - POOL_SIZE);
    } finally {
      await lock.query("ROLLBACK").catch(() => undefined);
      await lock.end();
    }

    // The lock gone, the held requests finish, and new ones are served.
    const answers = await Promise.all(all);
    const held = answers.filter((a) => a.status !== 503);
    expect(held).toHaveLength(POOL_SIZE);
    for (const answer of held) {
      expect(answer.status).toBe(200);
      expect(answer.body.data.analytics.totals[0].value).toBeGreaterThan(0);
    }
    const later = await figures("2022-08-31");
    expect(later.status).toBe(200);
    expect(later.body.errors).toBeUndefined();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/"msg":"internal error"/);
  }, 120_000);
});
