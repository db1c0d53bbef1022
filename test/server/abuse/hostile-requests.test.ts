import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fragmentFanOut, HOSTILE_REQUESTS, type HostileRequest } from "../../../scripts/abuse/hostile-requests";
import { freePort, runTs, type RunningProcess } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";

/**
 * The abuse suite: every request of the catalogue, sent to a real server process (`npm start`'s
 * entry point on its own database), is refused with its status and code, as JSON without a stack
 * or a path, in under a second (only an unbounded analysis would take longer; the benchmark
 * records the real times), while a normal question sent meanwhile still answers.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let run: RunningProcess;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase("abuse_hostile");
  const port = await freePort();
  run = runTs("server/src/main.ts", [], {
    DATABASE_URL: db.url.toString(),
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_SCALE: "0.01",
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
  });
  await run.waitFor(/ready/, 180_000);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (run) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
  await db?.drop();
});

async function send(request: HostileRequest): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

const NORMAL = `{ overview { kpis { measure value } } ranking(measure: submissions, by: province) { rows { code value } } }`;

async function normalQuestion(): Promise<unknown> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: NORMAL }),
  });
  const body = (await response.json()) as { data?: { overview: { kpis: unknown[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe("hostile requests to a real server", () => {
  it.each(HOSTILE_REQUESTS.map((r) => [r.name, r] as const))(
    "%s: refused with its code in under a second",
    async (_name, request) => {
      const [answer, normal] = await Promise.all([send(request), normalQuestion()]);
      expect(answer.status, answer.text.slice(0, 300)).toBe(request.expect.status);
      const body = JSON.parse(answer.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(
        body.errors.map((e) => e.extensions.code),
        answer.text.slice(0, 300),
      ).toContain(request.expect.code);
      expect(answer.text).not.toMatch(/\/work\/|node_modules|\bat \w+ \(|\.ts:\d+/);
      expect(answer.ms).toBeLessThan(1000);
      expect(normal).toBeTruthy();
    },
  );

  it("the server still answers health checks and normal questions after all of them", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await normalQuestion()).toBeTruthy();
  });
});

describe("what stays allowed", () => {
  it("a fan-out of 8 levels (256 fields from fragments) under the cost is answered", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: fragmentFanOut(8) }),
    });
    const body = (await response.json()) as { data?: { dataset: { dataVersion: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.dataset.dataVersion).toBeTruthy();
  });

  it("an open-ended date range (only from, or only to) is answered, and the two halves add up to the whole", async () => {
    const ask = async (range: string) => {
      const query = `{ analytics(query: { measures: [submissions], asOf: "2022-12-31"${range} }) { totals { value } } }`;
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data: { analytics: { totals: Array<{ value: number }> } };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      return body.data.analytics.totals[0]!.value;
    };
    const whole = await ask("");
    const before = await ask(`, dateRange: { to: "2022-03-31" }`);
    const after = await ask(`, dateRange: { from: "2022-04-01" }`);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    expect(before + after).toBe(whole);
    // The base table answers the same.
    const fromBaseTable = await ask(`, dateRange: { from: "2022-04-01" }, useRollups: false`);
    expect(fromBaseTable).toBe(after);
  });
});
