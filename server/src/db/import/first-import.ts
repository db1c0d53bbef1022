import type pg from "pg";
import { keepPinnedVersion } from "../releases/keep-version";
import { dropIndexesAndConstraints, type Restore } from "../seed/dataset.loader";
import { AggregatesBeside } from "./aggregates-beside";
import * as sql from "./staging.sql";

/** The tables the parts fill (titles, history): their keys can be built as soon as the file is staged. */
const PART_TABLES = ["initiative_detail", "initiative_status_change"];

/**
 * An import into empty tables (or tables of synthetic demo data, which it replaces): every staged
 * row is new, so there is nothing to compare, and the work is spread over both cores. The import's
 * transaction begins before the file is read; it empties the tables and drops their indexes and
 * keys, writes each committed part's titles and history while the next part is read, then, once
 * the file is staged, builds the keys of those two while the authors are aggregated beside it on
 * the staging session, inserts the authors and the initiatives while the rollups are built
 * beside, and rebuilds the other indexes and keys last.
 */
export class FirstImport {
  /** The parts' writes, one after another on the import's session while the file is read. */
  private partWrites: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: pg.ClientBase,
    private readonly beside: AggregatesBeside,
    private readonly phaseExpression: string,
    private readonly restore: Restore[],
  ) {}

  /** `db`: the import's session, outside a transaction; `staging`: the session that stages the file. */
  static async begin(db: pg.ClientBase, staging: pg.ClientBase): Promise<FirstImport> {
    // Read before the transaction locks the initiative table (the staging session cannot wait for it).
    const {
      rows: [phase],
    } = await db.query<{ expression: string }>(sql.PHASE_EXPRESSION);
    const beside = await AggregatesBeside.prepare(staging);
    await db.query("BEGIN");
    for (const statement of sql.transactionSettings(0)) await db.query(statement);
    // Before anything changes: a published release's tables stay as they were (db/releases).
    await keepPinnedVersion(db);
    // An empty table made in this transaction is written without WAL (wal_level minimal) and needs no vacuum.
    await db.query(sql.CLEAR_DEMO_DATA);
    const restore = await dropIndexesAndConstraints(db, sql.WRITTEN_TABLES);
    return new FirstImport(db, beside, phase!.expression, restore);
  }

  /** Queues the titles and history of a committed part: they need neither authors nor ids from the database. */
  addPart(part: number): void {
    for (const statement of [sql.insertFirstDetails(part), sql.insertFirstHistory(part)]) {
      this.partWrites = this.partWrites.then(() => this.db.query(statement));
    }
    // Awaited in finish(); an import that fails before then reports its own error.
    this.partWrites.catch(() => undefined);
  }

  /** Writes the rest once the whole file is staged; returns the initiatives inserted. */
  async finish(): Promise<number> {
    this.beside.start(this.phaseExpression);
    await this.partWrites;
    // The titles and history are complete: their keys are built while the authors are aggregated beside.
    const early = this.restore.filter((r) => r.kind === "key" && PART_TABLES.includes(r.table));
    for (const r of early) await this.db.query(r.sql);
    await this.beside.authors;
    // The new authors' statistics first: without them the planner guesses each row matches hundreds
    // of authors and sorts both sides to merge them (0.58 s) instead of hashing the authors (0.34 s).
    for (const statement of [
      sql.CREATE_AUTHOR_ID_SEQUENCE,
      sql.START_AUTHOR_ID_SEQUENCE,
      sql.INSERT_FIRST_AUTHORS,
      "ANALYZE author",
    ]) {
      await this.db.query(statement);
    }
    const inserted = (await this.db.query(sql.INSERT_FIRST_INITIATIVES)).rowCount ?? 0;
    let helped = false;
    for (const { sql: statement } of this.restore.filter((r) => !early.includes(r))) {
      // Once the rollups beside are built, a core is free for a second process in index builds.
      if (!helped && this.beside.finished) {
        await this.db.query("SET LOCAL max_parallel_maintenance_workers = 1");
        helped = true;
      }
      await this.db.query(statement);
    }
    // Its share of the rollups, from the initiatives just written, while the staging session ends its own.
    await AggregatesBeside.buildInTransaction(this.db);
    return inserted;
  }

  /** Moves the rollups built beside into place, inside the import's transaction. */
  async swapRollupsIn(): Promise<void> {
    await this.beside.swapIn(this.db);
  }

  /** Waits for the parts' writes queued so far (they do not take long), failed or not. */
  async settle(): Promise<void> {
    await this.partWrites.catch(() => undefined);
  }

  /** Stops the rollups' build when the import fails (after settle() and the rollback). */
  async cancel(): Promise<void> {
    await this.beside.cancel(this.db);
  }
}
