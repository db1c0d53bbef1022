/**
 * The shapes of API answers the dashboard reads: generated from schema/schema.graphql and the
 * selections in selections.ts (scripts/codegen.ts), named for the charts that read them.
 */
import type {
  AnalyticsAnswerFragment,
  AnalyticsQueryAnswerFragment,
  MetaAnswerFragment,
  MilestoneAnswerFragment,
  OverviewAnswerFragment,
  PaceAnswerFragment,
  ProjectionAnswerFragment,
  RankingAnswerFragment,
  ReleaseAnswerFragment,
  RevisionAnswerFragment,
  TargetRowAnswerFragment,
  UnitDrilldownAnswerFragment,
  UnitHitAnswerFragment,
} from "../../generated/graphql/answers";

export type AnalyticsResult = AnalyticsAnswerFragment;
export type AnalyticsRow = AnalyticsResult["rows"][number];
export type MeasureValue = AnalyticsRow["values"][number];
export type DimensionValue = AnalyticsRow["dimensions"][number];
/** An `analytics` answer: also its columns (name, kind, label, unit). */
export type AnalyticsQueryResult = AnalyticsQueryAnswerFragment;
export type Ranking = RankingAnswerFragment;
export type Milestone = MilestoneAnswerFragment;
export type Overview = OverviewAnswerFragment;
export type Pace = PaceAnswerFragment;
export type ProjectionPoint = ProjectionAnswerFragment;
export type UnitDrilldown = UnitDrilldownAnswerFragment;
export type UnitRef = UnitDrilldown["unit"];
export type TargetRow = TargetRowAnswerFragment;
export type Meta = MetaAnswerFragment;
export type MemberMeta = Meta["dimensions"][number]["members"][number];
export type UnitHit = UnitHitAnswerFragment;
export type Release = ReleaseAnswerFragment;
export type Revision = RevisionAnswerFragment;

export function valueOf(values: MeasureValue[], measure: string): number | null {
  return values.find((v) => v.measure === measure)?.value ?? null;
}

export function shareOf(values: MeasureValue[], measure: string): number | null {
  return values.find((v) => v.measure === measure)?.share ?? null;
}
