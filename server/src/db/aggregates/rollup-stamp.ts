import { createHash } from "node:crypto";

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * What a rollup table's comment says of the code that built it. Its columns alone cannot tell:
 * a build that changed how a bucket, an event or a first day is computed gives tables with the
 * same columns and other figures.
 */
const STAMP_PREFIX = "sang-kien rollup build ";

/**
 * A fingerprint of every statement `build` sends (recorded, not run): any change to the rollup
 * registry or to the SQL that builds the rollups changes it.
 */
export async function fingerprintOf(build: (db: Queryable) => Promise<void>): Promise<string> {
  const hash = createHash("sha256");
  await build({ query: async (text) => void hash.update(text).update("\0") });
  return hash.digest("hex").slice(0, 16);
}

/** Marks `tables` as built by the code whose fingerprint is given (comments go with a renamed table). */
export async function stampTables(db: Queryable, tables: readonly string[], fingerprint: string): Promise<void> {
  for (const table of tables) await db.query(`COMMENT ON TABLE ${table} IS '${STAMP_PREFIX}${fingerprint}'`);
}

/** True when each of `tables` exists and carries the stamp of this fingerprint. */
export async function tablesStamped(db: Queryable, tables: readonly string[], fingerprint: string): Promise<boolean> {
  const rows = (await db.query(
    `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS stamp
       FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1)`,
    [tables],
  )) as Array<{ name: string; stamp: string | null }>;
  const stamps = new Map(rows.map((r) => [r.name, r.stamp]));
  return tables.every((t) => stamps.get(t) === STAMP_PREFIX + fingerprint);
}
