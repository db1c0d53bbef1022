import type { RequestContext } from "../../common/request-context";
import { Province } from "../../db/entities/province.entity";
import { Unit } from "../../db/entities/unit.entity";
import type { ProvinceInfo, TopUnitInfo } from "./reference.types";

export class ReferenceService {
  provinces(ctx: RequestContext): Promise<ProvinceInfo[]> {
    return ctx.dataSource.getRepository(Province).find({ order: { code: "ASC" } });
  }

  topUnits(ctx: RequestContext): Promise<TopUnitInfo[]> {
    return ctx.dataSource.getRepository(Unit).find({ where: { tier: 1 }, order: { id: "ASC" } });
  }
}
