import { describe, expect, it } from "vitest";
import { plan } from "../../../server/src/semantic/planner/planner";
import { whyNotSubmittersRollup } from "../../../server/src/semantic/planner/submitters-plan";
import type { NormalizedQuery } from "../../../server/src/semantic/query/analytics-query";
import { componentsOf, normalizeQuery } from "../../../server/src/semantic/query/normalize";
import type { ParentUnit } from "../../../server/src/semantic/query/analytics-query";
import { AsOf } from "../../../server/src/semantic";
import type { TestQuestion } from "../../setup/test-engine";
import type { Catalogue } from "../../../server/src/semantic/catalogue";
import { buildRegistry, REGISTRY } from "../../../server/src/semantic/registry/registry";

const VN_MIDNIGHT = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

function query(overrides: Partial<NormalizedQuery> & { measures?: string[] } = {}): NormalizedQuery {
  const measures = overrides.measures ?? ["submissions"];
  return {
    measures,
    components: componentsOf(measures, REGISTRY),
    dimensions: [],
    filters: [],
    parentUnit: { id: 1, code: "TLĐ", path: "/1/", depth: 0, tier: 0 },
    asOf: VN_MIDNIGHT("2022-06-01"),
    seriesStart: VN_MIDNIGHT("2022-01-08"),
    dataEnd: VN_MIDNIGHT("2023-09-02"),
    order: [],
    limit: 100,
    offset: 0,
    share: [],
    useRollups: true,
    derived: [],
    ...overrides,
  };
}

