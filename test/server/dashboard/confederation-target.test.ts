import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * Issue 19: the confederation's target is defined once — the programme's (300,000 + 700,000, facts §1),
 * in the target table at tier 0 — and its drilldown and the overview agree on it; the 83 units'
 * registered targets, which sum to a little more, stay on their own rows.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("confederation_target");
  await seedDemoData(db.url, 4, 0.005, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const value = (values: Array<{ measure: string; value: number | null }>, m: string) =>
  values.find((v) => v.measure === m)?.value ?? null;

describe("the confederation's target", () => {
  it("is the programme's in its drilldown, as on the overview; its children keep their registered targets", async () => {
    const { data } = await server.graphql(`{
      overview { programmeTarget phases { phase target } }
      unitDrilldown(unit: "TLĐ") { children { totals { measure value } rows { values { measure value } } } }
    }`);
    const totals = data.unitDrilldown.children.totals;
    // (1,000,000 at scale 1; the test's data is at scale 0.005.)
    const programme = data.overview.programmeTarget;
    expect(programme).toBe(data.overview.phases[0].target + data.overview.phases[1].target);
    expect(value(totals, "target")).toBe(programme);
    expect(value(totals, "targetAttainment")).toBeCloseTo((value(totals, "valid")! * 100) / programme, 10);
    const registered = data.unitDrilldown.children.rows.reduce(
      (sum: number, r: { values: Array<{ measure: string; value: number | null }> }) =>
        sum + (value(r.values, "target") ?? 0),
      0,
    );
    expect(registered).not.toBe(programme);
  });

  it("under a phase filter is that phase's; under a category filter the overview compares with none", async () => {
    const { data } = await server.graphql(`{
      unitDrilldown(unit: "TLĐ", filters: [{ dimension: phase, values: ["1"] }]) { children { totals { measure value } } }
      overview(filters: [{ dimension: workerCategory, values: ["ENTERPRISE"] }]) { phases { phase target progress } }
      national: overview { phases { phase target } }
    }`);
    expect(value(data.unitDrilldown.children.totals, "target")).toBe(data.national.phases[0].target);
    for (const phase of data.overview.phases) expect(phase).toMatchObject({ target: null, progress: null });
  });
});
