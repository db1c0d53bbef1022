import type pg from "pg";
import { PRE_AGGREGATES } from "../aggregates/pre-aggregates";

/**
 * Taken by every load (first, in its transaction) and by every publication: a release published while
 * a load runs waits for it, so no load replaces a version pinned after it looked.
 */
const RELEASE_LOCK = 1_900_019;
export const TAKE_RELEASE_LOCK = `SELECT pg_advisory_xact_lock(${RELEASE_LOCK})`;

/**
 * Every table the engine reads that a load may change (data tables, catalogues, every rollup), besides
 * the reference tables it reads, which are tiny: a kept schema must hold all of them, for a name missing
 * there would be read from the live tables through the search path. Authors and titles are not figures.
 */
export const KEPT_TABLES: readonly string[] = [
  "region",
  "province_2025",
  "province",
  "emulation_cluster",
  "worker_category",
  "solution_type",
  "initiative_field",
  "initiative_status",
  "phase",
  "unit",
  "target",
  "initiative",
  "initiative_status_change",
  ...PRE_AGGREGATES.map((p) => p.name),
];

/** The schema a kept data version's tables live in. */
export const keptSchemaName = (dataVersion: string) => `data_v${dataVersion}`;

/**
 * Called by every load before it changes anything, in its transaction: if a release pins the
 * current data version and it was not kept yet, its tables are copied (with their indexes) into
 * `data_v<version>`, so that the release answers exactly as it did after the load commits. A version
 * no release pins is not kept: a re-seed or an import costs nothing more until something is published.
 * Returns the schema made, or null.
 */
export async function keepPinnedVersion(db: pg.ClientBase): Promise<string | null> {
  await db.query(TAKE_RELEASE_LOCK);
  const {
    rows: [pinned],
  } = await db.query<{ data_version: string }>(
    `SELECT d.data_version FROM dataset d
      WHERE d.is_current
        AND EXISTS (SELECT 1 FROM published_release r WHERE r.data_version = d.data_version)
        AND NOT EXISTS (SELECT 1 FROM kept_version k WHERE k.data_version = d.data_version)`,
  );
  if (!pinned) return null;
  const schema = keptSchemaName(String(pinned.data_version));
  await db.query(`CREATE SCHEMA ${schema}`);
  const present = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`,
    [KEPT_TABLES],
  );
  for (const { tablename: table } of present.rows) {
    // A copy, not LIKE … INCLUDING ALL: a generated column (the phase) becomes a stored one, and the
    // indexes are built once, after the rows, which is several times faster than row by row.
    await db.query(`CREATE TABLE ${schema}.${table} AS TABLE public.${table}`);
    const indexes = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1`,
      [table],
    );
    for (const { indexdef } of indexes.rows) await db.query(indexdef.replace(/ ON public\./, ` ON ${schema}.`));
    await copyComment(db, `public.${table}`, `${schema}.${table}`);
    await db.query(`ANALYZE ${schema}.${table}`);
  }
  await db.query(`INSERT INTO kept_version (data_version, schema_name) VALUES ($1, $2)`, [pinned.data_version, schema]);
  return schema;
}

/** The rollups' stamp (rollup-stamp.ts) goes with their copies: the engine reads a kept rollup only if this code built it. */
async function copyComment(db: pg.ClientBase, from: string, to: string): Promise<void> {
  const {
    rows: [comment],
  } = await db.query<{ statement: string }>(
    `SELECT format('COMMENT ON TABLE %s IS %L', $2::text, obj_description($1::regclass, 'pg_class')) AS statement`,
    [from, to],
  );
  if (comment) await db.query(comment.statement);
}