describe("the planner (pure)", () => {
  it("takes the first declared rollup that covers the query", () => {
    expect(plan(query({ dimensions: ["workerCategory"] }), REGISTRY).source).toMatchObject({
      kind: "rollup",
      rollup: { name: "rollup_category_daily" },
    });
    expect(plan(query({ dimensions: ["field"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_field_monthly" },
    });
    expect(plan(query({ dimensions: ["field", "solutionType"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_topic_monthly" },
    });
    expect(plan(query({ dimensions: ["province", "workerCategory"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_unit_monthly" },
    });
    expect(plan(query({ dimensions: ["topUnit", "phase"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_top_unit_monthly" },
    });
    expect(plan(query({ dimensions: ["region", "emulationCluster"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_area_monthly" },
    });
  });

  it("completes a month with its daily tail when the as-of date falls inside it, but not for daily buckets", () => {
    expect(plan(query({ dimensions: ["province"] }), REGISTRY).source).toMatchObject({
      rollup: { name: "rollup_province_monthly" },
    });
    const midMonth = plan(query({ dimensions: ["province"], asOf: VN_MIDNIGHT("2022-05-15") }), REGISTRY).source;
    expect(midMonth).toMatchObject({
      rollup: { name: "rollup_province_monthly" },
      tail: { name: "rollup_province_daily" },
    });
    const daily = plan(
      query({
        dimensions: ["province"],
        asOf: VN_MIDNIGHT("2022-05-15"),
        time: { granularity: "DAY", cumulative: false },
      }),
      REGISTRY,
    );
    expect(daily.source).toMatchObject({ rollup: { name: "rollup_province_daily" } });
    expect(daily.source).not.toHaveProperty("tail");
    expect(daily.rejected.find((r) => r.rollup === "rollup_province_monthly")?.reason).toMatch(
      /asOf does not fall on the start of a month/,
    );
  });

  it("uses the base table for distinct counts, instants inside a day, status and deep drill-down, and says why", () => {
    const cases: Array<[Partial<NormalizedQuery>, RegExp]> = [
      [{ measures: ["submitters"] }, /submitters is a distinct count/],
      [{ asOf: VN_MIDNIGHT("2022-06-01") + 3_600_000 }, /asOf does not fall on the start of a Vietnam day/],
      [{ dimensions: ["status"] }, /status cannot be computed from pre-aggregated rows/],
      [
        { dimensions: ["unit"], parentUnit: { id: 512, code: "LDLD-38-T01", path: "/1/39/512/", depth: 2, tier: 2 } },
        /below the second tier/,
      ],
      [{ time: { granularity: "WEEK", cumulative: false }, dimensions: ["province"] }, /.+/],
    ];
    for (const [overrides, reason] of cases) {
      const p = plan(
        query({ ...overrides, components: componentsOf(overrides.measures ?? ["submissions"], REGISTRY) }),
        REGISTRY,
      );
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

/** A small unit tree: the confederation, a top unit, two second-tier units, a union right under the top unit and one below a district. */
const UNITS: ParentUnit[] = [
  { id: 1, code: "TLĐ", path: "/1/", depth: 0, tier: 0 },
  { id: 39, code: "LDLD-38", path: "/1/39/", depth: 1, tier: 1 },
  { id: 512, code: "LDLD-38-T01", path: "/1/39/512/", depth: 2, tier: 2 },
  { id: 513, code: "LDLD-38-T02", path: "/1/39/513/", depth: 2, tier: 2 },
  { id: 900, code: "CS-DIRECT", path: "/1/39/900/", depth: 2, tier: 3 },
  { id: 901, code: "CS-DEEP", path: "/1/39/512/901/", depth: 3, tier: 3 },
];

/** The client's question, normalised as the server does (only unit filters, so no catalogue is needed), then planned. */
async function planOf({ asOf, ...raw }: TestQuestion) {
  const normalized = await normalizeQuery(
    { ...raw, asOf: typeof asOf === "string" ? AsOf.parse(asOf) : asOf },
    {
      registry: REGISTRY,
      catalogue: {} as Catalogue,
      dataStart: VN_MIDNIGHT("2022-01-08"),
      dataEnd: VN_MIDNIGHT("2023-09-02"),
      findUnit: async (code) => UNITS.find((u) => u.code === code) ?? null,
      rootUnit: async () => UNITS[0]!,
    },
  );
  return { normalized, plan: plan(normalized, REGISTRY) };
}

const unitFilter = (operator: "EQUALS" | "IN" | "NOT_IN", ...values: string[]) => [
  { dimension: "unit", operator, values },
];
const sourceName = (p: ReturnType<typeof plan>) =>
  p.source.kind === "base" ? "initiative" : [p.source.rollup.name, p.source.tail?.name].filter(Boolean).join("+");

describe("the unit pages (pure: normalised, then planned)", () => {
  // The page's panels: its children, its own figures, its monthly trend, its worker shares, its targets' valid part.
  const PAGE: Array<[string, (unit: string) => TestQuestion]> = [
    [
      "own",
      (unit) => ({
        measures: ["submissions", "valid", "validRate", "benefitVnd", "members"],
        filters: unitFilter("EQUALS", unit),
      }),
    ],
    [
      "trend",
      (unit) => ({
        measures: ["submissions", "valid"],
        timeDimension: { granularity: "MONTH" },
        filters: unitFilter("EQUALS", unit),
      }),
    ],
    [
      "shares",
      (unit) => ({
        measures: ["submissions"],
        dimensions: ["workerCategory"],
        share: ["submissions"],
        filters: unitFilter("EQUALS", unit),
      }),
    ],
    [
      "targets",
      (unit) => ({ measures: ["target", "valid"], dimensions: ["phase"], filters: unitFilter("EQUALS", unit) }),
    ],
  ];

  it("answers a top unit's page from the top-unit rollups, and its children from the second-tier one", async () => {
    const expected: Record<string, string> = {
      own: "rollup_top_unit_monthly",
      trend: "rollup_top_unit_monthly",
      shares: "rollup_unit_monthly",
      targets: "rollup_top_unit_monthly",
    };
    for (const [panel, query] of PAGE) {
      const { normalized, plan: p } = await planOf(query("LDLD-38"));
      expect(normalized.filters, panel).toEqual([{ dimension: "topUnit", operator: "EQUALS", keys: [39] }]);
      expect(sourceName(p), panel).toBe(expected[panel]);
    }
    const children = await planOf({
      measures: ["submissions", "valid", "members"],
      dimensions: ["unit"],
      parentUnit: "LDLD-38",
    });
    expect(sourceName(children.plan)).toBe("rollup_second_tier_monthly");
  });

  it("answers a second-tier unit's page, or a union's right under its top unit, from the second-tier rollup", async () => {
    for (const unit of ["LDLD-38-T01", "CS-DIRECT"]) {
      for (const [panel, query] of PAGE) {
        const { normalized, plan: p } = await planOf(query(unit));
        expect(normalized.filters[0], panel).toMatchObject({ dimension: "unit", unitDepth: 2 });
        expect(sourceName(p), `${unit} ${panel}`).toBe("rollup_second_tier_monthly");
      }
    }
  });

  it("takes several second-tier units, and NOT_IN, from rollups too; the confederation is no filter", async () => {
    expect(
      sourceName(
        (await planOf({ measures: ["submissions"], filters: unitFilter("IN", "LDLD-38-T01", "CS-DIRECT") })).plan,
      ),
    ).toBe("rollup_second_tier_monthly");
    expect(
      sourceName(
        (await planOf({ measures: ["submissions"], filters: unitFilter("NOT_IN", "LDLD-38-T01", "LDLD-38-T02") })).plan,
      ),
    ).toBe("rollup_second_tier_monthly");
    expect(
      sourceName(
        (
          await planOf({
            measures: ["submissions"],
            dimensions: ["workerCategory"],
            filters: unitFilter("NOT_IN", "LDLD-38"),
          })
        ).plan,
      ),
    ).toBe("rollup_unit_monthly");
    const confederation = await planOf({ measures: ["submissions"], filters: unitFilter("EQUALS", "TLĐ") });
    expect(confederation.normalized.filters).toEqual([]);
    expect(sourceName(confederation.plan)).toBe("rollup_category_daily");
  });

  it("answers as of the end of the data (the default) from monthly rollups alone, mid-month as that day may be", async () => {
    const latest = await planOf({ measures: ["submissions"], dimensions: ["unit"], parentUnit: "LDLD-38" });
    expect(latest.normalized.asOf).toBe(VN_MIDNIGHT("2023-09-02"));
    expect(sourceName(latest.plan)).toBe("rollup_second_tier_monthly");
    const later = await planOf({
      measures: ["submissions"],
      filters: unitFilter("EQUALS", "LDLD-38-T01"),
      asOf: "2030-06-15",
    });
    expect(sourceName(later.plan)).toBe("rollup_second_tier_monthly");
  });

  it("leaves to the base table what no rollup keys, and says why", async () => {
    const cases: Array<[TestQuestion, RegExp]> = [
      // A second-tier unit's children are grassroots unions: 20,000 and more, not pre-aggregated.
      [
        { measures: ["submissions"], dimensions: ["unit"], parentUnit: "LDLD-38-T01" },
        /children of LDLD-38-T01 \(depth 3\) are below the second tier/,
      ],
      [
        { measures: ["submissions"], filters: unitFilter("EQUALS", "CS-DEEP") },
        /unit filter on units at depth 3 needs the unit tree/,
      ],
      // A top unit and a district together: no one level column holds both.
      [{ measures: ["submissions"], filters: unitFilter("IN", "LDLD-38", "LDLD-38-T01") }, /units of different depths/],
      [
        { measures: ["submissions"], filters: unitFilter("NOT_IN", "LDLD-38", "LDLD-38-T01") },
        /units of different depths/,
      ],
      // The second-tier rollups keep phase and worker category, not the topic columns.
      [
        { measures: ["submissions"], dimensions: ["field"], filters: unitFilter("EQUALS", "LDLD-38-T01") },
        /rollup_second_tier_monthly: the rollup has no field_id for field/,
      ],
      // They are kept by month only (a daily one would cost every import a second or more): an
      // as-of date inside a month with a date range, or daily buckets, need the events (without a
      // range, the month's last days come from the base table: below).
      [
        {
          measures: ["submissions"],
          dimensions: ["unit"],
          parentUnit: "LDLD-38",
          asOf: "2022-11-14",
          dateRange: { from: "2022-01-01", to: "2022-11-13" },
        },
        /rollup_second_tier_monthly: asOf does not fall on the start of a month/,
      ],
      [
        { measures: ["submissions"], filters: unitFilter("IN", "LDLD-38-T01"), timeDimension: { granularity: "DAY" } },
        /rollup_second_tier_monthly: granularity DAY is finer/,
      ],
    ];
    for (const [raw, reason] of cases) {
      const { plan: p } = await planOf(raw);
      expect(p.source.kind, JSON.stringify(raw)).toBe("base");
      expect(p.rejected.map((r) => `${r.rollup}: ${r.reason}`).join("; "), JSON.stringify(raw)).toMatch(reason);
    }
  });

  it("completes a month with the base table's last days for a top unit's children or a second-tier unit, not for daily buckets", async () => {
    const children: TestQuestion = {
      measures: ["submissions", "valid"],
      dimensions: ["unit"],
      parentUnit: "LDLD-38",
      asOf: "2022-11-14",
    };
    // A second-tier unit's filter brings its top unit's (normalizeQuery), which narrows the last days to its indexes.
    const secondTier: TestQuestion = {
      measures: ["submissions"],
      filters: unitFilter("EQUALS", "LDLD-38-T01"),
      asOf: "2022-11-14",
    };
    for (const raw of [children, { ...children, timeDimension: { granularity: "MONTH" as const } }, secondTier]) {
      const { plan: p } = await planOf(raw);
      expect(p.source, JSON.stringify(raw)).toMatchObject({
        kind: "rollup",
        rollup: { name: "rollup_second_tier_monthly" },
        baseTail: true,
      });
    }
    expect((await planOf({ ...children, timeDimension: { granularity: "DAY" } })).plan.source.kind).toBe("base");
  });
});

describe("the registry is validated at start-up", () => {
  it("refuses a derived measure that refers to an unknown one, and duplicate names", () => {
    expect(() =>
      buildRegistry(
        [
          {
            name: "a",
            labelVi: "a",
            labelEn: "a",
            descriptionVi: "",
            descriptionEn: "",
            unit: "percent",
            additivity: "derived",
            ratio: { numerator: "x", denominator: "a", scale: 1 },
          },
        ],
        [],
        [],
      ),
    ).toThrow(/refers to unknown measure x/);
    expect(() =>
      buildRegistry(
        [...REGISTRY.measures.values(), REGISTRY.measures.get("valid")!],
        [...REGISTRY.dimensions.values()],
        [...REGISTRY.rollups],
      ),
    ).toThrow(/"valid" is defined twice/);
    expect(() =>
      buildRegistry(
        [...REGISTRY.measures.values()],
        [...REGISTRY.dimensions.values()],
        [
          {
            kind: "events",
            name: "rollup_x_monthly",
            grain: "month",
            columns: ["phase_id"],
            dailyTail: "rollup_x_daily",
          },
          { kind: "events", name: "rollup_x_daily", grain: "day", columns: ["phase_id", "field_id"] },
        ],
      ),
    ).toThrow(/daily tail must be a declared daily rollup with the same columns/);
  });
});

describe("the submitter rollups (pure)", () => {
  it("serve distinct submitters overall, per top unit, or for one top unit, as of a day or cumulatively", () => {
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"] }), REGISTRY)).toBeNull();
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"], dimensions: ["topUnit"] }), REGISTRY)).toBeNull();
    expect(
      whyNotSubmittersRollup(
        query({ measures: ["submitters"], time: { granularity: "MONTH", cumulative: true } }),
        REGISTRY,
      ),
    ).toBeNull();
    expect(
      whyNotSubmittersRollup(
        query({ measures: ["submitters"], filters: [{ dimension: "topUnit", operator: "EQUALS", keys: [39] }] }),
        REGISTRY,
      ),
    ).toBeNull();
    expect(whyNotSubmittersRollup(query({ measures: ["submitters"], dimensions: ["phase"] }), REGISTRY)).toBeNull();
    expect(
      whyNotSubmittersRollup(
        query({
          measures: ["submitters"],
          dimensions: ["phase"],
          filters: [{ dimension: "phase", operator: "IN", keys: [2] }],
        }),
        REGISTRY,
      ),
    ).toBeNull();
  });

  it("leave to the base table what first days cannot answer", () => {
    const cases: Array<[Partial<NormalizedQuery>, RegExp]> = [
      [{ time: { granularity: "MONTH", cumulative: false } }, /within a time bucket/],
      [{ dimensions: ["field"] }, /per topUnit or per phase or per workerCategory only/],
      [
        { dimensions: ["topUnit"], filters: [{ dimension: "phase", operator: "IN", keys: [1] }] },
        /one dimension at a time/,
      ],
      [
        { filters: [{ dimension: "unit", operator: "IN", keys: [39] }] },
        /per topUnit or per phase or per workerCategory only/,
      ],
      [{ filters: [{ dimension: "topUnit", operator: "IN", keys: [39, 40] }] }, /several members/],
      [{ filters: [{ dimension: "phase", operator: "NOT_IN", keys: [1] }] }, /several members/],
      [{ range: { from: VN_MIDNIGHT("2022-03-01"), before: VN_MIDNIGHT("2022-04-01") } }, /date range/],
      [{ asOf: VN_MIDNIGHT("2022-06-01") + 60_000 }, /start of a Vietnam day/],
    ];
    for (const [overrides, reason] of cases)
      expect(whyNotSubmittersRollup(query({ measures: ["submitters"], ...overrides }), REGISTRY)).toMatch(reason);
  });
});
