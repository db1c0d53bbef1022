import fs from "node:fs";
import os from "node:os";
import type { Readable } from "node:stream";
import path from "node:path";
import pg from "pg";
import { openSession } from "../session";
import type { DataSource } from "typeorm";
import { observeImportSeconds } from "../../observability/metrics";
import { rebuildRollups } from "../aggregates/rollup-builder";
import { noteDataLoadCommitted } from "../data-loads";
import { keepPinnedVersion } from "../releases/keep-version";
import { dropIndexesAndConstraints } from "../seed/dataset.loader";
import { assertWritable, defaultErrorFile, writeErrorFile } from "./error-file";
import { ImportFileError } from "./import-error";
import { IMPORT_LIMIT_DEFAULTS, type ImportLimits } from "./import-limits";
import type { ImportProgress, ImportReport } from "./import-report";
import { AggregatesBeside } from "./aggregates-beside";
import { FirstImport } from "./first-import";
import { ParsePool } from "./parse-pool";
import { stageRows } from "./stage-rows";
import * as sql from "./staging.sql";
import { UnitResolver } from "./unit-resolver";

export interface ImportOptions {
  /**
   * Where to write the bad rows as CSV. Default: next to a file input ("x.csv" → "x.errors.csv");
   * none for a stream. null: write none. No file is written when every row is good.
   */
  errorFile?: string | null;
  /** Called as the import advances (often while reading: throttle the display, not the calls). */
  onProgress?: (progress: ImportProgress) => void;
  /** The name reported for a stream, e.g. an uploaded file's name. */
  sourceName?: string;
  /** The size of a stream in bytes, when known, for progress. */
  totalBytes?: number;
  /** The dates and amounts taken as plausible (config: IMPORT_DATE_FROM, IMPORT_DATE_TO, IMPORT_MAX_BENEFIT_VND); default: the programme's. */
  limits?: ImportLimits;
}

/** Serialises imports (two at once would both take "the next id"). */
const IMPORT_LOCK = 0x01_5a_4e_4b;

/**
 * Imports a portal export (CSV, see docs/import.md) in one transaction: every good row is added
 * or updated by its portal code, every bad row is reported with its line, column and reason, and
 * nothing is visible to readers until the commit. A killed import leaves the database as it was.
 * The first import replaces the synthetic demo data; rollups are rebuilt and the data version
 * changes when (and only when) something changed.
 *
 * Throws ImportFileError when the file as a whole cannot be read (not UTF-8, a required column
 * missing); a bad row (a control character, a date or an amount beyond `limits`) is never an exception.
 */
