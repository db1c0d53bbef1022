import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, runTs, waitUntil, type RunningProcess } from "../../setup/processes";
import { Cluster } from "./pg-cluster";

/**
 * Reads on a replica, tested against real streaming replication: a primary and a hot standby run
 * from the npm PostgreSQL binaries, an API instance that writes (it migrates and loads the demo data
 * on the primary), one that reads the replica (DATABASE_READ_URL) and one started on the replica
 * alone (READ_ONLY=1).
 */
const root = path.join(os.tmpdir(), `sangkien-replicas-${process.pid}`);
let primary: Cluster;
let standby: Cluster;
const instances: Record<"writer" | "reader" | "readOnly", { run: RunningProcess; port: number }> = {} as never;

interface Figures {
  dataVersion: string;
  total: number;
}

/** The national count of submissions as of 24h on `date` (a new date is a new question: no cache answers it). */
/** The live data's figures (the public's default is the newest release, which a load does not change). */
async function submissions(port: number, date = "", release = "live"): Promise<Figures> {
  const asOf = date ? `, asOf: "${date}"` : "";
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `{ analytics(query: { measures: [submissions]${asOf}, release: "${release}" }) { dataVersion totals { value } } }`,
    }),
  });
  const body = (await response.json()) as {
    data?: { analytics: { dataVersion: string; totals: Array<{ value: number }> } };
    errors?: unknown[];
  };
  if (response.status !== 200 || body.errors) throw new Error(`${response.status}: ${JSON.stringify(body.errors)}`);
  const { dataVersion, totals } = body.data!.analytics;
  return { dataVersion, total: totals[0]!.value };
}

async function startInstance(env: Record<string, string>): Promise<{ run: RunningProcess; port: number }> {
  const port = await freePort();
  const run = runTs("server/src/main.ts", [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_SCALE: "0.01",
    SEED_ON_START: "false",
    DATA_VERSION_RECHECK_MS: "100",
    WATCHDOG_BLOCKED_MS: "0",
    // The test polls as fast as the instances answer; the per-address limit is not what it tests.
    RATE_LIMIT_PER_MINUTE: "0",
    ...env,
  });
  await run.waitFor(/ready:/, 120_000);
  return { run, port };
}

const replayed = async () => {
  const [row] = await standby.query<{ version: string | null }>(
    "SELECT (SELECT data_version::text FROM dataset WHERE is_current) AS version",
    "sangkien",
  );
  return row?.version ?? null;
};

beforeAll(async () => {
  fs.mkdirSync(root, { mode: 0o755 });
  fs.chmodSync(root, 0o755);
  primary = Cluster.create(path.join(root, "primary"), await freePort());
  await primary.start();
  await primary.query("CREATE DATABASE sangkien");
  // Reserved now, so that the primary keeps every WAL record the standby has yet to receive.
  await primary.query("SELECT pg_create_physical_replication_slot('replica1', true)");
  await primary.stop();
  standby = Cluster.standbyOf(primary, path.join(root, "standby"), await freePort(), "replica1");
  await Promise.all([primary.start(), standby.start()]);

  instances.writer = await startInstance({ DATABASE_URL: primary.url("sangkien").toString(), SEED_ON_START: "true" });
  await waitUntil(async () => (await replayed()) !== null, "the standby has replayed the first load", 60_000);
  [instances.reader, instances.readOnly] = await Promise.all([
    startInstance({
      DATABASE_URL: primary.url("sangkien").toString(),
      DATABASE_READ_URL: standby.url("sangkien").toString(),
      REPLICA_CHECK_MS: "100",
      // The test pauses replay on purpose: a lag limit would send reads to the primary meanwhile.
      REPLICA_MAX_LAG_MS: "600000",
    }),
    startInstance({ DATABASE_URL: standby.url("sangkien").toString(), READ_ONLY: "1" }),
  ]);
}, 240_000);

