import { inject, injectable } from "tsyringe";
import { DataSource } from "typeorm";
import { Province } from "../../db/entities/province.entity";
import { searchable } from "../../common/searchable-text";
import { badInput } from "../../common/errors";
import type { RequestContext } from "../../common/request-context";
import { SemanticEngine, type UnitHit } from "../../semantic";
import type { ProvinceInfo, TopUnitInfo } from "./reference.types";

export const UNIT_SEARCH_MAX = 50;

/**
 * Reference data: provinces (a fixed catalogue), and the units of the caller's data — the release
 * the public reads, live data for token holders — from the engine's unit directory, so that a unit
 * found or listed here has the name and place the figures beside it use.
 */
@injectable()
export class ReferenceService {
  constructor(
    @inject(DataSource) private readonly dataSource: DataSource,
    @inject(SemanticEngine) private readonly engine: SemanticEngine,
  ) {}

  provinces(): Promise<ProvinceInfo[]> {
    return this.dataSource.getRepository(Province).find({ order: { code: "ASC" } });
  }

  async topUnits(ctx: RequestContext): Promise<TopUnitInfo[]> {
    return (await this.engine.unitsFor(ctx)).topUnits();
  }

  /**
   * Units whose name contains the words typed, diacritics ignored ("dau khi" finds "Dầu khí"), or whose
   * code starts with them (UnitDirectory.search).
   */
  async searchUnits(ctx: RequestContext, text: string, limit: number): Promise<UnitHit[]> {
    const needle = searchable(text).replace(/\s+/g, " ").trim();
    if (needle.length < 2) throw badInput("text: type at least 2 characters", { field: "text" });
    if (limit < 1 || limit > UNIT_SEARCH_MAX)
      throw badInput(`limit: between 1 and ${UNIT_SEARCH_MAX}`, { field: "limit" });
    return (await this.engine.unitsFor(ctx)).search(needle, limit);
  }
}