export async function importCsv(
  dataSource: DataSource,
  input: Readable | string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const isFile = typeof input === "string";
  const source = isFile ? path.basename(input) : (options.sourceName ?? "upload");
  const errorFile = options.errorFile !== undefined ? options.errorFile : isFile ? defaultErrorFile(input) : null;
  if (errorFile)
    await assertWritable(errorFile).catch(() => {
      throw new ImportFileError(
        `cannot write the error file ${errorFile}`,
        "give --errors a path in a writable folder",
      );
    });
  const stream = isFile ? await openInput(input) : input;
  const totalBytes = isFile ? fs.statSync(input).size : (options.totalBytes ?? null);
  const progress = (stage: ImportProgress["stage"], bytesRead = totalBytes ?? 0, rowsRead = 0) =>
    options.onProgress?.({ stage, bytesRead, totalBytes, rowsRead });

  // Started first: the threads take a moment to load while the sessions open.
  const pool = new ParsePool(parseThreads(totalBytes));
  const client = await connect(dataSource, "sang-kien-import").catch(async (error: unknown) => {
    stream.destroy();
    await pool.close();
    throw error;
  });
  let staging: pg.Client | null = null;
  let first: FirstImport | null = null;
  let report: ImportReport;
  try {
    // For the whole session, not a transaction: the staging session commits as it goes (see staging.sql.ts).
    await client.query("SELECT pg_advisory_lock($1)", [IMPORT_LOCK]);
    await dropLeftovers(client);
    staging = await connect(dataSource, "sang-kien-import-staging");
    for (const statement of sql.CREATE_STAGING) await staging.query(statement);
    const units = await UnitResolver.loadRows(client);
    const current = await currentDataset(client);
    // Real and synthetic figures never mix: the first import with a good row clears the demo data.
    if (current?.kind !== "imported" || !(await anythingStored(client)))
      first = await FirstImport.begin(client, staging);
    let bytesRead = 0;
    const checks = { units, limits: options.limits ?? IMPORT_LIMIT_DEFAULTS };
    const staged = await stageRows(
      staging,
      stream,
      checks,
      pool,
      (bytes, rows) => progress("read", (bytesRead += bytes), rows),
      (part) => first?.addPart(part),
    );
    const errors = staged.errors;
    const loadable = staged.staged;
    progress("write", bytesRead, staged.rows);
    let written: Written = { inserted: 0, updated: 0, authorsUpdated: 0 };
    if (first && loadable > 0) written.inserted = await first.finish();
    else {
      if (first) {
        // Not one good row: the demo data stays.
        await client.query("ROLLBACK");
        first = null;
      }
      await client.query("BEGIN");
      for (const statement of sql.transactionSettings(1)) await client.query(statement);
      // Before anything changes: a published release's tables stay as they were (db/releases).
      if (loadable > 0) await keepPinnedVersion(client);
      if (loadable > 0) written = await writeChanges(client);
    }
    const replacedDemoData = first !== null && current?.kind === "demo";
    const changed = first !== null || written.inserted + written.updated + written.authorsUpdated > 0;
    let dataVersion = current?.dataVersion ?? null;
    let initiativeCount = current?.initiativeCount ?? 0;
    if (changed) {
      progress("rollups", bytesRead, staged.rows);
      // Statistics of the rows just written: readers' plans (and an in-transaction rebuild's) need them.
      await client.query("ANALYZE initiative");
      if (first) await first.swapRollupsIn();
      else await rebuildRollups(client);
      await client.query(sql.RETIRE_DATASET);
      const { rows } = await client.query<{ data_version: string; initiative_count: number }>(sql.RECORD_DATASET, [
        staged.sha256,
      ]);
      dataVersion = rows[0]!.data_version;
      initiativeCount = rows[0]!.initiative_count;
    }
    await client.query("COMMIT");
    // The titles and the status history get their statistics from autovacuum: no reader's query
    // plan depends on them, and a large import changes far more than its 10% threshold.
    if (changed) noteDataLoadCommitted();
    const rejected = new Set(errors.map((e) => e.line)).size;
    report = {
      source,
      rows: staged.rows,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: loadable - written.inserted - written.updated,
      rejected,
      errors,
      errorFile: errors.length > 0 ? errorFile : null,
      replacedDemoData,
      changed,
      dataVersion,
      initiativeCount,
      ignoredColumns: staged.header.ignored,
      seconds: 0,
    };
  } catch (error) {
    await first?.settle();
    await client.query("ROLLBACK").catch(() => undefined);
    await first?.cancel();
    throw error;
  } finally {
    await pool.close();
    await dropLeftovers(client).catch(() => undefined);
    await staging?.end().catch(() => undefined);
    await client.end();
    if (!stream.destroyed) stream.destroy();
  }
  if (report.errorFile) await writeErrorFile(report.errorFile, report.errors);
  report.seconds = (performance.now() - started) / 1000;
  observeImportSeconds(report.seconds);
  return report;
}

/** Files at least this large are checked on other threads. */
const THREADED_BYTES = 8 << 20;

/**
 * Threads to check a file of this size on: one besides this one on a machine with two cores or
 * more, none for a small (or unknown) size. This thread cuts the file, numbers lines, finds
 * repeated codes and feeds the COPY; PostgreSQL ingests on the other core. (A second checking
 * thread measured no faster on two cores: they are already busy.)
 */
function parseThreads(totalBytes: number | null): number {
  return totalBytes !== null && totalBytes >= THREADED_BYTES && os.availableParallelism() >= 2 ? 1 : 0;
}

/**
 * A session of its own rather than one from the pool: the working tables that are temporary (a
 * re-import's change table, the units copied for the rollups) want more memory than the default
 * 8 MB (settable only before a session's first one), and it is given back when the session ends.
 */
async function connect(dataSource: DataSource, name: string): Promise<pg.Client> {
  const client = await openSession(databaseUrl(dataSource), name);
  await client.query("SET temp_buffers = '512MB'");
  return client;
}

function databaseUrl(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error("importCsv needs a data source configured with a url (see createDataSource)");
  return url;
}

