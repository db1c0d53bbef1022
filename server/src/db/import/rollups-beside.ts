import type pg from "pg";
import { dropRollupsNamed, rebuildRollups, swapRollupsIn } from "../../semantic/rollups/rollup-builder";
import { stagedAsInitiatives } from "./staging.sql";

/** What the rollups built beside the live ones are called until they are swapped in. */
const PREFIX = "import_";
const UNITS = "import_unit";

/**
 * The rollups of a first import, built from the staged rows on the staging session while the
 * import's own transaction writes those rows into the initiative table: PostgreSQL runs one
 * statement on one core, so the two sessions keep both cores busy (a 500,000-row import spends
 * about as long on its rollups as on its writes). Into empty tables the staged rows are exactly
 * what the initiative table will hold, so the rollups are the same as if built from it.
 *
 * The build commits tables under other names; the import swaps them in inside its transaction,
 * so readers see the old rollups until the import commits. An import killed in between leaves
 * them behind, for the next import to drop (dropLeftovers).
 */
export class RollupsBeside {
  /** Whether the build has ended (committed or failed). */
  finished = false;
  private built: Promise<void> | null = null;

  private constructor(private readonly session: pg.ClientBase, private readonly pid: number) {}

  /**
   * Readies `session` for the build, before the import's transaction begins: copies the units,
   * as that transaction drops the foreign keys to the unit table, which locks it until the
   * commit, and the commit waits for the build.
   */
  static async prepare(session: pg.ClientBase): Promise<RollupsBeside> {
    await session.query(`CREATE TEMP TABLE ${UNITS} AS SELECT * FROM unit`);
    const { rows: [backend] } = await session.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return new RollupsBeside(session, backend!.pid);
  }

  /**
   * Starts the build on the session, which is the build's alone until it ends. `phaseExpression`:
   * how initiative.phase_id is computed (PHASE_EXPRESSION).
   */
  start(phaseExpression: string): void {
    this.built = build(this.session, stagedAsInitiatives(phaseExpression));
    this.built.then(() => (this.finished = true), () => (this.finished = true));
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

  /** Drops rollups built beside the live ones and never swapped in (a failed or killed import's). */
  static async dropLeftovers(db: pg.ClientBase): Promise<void> {
    await dropRollupsNamed(db, PREFIX);
  }
}

async function build(session: pg.ClientBase, source: string): Promise<void> {
  await session.query("BEGIN");
  try {
    await session.query("SET LOCAL work_mem = '256MB'");
    await rebuildRollups(session, undefined, { source, units: UNITS, prefix: PREFIX });
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
