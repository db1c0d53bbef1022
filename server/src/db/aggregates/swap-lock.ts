import type { Queryable } from "./rollup-stamp";

/**
 * The locking rule of every load (docs/architecture.md, "Loads and readers"): the heavy work runs
 * beside what readers read, and the strong locks a load needs to put its tables in place are taken
 * at the very end, all at once, in one fixed order, each wait bounded. A reader's transaction holds
 * ACCESS SHARE on each rollup it read until it ends, and may still want another; a load that took
 * ACCESS EXCLUSIVE locks one table at a time (a DROP TABLE of several, or a rebuild in place) made
 * such a reader wait for the whole rebuild, or closed a cycle that PostgreSQL broke by killing one
 * side ("deadlock detected"). Here the load waits for the readers, not the readers for the load:
 * a reader queued behind it waits at most LOCK_WAIT_MS, then the load lets go (its savepoint rolls
 * back, its transaction lives on), steps aside for a moment, and tries again.
 */

/**
 * The longest all the locks of one attempt may take, in total. Below PostgreSQL's deadlock_timeout
 * (1 s by default): a reader that waits behind an attempt gives up no sooner than that, so the
 * attempt ends first and no reader is ever chosen as a deadlock's victim.
 */
export const LOCK_WAIT_MS = 400;
/** How long a load keeps trying before it fails (and rolls back whole): readers' transactions last seconds. */
const PATIENCE_MS = 10 * 60_000;
const SAVEPOINT = "load_swap_locks";

/** lock_timeout (55P03), and a deadlock should a reader's check fire first (40P01). */
const GAVE_UP = new Set(["55P03", "40P01"]);

/**
 * Takes ACCESS EXCLUSIVE locks on `tables` (those that exist), in the order given, inside the
 * caller's transaction, trying again until it has them all. The caller then swaps, drops or
 * replaces them and commits promptly: readers queue behind these locks until the commit.
 */
export async function lockForSwap(db: Queryable, tables: readonly string[]): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    await db.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      await db.query(lockAllSql(tables));
      await db.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return;
    } catch (error) {
      if (!GAVE_UP.has(codeOf(error))) throw error;
      // Lets go of the locks taken so far and of the failed statement; the load's own work stays.
      await db.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if (Date.now() - started > PATIENCE_MS) {
        throw new Error(
          `readers kept the tables ${tables.join(", ")} for ${PATIENCE_MS / 60_000} minutes: the load was not committed`,
          { cause: error },
        );
      }
      // Up to a second aside, with jitter, so that two loaders (or a reader's burst) do not meet again in step.
      const pause = Math.min(1000, 50 * 2 ** Math.min(attempt, 5));
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * (pause / 2)));
    }
  }
}

/**
 * One statement: each lock waits at most what is left of LOCK_WAIT_MS (lock_timeout counts each
 * wait alone), and the caller's lock_timeout is put back once it has them all.
 */
function lockAllSql(tables: readonly string[]): string {
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
  return `DO $$
DECLARE
  t text;
  before text := current_setting('lock_timeout');
  deadline timestamptz := clock_timestamp() + interval '${LOCK_WAIT_MS} milliseconds';
BEGIN
  FOREACH t IN ARRAY ARRAY[${tables.map((t) => `'${t}'`).join(", ")}]::text[] LOOP
    CONTINUE WHEN to_regclass(t) IS NULL;
    PERFORM set_config('lock_timeout',
      greatest(1, ceil(extract(epoch FROM deadline - clock_timestamp()) * 1000))::int || 'ms', true);
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', t);
  END LOOP;
  PERFORM set_config('lock_timeout', before, true);
END$$`;
}

function codeOf(error: unknown): string {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return driverError?.code ?? code ?? "";
}
