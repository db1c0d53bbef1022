import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../server/src/common/request-context";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import type { NormalizedQuery } from "../../../server/src/semantic/query/analytics-query";
import { AsOf, vietnamDateOf } from "../../../server/src/semantic";
import { createTestDatabase } from "../../setup/test-database";
import { createTestEngine, type TestEngine, type TestQuestion } from "../../setup/test-engine";
import { byCode, expected, historyFigures } from "../../setup/status-history-oracle";

/**
 * "Valid as of T" means the initiative's latest decision before T was valid (pending before its
 * first). The demo data re-decides a small share of initiatives (valid → invalid on review,
 * invalid → valid on appeal); every as-of answer — base table, rollups, the status dimension,
 * the record keys of the privacy step — must follow their status history exactly, at the very
 * instants of re-decisions too (as of T counts what happened strictly before T).
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let service: TestEngine;
/** Exact figures: the privacy step's perturbation is for the public. */
const ctx: RequestContext = { requestId: "test", locale: "vi", role: "leadership" };

interface Change {
  id: number;
  at: Date;
  status: number;
}
/** History of re-decided initiatives, each initiative's changes in order. */
let redecided: Map<number, Change[]>;

const DECIDED = ["valid", "invalid", "pending", "benefitVnd"];

beforeAll(async () => {
  db = await createTestDatabase("status_history");
  await seedDemoData(db.url, 5, 0.01, new Progress(process.stderr, true));
  service = createTestEngine(db.dataSource, { answersKept: 0 });
  const rows = (await db.dataSource.query(`
    SELECT h.initiative_id::int AS id, h.changed_at AS at, h.status_id AS status FROM initiative_status_change h
     WHERE h.initiative_id IN (SELECT id FROM status_correction)
     ORDER BY h.initiative_id, h.changed_at, h.status_id`)) as Change[];
  redecided = new Map();
  for (const row of rows) redecided.set(row.id, [...(redecided.get(row.id) ?? []), row]);
});

afterAll(async () => db?.drop());

const oracle = (before: Date) => historyFigures(db.dataSource, before);

const ask = (asOf: string | AsOf, extra: Partial<TestQuestion> = {}) =>
  service.run(ctx, { measures: DECIDED, dimensions: ["topUnit"], limit: 10_000, asOf, ...extra });

/** Every instant of a re-decision (a change after the first decision), and a millisecond after it. */
function redecisionInstants(): number[] {
  return [...redecided.values()].flatMap((changes) =>
    changes.slice(2).flatMap((c) => [c.at.getTime(), c.at.getTime() + 1]),
  );
}

