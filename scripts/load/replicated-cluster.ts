import fs from "node:fs";
import path from "node:path";
import type { DataSource } from "typeorm";
import { readCurrentDataset } from "../../server/src/db/current-dataset";
import { openDatabase, type Database } from "../../server/src/db/database";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { freePort, runTs, type RunningProcess } from "../../test/setup/processes";
import { Cluster as PgCluster } from "../replicas/pg-cluster";
import { untilQuiet } from "../until-quiet";
import { stopGracefully, type Cluster, type ClusterOptions } from "./cluster";

const DATABASE = "sangkien";

/**
 * `npm run load -- --replicas N`: a primary and N hot standbys streaming from it (PostgreSQL clusters
 * run from the npm binaries under DATA_DIR/replicated), the dashboard's instance reading the primary,
 * and an analysts' instance whose reads go to the standbys (DATABASE_READ_URL) — or to the primary
 * with N = 0, so that 0 and 1 differ only in where the analysts' scans run. The Explorer's questions
 * go to the analysts' instance; the dashboard mix to the dashboard's. With `readers: "everyone"`
 * there is one instance, reading the standbys, and all the load goes to it.
 */
export async function startReplicatedCluster(
  options: Omit<ClusterOptions, "instances"> & { replicas: number; readers: "analysts" | "everyone" },
): Promise<Cluster> {
  const root = path.join(options.config.dataDir, "replicated");
  fs.mkdirSync(root, { recursive: true });
  const primary = PgCluster.reuse(path.join(root, "primary"), await freePort());
  const standbys: PgCluster[] = [];
  const started: RunningProcess[] = [];
  let database: Database | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(started.reverse().map(stopGracefully));
      await database?.close();
      await Promise.all(standbys.map((s) => s.stop()));
      await primary.stop();
    })());
  // Should this process die without stopping them (an uncaught error), the clusters must not outlive it.
  process.once("exit", () => {
    for (const pid of [primary.pid, ...standbys.map((s) => s.pid)]) if (pid) process.kill(pid, "SIGINT");
  });
  try {
    await primary.start();
    const url = primary.url(DATABASE);
    const [exists] = await primary.query(`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`);
    if (!exists) await primary.query(`CREATE DATABASE ${DATABASE}`);
    const open = () => openDatabase({ ...options.config, databaseUrl: url, databasePoolSize: 2 });
    database = await open(); // migrates, as a server's start would
    if (!(await readCurrentDataset(database.dataSource))) {
      console.log(`No dataset in ${primary.dir}: generating the demo dataset (scale ${options.config.seedScale})…`);
      await seedDemoData(url, options.config.seedValue, options.config.seedScale, new Progress());
      await untilQuiet(database.dataSource);
    }
    // A standby is a copy of the primary stopped cleanly; each run makes fresh ones.
    await database.close();
    database = undefined;
    await primary.stop();
    for (let i = 1; i <= options.replicas; i++) {
      const dir = path.join(root, `standby${i}`);
      fs.rmSync(dir, { recursive: true, force: true });
      standbys.push(PgCluster.standbyOf(primary, dir, await freePort()));
    }
    await Promise.all([primary, ...standbys].map((c) => c.start()));
    database = await open();
    const dataSource: DataSource = database.dataSource;

    const readUrl = standbys.map((s) => s.url(DATABASE).toString()).join(",");
    if (options.readers === "everyone") {
      const reader = await startInstance(url, readUrl || undefined, options.env);
      started.push(reader);
      return {
        ...(await describe(dataSource)),
        entry: instanceUrl(reader),
        instances: [instanceUrl(reader)],
        dataSource,
        postgresPid: primary.pid,
        proxyPid: undefined,
        topology: `one instance reading ${options.replicas === 0 ? "the primary" : `${options.replicas} streaming replica(s)`} (npm PostgreSQL binaries, fsync off)`,
        stop,
      };
    }
    const dashboard = await startInstance(url, undefined, options.env);
    const analysts = await startInstance(url, readUrl || undefined, options.env);
    started.push(dashboard, analysts);
    const where = options.replicas === 0 ? "the primary" : `${options.replicas} streaming replica(s)`;
    return {
      entry: instanceUrl(dashboard),
      analystEntry: instanceUrl(analysts),
      instances: [instanceUrl(dashboard), instanceUrl(analysts)],
      dataSource,
      ...(await describe(dataSource)),
      postgresPid: primary.pid,
      proxyPid: undefined,
      topology:
        `a primary and ${options.replicas} hot standby(s) (npm PostgreSQL binaries, fsync off); the dashboard's instance reads the primary, ` +
        `an analysts' instance (the Explorer's questions) reads ${where}`,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function describe(dataSource: DataSource): Promise<{ postgresVersion: string; initiatives: number }> {
  const [{ version }] = (await dataSource.query("SELECT split_part(version(), ' ', 2) AS version")) as Array<{
    version: string;
  }>;
  const [{ n }] = (await dataSource.query("SELECT count(*)::int AS n FROM initiative")) as Array<{ n: number }>;
  return { postgresVersion: version, initiatives: n };
}

const ports = new WeakMap<RunningProcess, number>();
const instanceUrl = (run: RunningProcess) => new URL(`http://127.0.0.1:${ports.get(run)!}`);

async function startInstance(
  url: URL,
  readUrl: string | undefined,
  env: Record<string, string> = {},
): Promise<RunningProcess> {
  const port = await freePort();
  const server = runTs("server/src/main.ts", [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: url.toString(),
    ...(readUrl ? { DATABASE_READ_URL: readUrl } : {}),
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
    SEED_ON_START: "false",
    ...env,
  });
  ports.set(server, port);
  await server.waitFor(/ready: http/, 120_000);
  return server;
}
