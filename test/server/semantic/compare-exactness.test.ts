import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../server/src/common/request-context";
import { Progress } from "../../../server/src/db/seed/progress";
import { Rng } from "../../../server/src/db/seed/random";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { DataStateCache } from "../../../server/src/semantic/data-state";
import type { CompareQuestion, Granularity } from "../../../server/src/semantic/query/analytics-query";
import { REGISTRY } from "../../../server/src/semantic/registry/registry";
import { AsOf } from "../../../server/src/semantic";
import { createTestDatabase } from "../../setup/test-database";
import { createTestEngine, type TestEngine, type TestQuestion } from "../../setup/test-engine";

/**
 * Property (issue 20): a question with `compare`, answered from the rollups the planner picks,
 * equals the same question answered from the base table exactly — values, compared figures,
 * differences and percent changes, rows and totals — for random measures, dimensions, filters,
 * time buckets (ISO weeks included), derived measures and every kind of comparison, with as-of
 * points on open boundaries: a Vietnam midnight written as a date or as an instant, and instants
 * inside a day.
 */
const QUERIES = 150;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let service: TestEngine;
const ctx: RequestContext = { requestId: "test", locale: "vi" };

const MEASURES = ["submissions", "valid", "invalid", "pending", "benefitVnd", "validRate", "averageBenefitVnd"];
const DIMENSIONS = ["phase", "workerCategory", "field", "topUnit", "province", "region", "topUnitKind", "unit"];
const GRANULARITIES: Granularity[] = ["DAY", "WEEK", "WEEK", "MONTH", "QUARTER", "YEAR"];

beforeAll(async () => {
  db = await createTestDatabase("compare_exactness");
  await seedDemoData(db.url, 13, 0.01, new Progress(process.stderr, true));
  service = createTestEngine(db.dataSource);
}, 300_000);

afterAll(async () => db?.drop());

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;
function some<T>(rng: Rng, items: readonly T[], max: number): T[] {
  const copy = [...items];
  rng.shuffle(copy as unknown as number[]);
  return copy.slice(0, 1 + rng.int(max));
}

/** A day of the programme, as "YYYY-MM-DD"; month starts are favoured so the monthly rollups compete. */
function day(rng: Rng): string {
  const start = Date.UTC(2022, 0, 8);
  const d = new Date(start + rng.int(600) * 86_400_000);
  if (rng.next() < 0.3) d.setUTCDate(1);
  return d.toISOString().slice(0, 10);
}

/** An as-of: 24h of a day, the same midnight written as an instant (UTC or +07:00), or an instant inside a day. */
function moment(rng: Rng): string {
  const date = day(rng);
  const r = rng.next();
  if (r < 0.45) return date;
  const midnight = AsOf.parse(date).before;
  if (r < 0.6) return new Date(midnight).toISOString();
  if (r < 0.7) return `${new Date(midnight + 7 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+07:00`;
  const minutes = 1 + rng.int(24 * 60 - 1);
  return new Date(midnight - minutes * 60_000).toISOString().replace(".000Z", "Z");
}

function randomCompare(rng: Rng, q: TestQuestion): CompareQuestion {
  const r = rng.next();
  if (r < 0.35) return { to: "PREVIOUS_PERIOD", ...(rng.next() < 0.5 ? { days: pick(rng, [1, 7, 28, 31, 91]) } : {}) };
  // The previous phase needs a point in phase 2: ask after 2022-06-01.
  if (r < 0.55) {
    if (!q.dateRange && (!q.asOf || (typeof q.asOf === "string" && q.asOf < "2022-06-02"))) q.asOf = "2022-09-30";
    if (q.dateRange && q.dateRange.from! < "2022-06-01") q.dateRange = { from: "2022-06-01", to: q.dateRange.to };
    if (q.dateRange && q.dateRange.to! < q.dateRange.from!) q.dateRange.to = "2022-12-31";
    return { to: "PREVIOUS_PHASE_SAME_DAY" };
  }
  if (r < 0.8) return { to: "AS_OF", asOf: AsOf.parse(moment(rng)) };
  const [from, to] = [day(rng), day(rng)].sort();
  return { to: "DATE_RANGE", dateRange: { from, to } };
}

async function randomQuestion(rng: Rng): Promise<TestQuestion> {
  const data = await new DataStateCache(db.dataSource).current();
  const q: TestQuestion = { measures: some(rng, MEASURES, 3), limit: 10_000 };
  if (rng.next() < 0.7) q.dimensions = some(rng, DIMENSIONS, 2);
  if (rng.next() < 0.4) {
    const dimension = pick(rng, ["phase", "workerCategory", "field", "topUnit", "province", "region"]);
    const members = data.catalogue[REGISTRY.dimensions.get(dimension)!.catalogue as keyof typeof data.catalogue];
    q.filters = [
      {
        dimension,
        operator: rng.next() < 0.7 ? "IN" : "NOT_IN",
        values: some(
          rng,
          members.map((m) => m.code),
          3,
        ),
      },
    ];
  }
  if (rng.next() < 0.85) q.asOf = moment(rng);
  if (rng.next() < 0.5) q.timeDimension = { granularity: pick(rng, GRANULARITIES), cumulative: rng.next() < 0.3 };
  if (rng.next() < 0.35) {
    const [from, to] = [day(rng), day(rng)].sort();
    q.dateRange = { from, to };
  }
  if (rng.next() < 0.3) {
    q.derived = [{ name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid" }];
    if (rng.next() < 0.5) q.derived.push({ name: "undecided", op: "DIFFERENCE", left: "submissions", right: "valid" });
  }
  if (rng.next() < 0.2) q.order = [{ by: q.derived ? "perValid" : q.measures[0]!, direction: "DESC" }];
  q.compare = randomCompare(rng, q);
  return q;
}

describe("compared answers from rollups equal the base table's", () => {
  it(`holds for ${QUERIES} random compared questions`, async () => {
    const rng = new Rng(2026, "compare-property");
    const sources = new Map<string, number>();
    for (let i = 0; i < QUERIES; i++) {
      const q = await randomQuestion(rng);
      const viaRollup = await service.run(ctx, q);
      const viaBase = await service.run(ctx, { ...q, useRollups: false });
      sources.set(viaRollup.source, (sources.get(viaRollup.source) ?? 0) + 1);
      expect(viaBase.source).toBe("initiative");
      expect(
        { rows: viaRollup.rows, totals: viaRollup.totals, compared: viaRollup.compared },
        `question ${i}: ${JSON.stringify(q)} via ${viaRollup.source}`,
      ).toEqual({ rows: viaBase.rows, totals: viaBase.totals, compared: viaBase.compared });
    }
    // The property must exercise the rollups on both halves, not only the base table.
    const fromRollups = QUERIES - [...sources].filter(([s]) => s.includes("initiative")).reduce((n, [, c]) => n + c, 0);
    expect(fromRollups, JSON.stringify([...sources])).toBeGreaterThan(QUERIES * 0.4);
  }, 600_000);
});
