import pg from "pg";
import { dropRollupsNamed, rebuildRollups, swapRollupsIn } from "../../semantic/rollups/rollup-builder";
import { PHASE_EXPRESSION, stagedAsInitiatives } from "./staging.sql";

/** What the rollups built beside the live ones are called until they are swapped in. */
const PREFIX = "import_";
const UNITS = "import_unit";

/**
 * The rollups of a first import, built from the staged rows on a second session while the
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

  private constructor(private readonly pid: number, readonly built: Promise<void>) {
    built.then(() => (this.finished = true), () => (this.finished = true));
  }

  /**
   * Starts the build; `built` settles when it has committed (or failed). `db`: the import's
   * session, before its transaction (which locks the initiative table this reads the definition of).
   */
  static async start(url: string, db: pg.ClientBase): Promise<RollupsBeside> {
    const { rows: [phase] } = await db.query<{ expression: string }>(PHASE_EXPRESSION);
    const client = new pg.Client({ connectionString: url, application_name: "sang-kien-import-rollups" });
    await client.connect();
    const { rows: [session] } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    // A copy of the units, made before the import's transaction begins: that one drops the foreign
    // keys to the unit table, which locks it until the commit, and the commit waits for this build.
    await client.query(`CREATE TEMP TABLE ${UNITS} AS SELECT * FROM unit`);
    const built = build(client, stagedAsInitiatives(phase!.expression)).finally(() => client.end().catch(() => undefined));
    return new RollupsBeside(session!.pid, built);
  }

  /** Moves the built rollups into place, inside the caller's transaction. */
  async swapIn(db: pg.ClientBase): Promise<void> {
    await this.built;
    await swapRollupsIn(db, PREFIX);
  }

  /** Stops a build still running (the import failed) and waits for it to end. */
  async cancel(db: pg.ClientBase): Promise<void> {
    await db.query("SELECT pg_cancel_backend($1)", [this.pid]).catch(() => undefined);
    await this.built.catch(() => undefined);
  }

  /** Drops rollups built beside the live ones and never swapped in (a failed or killed import's). */
  static async dropLeftovers(db: pg.ClientBase): Promise<void> {
    await dropRollupsNamed(db, PREFIX);
  }
}

async function build(client: pg.Client, source: string): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL work_mem = '256MB'");
    await rebuildRollups(client, undefined, { source, units: UNITS, prefix: PREFIX });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