/**
 * The staging table and the rollups built beside the live ones: this import's, when it ends
 * (the session's advisory lock goes with the session), or a killed import's, when the next begins.
 */
async function dropLeftovers(client: pg.ClientBase): Promise<void> {
  for (const statement of sql.DROP_STAGING) await client.query(statement);
  await AggregatesBeside.dropLeftovers(client);
}

async function openInput(file: string): Promise<fs.ReadStream> {
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    throw new ImportFileError(
      `không đọc được tệp / cannot read the file ${file}`,
      "check the path and its permissions",
    );
  }
  if (fs.statSync(file).isDirectory()) throw new ImportFileError(`${file} is a folder, not a CSV file`);
  return fs.createReadStream(file, { highWaterMark: 1 << 20 });
}

/** New rows at or above which indexes and constraints are dropped for the write and rebuilt after. */
const BULK_ROWS = 10_000;

interface Written {
  inserted: number;
  updated: number;
  authorsUpdated: number;
}

async function anythingStored(client: pg.ClientBase): Promise<boolean> {
  const {
    rows: [stored],
  } = await client.query<{ initiatives: boolean; authors: boolean }>(sql.ANYTHING_STORED);
  return stored!.initiatives || stored!.authors;
}

/** Rows are compared with what is stored by portal code; only new and changed ones are written. */
async function writeChanges(client: pg.ClientBase): Promise<Written> {
  // A fresh table has no statistics until autovacuum comes: without them the planner takes the
  // file for a thousand rows and sorts half a million wide ones to join them with what is stored.
  // A small sample says enough for that (over the parts, the default one takes five times as long).
  await client.query("SET LOCAL default_statistics_target = 20");
  await client.query("ANALYZE import_staging");
  await client.query("RESET default_statistics_target");
  const {
    rows: [size],
  } = await client.query<{ fresh: number; stored: number; has_authors: boolean }>(sql.COUNT_FRESH);
  // A foreign key costs a trigger per row, an index a btree insert: for many new rows, rebuilding
  // each in one pass (which checks the same rules) is far faster. Worth it when they are a good part of the table.
  const bulk = size!.fresh >= BULK_ROWS && size!.fresh >= size!.stored / 4;
  const restore = bulk ? await dropIndexesAndConstraints(client, sql.WRITTEN_TABLES) : [];
  await run(client, [
    sql.BUILD_AUTHORS,
    sql.CREATE_AUTHOR_ID_SEQUENCE,
    sql.START_AUTHOR_ID_SEQUENCE,
    sql.INSERT_AUTHORS,
  ]);
  // Into a table without authors every author is new: an update would scan them all to change none.
  const authorsUpdated = size!.has_authors ? ((await client.query(sql.UPDATE_AUTHORS)).rowCount ?? 0) : 0;
  await run(client, [sql.CREATE_ID_SEQUENCE, sql.START_ID_SEQUENCE, sql.BUILD_CHANGES]);
  const {
    rows: [changes],
  } = await client.query<{ inserted: number; updated: number }>(sql.COUNT_CHANGES);
  await run(client, [
    ...(changes!.inserted > 0 ? [sql.INSERT_INITIATIVES, sql.INSERT_DETAILS, sql.INSERT_HISTORY] : []),
    ...(changes!.updated > 0
      ? [sql.UPDATE_INITIATIVES, sql.UPDATE_DETAILS, sql.MOVE_SUBMISSION_HISTORY, sql.APPEND_HISTORY]
      : []),
    ...restore.map((r) => r.sql),
    ...(changes!.updated > 0 ? sql.REFRESH_CHANGED_CORRECTIONS : []),
  ]);
  return { ...changes!, authorsUpdated };
}

async function run(client: pg.ClientBase, statements: string[]): Promise<void> {
  for (const statement of statements) await client.query(statement);
}

async function currentDataset(
  client: pg.ClientBase,
): Promise<{ kind: string; dataVersion: string; initiativeCount: number } | null> {
  const { rows } = await client.query<{ kind: string; data_version: string; initiative_count: number }>(
    "SELECT kind, data_version::text, initiative_count::int FROM dataset WHERE is_current",
  );
  return rows[0]
    ? { kind: rows[0].kind, dataVersion: rows[0].data_version, initiativeCount: rows[0].initiative_count }
    : null;
}
