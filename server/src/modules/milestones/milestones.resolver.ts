import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { AsOfScalar } from "../../graphql/scalars/as-of.scalar";
import { AsOf, SemanticEngine } from "../../semantic";
import { Locale } from "../analytics/analytics.enums";
import { askingFor, releaseArg } from "../releases/release.arg";
import { Milestone } from "./milestones.types";

@injectable()
@Resolver()
export class MilestonesResolver {
  constructor(@inject(SemanticEngine) private readonly engine: SemanticEngine) {}

  @Query(() => [Milestone], {
    description: "When the national count crossed each 100,000, each million and the phase-1 target",
  })
  milestones(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => AsOfScalar, {
      nullable: true,
      description: "Only milestones reached before this date's 24h (or instant)",
    })
    asOf?: AsOf,
    @Arg("locale", () => Locale, { nullable: true }) locale?: Locale,
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<Milestone[]> {
    return this.engine.milestones(asOf, locale ?? ctx.locale, askingFor(ctx, release));
  }
}