afterAll(async () => {
  for (const { run } of Object.values(instances)) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
  await standby?.stop();
  await primary?.stop();
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe("API instances on a streaming replica", () => {
  it("start on the replica without writing, and answer what the primary loaded", async () => {
    expect(instances.readOnly.run.output()).toMatch(/READ_ONLY: serving dataset version/);
    const [writer, reader, readOnly] = await Promise.all(Object.values(instances).map(({ port }) => submissions(port)));
    expect(writer.total).toBe(22_050);
    expect(reader).toEqual(writer);
    expect(readOnly).toEqual(writer);
    const refused = await fetch(`http://127.0.0.1:${instances.readOnly.port}/admin/import`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "x",
    });
    expect(refused.status).toBe(409);
    const answer = (await refused.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(answer.errors[0]!.extensions.code).toBe("READ_ONLY");
    // The reader's figures came from the standby: it holds sessions there.
    const [{ sessions }] = await standby.query<{ sessions: number }>(
      "SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE application_name = 'sang-kien-analytics'",
    );
    expect(sessions).toBeGreaterThan(0);
  });

  it("keep answering the previous version until the replica replays a load, and never a half-loaded one", async () => {
    const before = await submissions(instances.writer.port);
    await standby.query("SELECT pg_wal_replay_pause()");
    await waitUntil(
      async () =>
        (await standby.query<{ s: string }>("SELECT pg_get_wal_replay_pause_state() AS s"))[0]!.s === "paused",
      "replay is paused",
    );
    // Every answer while the load runs, is held back and is replayed: a version and the total it has.
    const seen: Figures[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const answers = await Promise.all(Object.values(instances).map(({ port }) => submissions(port)));
        seen.push(...answers);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const load = runTs("server/src/db/seed/seed.cli.ts", ["--scale", "0.02", "--seed", "7"], {
      DATABASE_URL: primary.url("sangkien").toString(),
    });
    expect(await load.exited).toBe(0);
    await expect.poll(() => submissions(instances.writer.port), { timeout: 20_000 }).not.toEqual(before);
    const after = await submissions(instances.writer.port);
    expect(after.total).not.toBe(before.total);
    // Replay held back: both replica readers still answer the previous version, whole.
    expect(await submissions(instances.reader.port)).toEqual(before);
    expect(await submissions(instances.readOnly.port)).toEqual(before);

    await standby.query("SELECT pg_wal_replay_resume()");
    for (const { port } of [instances.reader, instances.readOnly]) {
      await expect.poll(() => submissions(port), { timeout: 30_000 }).toEqual(after);
    }
    polling = false;
    await poll;
    const versions = new Map(seen.map((figures) => [figures.dataVersion, figures.total]));
    expect(Object.fromEntries(versions)).toEqual({
      [before.dataVersion]: before.total,
      [after.dataVersion]: after.total,
    });
    expect(seen.every((f) => versions.get(f.dataVersion) === f.total)).toBe(true);
  }, 120_000);

  it("answer the demo's releases on the replica as on the primary, from the schemas the loads kept", async () => {
    const response = await fetch(`http://127.0.0.1:${instances.writer.port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ releases { id dataVersion } }" }),
    });
    const { releases } = ((await response.json()) as { data: { releases: Array<{ id: string; dataVersion: string }> } })
      .data;
    expect(releases).toHaveLength(2);
    for (const release of releases) {
      const [writer, reader, readOnly] = await Promise.all(
        Object.values(instances).map(({ port }) => submissions(port, "", release.id)),
      );
      expect(writer).toEqual({ dataVersion: release.dataVersion, total: 22_050 });
      expect(reader).toEqual(writer);
      expect(readOnly).toEqual(writer);
    }
  });

  it("read from the primary, with a warning and no errors, once the replica stops", async () => {
    const current = await submissions(instances.writer.port);
    instances.readOnly.run.child.kill("SIGTERM"); // Its one database goes away next.
    await instances.readOnly.run.exited;
    delete (instances as Partial<typeof instances>).readOnly;
    await standby.stop();
    // Questions no cache has answered, one after another, through the moment the replica went away.
    for (let day = 1; day <= 20; day++) {
      const figures = await submissions(instances.reader.port, `2023-01-${String(day).padStart(2, "0")}`);
      expect(figures.dataVersion).toBe(current.dataVersion);
    }
    expect(await submissions(instances.reader.port)).toEqual(current);
    expect(instances.reader.run.output()).toMatch(/replica skipped: reads go to the primary/);
  }, 60_000);
});
