import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../common/request-context";
import { Locale } from "./analytics.enums";
import { AnalyticsQueryInput } from "./analytics.input";
import { AnalyticsService } from "./analytics.service";
import { AnalyticsResult } from "./analytics.types";

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly service: AnalyticsService) {}

  @Query(() => AnalyticsResult, { description: "Any measures by any dimensions, as of any instant, from rollups where they answer exactly" })
  analytics(
    @Ctx() ctx: RequestContext,
    @Arg("query", () => AnalyticsQueryInput) query: AnalyticsQueryInput,
    @Arg("locale", () => Locale, { nullable: true }) locale?: Locale,
  ): Promise<AnalyticsResult> {
    return this.service.run(ctx, query, locale ?? ctx.locale);
  }
}
