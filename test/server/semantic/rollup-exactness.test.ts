import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../server/src/common/request-context";
import { Progress } from "../../../server/src/db/seed/progress";
import { Rng } from "../../../server/src/db/seed/random";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestEngine, type TestEngine } from "../../setup/test-engine";
import { DataStateCache } from "../../../server/src/semantic/data-state";
import type { Granularity } from "../../../server/src/semantic/query/analytics-query";
import type { TestQuestion } from "../../setup/test-engine";
import { REGISTRY } from "../../../server/src/semantic/registry/registry";
import { createTestDatabase } from "../../setup/test-database";

/**
 * Property: for random queries (measures × dimensions × filters × as-of dates × time buckets),
 * the answer from the rollup the planner picks equals the base table's answer exactly.
 */
const QUERIES = 300;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let service: TestEngine;
let ctx: RequestContext;

const MEASURES = [
  "submissions",
  "valid",
  "invalid",
  "pending",
  "benefitVnd",
  "validRate",
  "averageBenefitVnd",
  "submitters",
];
const DIMENSIONS = [
  "phase",
  "workerCategory",
  "field",
  "solutionType",
  "topUnit",
  "province",
  "province2025",
  "region",
  "topUnitKind",
  "emulationCluster",
  "unit",
];
const GRANULARITIES: Granularity[] = ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];

/** Unit codes by level: top units, units at depth 2 (second-tier units, and unions right under a top unit), unions deeper down. */
const units = { top: [] as string[], second: [] as string[], deep: [] as string[] };

beforeAll(async () => {
  db = await createTestDatabase("rollup_exactness");
  await seedDemoData(db.url, 11, 0.01, new Progress(process.stderr, true));
  service = createTestEngine(db.dataSource);
  ctx = { requestId: "test", locale: "vi" };
  const codes = async (where: string) =>
    ((await db.dataSource.query(`SELECT code FROM unit WHERE ${where} ORDER BY id`)) as Array<{ code: string }>).map(
      (u) => u.code,
    );
  units.top = await codes("depth = 1");
  units.second = await codes("depth = 2");
  units.deep = await codes("depth = 3 AND id % 50 = 0");
});

afterAll(async () => db?.drop());

function pickSome<T>(rng: Rng, items: T[], max: number): T[] {
  const copy = [...items];
  rng.shuffle(copy as unknown as number[]);
  return copy.slice(0, 1 + rng.int(max));
}

function randomDate(rng: Rng, monthStart: boolean): string {
  const start = Date.UTC(2022, 0, 1);
  const end = Date.UTC(2023, 9, 10);
  const d = new Date(start + rng.int((end - start) / 86_400_000) * 86_400_000);
  if (monthStart) d.setUTCDate(1);
  return d.toISOString().slice(0, 10);
}

async function randomQuery(rng: Rng): Promise<TestQuestion> {
  const data = await new DataStateCache(db.dataSource).current();
  if (rng.next() < 0.15) {
    // Shapes the submitter rollups serve: overall, per top unit, phase or worker category, as of a day or cumulatively.
    const dimension = ["topUnit", "topUnit", "phase", "workerCategory"][rng.int(4)]!;
    const catalogue = data.catalogue[REGISTRY.dimensions.get(dimension)!.catalogue as keyof typeof data.catalogue];
    const members = catalogue.map((m) => m.code);
    const query: TestQuestion = {
      measures: ["submitters", "submissions"],
      limit: 10_000,
      asOf: randomDate(rng, false),
    };
    if (rng.next() < 0.5) query.dimensions = [dimension === "topUnit" && rng.next() < 0.5 ? "unit" : dimension];
    if (rng.next() < 0.3)
      query.filters = [{ dimension, operator: "EQUALS", values: [members[rng.int(members.length)]!] }];
    if (rng.next() < 0.5) query.timeDimension = { granularity: GRANULARITIES[rng.int(5)]!, cumulative: true };
    return query;
  }
  if (rng.next() < 0.25)
    return randomUnitQuery(
      rng,
      data.catalogue.workerCategory.map((m) => m.code),
    );
  const query: TestQuestion = { measures: pickSome(rng, MEASURES, 4), limit: 10_000 };
  if (rng.next() < 0.8) query.dimensions = pickSome(rng, DIMENSIONS, 2);
  if (rng.next() < 0.5) {
    const dimension = ["phase", "workerCategory", "field", "topUnit", "province", "region", "topUnitKind"][rng.int(7)]!;
    const catalogue = data.catalogue[REGISTRY.dimensions.get(dimension)!.catalogue as keyof typeof data.catalogue];
    query.filters = [
      {
        dimension,
        operator: rng.next() < 0.7 ? "IN" : "NOT_IN",
        values: pickSome(
          rng,
          catalogue.map((m) => m.code),
          3,
        ),
      },
    ];
  }
  // Month starts let the monthly rollup compete; other days go to the daily ones.
  const monthStart = rng.next() < 0.3;
  if (rng.next() < 0.9) {
    const d = new Date(Date.parse(randomDate(rng, monthStart)) - 86_400_000);
    query.asOf = d.toISOString().slice(0, 10);
  }
  if (rng.next() < 0.5) query.timeDimension = { granularity: GRANULARITIES[rng.int(5)]!, cumulative: rng.next() < 0.5 };
  if (rng.next() < 0.3) {
    const [a, b] = [randomDate(rng, monthStart), randomDate(rng, monthStart)].sort();
    query.dateRange = { from: a, to: b };
  }
  if (rng.next() < 0.3)
    query.share = [query.measures.find((m) => !["validRate", "averageBenefitVnd"].includes(m)) ?? "submissions"].filter(
      (m) => query.measures.includes(m),
    );
  return query;
}

