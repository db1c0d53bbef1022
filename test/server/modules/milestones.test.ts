import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { SemanticEngine } from "../../../server/src/semantic";
import { createTestDatabase } from "../../setup/test-database";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("milestones");
  // About 110,000 initiatives: the phase-1 target (scaled with the data) and 100,000.
  await seedDemoData(db.url, 5, 0.05, new Progress(process.stderr, true));
});

afterAll(async () => {
  await db?.drop();
});

/**
 * The real data source, counting the statements that begin a computation of the milestones (the
 * daily totals), whether run on the data source or on a query runner of its.
 */
function counting(dataSource: DataSource): { engine: SemanticEngine; computations: () => number } {
  let computations = 0;
  const countQueries = <T extends { query: DataSource["query"] }>(target: T): T =>
    new Proxy(target, {
      get(inner, property, receiver) {
        if (property !== "query") return Reflect.get(inner, property, receiver);
        return (text: string, parameters?: unknown[]) => {
          if (text.includes("FROM rollup_category_daily")) computations++;
          return inner.query(text, parameters);
        };
      },
    });
  const counted = new Proxy(countQueries(dataSource), {
    get(target, property, receiver) {
      if (property !== "createQueryRunner") return Reflect.get(target, property, receiver);
      return () => countQueries(dataSource.createQueryRunner());
    },
  });
  return {
    engine: new SemanticEngine({ dataSource: counted, statementTimeoutMs: 30_000, dataVersionRecheckMs: 60_000 }),
    computations: () => computations,
  };
}

describe("milestones", () => {
  it("are computed once per data version, however many requests arrive while they are computed", async () => {
    const { engine, computations } = counting(db.dataSource);
    const answers = await Promise.all(Array.from({ length: 8 }, () => engine.milestones(undefined, "vi")));
    expect(computations()).toBe(1);
    expect(answers[0]!.map((m) => [m.kind, m.count])).toEqual([
      ["PHASE1_TARGET", expect.any(Number)],
      ["EVERY_100000", 100_000],
    ]);
    expect(answers[0]![1]!.label).toBe("100.000 sáng kiến");
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // Later requests, in either language, are answered from the same computation.
    expect((await engine.milestones(undefined, "en"))[1]!.label).toBe("100,000 initiatives");
    expect(computations()).toBe(1);
  });

  it("are exact: the n-th submission, counted in order of submission", async () => {
    const engine = new SemanticEngine({
      dataSource: db.dataSource,
      statementTimeoutMs: 30_000,
      dataVersionRecheckMs: 60_000,
    });
    const milestones = await engine.milestones(undefined, "vi");
    expect(milestones).toHaveLength(2);
    for (const m of milestones) {
      const [{ atOrBefore, before }] = await db.dataSource.query(
        `SELECT count(*) FILTER (WHERE submitted_at <= $1)::int AS "atOrBefore", count(*) FILTER (WHERE submitted_at < $1)::int AS before FROM initiative`,
        [m.reachedAt],
      );
      expect(atOrBefore, `milestone ${m.count}`).toBeGreaterThanOrEqual(m.count);
      expect(before, `milestone ${m.count}`).toBeLessThan(m.count);
    }
  });
});
