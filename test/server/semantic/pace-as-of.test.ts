import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "../../../server/src/db/aggregates/rollup-builder";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { AsOf, PaceBoard, SemanticEngine, type AskContext } from "../../../server/src/semantic";
import { weeklyHistory } from "../../../server/src/semantic/pace/pace-questions";
import { historyBefore, type WeeklyHistory } from "../../../server/src/semantic/pace/weekly-history";
import { createTestDatabase } from "../../setup/test-database";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
let same: TestDatabase;
let changedLater: TestDatabase;

const AS_OF = "2023-06-05";
/** The as-of moment's end: 24h on AS_OF, Vietnam time. */
const AFTER = "2023-06-06T00:00:00+07:00";

beforeAll(async () => {
  same = await createTestDatabase("pace_as_of_same");
  changedLater = await createTestDatabase("pace_as_of_changed");
  for (const db of [same, changedLater]) await seedDemoData(db.url, 11, 0.01, new Progress(process.stderr, true));
  // The second database differs only after the as-of moment: every later valid decision is invalid there.
  const flipped = (await changedLater.dataSource.query(
    `UPDATE initiative SET status_id = 3 WHERE status_id = 2 AND decided_at >= $1`,
    [AFTER],
  )) as [unknown, number];
  expect(flipped[1]).toBeGreaterThan(100);
  await changedLater.dataSource.transaction((m) => rebuildRollups(m));
}, 180_000);

afterAll(async () => {
  await same?.drop();
  await changedLater?.drop();
});

const ctx: AskContext = { locale: "vi", role: "leadership" };
const boardOn = (db: TestDatabase) =>
  new PaceBoard(new SemanticEngine({ dataSource: db.dataSource, statementTimeoutMs: 30_000 }));

describe("the projection as of a date", () => {
  it("is the same on two databases whose data differ only after that date", async () => {
    const [a, b] = [boardOn(same), boardOn(changedLater)];
    const asOf = AsOf.parse(AS_OF);
    for (const unit of [undefined, "LDLD-38", "LDLD-01", "CD-DAUKHI"]) {
      const [paceA, paceB] = await Promise.all([a.pace(ctx, { unit, asOf }), b.pace(ctx, { unit, asOf })]);
      expect(paceA.projected).not.toBeNull();
      expect(paceB).toEqual(paceA);
      expect(await b.projection(ctx, { unit, asOf })).toEqual(await a.projection(ctx, { unit, asOf }));
    }
    // Every unit of the targets page, both phases (phase 1 completed: its history and rush are read too).
    for (const phase of [1, 2]) expect(await b.all(ctx, phase, asOf)).toEqual(await a.all(ctx, phase, asOf));
  });

  it("differs as of a later date, where the data differ (the change above is one the board would see)", async () => {
    const asOf = AsOf.parse("2023-08-01");
    const [paceA, paceB] = await Promise.all([
      boardOn(same).pace(ctx, { asOf }),
      boardOn(changedLater).pace(ctx, { asOf }),
    ]);
    expect(paceB.current).toBeLessThan(paceA.current);
    expect(paceB.projected).not.toEqual(paceA.projected);
  });
});

describe("the weekly history a board reads", () => {
  /** Units with an all-zero series add nothing to the model; a read as of a date may or may not list them. */
  const withoutZeroUnits = (h: WeeklyHistory) => ({
    ...h,
    units: new Map(
      [...h.units].filter(([, series]) => series.some((v) => v !== 0)).sort(([a], [b]) => a.localeCompare(b)),
    ),
  });

  it("cut from one read to the data's end is the read as of each earlier moment", async () => {
    const engine = new SemanticEngine({ dataSource: changedLater.dataSource, statementTimeoutMs: 30_000 });
    const ask = (c: AskContext, q: Parameters<SemanticEngine["answer"]>[1]) => engine.answer(c, q);
    const { dataEnd } = await engine.current(ctx);
    const moments = ["2022-01-20", "2022-03-06", "2022-05-31", "2022-06-01", "2022-11-13", AS_OF, "2023-09-01"]
      .map((d) => AsOf.parse(d))
      .concat([AsOf.parse("2023-06-04T10:30:00+07:00"), AsOf.parse(AFTER)]);
    for (const phase of [1, 2]) {
      const later = await weeklyHistory(ask, ctx, phase, AsOf.at(dataEnd));
      expect(later.weekEnds.length).toBeGreaterThan(10);
      for (const asOf of moments) {
        const direct = await weeklyHistory(ask, ctx, phase, asOf);
        const cut = historyBefore(later, asOf.date, asOf.isEndOfDay);
        expect(withoutZeroUnits(cut), `phase ${phase} as of ${String(asOf)}`).toEqual(withoutZeroUnits(direct));
      }
    }
  });
});
