import fs from "node:fs";
import path from "node:path";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../../server/src/config/config";
import { openDatabase } from "../../server/src/db/database";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { untilQuiet } from "../until-quiet";
import { readCurrentDataset } from "../../server/src/db/current-dataset";
import { freePort, isAlive, killTree, runTs, type RunningProcess } from "../../test/setup/processes";

/** PostgreSQL, the server instances on it and, with more than one, the round-robin proxy in front. */
export interface Cluster {
  /** Where the load goes: the proxy, or the only instance. */
  entry: URL;
  /** Where the Explorer's questions go, when not to `entry` (--replicas: an instance reading the standbys). */
  analystEntry?: URL;
  /** How the databases and instances are laid out, when not one database under instances (--replicas). */
  topology?: string;
  instances: URL[];
  dataSource: DataSource;
  /** The postmaster, when this script runs the embedded PostgreSQL (its CPU is then measured). */
  postgresPid: number | undefined;
  postgresVersion: string;
  /** The proxy's process (its CPU is load-generator overhead, not the servers'). */
  proxyPid: number | undefined;
  initiatives: number;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  config: Pick<AppConfig, "databaseUrl" | "dataDir" | "embeddedPostgresPort" | "seedValue" | "seedScale">;
  /** Settings for every instance besides the load test's own (e.g. BASE_QUERY_CONCURRENCY). */
  env?: Record<string, string>;
}

/**
 * Starts PostgreSQL here (the embedded one under DATA_DIR unless DATABASE_URL is set), loads the
 * demo dataset if none is loaded, then each instance as `npm start` runs it, all on that
 * PostgreSQL, with the rate limit off and warnings-only logs.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const database = await openDatabase({ ...options.config, databasePoolSize: 2 });
  const started: RunningProcess[] = [];
  // Once only: Ctrl-C and the end of the run may both ask, and both must wait for the same stop.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(started.reverse().map(stopGracefully));
      await database.close();
    })());
  try {
    if (!(await readCurrentDataset(database.dataSource))) {
      console.log(
        `No dataset in ${options.config.dataDir}: generating the demo dataset (scale ${options.config.seedScale})…`,
      );
      await seedDemoData(database.url, options.config.seedValue, options.config.seedScale, new Progress());
      await untilQuiet(database.dataSource);
    }
    const instances: URL[] = [];
    for (let i = 0; i < options.instances; i++) {
      const port = await freePort();
      const server = runTs("server/src/main.ts", [], {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: database.url.toString(),
        RATE_LIMIT_PER_MINUTE: "0",
        LOG_LEVEL: "warn",
        SEED_ON_START: "false",
        ...options.env,
      });
      started.push(server);
      await server.waitFor(/ready: http/, 120_000);
      instances.push(new URL(`http://127.0.0.1:${port}`));
    }
    let entry = instances[0]!;
    let proxyPid: number | undefined;
    if (instances.length > 1) {
      const port = await freePort();
      const proxy = runTs(
        "scripts/load/round-robin-proxy.ts",
        ["--port", String(port), "--targets", instances.map((u) => u.origin).join(",")],
        {},
      );
      started.push(proxy);
      await proxy.waitFor(/round-robin proxy on/, 30_000);
      entry = new URL(`http://127.0.0.1:${port}`);
      proxyPid = proxy.child.pid;
    }
    const [{ version }] = (await database.dataSource.query(
      "SELECT split_part(version(), ' ', 2) AS version",
    )) as Array<{ version: string }>;
    const [{ n }] = (await database.dataSource.query("SELECT count(*)::int AS n FROM initiative")) as Array<{
      n: number;
    }>;
    return {
      entry,
      instances,
      dataSource: database.dataSource,
      postgresPid: options.config.databaseUrl ? undefined : postmasterPid(options.config.dataDir),
      postgresVersion: version,
      proxyPid,
      initiatives: n,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, "pg", "postmaster.pid");
  const pid = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** SIGTERM as an operator would (the server drains and closes its pool), SIGKILL of the whole tree if it lingers. */
export async function stopGracefully(running: RunningProcess): Promise<void> {
  const pid = running.child.pid;
  if (pid === undefined || !isAlive(pid)) return;
  running.child.kill("SIGTERM");
  const exited = await Promise.race([
    running.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  if (!exited || isAlive(pid)) killTree(pid);
}
