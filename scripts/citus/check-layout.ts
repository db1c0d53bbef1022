import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../../server/src/common/run-cli";
import { freePort, ROOT, runTs, terminate, type RunningProcess } from "../../test/setup/processes";
import { Cluster } from "../replicas/pg-cluster";
import { CHECKED_QUESTIONS } from "./checked-questions";

/**
 * docs/scaling.md, Step 4, run rather than read: a Citus coordinator and two workers (PostgreSQL
 * clusters from CITUS_PG_BIN, whose server has the citus extension installed), the demo data loaded
 * by the server, server/src/db/citus/apply-layout.sh's steps, then every question of schema/examples
 * and a set of base-table and rollup questions asked of the server on Citus and of the same server on
 * a plain PostgreSQL from the same binaries with the same data: the answers must be identical.
 *
 *   CITUS_PG_BIN=/usr/lib/postgresql/15/bin npm run citus:check
 *
 * Not part of `npm test`: Citus is not packaged for Debian and must be built from its source archive.
 */
const DATABASE = "sangkien";
const SCALE = process.env.SEED_SCALE ?? "0.01";

async function startServer(url: URL, seed: boolean): Promise<{ run: RunningProcess; port: number }> {
  const port = await freePort();
  const run = runTs("server/src/main.ts", [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: url.toString(),
    SEED_ON_START: String(seed),
    SEED_SCALE: SCALE,
    SEED: "11",
    RATE_LIMIT_PER_MINUTE: "0",
    WATCHDOG_BLOCKED_MS: "0",
    LOG_LEVEL: "warn",
  });
  await run.waitFor(/ready:/, 300_000);
  return { run, port };
}

async function stopServer(server: { run: RunningProcess }): Promise<void> {
  terminate(server.run);
  await server.run.exited;
}

/** The figures of an answer: without what differs between two databases loaded alike (versions, plans, timings). */
function figures(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(figures);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !["dataVersion", "explain", "loadedAt", "source", "requestId"].includes(key))
        .map(([key, v]) => [key, figures(v)]),
    );
  }
  return value;
}

async function ask(port: number, query: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
  return figures(body.data);
}

function psql(bin: string, url: URL, args: string[]): string {
  const run = spawnSync(path.join(bin, "psql"), [url.toString(), "-v", "ON_ERROR_STOP=1", "-qAt", ...args], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`psql ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim();
}

runCli(async () => {
  const bin = process.env.CITUS_PG_BIN;
  if (!bin || !fs.existsSync(path.join(bin, "postgres")))
    throw new Error("CITUS_PG_BIN must name the bin folder of a PostgreSQL whose server has citus installed");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-citus-"));
  fs.chmodSync(root, 0o755);
  // Nodes talk over 127.0.0.1 without TLS: a test cluster has no certificates (libpq would look in $HOME).
  const citus = { bin, settings: { shared_preload_libraries: "citus", "citus.node_conninfo": "sslmode=disable" } };
  const make = async (name: string, binaries: typeof citus | { bin: string }) =>
    Cluster.create(path.join(root, name), await freePort(), binaries);
  const coordinator = await make("coordinator", citus);
  const workers = [await make("worker1", citus), await make("worker2", citus)];
  const plain = await make("plain", { bin });
  const clusters = [coordinator, ...workers, plain];
  const servers: Array<{ run: RunningProcess }> = [];
  try {
    await Promise.all(clusters.map((c) => c.start()));
    for (const c of clusters) await c.query(`CREATE DATABASE ${DATABASE}`);
    for (const c of [coordinator, ...workers]) await c.query("CREATE EXTENSION citus", DATABASE);
    const [{ version }] = await coordinator.query<{ version: string }>(
      "SELECT extversion AS version FROM pg_extension WHERE extname = 'citus'",
      DATABASE,
    );
    console.log(
      `Citus ${version} on ${bin}; coordinator :${coordinator.port}, workers :${workers.map((w) => w.port).join(", :")}`,
    );

    // The server migrates and loads the demo data on both, as `npm start` does.
    const url = coordinator.url(DATABASE);
    const plainUrl = plain.url(DATABASE);
    for (const u of [url, plainUrl]) await stopServer(await startServer(u, true));

    // apply-layout.sh's steps, with this run's ports.
    psql(bin, url, ["-c", `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator.port})`]);
    for (const w of workers) psql(bin, url, ["-c", `SELECT citus_add_node('127.0.0.1', ${w.port})`]);
    psql(bin, url, ["-f", path.join(ROOT, "server/src/db/citus/distribute.sql")]);
    const distributed = psql(bin, url, [
      "-c",
      "SELECT string_agg(logicalrelid::text || ':' || partmethod::text, ' ' ORDER BY logicalrelid::text) FROM pg_dist_partition",
    ]);
    const shardsOnWorkers = psql(bin, url, ["-c", "SELECT count(*) FROM pg_dist_placement WHERE groupid > 0"]);
    console.log(
      `distributed (h: hash, n: reference): ${distributed}\nshard placements on the workers: ${shardsOnWorkers}`,
    );

    const onCitus = await startServer(url, false);
    const onPlain = await startServer(plainUrl, false);
    servers.push(onCitus, onPlain);
    const questions = [
      ...fs
        .readdirSync(path.join(ROOT, "schema/examples"))
        .filter((f) => f.endsWith(".graphql"))
        .sort()
        .map((f) => ({ name: f, query: fs.readFileSync(path.join(ROOT, "schema/examples", f), "utf8") })),
      ...CHECKED_QUESTIONS,
    ];
    const differences: string[] = [];
    for (const { name, query } of questions) {
      const [a, b] = await Promise.all([
        ask(onCitus.port, query).catch((e: Error) => `error: ${e.message}`),
        ask(onPlain.port, query).catch((e: Error) => `error: ${e.message}`),
      ]);
      const same = JSON.stringify(a) === JSON.stringify(b);
      console.log(`${same ? "same" : "DIFFERENT"}  ${name}`);
      if (!same)
        differences.push(
          `${name}: Citus ${JSON.stringify(a).slice(0, 300)} / plain ${JSON.stringify(b).slice(0, 300)}`,
        );
    }
    console.log(
      differences.length
        ? `\n${differences.length} of ${questions.length} questions answered differently:\n${differences.join("\n")}`
        : `\nAll ${questions.length} questions answered identically on Citus and on plain PostgreSQL.`,
    );
    if (differences.length) {
      // The server logs the database's own message for an internal error: what Citus refused.
      const logged = onCitus.run
        .output()
        .split("\n")
        .filter((line) => /"level":"error"|error/i.test(line))
        .slice(0, 8);
      console.log(`\nThe server on Citus logged:\n${logged.map((l) => l.slice(0, 600)).join("\n")}`);
      throw new Error(`${differences.length} of ${questions.length} questions answered differently on Citus`);
    }
  } finally {
    for (const s of servers) await stopServer(s).catch(() => undefined);
    for (const c of clusters) await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
