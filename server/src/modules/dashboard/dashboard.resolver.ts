import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../common/request-context";
import { Dimension, Granularity, Measure } from "../analytics/analytics.enums";
import { DateRangeInput, FilterInput } from "../analytics/analytics.input";
import type { AnalyticsService } from "../analytics/analytics.service";
import { AnalyticsResult } from "../analytics/analytics.types";
import type { DashboardService } from "./dashboard.service";
import { Overview, Ranking, TargetRow, UnitDrilldown } from "./dashboard.types";

const asOfArg = { nullable: true, description: "A date means 24h of that day, Vietnam time; default: the end of the data" };

/** Conveniences for the dashboard: every one is answered by the same engine as `analytics`. */
@Resolver()
export class DashboardResolver {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly analytics: AnalyticsService,
  ) {}

  @Query(() => Overview, { description: "Headline figures with their change over 7 days, and progress against the phase targets" })
  overview(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<Overview> {
    return this.dashboard.overview(ctx, asOf, filters);
  }

  @Query(() => Ranking, { description: "Top units or areas by any measure" })
  ranking(
    @Ctx() ctx: RequestContext,
    @Arg("measure", () => Measure) measure: string,
    @Arg("by", () => Dimension, { description: "topUnit, province, province2025, region or emulationCluster" }) by: string,
    @Arg("limit", () => Int, { defaultValue: 10 }) limit: number,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<Ranking> {
    return this.dashboard.ranking(ctx, measure, by, limit, asOf, filters);
  }

  @Query(() => AnalyticsResult, { description: "Measures per time bucket (Vietnam calendar), optionally cumulative" })
  timeSeries(
    @Ctx() ctx: RequestContext,
    @Arg("measures", () => [Measure]) measures: string[],
    @Arg("granularity", () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Arg("cumulative", () => Boolean, { defaultValue: false }) cumulative: boolean,
    @Arg("dateRange", () => DateRangeInput, { nullable: true }) dateRange?: DateRangeInput,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<AnalyticsResult> {
    return this.analytics.runForDashboard(ctx, { measures, timeDimension: { granularity, cumulative }, dateRange, asOf, filters, limit: 10_000 });
  }

  @Query(() => AnalyticsResult, { description: "A measure split by one dimension, with each part's share of the whole" })
  shares(
    @Ctx() ctx: RequestContext,
    @Arg("measure", () => Measure) measure: string,
    @Arg("dimension", () => Dimension) dimension: string,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<AnalyticsResult> {
    return this.analytics.runForDashboard(ctx, { measures: [measure], dimensions: [dimension], share: [measure], asOf, filters, order: [{ by: measure, direction: "DESC" }] });
  }

  @Query(() => UnitDrilldown, { description: "Any unit at any depth: its figures, its ancestors and its children ranked" })
  unitDrilldown(
    @Ctx() ctx: RequestContext,
    @Arg("unit", () => String, { description: "Unit code (TLĐ for the confederation)" }) unit: string,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<UnitDrilldown> {
    return this.dashboard.unitDrilldown(ctx, unit, asOf, filters);
  }

  @Query(() => [TargetRow], { description: "The 83 top-level units' targets and valid initiatives per phase" })
  targetAttainment(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => String, asOfArg) asOf?: string,
    @Arg("filters", () => [FilterInput], { nullable: true }) filters?: FilterInput[],
  ): Promise<TargetRow[]> {
    return this.dashboard.targetAttainment(ctx, asOf, filters);
  }
}
