import "reflect-metadata";
import http from "node:http";
import { loadConfig, type AppConfig } from "./config/config";
import { describeFailure } from "./common/run-cli";
import { StartupError } from "./common/startup-error";
import { openDatabase, type Database } from "./db/database";
import { openReadAccess } from "./db/replicas/open-replicas";
import { readCurrentDataset, type CurrentDataset } from "./db/current-dataset";
import { Progress } from "./db/seed/progress";
import { seedDemoData } from "./db/seed/seed.service";
import { buildAppSchema } from "./graphql/schema";
import { rebuildRollups, rollupsMatchRegistry } from "./db/aggregates/rollup-builder";
import { refreshKeptRollups } from "./db/releases/kept-rollups";
import { createHttpApp } from "./http/app";
import { BaseQueryGate, SemanticEngine } from "./semantic";
import { openSharedCache } from "./cache/shared-cache";
import { createLogger } from "./observability/logger";
import { observeImportSeconds } from "./observability/metrics";
import { watchEventLoopLag } from "./observability/event-loop-lag";
import { startWatchdog } from "./observability/watchdog/watchdog";
import { publishDemoReleases } from "./releases/demo-releases";

/** Bootstrap only: config → database (+ demo data on first run) → schema → HTTP, and a clean stop. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const database = await openDatabase(config, (error) => {
    // pg has dropped the connection and opens another on the next query: a warning, not a crash.
    logger.warn("idle database connection lost", { error: error.message });
  });
  const stop = installShutdown(database);
  try {
    const seeded = await ensureDataset(config, database);
    // Reads on the replicas of DATABASE_READ_URL (else on DATABASE_URL); writes stay on DATABASE_URL.
    const access = await openReadAccess(
      config,
      database.dataSource,
      (level, message, fields) => logger[level](message, fields),
      (error) => logger.warn("idle replica connection lost", { error: error.message }),
    );
    stop.onStop(() => access.close());
    // From here on the event loop must keep running; start-up may not: the demo data is generated in
    // one synchronous stretch (5 s at SEED_SCALE=1 on a 2-core VM, longer on a slow machine).
    watchEventLoopLag(config.eventLoopLagLimitMs);
    if (config.watchdogBlockedMs > 0) {
      startWatchdog({ blockedMs: config.watchdogBlockedMs, logLevel: config.logLevel, logger }).watchPostgres(
        database.embeddedPostmasterPid,
      );
    }
    const baseQueries = new BaseQueryGate(
      config.baseQueryConcurrency,
      config.baseQueryWaitMs,
      config.dashboardBusyReadsPerSecond,
    );
    const engine = new SemanticEngine({
      dataSource: access.reads,
      retryLostReads: access.replicas !== undefined,
      statementTimeoutMs: config.statementTimeoutMs,
      suppressionThreshold: config.suppressionThreshold,
      dataVersionRecheckMs: config.dataVersionRecheckMs,
      baseQueries,
    });
    const schema = await buildAppSchema({ engine, dataSource: access.reads, writes: database.dataSource });
    // Optional: without Redis (or while it is away) each instance caches answers in its own memory.
    const shared = config.redisUrl
      ? openSharedCache(config.redisUrl, config.responseCache.ttlSeconds, logger)
      : undefined;
    if (shared) stop.onStop(() => shared.close());
    const server = http.createServer();
    const { app, apollo } = await createHttpApp({ schema, state: engine.data }, database.dataSource, server, {
      rateLimitPerMinute: config.rateLimitPerMinute,
      trustProxyHops: config.trustProxyHops,
      logger,
      responseCache: config.responseCache,
      shared,
      importLimits: config.importLimits,
      reads: access.reads,
      readOnly: config.readOnly,
    });
    server.on("request", app);
    await listen(server, config);
    // In the background: at scale 1 keeping the first release's tables and rebuilding the rollups after the
    // correction take a minute or two, which the first reader should not wait for (docs/releases.md).
    if (seeded && config.demoReleases)
      void publishDemoReleases(database, config.statementTimeoutMs).catch((error: unknown) =>
        logger.warn("demo releases not published", { error: error instanceof Error ? error.message : String(error) }),
      );
    stop.onStop(() => apollo.stop());
  } catch (error) {
    // Leave nothing behind: the embedded PostgreSQL stops with us.
    await database.close().catch(() => undefined);
    throw error;
  }
  console.log(`Sẵn sàng / ready: http://localhost:${config.port}/ (GraphQL: /graphql)`);
}

/** Loads the demo data on a first run (SEED_ON_START); true when it did. */
async function ensureDataset(config: AppConfig, database: Database): Promise<boolean> {
  const current = await readCurrentDataset(database.dataSource);
  if (config.readOnly) return checkReadOnlyDataset(current, database).then(() => false);
  if (current && !(await rollupsMatchRegistry(database.dataSource))) {
    console.log("Rollups differ from the registry: rebuilding them…");
    await database.dataSource.transaction((manager) => rebuildRollups(manager));
  }
  // The releases' kept versions too: else an upgrade leaves each answered from its base table.
  const keptFailed = (schema: string, error: unknown) =>
    console.warn(
      `Rollups of ${schema} not rebuilt (${error instanceof Error ? error.message : String(error)}): its release is answered from its base table`,
    );
  for (const schema of await refreshKeptRollups(database.dataSource, keptFailed))
    console.log(`Rollups of ${schema} rebuilt`);
  if (current) {
    const label =
      current.kind === "demo" ? "dữ liệu mẫu tổng hợp / synthetic demo data" : "dữ liệu nhập / imported data";
    console.log(
      `Dataset: ${current.initiativeCount.toLocaleString("vi-VN")} sáng kiến, ${label}, version ${current.dataVersion}`,
    );
    return false;
  }
  if (!config.seedOnStart) {
    console.log("No dataset loaded and SEED_ON_START=false: figures will be empty until `npm run seed` or an import.");
    return false;
  }
  console.log("Lần chạy đầu: sinh bộ dữ liệu mẫu / first run: generating the demo dataset");
  const result = await seedDemoData(database.url, config.seedValue, config.seedScale, new Progress());
  observeImportSeconds(result.seconds);
  console.log(`Đã nạp trong ${result.seconds.toFixed(1)} s · checksum ${result.checksum}`);
  return true;
}

