import type pg from "pg";
import { PRE_AGGREGATES } from "../aggregates/pre-aggregates";
import { buildSomeRollups, dropRollupsNamed, rebuildRollups, swapRollupsIn } from "../aggregates/rollup-builder";
import { BUILD_FIRST_AUTHORS, DROP_FIRST_AUTHORS, stagedAsInitiatives } from "./staging.sql";

/** What the rollups built beside the live ones are called until they are swapped in. */
const PREFIX = "import_";
const UNITS = "import_unit";

/**
 * Built by the import's own transaction from the initiatives it has written, once its indexes are
 * rebuilt (buildInTransaction), not beside: the staging session has the longer share of the work
 * (the other rollups and the submitters), and this one evens the two out.
 */
export const BUILT_IN_TRANSACTION = PRE_AGGREGATES.filter((r) => r.name === "rollup_field_area_monthly");
const BUILT_BESIDE = PRE_AGGREGATES.filter((r) => !BUILT_IN_TRANSACTION.includes(r));

/**
 * What a first import computes from the staged rows on the staging session, while its own
 * transaction writes those rows: the authors (each key's name and grassroots union, for the
 * import to insert), then the rollups. PostgreSQL runs one statement on one core, so the two
 * sessions keep both cores busy (a 500,000-row import spends about as long on its rollups as on
 * its writes). Into empty tables the staged rows are exactly what the initiative table will hold,
 * so the rollups are the same as if built from it.
 *
 * The build commits tables under other names; the import swaps them in inside its transaction,
 * so readers see the old rollups until the import commits. An import killed in between leaves
 * them behind, for the next import to drop (dropLeftovers).
 */
export class AggregatesBeside {
  /** Whether the build has ended (committed or failed). */
  finished = false;
  /** The authors table (BUILD_FIRST_AUTHORS), committed. */
  authors: Promise<unknown> | null = null;
  private built: Promise<void> | null = null;

  private constructor(
    private readonly session: pg.ClientBase,
    private readonly pid: number,
  ) {}

  /**
   * Readies `session` for the build, before the import's transaction begins: copies the units,
   * as that transaction drops the foreign keys to the unit table, which locks it until the
   * commit, and the commit waits for the build.
   */
  static async prepare(session: pg.ClientBase): Promise<AggregatesBeside> {
    await session.query(`CREATE TEMP TABLE ${UNITS} AS SELECT * FROM unit`);
    const {
      rows: [backend],
    } = await session.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return new AggregatesBeside(session, backend!.pid);
  }

  /**
   * Starts the build on the session, which is the build's alone until it ends. `phaseExpression`:
   * how initiative.phase_id is computed (PHASE_EXPRESSION).
   */
  start(phaseExpression: string): void {
    this.authors = this.session.query(BUILD_FIRST_AUTHORS);
    this.built = this.authors.then(() => build(this.session, stagedAsInitiatives(phaseExpression)));
    this.built.then(
      () => (this.finished = true),
      () => (this.finished = true),
    );
    this.authors.catch(() => undefined);
  }

  /** Builds the import's share of the rollups (BUILT_IN_TRANSACTION), inside its transaction. */
  static async buildInTransaction(db: pg.ClientBase): Promise<void> {
    await buildSomeRollups(db, BUILT_IN_TRANSACTION, { prefix: PREFIX });
  }

  /** Moves the built rollups into place, inside the caller's transaction. */
  async swapIn(db: pg.ClientBase): Promise<void> {
    await this.built;
    await swapRollupsIn(db, PREFIX);
  }

  /** Stops a build still running (the import failed) and waits for it to end. */
  async cancel(db: pg.ClientBase): Promise<void> {
    if (!this.built) return;
    if (!this.finished) await db.query("SELECT pg_cancel_backend($1)", [this.pid]).catch(() => undefined);
    await this.built.catch(() => undefined);
  }

  /** Drops what was built beside and never swapped in (a failed or killed import's), and the authors table. */
  static async dropLeftovers(db: pg.ClientBase): Promise<void> {
    await dropRollupsNamed(db, PREFIX);
    await db.query(DROP_FIRST_AUTHORS);
  }
}

async function build(session: pg.ClientBase, source: string): Promise<void> {
  await session.query("BEGIN");
  try {
    await session.query("SET LOCAL work_mem = '256MB'");
    await rebuildRollups(session, BUILT_BESIDE, { source, units: UNITS, prefix: PREFIX });
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
