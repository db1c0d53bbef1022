import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { SemanticEngine } from "../../semantic";
import { Locale } from "./analytics.enums";
import { AnalyticsQueryInput } from "./analytics.input";
import { toAnalyticsResult } from "./analytics.result";
import { AnalyticsResult } from "./analytics.types";
import { askingFor } from "../releases/release.arg";

@injectable()
@Resolver()
export class AnalyticsResolver {
  constructor(@inject(SemanticEngine) private readonly engine: SemanticEngine) {}

  @Query(() => AnalyticsResult, {
    description: "Any measures by any dimensions, as of any instant, from rollups where they answer exactly",
  })
  async analytics(
    @Ctx() ctx: RequestContext,
    @Arg("query", () => AnalyticsQueryInput) query: AnalyticsQueryInput,
    @Arg("locale", () => Locale, { nullable: true }) locale?: Locale,
  ): Promise<AnalyticsResult> {
    const { release, ...question } = query;
    return toAnalyticsResult(
      await this.engine.answer(askingFor(ctx, release), question, { locale: locale ?? ctx.locale }),
    );
  }
}
