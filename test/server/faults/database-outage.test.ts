import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { createDataSource } from "../../../server/src/db/data-source";
import { freePort, isAlive, killTree, runTs, type RunningProcess } from "../../setup/processes";

/**
 * PostgreSQL taken away from a running server (real processes both) and brought back on the same
 * port and data folder: meanwhile every route says clearly that the database is unavailable (503),
 * /readyz says so, the process lives on; afterwards the same process answers as before.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-outage-"));
let pgPort: number;
let postgres: RunningProcess;
let server: RunningProcess;
let base: string;
let token: string;

const UNAVAILABLE = "The database is unavailable; try again shortly.";
const OVERVIEW = `query Overview($asOf: AsOf) {
  overview(asOf: $asOf) { asOfDate kpis { measure value previous } phases { phase submissions valid } }
}`;

async function startPostgres(): Promise<RunningProcess> {
  const run = runTs("test/setup/embedded-postgres.process.ts", [dataDir, String(pgPort), "outage"], {});
  await run.waitFor(/postgres ready/, 60_000);
  return run;
}

/** A fast shutdown: PostgreSQL ends every session (57P01), then stops listening. */
async function stopPostgres(): Promise<void> {
  postgres.child.kill("SIGTERM");
  await postgres.exited;
}

/** A crash: the postmaster and every backend die at once; the server's sockets just close. */
async function crashPostgres(): Promise<void> {
  const killed = killTree(postgres.child.pid!);
  await postgres.exited;
  await expect.poll(() => killed.filter(isAlive), { timeout: 10_000 }).toEqual([]);
}

async function overview(asOf: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: OVERVIEW, variables: { asOf } }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data: any; errors?: any[] },
  };
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, "g"))?.length ?? 0;

beforeAll(async () => {
  fs.chmodSync(dataDir, 0o755);
  pgPort = await freePort();
  postgres = await startPostgres();
  const url = new URL(`postgres://postgres:postgres@127.0.0.1:${pgPort}/outage`);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = runTs("server/src/main.ts", [], {
    DATABASE_URL: url.toString(),
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_SCALE: "0.01",
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
  });
  await server.waitFor(/ready: http/);
  const dataSource = createDataSource(url, { size: 1 });
  await dataSource.initialize();
  token = (await createToken(dataSource, "leadership", "outage test")).token;
  await dataSource.destroy();
});

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  if (postgres && postgres.child.exitCode === null) await stopPostgres();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("PostgreSQL goes away while the server runs, then comes back", () => {
  // Each outage asks dates not asked before: the server keeps answers it has computed, and those must not hide the outage.
  for (const [how, takeAway, asked, fresh] of [
    ["stopped (fast shutdown)", stopPostgres, "2022-03-31", ["2022-04-30", "2022-05-15", "2022-05-20"]],
    [
      "crashed (postmaster and backends killed)",
      crashPostgres,
      "2022-09-30",
      ["2022-10-31", "2022-11-15", "2022-11-20"],
    ],
  ] as const) {
    it(`${how}: 503 DATABASE_UNAVAILABLE on every route, /readyz false, the process alive; then the same answers without a restart`, async () => {
      const before = await overview(asked);
      expect(before.status).toBe(200);
      expect(before.body.data.overview.asOfDate).toBe(asked);
      const idleLossesBefore = count(server.output(), /idle database connection lost/);

      await takeAway();

      const posted = await overview(fresh[0]);
      expect(posted.status).toBe(503);
      expect(posted.body).toMatchObject({
        data: null,
        errors: [{ message: UNAVAILABLE, path: ["overview"], extensions: { code: "DATABASE_UNAVAILABLE" } }],
      });
      expect(posted.headers.get("cache-control")).toBe("no-store");

      // GET, as the dashboard and a CDN ask: refused at the version lookup, never cached.
      const get = await fetch(
        `${base}/graphql?query=${encodeURIComponent(OVERVIEW)}&variables=${encodeURIComponent(JSON.stringify({ asOf: fresh[1] }))}`,
      );
      expect(get.status).toBe(503);
      expect(get.headers.get("cache-control")).toBe("no-store");
      expect(((await get.json()) as any).errors[0]).toMatchObject({
        message: UNAVAILABLE,
        extensions: { code: "DATABASE_UNAVAILABLE" },
      });

      // A token is checked in the database: the holder gets the same clear answer, not a page with a stack.
      const withToken = await overview(fresh[2], { authorization: `Bearer ${token}` });
      expect(withToken.status).toBe(503);
      expect(withToken.body.errors?.[0]).toMatchObject({
        message: UNAVAILABLE,
        extensions: { code: "DATABASE_UNAVAILABLE" },
      });

      const csv = await fetch(
        `${base}/export.csv?query=${encodeURIComponent(JSON.stringify({ measures: ["submissions"], asOf: fresh[2] }))}`,
      );
      expect(csv.status).toBe(503);
      expect(await csv.json()).toMatchObject({
        errors: [{ message: UNAVAILABLE, extensions: { code: "DATABASE_UNAVAILABLE" } }],
      });

      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).checks.database).toEqual({ ok: false, detail: "unavailable" });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      // The pool's idle connections failed when PostgreSQL went: heard, logged, survived.
      expect(count(server.output(), /idle database connection lost/)).toBeGreaterThan(idleLossesBefore);

      postgres = await startPostgres();

      await expect.poll(async () => (await overview(asked)).status, { timeout: 30_000, interval: 250 }).toBe(200);
      expect((await overview(asked)).body).toEqual(before.body);
      for (const asOf of fresh) {
        const after = await overview(asOf);
        expect(after.status).toBe(200);
        expect(after.body.data.overview.asOfDate).toBe(asOf);
      }
      expect((await overview(fresh[0], { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      expect(count(server.output(), /ready: http/)).toBe(1);
      expect(server.output()).not.toMatch(/\n\s+at /);
      expect(server.output()).not.toMatch(/"msg":"internal error"/);
    }, 180_000);
  }
});
