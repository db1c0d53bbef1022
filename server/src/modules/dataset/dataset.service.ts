import type { DataSource } from "typeorm";
import type { RequestContext } from "../../common/request-context";
import { Dataset } from "../../db/entities/dataset.entity";
import type { DatasetInfo } from "./dataset.types";

export class DatasetService {
  async current(ctx: RequestContext): Promise<DatasetInfo | null> {
    const row = await findCurrentDataset(ctx.dataSource);
    if (!row) return null;
    return {
      kind: row.kind,
      synthetic: row.kind === "demo",
      dataVersion: row.dataVersion,
      loadedAt: row.loadedAt,
      initiativeCount: Number(row.initiativeCount),
      generatorVersion: row.generatorVersion,
      seed: row.seed,
      scale: row.scale,
      checksum: row.checksum,
    };
  }
}

/** The dataset the figures come from; null until a load has committed. */
export function findCurrentDataset(dataSource: DataSource): Promise<Dataset | null> {
  return dataSource.getRepository(Dataset).findOne({ where: { isCurrent: true } });
}
