import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { ReferenceService, UNIT_SEARCH_MAX } from "./reference.service";
import { ProvinceInfo, TopUnitInfo, UnitHit } from "./reference.types";

@injectable()
@Resolver()
export class ReferenceResolver {
  constructor(@inject(ReferenceService) private readonly service: ReferenceService) {}

  @Query(() => [ProvinceInfo], { description: "The 63 provinces of 2021–2023, by GSO code" })
  provinces(): Promise<ProvinceInfo[]> {
    return this.service.provinces();
  }

  @Query(() => [TopUnitInfo], {
    description: "The 83 top-level units: provincial federations, sector and corporation unions",
  })
  topUnits(@Ctx() ctx: RequestContext): Promise<TopUnitInfo[]> {
    return this.service.topUnits(ctx);
  }

  @Query(() => [UnitHit], { description: 'Units by name without diacritics ("thanh hoa" finds Thanh Hóa) or by code' })
  searchUnits(
    @Ctx() ctx: RequestContext,
    @Arg("text", () => String) text: string,
    @Arg("limit", () => Int, { defaultValue: 10, description: `At most ${UNIT_SEARCH_MAX}` }) limit: number,
  ): Promise<UnitHit[]> {
    return this.service.searchUnits(ctx, text, limit);
  }
}
