import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { AsOfScalar } from "../../graphql/scalars/as-of.scalar";
import type { AsOf } from "../../semantic";
import { Dimension, Granularity, Measure } from "../analytics/analytics.enums";
import { DateRangeInput, FilterInput } from "../analytics/analytics.input";
import { CompareTo } from "../analytics/compare.input";
import { toAnalyticsResult } from "../analytics/analytics.result";
import { AnalyticsResult } from "../analytics/analytics.types";
import { askingFor, releaseArg } from "../releases/release.arg";
import { DashboardService } from "./dashboard.service";
import { Overview, Ranking, TargetRow, UnitDrilldown } from "./dashboard.types";

const asOfArg = {
  nullable: true,
  description: "A date means 24h of that day, Vietnam time; default: the end of the data",
};
const filtersArg = { nullable: true } as const;
const compareArg = {
  nullable: true,
  description: "PREVIOUS_PERIOD (`compareDays` earlier, default 7) or PREVIOUS_PHASE_SAME_DAY; default PREVIOUS_PERIOD",
};
const compareDaysArg = { nullable: true, description: "For PREVIOUS_PERIOD: how many days earlier (7, 28, …)" };

/** Conveniences for the dashboard: every one is answered by the same engine as `analytics`. */
@injectable()
@Resolver()
export class DashboardResolver {
  constructor(@inject(DashboardService) private readonly dashboard: DashboardService) {}

  @Query(() => Overview, {
    description:
      "Headline figures with their change since the compared point (default 7 days), and the phases' progress",
  })
  overview(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("compare", () => CompareTo, compareArg) compare?: CompareTo,
    @Arg("compareDays", () => Int, compareDaysArg) compareDays?: number,
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<Overview> {
    return this.dashboard.overview(askingFor(ctx, release), asOf, filters, { to: compare, days: compareDays });
  }

  @Query(() => Ranking, { description: "Top units or areas by any measure" })
  ranking(
    @Ctx() ctx: RequestContext,
    @Arg("measure", () => Measure) measure: string,
    @Arg("by", () => Dimension, { description: "topUnit, province, province2025, region or emulationCluster" })
    by: string,
    @Arg("limit", () => Int, { defaultValue: 10 }) limit: number,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<Ranking> {
    return this.dashboard.ranking(askingFor(ctx, release), measure, by, limit, asOf, filters);
  }

  @Query(() => AnalyticsResult, { description: "Measures per time bucket (Vietnam calendar), optionally cumulative" })
  async timeSeries(
    @Ctx() ctx: RequestContext,
    @Arg("measures", () => [Measure]) measures: string[],
    @Arg("granularity", () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Arg("cumulative", () => Boolean, { defaultValue: false }) cumulative: boolean,
    @Arg("dateRange", () => DateRangeInput, { nullable: true }) dateRange?: DateRangeInput,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<AnalyticsResult> {
    const answer = await this.dashboard.ask(askingFor(ctx, release), {
      measures,
      timeDimension: { granularity, cumulative },
      dateRange,
      asOf,
      filters,
      limit: 10_000,
    });
    return toAnalyticsResult(answer);
  }

  @Query(() => AnalyticsResult, {
    description: "A measure split by one dimension, with each part's share of the whole",
  })
  async shares(
    @Ctx() ctx: RequestContext,
    @Arg("measure", () => Measure) measure: string,
    @Arg("dimension", () => Dimension) dimension: string,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<AnalyticsResult> {
    const answer = await this.dashboard.ask(askingFor(ctx, release), {
      measures: [measure],
      dimensions: [dimension],
      share: [measure],
      asOf,
      filters,
      order: [{ by: measure, direction: "DESC" }],
    });
    return toAnalyticsResult(answer);
  }

  @Query(() => UnitDrilldown, {
    description: "Any unit at any depth: its figures, its ancestors and its children ranked",
  })
  async unitDrilldown(
    @Ctx() ctx: RequestContext,
    @Arg("unit", () => String, { description: "Unit code (TLĐ for the confederation)" }) unit: string,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("compare", () => CompareTo, {
      nullable: true,
      description: "Compare the unit's own totals (not its children; default: no comparison)",
    })
    compare?: CompareTo,
    @Arg("compareDays", () => Int, compareDaysArg) compareDays?: number,
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<UnitDrilldown> {
    const drilldown = await this.dashboard.unitDrilldown(askingFor(ctx, release), unit, asOf, filters, {
      to: compare,
      days: compareDays,
    });
    return { ...drilldown, children: toAnalyticsResult(drilldown.children) };
  }

  @Query(() => [TargetRow], { description: "The 83 top-level units' targets and valid initiatives per phase" })
  targetAttainment(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("filters", () => [FilterInput], filtersArg) filters?: FilterInput[],
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<TargetRow[]> {
    return this.dashboard.targetAttainment(askingFor(ctx, release), asOf, filters);
  }
}
