import type { DataSource, EntityManager } from "typeorm";

type Queryable = Pick<DataSource | EntityManager, "query">;

/** FIRST: the first release; PLANNED_REVISION ("R"): new data as scheduled; CORRECTION ("C"): an error put right. */
export const RELEASE_KINDS = ["FIRST", "PLANNED_REVISION", "CORRECTION"] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** A published release: one data version pinned, with what the publisher said of it. */
export interface ReleaseRecord {
  /** Short and readable: the Vietnam date of the last data, then the how-manyth release of it ("2023-10-06.2"). */
  id: string;
  seq: number;
  title: string;
  note: string | null;
  kind: ReleaseKind;
  publishedAt: Date;
  dataVersion: string;
  /** The Vietnam date of the last data (its 24h is the release's default as-of). */
  dataEnd: string | null;
  /** The release it revises (the one before it), if any. */
  revises: string | null;
}

const COLUMNS = `seq, id, title, note, kind, published_at, data_version, to_char(data_end, 'YYYY-MM-DD') AS data_end, revises`;

function toRecord(row: Record<string, unknown>): ReleaseRecord {
  return {
    id: String(row.id),
    seq: Number(row.seq),
    title: String(row.title),
    note: (row.note as string | null) ?? null,
    kind: row.kind as ReleaseKind,
    publishedAt: row.published_at as Date,
    dataVersion: String(row.data_version),
    dataEnd: (row.data_end as string | null) ?? null,
    revises: (row.revises as string | null) ?? null,
  };
}

/** Every published release, newest first. */
export async function listReleases(db: Queryable): Promise<ReleaseRecord[]> {
  const rows = (await db.query(`SELECT ${COLUMNS} FROM published_release ORDER BY seq DESC`)) as Array<
    Record<string, unknown>
  >;
  return rows.map(toRecord);
}

/** The schema holding the tables of `dataVersion` as they were, once a load replaced them; null while they are the live ones (or were never kept). */
export async function keptSchemaOf(db: Queryable, dataVersion: string): Promise<string | null> {
  const [row] = (await db.query(`SELECT schema_name FROM kept_version WHERE data_version = $1`, [
    dataVersion,
  ])) as Array<{
    schema_name: string;
  }>;
  return row?.schema_name ?? null;
}

/** What a publisher gives; the rest (id, data version, date) the publication decides. */
export interface ReleaseRequest {
  title: string;
  note: string | null;
  kind: ReleaseKind;
}

/**
 * Inserts the release pinning the current data version, under the lock loads take first
 * (keep-version.ts): a load that began before it keeps this version when it replaces it.
 * `dataEnd` is the Vietnam date of the last data as the engine computes it.
 */
export async function insertRelease(
  db: Queryable,
  request: ReleaseRequest,
  current: { dataVersion: string; dataEnd: string },
): Promise<ReleaseRecord> {
  const [previous] = await listReleases(db);
  const sameDay = (await db.query(`SELECT count(*)::int AS n FROM published_release WHERE id LIKE $1 || '.%'`, [
    current.dataEnd,
  ])) as Array<{ n: number }>;
  const id = `${current.dataEnd}.${(sameDay[0]?.n ?? 0) + 1}`;
  const rows = (await db.query(
    `INSERT INTO published_release (id, title, note, kind, data_version, data_end, revises)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7) RETURNING ${COLUMNS}`,
    [id, request.title, request.note, request.kind, current.dataVersion, current.dataEnd, previous?.id ?? null],
  )) as Array<Record<string, unknown>>;
  return toRecord(rows[0]!);
}
