import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTIONS_PER_REQUEST, withRequestConnections } from "../../../server/src/db/request-connections";
import { createTestDatabase } from "../../setup/test-database";

/** One request's queries take at most CONNECTIONS_PER_REQUEST of the pool at once, on a real PostgreSQL. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("request_connections");
});

afterAll(async () => {
  await db?.drop();
});

/** Ten 100 ms queries at once; each says when it ran, by PostgreSQL's clock. */
async function tenSleeps(): Promise<Array<{ start: number; end: number }>> {
  const rows = await Promise.all(
    Array.from({ length: 10 }, () =>
      db.dataSource.query(
        `SELECT extract(epoch FROM clock_timestamp()) * 1000 AS start, pg_sleep(0.1), extract(epoch FROM clock_timestamp()) * 1000 AS "end"`,
      ),
    ),
  );
  return rows.map(([row]) => ({ start: Number(row.start), end: Number(row.end) }));
}

/** The most intervals running at one instant. */
function mostAtOnce(intervals: Array<{ start: number; end: number }>): number {
  return Math.max(...intervals.map((i) => intervals.filter((j) => j.start <= i.start && i.start < j.end).length));
}

describe("connections per request", () => {
  it("outside a request, queries take as many connections as the pool has (4 here)", async () => {
    expect(mostAtOnce(await tenSleeps())).toBe(4);
  });

  it("inside one, at most CONNECTIONS_PER_REQUEST at once, the rest in order, and every query answered", async () => {
    const intervals = await withRequestConnections(() => tenSleeps());
    expect(intervals).toHaveLength(10);
    expect(mostAtOnce(intervals)).toBe(CONNECTIONS_PER_REQUEST);
  });

  it("two requests at once each get their own share, and a failing query gives its slot back", async () => {
    const failing = withRequestConnections(async () => {
      await expect(db.dataSource.query("SELECT 1/0")).rejects.toThrow(/division by zero/);
      return tenSleeps();
    });
    const [a, b] = await Promise.all([failing, withRequestConnections(() => tenSleeps())]);
    expect(mostAtOnce(a)).toBe(CONNECTIONS_PER_REQUEST);
    expect(mostAtOnce(b)).toBe(CONNECTIONS_PER_REQUEST);
    // Side by side: more than one request's share at once, never more than the pool.
    expect(mostAtOnce([...a, ...b])).toBeGreaterThan(CONNECTIONS_PER_REQUEST);
    expect(mostAtOnce([...a, ...b])).toBeLessThanOrEqual(4);
  });

  it("a request whose queries wait too long behind each other is refused as too complex", async () => {
    const refusal = withRequestConnections(
      () =>
        Promise.all([
          db.dataSource.query("SELECT pg_sleep(0.5)"),
          db.dataSource.query("SELECT pg_sleep(0.5)"),
          db.dataSource.query("SELECT 1"),
        ]),
      2,
      100,
    );
    await expect(refusal).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
  });
});