/**
 * Shapes of the unit pages: a unit's children (of a top unit: second-tier rollups; of a second-tier
 * unit: the base table, narrowed to its unions), or figures filtered to units of one level (top,
 * second tier, deeper unions) or of several (the base table), under a page filter, as of the end
 * of the data, a month's start or any day, with or without a monthly trend.
 */
function randomUnitQuery(rng: Rng, categories: string[]): TestQuestion {
  const pick = <T>(items: T[]): T => items[rng.int(items.length)]!;
  const query: TestQuestion = {
    measures: pickSome(
      rng,
      MEASURES.filter((m) => m !== "submitters"),
      3,
    ),
    limit: 10_000,
  };
  if (rng.next() < 0.4) {
    query.dimensions = ["unit"];
    query.parentUnit = rng.next() < 0.8 ? pick(units.top) : pick(units.second);
    if (rng.next() < 0.3) query.dimensions.push(pick(["phase", "workerCategory", "province"]));
  } else {
    const values = pickSome(rng, pick([units.top, units.second, units.second, units.deep]), 2);
    if (rng.next() < 0.15) values.push(pick(units.top));
    const operator = rng.next() < 0.25 ? "NOT_IN" : values.length === 1 ? "EQUALS" : "IN";
    query.filters = [{ dimension: "unit", operator, values }];
    if (rng.next() < 0.5) query.dimensions = [pick(["phase", "workerCategory", "province", "unit", "topUnit"])];
  }
  if (rng.next() < 0.3) {
    const [dimension, codes]: [string, string[]] =
      rng.next() < 0.5 ? ["phase", ["1", "2"]] : ["workerCategory", categories];
    query.filters = [...(query.filters ?? []), { dimension, operator: "IN", values: [pick(codes)] }];
  }
  const asOf = rng.next();
  if (asOf < 0.45) query.asOf = randomDate(rng, false);
  else if (asOf < 0.75)
    query.asOf = new Date(Date.parse(randomDate(rng, true)) - 86_400_000).toISOString().slice(0, 10);
  if (rng.next() < 0.4)
    query.timeDimension =
      rng.next() < 0.7 ? { granularity: "MONTH" } : { granularity: pick(GRANULARITIES), cumulative: rng.next() < 0.3 };
  return query;
}

describe("rollups answer exactly what the base table answers", () => {
  it(`holds for ${QUERIES} random queries`, async () => {
    const rng = new Rng(2023, "property");
    const sources = new Map<string, number>();
    for (let i = 0; i < QUERIES; i++) {
      const query = await randomQuery(rng);
      const viaRollup = await service.run(ctx, query);
      const viaBase = await service.run(ctx, { ...query, useRollups: false });
      sources.set(viaRollup.source, (sources.get(viaRollup.source) ?? 0) + 1);
      expect(viaBase.source).toBe("initiative");
      expect(
        { rows: viaRollup.rows, totals: viaRollup.totals },
        `query ${i}: ${JSON.stringify(query)} via ${viaRollup.source}`,
      ).toEqual({ rows: viaBase.rows, totals: viaBase.totals });
    }
    // The property must exercise the rollups, not only the base table.
    const fromRollups = QUERIES - (sources.get("initiative") ?? 0);
    expect(fromRollups, JSON.stringify([...sources])).toBeGreaterThan(QUERIES * 0.5);
    const used = (name: string) =>
      [...sources].filter(([source]) => source.split("+").includes(name)).reduce((s, [, n]) => s + n, 0);
    for (const rollup of REGISTRY.rollups) expect(used(rollup.name), rollup.name).toBeGreaterThan(0);
    expect(
      [...sources.keys()].some((s) => s.includes("+")),
      "a monthly rollup completed by days",
    ).toBe(true);
    expect(
      sources.get("rollup_second_tier_monthly+initiative"),
      "a monthly rollup completed by the base table's last days",
    ).toBeGreaterThan(0);
    for (const table of REGISTRY.submitterRollups.map((r) => r.table)) expect(used(table), table).toBeGreaterThan(0);
  }, 600_000);
});
