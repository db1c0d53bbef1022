import type { DataSource } from "typeorm";
import type { AppConfig } from "../config/config";
import { StartupError } from "../common/startup-error";
import { createDataSource, type PoolOptions } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { syncReferenceData } from "./reference/reference-data.sync";

export interface Database {
  dataSource: DataSource;
  url: URL;
  /** The embedded PostgreSQL's server process, when this process started it: nothing else stops it if we are killed. */
  embeddedPostmasterPid?: number;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/**
 * Connects (starting an embedded PostgreSQL when DATABASE_URL is unset), migrates and syncs reference
 * data. `onIdleError` hears of pooled connections lost while idle (see PoolOptions).
 */
export async function openDatabase(
  config: Pick<AppConfig, "databaseUrl" | "dataDir" | "embeddedPostgresPort" | "databasePoolSize"> &
    Partial<Pick<AppConfig, "databasePoolWaitMs" | "readOnly">>,
  onIdleError?: PoolOptions["onIdleError"],
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  if (config.readOnly && !config.databaseUrl) {
    throw new StartupError(
      "READ_ONLY=1 needs DATABASE_URL: the embedded PostgreSQL starts empty and would need writing.",
      "set DATABASE_URL to the replica (or database) to read, or unset READ_ONLY",
    );
  }
  const url =
    config.databaseUrl ??
    (embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
    })).url;

  const dataSource = createDataSource(url, {
    size: config.databasePoolSize,
    waitMs: config.databasePoolWaitMs,
    onIdleError,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw describeConnectionError(url, error);
  }
  try {
    if (config.readOnly) await assertMigrated(dataSource, url);
    else {
      await dataSource.runMigrations({ transaction: "each" });
      await dataSource.transaction((manager) => syncReferenceData(manager));
    }
  } catch (error) {
    await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    embeddedPostmasterPid: embedded?.postmasterPid,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** READ_ONLY: the schema must already be this code's; a replica cannot be migrated, its primary must be. */
async function assertMigrated(dataSource: DataSource, url: URL): Promise<void> {
  // Not TypeORM's showMigrations(): it creates the migrations table when missing, a write.
  const table = dataSource.options.migrationsTableName ?? "migrations";
  const [{ present }] = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])) as Array<{
    present: boolean;
  }>;
  const applied = present
    ? new Set(((await dataSource.query(`SELECT name FROM "${table}"`)) as Array<{ name: string }>).map((r) => r.name))
    : new Set<string>();
  if (dataSource.migrations.every((m) => applied.has(m.name ?? m.constructor.name))) return;
  throw new StartupError(
    `READ_ONLY=1, and the database at ${url.hostname}:${url.port || 5432} lacks migrations this version needs.`,
    "start an instance without READ_ONLY on the primary first (it migrates), and wait for the replica to replay it",
  );
}

export function describeConnectionError(url: URL, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const where = `${url.hostname}:${url.port || 5432}`;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EHOSTUNREACH") {
    return new StartupError(
      `PostgreSQL at ${where} is unreachable (${code}).`,
      "check that the server runs and DATABASE_URL names the right host and port, or unset DATABASE_URL to use the embedded database",
    );
  }
  return new StartupError(
    `Could not connect to PostgreSQL at ${where}, database "${url.pathname.slice(1)}": ${(error as Error).message}`,
    "check the user, password and database name in DATABASE_URL",
  );
}
