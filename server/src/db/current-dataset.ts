import type { DataSource, EntityManager } from "typeorm";

/** The loaded dataset as the `dataset` table describes it. */
export interface CurrentDataset {
  kind: "demo" | "imported";
  dataVersion: string;
  loadedAt: Date;
  initiativeCount: number;
  generatorVersion: string | null;
  seed: number | null;
  scale: number | null;
  checksum: string | null;
  /** The newest published release's id (a publication changes what the public reads by default), or null. */
  latestRelease: string | null;
}

/**
 * The one reader of "which data is loaded": the row marked current, or null before the first load
 * has committed. Start-up, the engine's data state and the `dataset` field all read it here.
 */
export async function readCurrentDataset(
  db: Pick<DataSource | EntityManager, "query">,
): Promise<CurrentDataset | null> {
  return readDatasetWhere(db, "is_current", []);
}

/** The `dataset` row of a data version, current or not (a release's), or null. */
export function readDatasetAt(
  db: Pick<DataSource | EntityManager, "query">,
  dataVersion: string,
): Promise<CurrentDataset | null> {
  return readDatasetWhere(db, "data_version = $1", [dataVersion]);
}

async function readDatasetWhere(
  db: Pick<DataSource | EntityManager, "query">,
  where: string,
  values: unknown[],
): Promise<CurrentDataset | null> {
  const [row] = (await db.query(
    `SELECT kind, data_version, loaded_at, initiative_count, generator_version, seed, scale, checksum,
            (SELECT id FROM published_release ORDER BY seq DESC LIMIT 1) AS latest_release
       FROM dataset WHERE ${where}`,
    values,
  )) as Array<Record<string, unknown>>;
  if (!row) return null;
  return {
    kind: row.kind as CurrentDataset["kind"],
    dataVersion: String(row.data_version),
    loadedAt: row.loaded_at as Date,
    initiativeCount: Number(row.initiative_count ?? 0),
    generatorVersion: (row.generator_version as string | null) ?? null,
    seed: (row.seed as number | null) ?? null,
    scale: (row.scale as number | null) ?? null,
    checksum: (row.checksum as string | null) ?? null,
    latestRelease: (row.latest_release as string | null) ?? null,
  };
}
