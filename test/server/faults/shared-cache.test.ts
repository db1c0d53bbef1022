import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "graphql";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { responseKey } from "../../../server/src/cache/response-key";
import { CODE_VERSION } from "../../../server/src/code-version";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { goodRow, portalCsv } from "../db/import/portal-csv";
import { freePort, killTree, runTs, waitUntil, type RunningProcess } from "../../setup/processes";
import { describeWithRedis, startRedisServer, type RunningRedis } from "../../setup/redis-server";
import { createTestDatabase } from "../../setup/test-database";

/**
 * Scale-out as operators run it: two real server processes on one PostgreSQL, sharing a real
 * redis-server that is then killed and restarted. Each instance trusts its known data version for
 * ten minutes here, so only the Redis announcement (or a load in its own process) can move it.
 */
describeWithRedis("two instances sharing Redis", (binary) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-shared-cache-"));
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: RunningRedis | undefined;
  let redisPort: number;
  let admin: string;
  let units: Array<{ code: string }>;
  const instances: Array<{ name: string; base: string; run: RunningProcess }> = [];

  const QUESTION = `query Figures($asOf: AsOf) {
    dataset { dataVersion initiativeCount }
    analytics(query: { measures: [submissions], dimensions: [workerCategory], asOf: $asOf }) { totals { value } }
  }`;

  async function ask(base: string, asOf: string) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: QUESTION, variables: { asOf } }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    return {
      status: response.status,
      cache: response.headers.get("x-cache"),
      errors: body.errors,
      dataset: body.data?.dataset,
      total: body.data?.analytics.totals[0].value,
    };
  }

  async function redisLookups(base: string, result: string): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const match = new RegExp(
      `^sangkien_response_cache_lookups_total\\{store="redis",result="${result}"\\} (\\d+)$`,
      "m",
    ).exec(text);
    return Number(match?.[1] ?? 0);
  }

  async function readiness(base: string) {
    const response = await fetch(`${base}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean; detail: string }> },
    };
  }

  const upload = async (base: string, rows: string[]) => {
    const body = portalCsv(rows.map((code, i) => goodRow(code, units[i % units.length]!.code)));
    const response = await fetch(`${base}/admin/import?name=portal.csv`, {
      method: "POST",
      body,
      headers: { "content-type": "text/csv", authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as any).data.import as { dataVersion: string; initiativeCount: number };
  };

  /** The Redis key of QUESTION's answer (the instances store it in the background, after answering). */
  const keyOf = (dataVersion: string, asOf: string, codeVersion = CODE_VERSION) =>
    `sangkien:answer:${responseKey({ dataVersion, codeVersion, audience: "public", locale: "vi", document: parse(QUESTION), operationName: "Figures", variables: { asOf } })}`;

  /** Waits until the answer one instance gave is in Redis, so that asking another one is a fair test of sharing. */
  async function storedInRedis(dataVersion: string, asOf: string): Promise<void> {
    const client = new Redis(redis!.url.toString());
    try {
      await waitUntil(
        async () => (await client.exists(keyOf(dataVersion, asOf))) === 1,
        `the answer as of ${asOf} is in Redis`,
        5000,
      );
    } finally {
      client.disconnect();
    }
  }

  /**
   * The announcement travels over Redis pub/sub beside the test's own request, so a busy machine
   * may serve that request first: wait a little, far below DATA_VERSION_RECHECK_MS (10 minutes),
   * so only the announcement can explain the change.
   */
  const ANNOUNCED = (name: string) => ({
    timeout: 3000,
    interval: 100,
    message: `${name} follows the announced version`,
  });
  const sharedBy = (base: string) => async () => (await readiness(base)).body.checks.redis?.ok === true;
  const outageWarnings = (run: RunningProcess) =>
    run
      .output()
      .split("\n")
      .filter((line) => /"level":"warn".*Redis unavailable/.test(line));

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedisServer(binary, redisPort, dir);
    db = await createTestDatabase("shared_cache");
    await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
    admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
    units = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 2`);
    for (const name of ["A", "B"]) {
      const port = await freePort();
      const run = runTs("server/src/main.ts", [], {
        DATABASE_URL: db.url.toString(),
        PORT: String(port),
        HOST: "127.0.0.1",
        REDIS_URL: redis.url.toString(),
        SEED_ON_START: "false",
        RATE_LIMIT_PER_MINUTE: "0",
        DATA_VERSION_RECHECK_MS: "600000",
        LOG_LEVEL: "info",
      });
      instances.push({ name, base: `http://127.0.0.1:${port}`, run });
    }
    for (const { run, base, name } of instances) {
      await run.waitFor(/ready/, 60_000);
      await waitUntil(sharedBy(base), `instance ${name} is connected to Redis`);
    }
  }, 120_000);

  afterAll(async () => {
    for (const { run } of instances) {
      killTree(run.child.pid!);
      await run.exited;
    }
    await redis?.kill();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves an answer computed by one instance to the other from Redis", async () => {
    const [a, b] = instances;
    const hitsOnB = await redisLookups(b!.base, "hit");
    const first = await ask(a!.base, "2022-05-31");
    expect(first).toMatchObject({ status: 200, cache: "miss" });
    expect(first.total).toBeGreaterThan(0);
    await storedInRedis(first.dataset.dataVersion, "2022-05-31");
    const second = await ask(b!.base, "2022-05-31");
    expect(second).toMatchObject({ status: 200, cache: "hit", total: first.total, dataset: first.dataset });
    expect(await redisLookups(b!.base, "hit")).toBe(hitsOnB + 1);
  });

  it("takes a stored value that is not an answer for a miss, not an error", async () => {
    const [a] = instances;
    const { dataset } = await ask(a!.base, "2022-05-31");
    const key = keyOf(dataset.dataVersion, "2022-04-30");
    const client = new Redis(redis!.url.toString());
    try {
      await client.set(key, "not json {");
      const answer = await ask(a!.base, "2022-04-30");
      expect(answer).toMatchObject({ status: 200, cache: "miss", dataset });
      expect(answer.errors).toBeUndefined();
      // The miss was answered and stored again, over the bad value.
      await expect.poll(async () => (await client.get(key))?.startsWith("{"), { timeout: 5000 }).toBe(true);
      expect(JSON.parse((await client.get(key))!)).toMatchObject({ dataset });
    } finally {
      client.disconnect();
    }
  });

  it("never serves an answer that another version of the code stored, for the same data", async () => {
    const [a] = instances;
    const { dataset } = await ask(a!.base, "2022-05-31");
    // An answer as an instance not yet upgraded (or this one before an upgrade) would have stored it.
    const planted = (total: number) => JSON.stringify({ dataset, analytics: { totals: [{ value: total }] } });
    const client = new Redis(redis!.url.toString());
    try {
      await client.set(keyOf(dataset.dataVersion, "2022-03-31", "older-code"), planted(-1));
      await client.set(keyOf(dataset.dataVersion, "2022-02-28"), planted(-2));
      const other = await ask(a!.base, "2022-03-31");
      expect(other).toMatchObject({ status: 200, cache: "miss", dataset });
      expect(other.total).toBeGreaterThanOrEqual(0);
      // The same plant under this code's version is served: the key, not the value, kept the other out.
      expect(await ask(a!.base, "2022-02-28")).toMatchObject({ status: 200, cache: "hit", total: -2 });
    } finally {
      client.disconnect();
    }
  });

  it("a load through one instance changes the answers of both at once", async () => {
    const [a, b] = instances;
    const before = await ask(b!.base, "2022-05-31");
    expect(before.cache).toBe("hit");
    const report = await upload(a!.base, ["SHARED-1"]);
    expect(report.dataVersion).not.toBe(before.dataset.dataVersion);
    // B first: it last heard of the old version, and holds the old answer in its memory.
    for (const { base, name } of [...instances].reverse()) {
      await expect
        .poll(() => ask(base, "2022-05-31"), ANNOUNCED(name))
        .toMatchObject({ status: 200, dataset: { dataVersion: report.dataVersion, initiativeCount: 1 }, total: 1 });
    }
  });

  it("an import from the command line, another process, is announced to both at once too", async () => {
    const before = await ask(instances[1]!.base, "2022-05-31");
    const file = path.join(dir, "cli.csv");
    fs.writeFileSync(file, portalCsv([goodRow("CLI-1", units[0]!.code)]));
    const run = runTs("server/src/db/import/import.cli.ts", [file], {
      DATABASE_URL: db.url.toString(),
      REDIS_URL: redis!.url.toString(),
    });
    expect(await run.exited, run.output()).toBe(0);
    const version = /Data version (\d+)/.exec(run.output())?.[1];
    expect(version).not.toBe(before.dataset.dataVersion);
    for (const { base, name } of instances) {
      await expect
        .poll(() => ask(base, "2022-05-31"), ANNOUNCED(name))
        .toMatchObject({ status: 200, dataset: { dataVersion: version, initiativeCount: 2 }, total: 2 });
    }
  }, 30_000);

  it("keeps answering without errors while Redis is dead, warns once, and shares again once it is back", async () => {
    await redis!.kill();
    const known = await ask(instances[0]!.base, "2022-05-31");
    for (const { base, name } of instances) {
      for (const asOf of ["2022-05-31", "2022-06-30", "2022-06-30", "2022-07-31"]) {
        const answer = await ask(base, asOf);
        expect(answer, `${name} ${asOf}`).toMatchObject({ status: 200, dataset: known.dataset, total: known.total });
        expect(answer.errors, `${name} ${asOf}`).toBeUndefined();
      }
      const ready = await readiness(base);
      expect(ready.status, name).toBe(200);
      expect(ready.body.status).toBe("ready");
      expect(ready.body.checks.redis).toEqual({
        ok: false,
        detail: `unavailable at 127.0.0.1:${redisPort}: answers are cached in this process only`,
      });
    }
    // Reconnect attempts go on failing meanwhile; the log still has one warning per instance.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const { run, name } of instances) {
      expect(outageWarnings(run), name).toHaveLength(1);
      expect(JSON.parse(outageWarnings(run)[0]!)).toMatchObject({
        redis: `127.0.0.1:${redisPort}`,
        reason: expect.stringMatching(/ECONNREFUSED|closed/),
      });
    }

    redis = await startRedisServer(binary, redisPort, dir);
    for (const { base, run, name } of instances) {
      await expect.poll(sharedBy(base), { timeout: 10_000, message: `${name} reconnects` }).toBe(true);
      expect(run.output()).toMatch(/Redis reachable again/);
      expect(outageWarnings(run), name).toHaveLength(1);
    }
    const [a, b] = instances;
    const onB = await ask(b!.base, "2022-08-31");
    expect(onB.cache).toBe("miss");
    await storedInRedis(onB.dataset.dataVersion, "2022-08-31");
    const fromB = await ask(a!.base, "2022-08-31");
    expect(fromB).toMatchObject({ status: 200, cache: "hit", total: known.total });
    // Announcements flow again too: a load through B reaches A at once.
    const report = await upload(b!.base, ["SHARED-1", "SHARED-2"]);
    await expect
      .poll(() => ask(a!.base, "2022-08-31"), ANNOUNCED("A"))
      .toMatchObject({ dataset: { dataVersion: report.dataVersion, initiativeCount: 3 }, total: 3 });
  }, 60_000);
});