describe("as-of answers follow the status history of re-decided initiatives", () => {
  it("the demo data re-decides some initiatives, each both ways", () => {
    const finals = [...redecided.values()].map((changes) => changes.at(-1)!.status);
    expect(finals.filter((s) => s === 3).length, "valid → invalid on review").toBeGreaterThan(10);
    expect(finals.filter((s) => s === 2).length, "invalid → valid on appeal").toBeGreaterThan(3);
  });

  it("an initiative valid before T and invalid after counts valid as of T only (base table, at the instants)", async () => {
    const [id, changes] = [...redecided].find(([, c]) => c.length === 3 && c[1]!.status === 2 && c[2]!.status === 3)!;
    const [, validAt, invalidAt] = changes.map((c) => c.at.getTime());
    const unit = (
      (await db.dataSource.query(
        `SELECT t.code FROM initiative i JOIN unit t ON t.id = i.top_unit_id WHERE i.id = $1`,
        [id],
      )) as Array<{ code: string }>
    )[0]!.code;
    const at = async (instant: number) => byCode(await ask(AsOf.at(instant))).get(unit)!;
    const [before, whenValid, justValid, whenInvalid, afterwards] = await Promise.all(
      [validAt!, validAt! + 1, invalidAt!, invalidAt! + 1, invalidAt! + 86_400_000].map(at),
    );
    // As of the instant of a decision, it has not happened yet; a millisecond later it has.
    expect(whenValid.valid! - before.valid!).toBe(1);
    expect(whenValid.pending! - before.pending!).toBe(-1);
    expect(justValid.valid!).toBeGreaterThanOrEqual(whenValid.valid!);
    expect(justValid.valid! - whenInvalid.valid!).toBe(1);
    expect(whenInvalid.invalid! - justValid.invalid!).toBe(1);
    expect(afterwards.invalid!).toBeGreaterThanOrEqual(whenInvalid.invalid!);
    expect(afterwards.valid! + afterwards.invalid! + afterwards.pending!).toBe(
      whenInvalid.valid! + whenInvalid.invalid! + whenInvalid.pending!,
    );
  });

  it("base-table answers equal the history at the instants of every re-decision (open boundaries)", async () => {
    const instants = redecisionInstants();
    expect(instants.length).toBeGreaterThan(20);
    for (const instant of instants.slice(0, 40)) {
      const answer = await ask(AsOf.at(instant));
      expect(answer.source, new Date(instant).toISOString()).toBe("initiative");
      expect(byCode(answer), new Date(instant).toISOString()).toEqual(
        expected(await oracle(new Date(instant)), DECIDED),
      );
    }
  }, 300_000);

  it("rollup answers as of the days of re-decisions equal the base table's and the history", async () => {
    const days = [...new Set(redecisionInstants().map((t) => vietnamDateOf(t)))].slice(0, 25);
    for (const day of days) {
      const viaRollup = await ask(day);
      const viaBase = await ask(day, { useRollups: false });
      expect(viaRollup.source, day).not.toBe("initiative");
      expect(viaRollup.rows, day).toEqual(viaBase.rows);
      const end = new Date(AsOf.parse(day).before);
      expect(byCode(viaRollup), day).toEqual(expected(await oracle(end), DECIDED));
      // A daily series from a rollup sums to the same as-of figures, day by day.
      const series = { timeDimension: { granularity: "DAY" as const, cumulative: true }, dimensions: [] };
      const seriesViaRollup = await ask(day, series);
      expect(seriesViaRollup.rows, day).toEqual((await ask(day, { ...series, useRollups: false })).rows);
    }
  }, 300_000);

  it("the status dimension puts each submission in its status by the history", async () => {
    for (const instant of redecisionInstants().slice(0, 10)) {
      const answer = await service.run(ctx, {
        measures: ["submissions"],
        dimensions: ["status"],
        asOf: AsOf.at(instant),
        limit: 100,
      });
      const got = Object.fromEntries(answer.rows.map((r) => [r.dimensions[0]!.code, r.values[0]!.value]));
      const figures = [...(await oracle(new Date(instant))).values()];
      const sum = (m: string) => figures.reduce((s, f) => s + (f[m] ?? 0), 0);
      const codes = (await db.dataSource.query(`SELECT code FROM initiative_status ORDER BY id`)) as Array<{
        code: string;
      }>;
      const [pending, valid, invalid] = codes.map((c) => c.code);
      expect(got).toEqual({ [pending!]: sum("pending"), [valid!]: sum("valid"), [invalid!]: sum("invalid") });
    }
  }, 120_000);

  it("the privacy step's record keys of a cell are those of the initiatives in it as of T", async () => {
    // The sums the cell key method perturbs from (engine's internal question, as its privacy step asks it).
    const keys = (q: NormalizedQuery): NormalizedQuery => ({
      ...q,
      measures: ["validKey", "invalidKey"],
      components: ["validKey", "invalidKey"],
      share: [],
      order: [],
      useRollups: false,
    });
    // The live data's view: the engine's private step that answers exactly, before any protection.
    const live = await service.engine["views"].viewFor({ release: "live", role: "leadership" });
    for (const instant of redecisionInstants().slice(0, 10)) {
      const answer = await service.engine["exact"](
        live,
        { measures: ["valid"], dimensions: ["topUnit"], asOf: AsOf.at(instant), limit: 10_000 },
        "vi",
        "explorer",
        keys,
      );
      expect(byCode(answer)).toEqual(expected(await oracle(new Date(instant)), ["validKey", "invalidKey"]));
    }
  }, 120_000);
});
