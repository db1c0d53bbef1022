import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../server/src/common/request-context";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestEngine, type TestEngine } from "../../setup/test-engine";
import { createTestDatabase } from "../../setup/test-database";

/**
 * A unit filter means the unit's whole subtree. For the confederation and top-level units it is
 * rewritten (to nothing, or to a topUnit filter the rollups carry); the figures must not move.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let service: TestEngine;
let ctx: RequestContext;
const MEASURES = ["submissions", "valid", "benefitVnd", "submitters", "members", "target"];

beforeAll(async () => {
  db = await createTestDatabase("unit_filter");
  await seedDemoData(db.url, 5, 0.005, new Progress(process.stderr, true));
  service = createTestEngine(db.dataSource);
  // Exact figures are what this file checks: the public's are perturbed below the second tier (docs/privacy.md).
  ctx = { requestId: "test", locale: "vi", role: "leadership" };
});

afterAll(async () => db?.drop());

async function sqlCount(where: string, values: unknown[]): Promise<number> {
  const [row] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM initiative i JOIN unit g ON g.id = i.grassroots_unit_id WHERE ${where}`,
    values,
  );
  return row.n;
}

describe("unit filters", () => {
  it("the confederation's subtree is everything", async () => {
    const all = await service.run(ctx, { measures: MEASURES });
    const tld = await service.run(ctx, {
      measures: MEASURES,
      filters: [{ dimension: "unit", operator: "EQUALS", values: ["TLĐ"] }],
    });
    expect(tld.totals).toEqual(all.totals);
    expect(tld.source).toBe(all.source);
  });

  it("a top-level unit's subtree answers from a rollup, with the same figures as its topUnit member and as plain SQL", async () => {
    const byUnit = await service.run(ctx, {
      measures: MEASURES,
      filters: [{ dimension: "unit", operator: "EQUALS", values: ["LDLD-38"] }],
    });
    const byTopUnit = await service.run(ctx, {
      measures: MEASURES,
      filters: [{ dimension: "topUnit", operator: "IN", values: ["LDLD-38"] }],
      useRollups: false,
    });
    expect(byUnit.source).not.toBe("initiative");
    expect(byUnit.totals).toEqual(byTopUnit.totals);
    const submissions = byUnit.totals.find((t) => t.measure === "submissions")!.value;
    expect(submissions).toBe(await sqlCount("g.path LIKE (SELECT path || '%' FROM unit WHERE code = $1)", ["LDLD-38"]));
  });

  it("a deeper unit's figures equal the sum of its children's, and plain SQL", async () => {
    const [parent] = await db.dataSource.query(
      `SELECT code FROM unit WHERE tier = 2 AND code LIKE 'LDLD-38-%' ORDER BY code LIMIT 1`,
    );
    const own = await service.run(ctx, {
      measures: ["submissions", "valid"],
      filters: [{ dimension: "unit", operator: "IN", values: [parent.code] }],
    });
    const children = await service.run(ctx, {
      measures: ["submissions", "valid"],
      dimensions: ["unit"],
      parentUnit: parent.code,
      limit: 10_000,
    });
    for (const measure of ["submissions", "valid"]) {
      const sum = children.rows.reduce((s, r) => s + (r.values.find((v) => v.measure === measure)!.value ?? 0), 0);
      expect(own.totals.find((t) => t.measure === measure)!.value).toBe(sum);
    }
    expect(own.totals.find((t) => t.measure === "submissions")!.value).toBe(
      await sqlCount("g.path LIKE (SELECT path || '%' FROM unit WHERE code = $1)", [parent.code]),
    );
  });

  it("a top unit's children and a second-tier unit's own figures come from the second-tier rollups, as the base table has them", async () => {
    const [second] = await db.dataSource.query(
      `SELECT code FROM unit WHERE tier = 2 AND code LIKE 'LDLD-38-%' ORDER BY code LIMIT 1`,
    );
    const questions = [
      {
        measures: MEASURES.filter((m) => m !== "submitters"),
        dimensions: ["unit"],
        parentUnit: "LDLD-38",
        limit: 10_000,
      },
      {
        measures: MEASURES.filter((m) => m !== "submitters"),
        filters: [{ dimension: "unit", operator: "EQUALS" as const, values: [second.code] }],
      },
    ];
    for (const query of questions) {
      const viaRollup = await service.run(ctx, query);
      const viaBase = await service.run(ctx, { ...query, useRollups: false });
      expect(viaRollup.source, JSON.stringify(query)).toMatch(/^rollup_second_tier_/);
      expect(viaBase.source).toBe("initiative");
      expect({ rows: viaRollup.rows, totals: viaRollup.totals }).toEqual({
        rows: viaBase.rows,
        totals: viaBase.totals,
      });
    }
  });

  it("NOT_IN keeps its meaning", async () => {
    const all = await service.run(ctx, { measures: ["submissions"] });
    const without = await service.run(ctx, {
      measures: ["submissions"],
      filters: [{ dimension: "unit", operator: "NOT_IN", values: ["LDLD-38"] }],
    });
    const only = await service.run(ctx, {
      measures: ["submissions"],
      filters: [{ dimension: "unit", operator: "IN", values: ["LDLD-38"] }],
    });
    expect(without.totals[0]!.value! + only.totals[0]!.value!).toBe(all.totals[0]!.value);
  });

  it("NOT_IN and IN of deeper units (two districts, a grassroots union) split the figures exactly", async () => {
    const units = (await db.dataSource.query(
      `(SELECT code FROM unit WHERE tier = 2 ORDER BY code LIMIT 2) UNION ALL (SELECT code FROM unit WHERE tier = 3 ORDER BY code DESC LIMIT 1)`,
    )) as Array<{ code: string }>;
    const values = units.map((u) => u.code);
    const all = await service.run(ctx, { measures: ["submissions", "valid"] });
    const without = await service.run(ctx, {
      measures: ["submissions", "valid"],
      filters: [{ dimension: "unit", operator: "NOT_IN", values }],
    });
    const only = await service.run(ctx, {
      measures: ["submissions", "valid"],
      filters: [{ dimension: "unit", operator: "IN", values }],
    });
    expect(only.totals[0]!.value).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect(without.totals[i]!.value! + only.totals[i]!.value!).toBe(all.totals[i]!.value);
    const paths = `(SELECT path || '%' FROM unit WHERE code = ANY($1))`;
    expect(only.totals[0]!.value).toBe(await sqlCount(`g.path LIKE ANY ${paths}`, [values]));
  });
});
