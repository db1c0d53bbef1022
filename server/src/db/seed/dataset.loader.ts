import { createHash } from "node:crypto";
import pg from "pg";
import { openSession } from "../session";
import { from as copyFrom } from "pg-copy-streams";
import { rebuildRollups } from "../aggregates/rollup-builder";
import { REFRESH_ALL_STATUS_CORRECTIONS } from "../aggregates/status-corrections.sql";
import { noteDataLoadCommitted } from "../data-loads";
import { keepPinnedVersion } from "../releases/keep-version";
import { STATUS_ID } from "../reference/catalogues";
import type { Progress } from "./progress";
import type { TableRows } from "./table-rows";

/** Tables a load replaces; reference tables (provinces, catalogues) are kept. Order: referenced first. */
const DATA_TABLES = ["unit", "target", "author", "initiative", "initiative_detail", "initiative_status_change"];

export interface DatasetInfo {
  kind: "demo" | "imported";
  generatorVersion: string | null;
  seed: number | null;
  scale: number | null;
}

export interface LoadResult {
  checksum: string;
  dataVersion: string;
  rows: Record<string, number>;
}

/** Hashes what would be loaded without a database: the checksum a load would print. */
export function checksumOf(tables: TableRows[]): string {
  const hash = createHash("sha256");
  for (const t of tables) {
    hash.update(`${t.table}(${t.columns.join(",")})\n`);
    for (const chunk of t.chunks()) hash.update(chunk);
  }
  return hash.digest("hex");
}

/**
 * Replaces the dataset in one transaction: an interrupted load leaves the previous dataset (or
 * none) and never a half-loaded one. Indexes and constraints are dropped first and rebuilt after
 * the COPY, which is several times faster than maintaining them row by row.
 */
export async function loadDataset(
  url: URL,
  tables: TableRows[],
  info: DatasetInfo,
  progress: Progress,
): Promise<LoadResult> {
  const client = await openSession(url.toString(), "sang-kien-seed");
  const hash = createHash("sha256");
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await client.query("SET LOCAL max_parallel_maintenance_workers = 2");
    // Before anything changes: a published release's tables stay as they were (db/releases).
    await keepPinnedVersion(client);
    const saved = await dropIndexesAndConstraints(client);
    await client.query(`TRUNCATE ${DATA_TABLES.join(", ")}`);
    const rows: Record<string, number> = {};
    for (const t of tables) {
      hash.update(`${t.table}(${t.columns.join(",")})\n`);
      progress.start(`Nạp ${t.table}`, t.rowCount);
      await copyTable(client, t, (chunk, lines) => {
        hash.update(chunk);
        progress.advance(lines);
      });
      progress.finish();
      rows[t.table] = t.rowCount;
    }
    // The rows copied hold only superseded decisions (re-decided initiatives): each initiative's
    // submission and last decision come from its row.
    progress.note("Dựng lịch sử trạng thái…");
    const history = await client.query(`
      INSERT INTO initiative_status_change (initiative_id, changed_at, status_id)
      SELECT id, submitted_at, ${STATUS_ID.PENDING} FROM initiative
      UNION ALL
      SELECT id, decided_at, status_id FROM initiative WHERE decided_at IS NOT NULL`);
    rows.initiative_status_change = (rows.initiative_status_change ?? 0) + (history.rowCount ?? 0);
    for (const statement of REFRESH_ALL_STATUS_CORRECTIONS) await client.query(statement);
    progress.start("Dựng chỉ mục, ràng buộc", saved.length);
    for (const { sql: statement } of saved) {
      await client.query(statement);
      progress.advance(1);
    }
    progress.finish();
    progress.note("Dựng bảng tổng hợp (rollups)…");
    await rebuildRollups(client);
    const checksum = hash.digest("hex");
    await client.query("UPDATE dataset SET is_current = false WHERE is_current");
    const inserted = await client.query<{ data_version: string }>(
      `INSERT INTO dataset (kind, generator_version, seed, scale, checksum, initiative_count)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING data_version`,
      [info.kind, info.generatorVersion, info.seed, info.scale, checksum, rows.initiative ?? 0],
    );
    await client.query("COMMIT");
    noteDataLoadCommitted();
    progress.note("Cập nhật thống kê (ANALYZE)…");
    await client.query(`ANALYZE ${DATA_TABLES.join(", ")}`);
    return { checksum, dataVersion: inserted.rows[0]!.data_version, rows };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function copyTable(
  client: pg.Client,
  t: TableRows,
  onChunk: (chunk: Buffer, lines: number) => void,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${t.table} (${t.columns.join(", ")}) FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (const chunk of t.chunks()) {
    onChunk(chunk, countLines(chunk));
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await finished;
}

function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Drops the indexes and key constraints of `tables` (and foreign keys into them); returns the
 * statements that recreate them, in a safe order: keys; foreign keys into other tables; indexes;
 * foreign keys among `tables`. A foreign key is checked by one query on one core, an index can be
 * built by two processes: the import builds its indexes last, when its rollups no longer take
 * the second core. The import uses it too, for large writes.
 */
export async function dropIndexesAndConstraints(
  client: pg.ClientBase,
  tables: string[] = DATA_TABLES,
): Promise<Restore[]> {
  const constraints = await client.query<{
    tbl: string;
    name: string;
    def: string;
    contype: string;
    ref: string | null;
  }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype,
            nullif(confrelid, 0)::regclass::text AS ref
       FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f')
        AND (conrelid::regclass::text = ANY($1) OR (contype = 'f' AND confrelid::regclass::text = ANY($1)))`,
    [tables],
  );
  const indexes = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT x.indrelid::regclass::text AS tbl, i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [tables],
  );
  const foreign = constraints.rows.filter((c) => c.contype === "f");
  const keys = constraints.rows.filter((c) => c.contype !== "f");
  for (const c of [...foreign, ...keys]) await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes.rows) await client.query(`DROP INDEX "${i.name}"`);
  const add =
    (kind: Restore["kind"]) =>
    (c: { tbl: string; name: string; def: string }): Restore => ({
      table: c.tbl,
      kind,
      sql: `ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`,
    });
  const intoOthers = (c: { ref: string | null }) => !tables.includes(c.ref!);
  return [
    ...keys.map(add("key")),
    ...foreign.filter(intoOthers).map(add("foreign key")),
    ...indexes.rows.map((i): Restore => ({ table: i.tbl, kind: "index", sql: i.def })),
    ...foreign.filter((c) => !intoOthers(c)).map(add("foreign key")),
  ];
}

/** A statement that recreates what dropIndexesAndConstraints dropped, and what it recreates. */
export interface Restore {
  table: string;
  kind: "key" | "foreign key" | "index";
  sql: string;
}
