import { describe, expect, it } from "vitest";
import { plan } from "../../../server/src/semantic/planner/planner";
import { whyNotSubmittersRollup } from "../../../server/src/semantic/planner/submitters-plan";
import type { NormalizedQuery } from "../../../server/src/semantic/query/analytics-query";
import { componentsOf } from "../../../server/src/semantic/query/normalize";
import { buildRegistry, REGISTRY } from "../../../server/src/semantic/registry/registry";

const VN_MIDNIGHT = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

function query(overrides: Partial<NormalizedQuery> & { measures?: string[] } = {}): NormalizedQuery {
  const measures = overrides.measures ?? ["submissions"];
  return {
    measures, components: componentsOf(measures, REGISTRY), dimensions: [], filters: [],
    parentUnit: { id: 1, code: "TLĐ", path: "/1/", depth: 0, tier: 0 },
    asOf: VN_MIDNIGHT("2022-06-01"), seriesStart: VN_MIDNIGHT("2022-01-08"), order: [], limit: 100, offset: 0, share: [],
    useRollups: true, ...overrides,
  };
}

describe("the planner (pure)", () => {
  it("takes the first declared rollup that covers the query", () => {
    expect(plan(query({ dimensions: ["workerCategory"] }), REGISTRY).source).toMatchObject({ kind: "rollup", rollup: { name: "rollup_category_daily" } });
    expect(plan(query({ dimensions: ["field"] }), REGISTRY).source).toMatchObject({ rollup: { name: "rollup_topic_monthly" } });
    expect(plan(query({ dimensions: ["province", "workerCategory"] }), REGISTRY).source).toMatchObject({ rollup: { name: "rollup_unit_monthly" } });
    expect(plan(query({ dimensions: ["topUnit", "phase"] }), REGISTRY).source).toMatchObject({ rollup: { name: "rollup_top_unit_monthly" } });
    expect(plan(query({ dimensions: ["region", "emulationCluster"] }), REGISTRY).source).toMatchObject({ rollup: { name: "rollup_area_monthly" } });
  });

  it("completes a month with its daily tail when the as-of date falls inside it, but not for daily buckets", () => {
    expect(plan(query({ dimensions: ["province"] }), REGISTRY).source).toMatchObject({ rollup: { name: "rollup_province_monthly" } });
    const midMonth = plan(query({ dimensions: ["province"], asOf: VN_MIDNIGHT("2022-05-15") }), REGISTRY).source;
    expect(midMonth).toMatchObject({ rollup: { name: "rollup_province_monthly" }, tail: { name: "rollup_province_daily" } });
    const daily = plan(query({ dimensions: ["province"], asOf: VN_MIDNIGHT("2022-05-15"), time: { granularity: "DAY", cumulative: false } }), REGISTRY);
    expect(daily.source).toMatchObject({ rollup: { name: "rollup_province_daily" } });
    expect(daily.source).not.toHaveProperty("tail");
    expect(daily.rejected.find((r) => r.rollup === "rollup_province_monthly")?.reason).toMatch(/asOf does not fall on the start of a month/);
  });

  it("uses the base table for distinct counts, instants inside a day, status and deep drill-down, and says why", () => {
    const cases: Array<[Partial<NormalizedQuery>, RegExp]> = [
      [{ measures: ["submitters"] }, /submitters is a distinct count/],
      [{ asOf: VN_MIDNIGHT("2022-06-01") + 3_600_000 }, /asOf does not fall on the start of a Vietnam day/],
      [{ dimensions: ["status"] }, /status cannot be computed from pre-aggregated rows/],
      [{ dimensions: ["unit"], parentUnit: { id: 39, code: "LDLD-38", path: "/1/39/", depth: 1, tier: 1 } }, /unit cannot be computed/],
      [{ time: { granularity: "WEEK", cumulative: false }, dimensions: ["province"] }, /.+/],
    ];
    for (const [overrides, reason] of cases) {
      const p = plan(query({ ...overrides, components: componentsOf(overrides.measures ?? ["submissions"], REGISTRY) }), REGISTRY);
      if (overrides.time) {
        expect(p.rejected.find((r) => r.rollup === "rollup_unit_monthly")?.reason).toMatch(/granularity WEEK is finer/);
        continue;
      }
      expect(p.source.kind, JSON.stringify(overrides)).toBe("base");
      expect(p.rejected.map((r) => r.reason).join("; ")).toMatch(reason);
    }
  });

  it("goes to the base table when asked", () => {
    expect(plan(query({ useRollups: false }), REGISTRY).source.kind).toBe("base");
  });
});

describe("the registry is validated at start-up", () => {
  it("refuses a derived measure that refers to an unknown one, and duplicate names", () => {
    expect(() => buildRegistry([
      { name: "a", labelVi: "a", labelEn: "a", descriptionVi: "", descriptionEn: "", unit: "percent", additivity: "derived", ratio: { numerator: "x", denominator: "a", scale: 1 } },
    ], [], [])).toThrow(/refers to unknown measure x/);
    expect(() => buildRegistry(
      [...REGISTRY.measures.values(), REGISTRY.measures.get("valid")!], [...REGISTRY.dimensions.values()], [...REGISTRY.rollups],
    )).toThrow(/"valid" is defined twice/);
    expect(() => buildRegistry([...REGISTRY.measures.values()], [...REGISTRY.dimensions.values()], [
      { name: "rollup_x_monthly", grain: "month", columns: ["phase_id"], dailyTail: "rollup_x_daily" },
      { name: "rollup_x_daily", grain: "day", columns: ["phase_id", "field_id"] },
    ])).toThrow(/daily tail must be a declared daily rollup with the same columns/);
  });
});

describe("the submitter rollups (pure)", () => {
  it("serve distinct submitters overall, per top unit, or for one top unit, as of a day or cumulatively", () => {
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"] }))).toBeNull();
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"], dimensions: ["topUnit"] }))).toBeNull();
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"], time: { granularity: "MONTH", cumulative: true } }))).toBeNull();
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"], filters: [{ dimension: "topUnit", operator: "EQUALS", keys: [39] }] }))).toBeNull();
  });

  it("leave to the base table what first days cannot answer", () => {
    const cases: Array<[Partial<NormalizedQuery>, RegExp]> = [
      [{ time: { granularity: "MONTH", cumulative: false } }, /within a time bucket/],
      [{ dimensions: ["field"] }, /per top unit only/],
      [{ filters: [{ dimension: "topUnit", operator: "IN", keys: [39, 40] }] }, /several top units/],
      [{ filters: [{ dimension: "topUnit", operator: "NOT_IN", keys: [39] }] }, /several top units/],
      [{ range: { from: VN_MIDNIGHT("2022-03-01"), before: VN_MIDNIGHT("2022-04-01") } }, /date range/],
      [{ asOf: VN_MIDNIGHT("2022-06-01") + 60_000 }, /start of a Vietnam day/],
    ];
    for (const [overrides, reason] of cases) expect(whyNotSubmittersRollup(query({ measures: ["submitters"], ...overrides }))).toMatch(reason);
  });
});
