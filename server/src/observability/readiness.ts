import type { DataSource } from "typeorm";
import { connectionFailureOf } from "../db/connection-failure";
import { poolLimitsOf } from "../db/data-source";
import { checkEventLoopLag } from "./event-loop-lag";

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; dataset: ReadinessCheck; eventLoop: ReadinessCheck };
}

const failed = (detail: string): ReadinessCheck => ({ ok: false, detail });

/**
 * Ready to serve: the database answers, every migration the code knows has run (none pending), and a
 * dataset is loaded. Each check says why it failed; a later check is not run when the database is down
 * or every pooled connection is busy (then this instance cannot serve more now: a load balancer may
 * send the work elsewhere until one is free). The event loop's lag is judged whatever the database
 * says: past EVENT_LOOP_LAG_LIMIT_MS every request here waits that long before its work even starts.
 */
export async function checkReadiness(dataSource: DataSource): Promise<Readiness> {
  const checks: Readiness["checks"] = {
    database: { ok: true, detail: "answers" },
    migrations: failed("not checked"),
    dataset: failed("not checked"),
    eventLoop: checkEventLoopLag(),
  };
  try {
    await dataSource.query("SELECT 1");
  } catch (error) {
    // Busy is not down: the database answers, but no pooled connection came free within the wait.
    const { size, waitMs } = poolLimitsOf(dataSource);
    checks.database = failed(
      connectionFailureOf(error) === "busy"
        ? `busy: all ${size} pooled connections in use for ${waitMs} ms`
        : "unavailable",
    );
    return { ready: false, checks };
  }
  try {
    const rows = (await dataSource.query(
      `SELECT name FROM ${dataSource.options.migrationsTableName ?? "migrations"}`,
    )) as Array<{ name: string }>;
    const applied = new Set(rows.map((r) => r.name));
    const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
    checks.migrations = pending.length
      ? failed(`pending: ${pending.join(", ")}`)
      : { ok: true, detail: `${applied.size} applied` };
  } catch {
    checks.migrations = failed("migrations table unreadable");
  }
  try {
    const [row] = (await dataSource.query("SELECT count(*)::int AS n FROM dataset WHERE is_current")) as Array<{
      n: number;
    }>;
    checks.dataset = row!.n > 0 ? { ok: true, detail: "loaded" } : failed("no dataset loaded");
  } catch {
    checks.dataset = failed("dataset table unreadable");
  }
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
