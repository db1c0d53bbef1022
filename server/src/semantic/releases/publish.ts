import type { DataSource } from "typeorm";
import { badInput } from "../../common/errors";
import { TAKE_RELEASE_LOCK } from "../../db/releases/keep-version";
import { insertRelease, listReleases, type ReleaseRecord, type ReleaseRequest } from "../../db/releases/release-store";
import { insertRevisions, type RevisionFigure } from "../../db/releases/revision-store";
import type { Answer } from "../answer/answer";
import type { AnalyticsQuery } from "../query/analytics-query";
import { vietnamDateOf } from "../query/dates";
import { AsOf } from "../time/as-of";
import { LIVE } from "./release-views";

/** The figures a revision log compares: national, then by top unit, province, worker category and field. */
const SCOPES: Array<{ scope: string; dimension?: string }> = [
  { scope: "national" },
  { scope: "topUnit", dimension: "topUnit" },
  { scope: "province", dimension: "province" },
  { scope: "workerCategory", dimension: "workerCategory" },
  { scope: "field", dimension: "field" },
];
const MEASURES = ["submissions", "valid", "benefitVnd"];

/** What publishing needs of the engine: the public's answers of a release, and the live data's last day and version. */
export interface PublishingEngine {
  answer(ctx: { locale: "vi"; role: "public"; release: string }, question: AnalyticsQuery): Promise<Answer>;
  current(): Promise<{ dataVersion: string; dataEnd: number }>;
}

/**
 * Publishes a release pinning the live data version, with its revision log: every figure of the
 * previous release (national, top units, provinces, worker categories, fields; submissions, valid,
 * benefit) that the new one answers otherwise, compared as of the previous release's date (data added
 * after it is news, not a revision). The figures are the public's answers of each release, exactly
 * those a reader of either gets. The release and its log are written in one transaction, under the
 * lock loads take: if a load committed since the figures were read, nothing is written and it says so.
 */
export async function publishRelease(
  engine: PublishingEngine,
  writer: DataSource,
  request: ReleaseRequest,
): Promise<ReleaseRecord> {
  const [previous] = await listReleases(writer);
  if (previous && request.kind === "FIRST")
    throw badInput(`Release ${previous.id} is published already: this one is a PLANNED_REVISION or a CORRECTION.`);
  const kind = previous ? request.kind : "FIRST";
  const live = await engine.current();
  if (previous?.dataVersion === live.dataVersion)
    throw badInput(`Release ${previous.id} already pins data version ${live.dataVersion}: load new data first.`);
  const dataEnd = vietnamDateOf(live.dataEnd - 1);
  const figures = previous ? await changedFigures(engine, previous) : [];
  return writer.transaction(async (manager) => {
    await manager.query(TAKE_RELEASE_LOCK);
    const [current] = (await manager.query(`SELECT data_version FROM dataset WHERE is_current`)) as Array<{
      data_version: string;
    }>;
    if (String(current?.data_version) !== live.dataVersion)
      throw badInput("The data changed while the release was prepared (a load committed): publish again.");
    const release = await insertRelease(manager, { ...request, kind }, { dataVersion: live.dataVersion, dataEnd });
    if (previous) await insertRevisions(manager, release.id, previous.id, figures);
    return release;
  });
}

/** The previous release's figures that the live data answers otherwise, as of the previous release's date. */
async function changedFigures(engine: PublishingEngine, previous: ReleaseRecord): Promise<RevisionFigure[]> {
  const changed: RevisionFigure[] = [];
  for (const { scope, dimension } of SCOPES) {
    const question = (): AnalyticsQuery => ({
      measures: MEASURES,
      dimensions: dimension ? [dimension] : [],
      asOf: previous.dataEnd ? AsOf.parse(previous.dataEnd) : undefined,
      limit: 10_000,
    });
    const ask = (release: string) => engine.answer({ locale: "vi", role: "public", release }, question());
    const [before, after] = [figuresOf(await ask(previous.id), !dimension), figuresOf(await ask(LIVE), !dimension)];
    for (const [key, figure] of new Map([...before, ...after])) {
      for (const measure of MEASURES) {
        const previousValue = before.get(key)?.values.get(measure) ?? null;
        const value = after.get(key)?.values.get(measure) ?? null;
        if (previousValue !== value)
          changed.push({ scope, key: dimension ? key : null, label: figure.label, measure, previousValue, value });
      }
    }
  }
  return changed;
}

type Figures = Map<string, { label: string; values: Map<string, number | null> }>;

/** An answer's figures by member code, or its totals under "" (national). */
function figuresOf(answer: Answer, national: boolean): Figures {
  const valuesOf = (values: Answer["totals"]) => new Map(values.map((v) => [v.measure, v.value]));
  if (national) return new Map([["", { label: "Toàn quốc", values: valuesOf(answer.totals) }]]);
  return new Map(
    answer.rows.map((row) => [
      row.dimensions[0]!.code,
      { label: row.dimensions[0]!.label, values: valuesOf(row.values) },
    ]),
  );
}
