import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryRunner } from "typeorm";
import { SharedRead } from "../../../server/src/semantic/execution/shared-read";
import { NO_WORKERS, type ReadRequest } from "../../../server/src/semantic/execution/read-transaction";
import { createTestDatabase } from "../../setup/test-database";

/** A comparison's halves read in one transaction (one snapshot, one BEGIN and COMMIT), on a real PostgreSQL. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("shared_read");
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

/** A read that notes which transaction it ran in (its backend and transaction start) and what it saw. */
function probe(settings: string[] = [NO_WORKERS]) {
  const seen: { transaction?: string; rows?: number } = {};
  const request: ReadRequest = {
    settings,
    texts: ["SELECT count(*) FROM unit"],
    work: async (runner: QueryRunner) => {
      const [row] = (await runner.query(
        `SELECT pg_backend_pid() || '@' || now()::text AS transaction, (SELECT count(*)::int FROM pg_class) AS rows`,
      )) as Array<{ transaction: string; rows: number }>;
      Object.assign(seen, row);
    },
  };
  return { request, seen };
}

describe("SharedRead", () => {
  it("runs the reads it expects in one transaction", async () => {
    const shared = new SharedRead(db.dataSource, 5_000, 2);
    const [a, b] = [probe(), probe()];
    await Promise.all([shared.read(a.request), shared.read(b.request)]);
    expect(a.seen.transaction).toBeDefined();
    expect(a.seen.transaction).toBe(b.seen.transaction);
  });

  it("does not wait for a read that never comes: one turn of the event loop, then it runs alone", async () => {
    const shared = new SharedRead(db.dataSource, 5_000, 2);
    const a = probe();
    await shared.read(a.request);
    expect(a.seen.rows).toBeGreaterThan(0);
  });

  it("runs a read that comes after the gathering in a transaction of its own", async () => {
    const shared = new SharedRead(db.dataSource, 5_000, 2);
    const [a, b, late] = [probe(), probe(), probe()];
    await Promise.all([shared.read(a.request), shared.read(b.request)]);
    await shared.read(late.request);
    expect(late.seen.transaction).not.toBe(a.seen.transaction);
  });

  it("keeps reads that need other settings in transactions of their own", async () => {
    const shared = new SharedRead(db.dataSource, 5_000, 2);
    const [serial, parallel] = [probe([NO_WORKERS]), probe([])];
    await Promise.all([shared.read(serial.request), shared.read(parallel.request)]);
    expect(serial.seen.transaction).not.toBe(parallel.seen.transaction);
  });

  it("fails every read of the transaction when one of them fails, and the next reads still run", async () => {
    const shared = new SharedRead(db.dataSource, 5_000, 2);
    const good = probe();
    const bad: ReadRequest = { ...probe().request, work: async (r) => void (await r.query("SELECT 1/0")) };
    const results = await Promise.allSettled([shared.read(good.request), shared.read(bad)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const after = probe();
    await new SharedRead(db.dataSource, 5_000, 1).read(after.request);
    expect(after.seen.rows).toBeGreaterThan(0);
  });
});
