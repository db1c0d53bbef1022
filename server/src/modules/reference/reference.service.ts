import { inject, injectable } from "tsyringe";
import { DataSource } from "typeorm";
import { Province } from "../../db/entities/province.entity";
import { Unit } from "../../db/entities/unit.entity";
import { searchable } from "../../common/searchable-text";
import { badInput } from "../../common/errors";
import type { ProvinceInfo, TopUnitInfo, UnitHit } from "./reference.types";

export const UNIT_SEARCH_MAX = 50;

/** Reference data: provinces, top-level units, and units found by name. */
@injectable()
export class ReferenceService {
  constructor(@inject(DataSource) private readonly dataSource: DataSource) {}

  provinces(): Promise<ProvinceInfo[]> {
    return this.dataSource.getRepository(Province).find({ order: { code: "ASC" } });
  }

  topUnits(): Promise<TopUnitInfo[]> {
    return this.dataSource.getRepository(Unit).find({ where: { tier: 1 }, order: { id: "ASC" } });
  }

  /**
   * Units whose name contains the words typed, diacritics ignored ("dau khi" finds "Dầu khí"), or whose
   * code starts with them. Higher tiers first, then names where the text comes earliest, then by code.
   */
  async searchUnits(text: string, limit: number): Promise<UnitHit[]> {
    const needle = searchable(text).replace(/\s+/g, " ").trim();
    if (needle.length < 2) throw badInput("text: type at least 2 characters", { field: "text" });
    if (limit < 1 || limit > UNIT_SEARCH_MAX)
      throw badInput(`limit: between 1 and ${UNIT_SEARCH_MAX}`, { field: "limit" });
    const literal = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.dataSource.query(
      `SELECT u.code, u.name, u.kind, u.tier, CASE WHEN u.tier >= 2 THEN t.name END AS "topUnitName"
         FROM unit u LEFT JOIN unit t ON t.id = u.top_unit_id
        WHERE u.search_name LIKE $1 OR lower(u.code) LIKE $2
        ORDER BY u.tier, strpos(u.search_name, $3), length(u.name), u.code
        LIMIT $4`,
      [`%${literal}%`, `${literal}%`, needle, limit],
    );
  }
}
