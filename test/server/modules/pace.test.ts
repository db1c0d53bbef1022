import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("pace");
  await seedDemoData(db.url, 7, 0.01, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 30_000);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const PACE_FIELDS =
  "phase target current measure deadline daysLeft requiredDailyRate rate7 rate28 projected projectedLow projectedHigh status";

/** The total of `measures` for a unit (or the whole programme) in a phase as of a date, as `analytics` answers it. */
async function analyticsTotal(measure: string, phase: number, asOf: string, unit?: string): Promise<number | null> {
  const filters = [{ dimension: "phase", operator: "EQUALS", values: [String(phase)] }];
  if (unit) filters.push({ dimension: "topUnit", operator: "EQUALS", values: [unit] });
  const { data, errors } = await server.graphql(
    `query($q: AnalyticsQueryInput!) { analytics(query: $q) { totals { measure value } } }`,
    { q: { measures: [measure], filters, asOf } },
  );
  expect(errors).toBeUndefined();
  return data.analytics.totals[0].value;
}

describe("pace", () => {
  it("gives a top-level unit's current figure, target and rates exactly as analytics answers them", async () => {
    const asOf = "2023-06-05";
    const { data, errors } = await server.graphql(
      `{ pace(unit: "LDLD-38", phase: 2, asOf: "${asOf}") { ${PACE_FIELDS} } }`,
    );
    expect(errors).toBeUndefined();
    const pace = data.pace;
    const current = (await analyticsTotal("valid", 2, asOf, "LDLD-38"))!;
    const weekAgo = (await analyticsTotal("valid", 2, "2023-05-29", "LDLD-38"))!;
    const fourWeeksAgo = (await analyticsTotal("valid", 2, "2023-05-08", "LDLD-38"))!;
    const target = (await analyticsTotal("target", 2, asOf, "LDLD-38"))!;
    expect(current).toBeGreaterThan(0);
    expect(pace).toMatchObject({ phase: 2, measure: "valid", deadline: "2023-09-01", daysLeft: 88, current, target });
    expect(pace.rate7).toBeCloseTo((current - weekAgo) / 7, 9);
    expect(pace.rate28).toBeCloseTo((current - fourWeeksAgo) / 28, 9);
    expect(pace.requiredDailyRate).toBeCloseTo(Math.max(0, target - current) / (current >= target ? 1 : 88), 9);
    expect(pace.projectedLow).toBeLessThanOrEqual(pace.projected);
    expect(pace.projected).toBeLessThanOrEqual(pace.projectedHigh);
    expect(pace.projected).toBeGreaterThanOrEqual(current);
  });

  it("defaults to the confederation, the programme's target and the as-of date's phase", async () => {
    const { data, errors } = await server.graphql(`{ pace(asOf: "2022-04-01") { ${PACE_FIELDS} } }`);
    expect(errors).toBeUndefined();
    const [target] = (await db.dataSource.query(
      `SELECT t.target FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.tier = 0 AND t.phase_id = 1`,
    )) as Array<{ target: number }>;
    expect(data.pace).toMatchObject({
      phase: 1,
      deadline: "2022-05-31",
      daysLeft: 60,
      current: await analyticsTotal("valid", 1, "2022-04-01"),
      target: Number(target!.target),
    });
  });

  it("draws the projection from the as-of date's figure to the deadline's, ending at the pace's projection", async () => {
    const asOf = "2023-08-01";
    const { data } = await server.graphql(
      `{ pace(unit: "LDLD-01", asOf: "${asOf}") { current projected projectedLow projectedHigh }
         projection(unit: "LDLD-01", asOf: "${asOf}") { date projected low high } }`,
    );
    const points = data.projection;
    expect(points).toHaveLength(32);
    expect(points[0]).toEqual({
      date: asOf,
      projected: data.pace.current,
      low: data.pace.current,
      high: data.pace.current,
    });
    expect(points.at(-1)).toEqual({
      date: "2023-09-01",
      projected: data.pace.projected,
      low: data.pace.projectedLow,
      high: data.pace.projectedHigh,
    });
    for (const [i, p] of points.entries()) {
      expect(p.low).toBeLessThanOrEqual(p.projected);
      expect(p.projected).toBeLessThanOrEqual(p.high);
      if (i > 0) expect(p.projected).toBeGreaterThanOrEqual(points[i - 1].projected);
    }
  });

  it("is ENDED or REACHED after the deadline, with no projection", async () => {
    const { data } = await server.graphql(`{ pace(phase: 1, asOf: "2022-06-10") { daysLeft projected status }
      projection(phase: 1, asOf: "2022-06-10") { date } }`);
    expect(data.pace.daysLeft).toBe(0);
    expect(data.pace.projected).toBeNull();
    expect(["ENDED", "REACHED"]).toContain(data.pace.status);
    expect(data.projection).toEqual([]);
  });

  it("refuses units below the top level, unknown units and phases, and unknown releases, as BAD_USER_INPUT", async () => {
    const [second] = (await db.dataSource.query(`SELECT code FROM unit WHERE tier = 2 LIMIT 1`)) as Array<{
      code: string;
    }>;
    for (const args of [`unit: "${second!.code}"`, `unit: "NO-SUCH"`, `phase: 3`, `release: "1999-01-01.9"`]) {
      const { errors } = await server.graphql(`{ pace(${args}) { status } }`);
      expect(errors?.[0]?.extensions.code, args).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(errors)).not.toMatch(/\.ts|at /);
    }
  });

  it("sits on the targets page's rows and the overview's phases, with their figures", async () => {
    const { data, errors } = await server.graphql(`{
      targetAttainment(asOf: "2022-05-02") { code phase target valid pace { phase target current status } }
      overview(asOf: "2022-05-02") { phases { phase valid target pace { phase current target } } } }`);
    expect(errors).toBeUndefined();
    expect(data.targetAttainment.length).toBe(166);
    for (const row of data.targetAttainment) {
      expect(row.pace).toMatchObject({ phase: row.phase, target: row.target, current: row.valid });
    }
    for (const phase of data.overview.phases) {
      expect(phase.pace).toMatchObject({ phase: phase.phase, current: phase.valid, target: phase.target });
    }
    // Filters that choose units keep each unit's pace; one that narrows the initiatives counted drops it.
    const byKind = await server.graphql(`{ targetAttainment(asOf: "2022-05-02",
      filters: [{ dimension: topUnitKind, operator: EQUALS, values: ["CENTRAL_SECTOR_UNION"] }]) { pace { status } } }`);
    expect(byKind.errors).toBeUndefined();
    expect(byKind.data.targetAttainment.length).toBeGreaterThan(0);
    expect(byKind.data.targetAttainment.every((r: { pace: unknown }) => r.pace !== null)).toBe(true);
    const narrowed = await server.graphql(`{ overview(asOf: "2022-05-02",
      filters: [{ dimension: workerCategory, operator: EQUALS, values: ["ENTERPRISE"] }]) { phases { pace { status } } } }`);
    expect(narrowed.errors).toBeUndefined();
    expect(narrowed.data.overview.phases.map((p: { pace: unknown }) => p.pace)).toEqual([null, null]);
  });
});
