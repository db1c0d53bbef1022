import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../common/request-context";
import { ReferenceService } from "./reference.service";
import { ProvinceInfo, TopUnitInfo } from "./reference.types";

@Resolver()
export class ReferenceResolver {
  private readonly service = new ReferenceService();

  @Query(() => [ProvinceInfo], { description: "The 63 provinces of 2021–2023, by GSO code" })
  provinces(@Ctx() ctx: RequestContext): Promise<ProvinceInfo[]> {
    return this.service.provinces(ctx);
  }

  @Query(() => [TopUnitInfo], { description: "The 83 top-level units: provincial federations, sector and corporation unions" })
  topUnits(@Ctx() ctx: RequestContext): Promise<TopUnitInfo[]> {
    return this.service.topUnits(ctx);
  }
}
