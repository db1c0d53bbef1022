import type { DataSource, EntityManager } from "typeorm";

type Queryable = Pick<DataSource | EntityManager, "query">;

/** One figure a release changed from the one before it. */
export interface RevisionRecord {
  release: string;
  previousRelease: string;
  /** From the release's kind: a correction, or a planned revision. */
  reason: "PLANNED" | "CORRECTION";
  note: string | null;
  scope: string;
  key: string | null;
  label: string;
  measure: string;
  previousValue: number | null;
  value: number | null;
}

export type RevisionFigure = Pick<RevisionRecord, "scope" | "key" | "label" | "measure" | "previousValue" | "value">;

/** Stores a release's revisions, in the order given (the order the log lists them in). */
export async function insertRevisions(
  db: Queryable,
  release: string,
  previousRelease: string,
  figures: RevisionFigure[],
): Promise<void> {
  for (const [ordinal, f] of figures.entries()) {
    await db.query(
      `INSERT INTO release_revision (release_id, previous_release_id, scope, key, label, measure, previous_value, value, ordinal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [release, previousRelease, f.scope, f.key, f.label, f.measure, f.previousValue, f.value, ordinal],
    );
  }
}

/** The revisions of one release (or of every release, newest first), in the order they were stored. */
export async function listRevisions(db: Queryable, release?: string): Promise<RevisionRecord[]> {
  const rows = (await db.query(
    `SELECT v.release_id, v.previous_release_id, r.kind, r.note, v.scope, v.key, v.label, v.measure,
            v.previous_value, v.value
       FROM release_revision v JOIN published_release r ON r.id = v.release_id
      WHERE $1::text IS NULL OR v.release_id = $1
      ORDER BY r.seq DESC, v.ordinal`,
    [release ?? null],
  )) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    release: String(row.release_id),
    previousRelease: String(row.previous_release_id),
    reason: row.kind === "CORRECTION" ? "CORRECTION" : "PLANNED",
    note: (row.note as string | null) ?? null,
    scope: String(row.scope),
    key: (row.key as string | null) ?? null,
    label: String(row.label),
    measure: String(row.measure),
    previousValue: row.previous_value === null ? null : Number(row.previous_value),
    value: row.value === null ? null : Number(row.value),
  }));
}
