import type { DataSource, QueryRunner } from "typeorm";
import { userError } from "../../common/errors";
import { readLocksFor } from "./read-locks";
import { DataVersionMoved, isVersionMoved, versionGuard } from "./version-guard";

/** Everything one answer's read needs of its transaction: its settings, where it reads, and what it runs. */
export interface ReadRequest {
  /** `SET LOCAL …` statements, in order. */
  settings: string[];
  /** `SET LOCAL search_path …` to read a kept data version's schema instead of the live tables. */
  searchPath?: string;
  /** The version the figures must come from (version-guard.ts); none for a kept schema, which never changes. */
  dataVersion?: string;
  /** The statements' texts: the tables they name are locked before the snapshot (read-locks.ts). */
  texts: string[];
  /** Runs the statements; begun again from scratch after a transient conflict. */
  work: (runner: QueryRunner) => Promise<void>;
}

/** NO_WORKERS goes last, so that it overrides the workers a statement's own settings ask for. */
export const NO_WORKERS = "SET LOCAL max_parallel_workers_per_gather = 0";

/**
 * Runs a read in one REPEATABLE READ transaction (one snapshot for every statement) under a statement
 * timeout. BEGIN, the SET LOCALs, the read locks and the version guard travel as one message: each
 * round trip to PostgreSQL costs a write and a wake-up on both sides, on this project's 2-core machines
 * about 0.4 ms of the server's CPU (a CPU profile of 300 rollup answers, docs/benchmarks.md), as much as
 * a rollup query itself. `workers: false` forbids parallel workers whatever the settings ask.
 */
export async function readInOneTransaction(
  db: DataSource,
  timeoutMs: number,
  request: ReadRequest,
  workers = true,
): Promise<void> {
  const { settings, searchPath, dataVersion, texts, work } = request;
  // After every setting and the read locks: the guard's SELECT takes the transaction's snapshot.
  const guard = [searchPath, readLocksFor(texts), dataVersion && versionGuard(dataVersion)];
  const all = [...(workers ? settings : [...settings, NO_WORKERS]), ...guard].filter((s): s is string => !!s);
  // A read is idempotent: one that lost a deadlock or a serialisation conflict to a load is asked once more.
  try {
    await inOneTransaction(db, timeoutMs, all, work);
  } catch (error) {
    if (!TRANSIENT.has(codeOf(error) ?? "")) throw error;
    await inOneTransaction(db, timeoutMs, all, work);
  }
}

/** deadlock_detected, serialization_failure. */
const TRANSIENT = new Set(["40P01", "40001"]);
const codeOf = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;

async function inOneTransaction(
  db: DataSource,
  timeoutMs: number,
  settings: string[],
  work: (runner: QueryRunner) => Promise<void>,
): Promise<void> {
  const runner = db.createQueryRunner();
  let open = false;
  try {
    await runner.connect();
    open = true;
    // No parameters, so the driver sends one simple query, which may hold several statements.
    await runner.query(
      [
        "BEGIN ISOLATION LEVEL REPEATABLE READ",
        `SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`,
        ...settings,
      ].join("; "),
    );
    await work(runner);
    await runner.query("COMMIT");
  } catch (error) {
    if (open) await runner.query("ROLLBACK").catch(() => undefined);
    if (isVersionMoved(error)) throw new DataVersionMoved();
    if ((error as { code?: string }).code === "57014" || /statement timeout/.test(String(error))) {
      throw userError(
        "QUERY_TIMEOUT",
        `The query ran longer than ${timeoutMs} ms and was stopped. Ask for fewer dimensions or a shorter date range.`,
      );
    }
    throw error;
  } finally {
    await runner.release();
  }
}
