import type pg from "pg";
import { dropIndexesAndConstraints } from "../seed/dataset.loader";
import { RollupsBeside } from "./rollups-beside";
import * as sql from "./staging.sql";

/**
 * An import into empty tables (or tables of synthetic demo data, which it replaces): every staged
 * row is new, so there is nothing to compare, and the work is spread over both cores. The import's
 * transaction begins before the file is read; it empties the tables and drops their indexes and
 * keys, writes each committed part's titles and history while the next part is read, then, once
 * the file is staged, the authors and the initiatives, while the rollups are built beside it on
 * the staging session; the indexes and keys are rebuilt last.
 */
export class FirstImport {
  /** The parts' writes, one after another on the import's session while the file is read. */
  private partWrites: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: pg.ClientBase,
    private readonly rollups: RollupsBeside,
    private readonly phaseExpression: string,
    private readonly restore: string[],
  ) {}

  /** `db`: the import's session, outside a transaction; `staging`: the session that stages the file. */
  static async begin(db: pg.ClientBase, staging: pg.ClientBase): Promise<FirstImport> {
    // Read before the transaction locks the initiative table (the staging session cannot wait for it).
    const { rows: [phase] } = await db.query<{ expression: string }>(sql.PHASE_EXPRESSION);
    const rollups = await RollupsBeside.prepare(staging);
    await db.query("BEGIN");
    for (const statement of sql.transactionSettings(0)) await db.query(statement);
    // An empty table made in this transaction is written without WAL (wal_level minimal) and needs no vacuum.
    await db.query(sql.CLEAR_DEMO_DATA);
    const restore = await dropIndexesAndConstraints(db, sql.WRITTEN_TABLES);
    return new FirstImport(db, rollups, phase!.expression, restore);
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
    this.rollups.start(this.phaseExpression);
    await this.partWrites;
    // The new authors' statistics first: without them the planner guesses each row matches hundreds
    // of authors and sorts both sides to merge them (0.58 s) instead of hashing the authors (0.34 s).
    for (const statement of [sql.CREATE_AUTHOR_ID_SEQUENCE, sql.START_AUTHOR_ID_SEQUENCE, sql.INSERT_FIRST_AUTHORS, "ANALYZE author"]) {
      await this.db.query(statement);
    }
    const inserted = (await this.db.query(sql.INSERT_FIRST_INITIATIVES)).rowCount ?? 0;
    let helped = false;
    for (const statement of this.restore) {
      // Once the rollups beside are built, a core is free for a second process in index builds.
      if (!helped && this.rollups.finished) {
        await this.db.query("SET LOCAL max_parallel_maintenance_workers = 1");
        helped = true;
      }
      await this.db.query(statement);
    }
    return inserted;
  }

  /** Moves the rollups built beside into place, inside the import's transaction. */
  async swapRollupsIn(): Promise<void> {
    await this.rollups.swapIn(this.db);
  }

  /** Waits for the parts' writes queued so far (they do not take long), failed or not. */
  async settle(): Promise<void> {
    await this.partWrites.catch(() => undefined);
  }

  /** Stops the rollups' build when the import fails (after settle() and the rollback). */
  async cancel(): Promise<void> {
    await this.rollups.cancel(this.db);
  }
}
