import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../common/request-context";
import { Locale } from "../analytics/analytics.enums";
import { MilestonesService } from "./milestones.service";
import { Milestone } from "./milestones.types";

@Resolver()
export class MilestonesResolver {
  constructor(private readonly service: MilestonesService) {}

  @Query(() => [Milestone], { description: "When the national count crossed each 100,000, each million and the phase-1 target" })
  milestones(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => String, { nullable: true, description: "Only milestones reached before this date's 24h (or instant)" }) asOf?: string,
    @Arg("locale", () => Locale, { nullable: true }) locale?: Locale,
  ): Promise<Milestone[]> {
    return this.service.list(ctx, asOf, locale ?? ctx.locale);
  }
}
