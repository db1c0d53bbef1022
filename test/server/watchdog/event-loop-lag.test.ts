import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** The event loop's lag in /readyz and /metrics, through the real HTTP app in this process (whose loop the test holds up). */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("event_loop_lag");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const readiness = async () => {
  const response = await fetch(`${server.base}/readyz`);
  return {
    status: response.status,
    eventLoop: ((await response.json()) as { checks: { eventLoop: { ok: boolean; detail: string } } }).checks.eventLoop,
  };
};

const lagMetric = async () =>
  Number(/^sangkien_event_loop_lag_seconds (\S+)$/m.exec(await (await fetch(`${server.base}/metrics`)).text())![1]);

/** Holds this process's event loop for `ms`, as a heavy synchronous request would. */
function holdTheLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe("event-loop lag", () => {
  it("is reported by /readyz, which is not ready while it exceeds the limit (1000 ms by default) and ready again once it has passed", async () => {
    const before = await readiness();
    expect(before.status).toBe(200);
    expect(before.eventLoop).toMatchObject({ ok: true, detail: expect.stringMatching(/^lag \d+ ms$/) });

    holdTheLoop(1500);
    const lagging = await readiness();
    expect(lagging.status).toBe(503);
    expect(lagging.eventLoop.ok).toBe(false);
    const [, lag] = /^lagging (\d+) ms \(limit 1000 ms\)$/.exec(lagging.eventLoop.detail)!;
    expect(Number(lag)).toBeGreaterThan(1000);
    expect(await lagMetric()).toBeGreaterThan(1);

    // Judged over the last 5 to 10 seconds: then the stall is behind it.
    await expect.poll(async () => (await readiness()).status, { timeout: 15_000, interval: 500 }).toBe(200);
    expect(await lagMetric()).toBeLessThan(1);
  }, 30_000);
});