/** READ_ONLY=1: nothing is rebuilt or generated; rollups another version built are refused, not served. */
async function checkReadOnlyDataset(current: CurrentDataset | null, database: Database): Promise<void> {
  if (!current) {
    console.log(
      "READ_ONLY: no dataset loaded yet; figures appear once the primary loads one and this database has it.",
    );
    return;
  }
  if (!(await rollupsMatchRegistry(database.dataSource))) {
    throw new StartupError(
      "READ_ONLY=1, and the rollups in this database were built for another version of the registry.",
      "start an instance without READ_ONLY on the primary first (it rebuilds them), and wait for the replica to replay it",
    );
  }
  console.log(`READ_ONLY: serving dataset version ${current.dataVersion} without writing`);
}

function listen(server: http.Server, config: AppConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new StartupError(
            `Port ${config.port} is already in use.`,
            "stop the other process or set PORT to a free port",
          ),
        );
      } else if (error.code === "EACCES") {
        reject(new StartupError(`Port ${config.port} needs more privileges.`, "set PORT to a number above 1024"));
      } else reject(error);
    });
    server.listen(config.port, config.host, () => resolve());
  });
}

/** Ctrl-C or SIGTERM: stop accepting, finish what is in flight, close the pool, stop the embedded PostgreSQL. */
function installShutdown(database: Database) {
  const hooks: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    for (const hook of hooks.reverse()) await hook().catch((e) => console.error(describeFailure(e)));
    await database.close().catch((e) => console.error(describeFailure(e)));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return { onStop: (hook: () => Promise<void>) => hooks.push(hook) };
}

main().catch((error) => {
  console.error(describeFailure(error));
  process.exit(1);
});
