import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { processFixture } from "../setup/process-fixture";
import { ROOT, descendants, freePort, isAlive, runTs, terminate, type RunningProcess } from "../setup/processes";

/**
 * server/src/supervisor.ts, which `npm start` and the container run: it starts the server again
 * after the watchdog killed it, passes Ctrl-C and SIGTERM on, and leaves nothing running.
 */
const { dataDir, track } = processFixture("supervisor");
const supervise = (args: string[], env: Record<string, string>) => track(runTs("server/src/supervisor.ts", args, env));

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, "g"))?.length ?? 0;
const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, "pg/postmaster.pid"), "utf8").split("\n")[0]);
/** The supervised server: the process below the supervisor whose command line names `entry`. */
const serverPid = (run: RunningProcess, entry: string) =>
  descendants(run.child.pid!).find((pid) => {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return args.some((a) => a.endsWith(entry)) && !args.some((a) => a.endsWith("supervisor.ts"));
  });

describe("the supervisor", () => {
  it("starts the server again after the watchdog ended it, and stops it and its PostgreSQL on SIGTERM", async () => {
    const entry = "test/server/watchdog/blocking-server.process.ts";
    const run = supervise([entry], {
      WATCHDOG_BLOCKED_MS: "1500",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    });
    await run.waitFor(/listening on \d+/, 60_000);
    const first = postmasterPid();
    const port = () => [...run.output().matchAll(/listening on (\d+)/g)].at(-1)![1];
    void fetch(`http://127.0.0.1:${port()}/block`).catch(() => undefined);

    await expect.poll(() => count(run.output(), /listening on \d+/), { timeout: 30_000 }).toBe(2);
    expect(run.output()).toMatch(/"msg":"event loop blocked"/);
    expect(run.output()).toMatch(
      /"msg":"the server was killed: starting it again","signal":"SIGKILL","delayMs":1000,"restartsInTenMinutes":1/,
    );
    expect(isAlive(first)).toBe(false);
    expect((await fetch(`http://127.0.0.1:${port()}/healthz`)).status).toBe(200);
    const second = postmasterPid();
    expect(second).not.toBe(first);
    const processes = [...descendants(run.child.pid!), run.child.pid!];
    expect(processes).toContain(second);

    terminate(run);
    expect(await run.exited).toBe(0);
    await expect.poll(() => processes.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    expect(count(run.output(), /listening on \d+/)).toBe(2);
  });

  it("is what npm start runs: the real server starts with its watchdog, is started again once killed, and stops with status 0", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toMatch(/&& node --import tsx server\/src\/supervisor\.ts$/);
    const port = await freePort();
    const run = supervise([], {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_SCALE: "0.01",
      HOST: "127.0.0.1",
    });
    await run.waitFor(/ready/);
    expect(run.output()).toMatch(/"msg":"event-loop watchdog started","blockedMs":10000/);
    // What the watchdog (or the out-of-memory killer) does, without the PostgreSQL stop: the next start takes the folder over.
    process.kill(serverPid(run, "server/src/main.ts")!, "SIGKILL");
    await expect.poll(() => count(run.output(), /ready: http/), { timeout: 120_000 }).toBe(2);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks.eventLoop).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^lag \d+ ms$/),
    });
    const postmaster = postmasterPid();
    const processes = [...descendants(run.child.pid!), run.child.pid!];

    terminate(run);
    expect(await run.exited).toBe(0);
    await expect.poll(() => processes.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    expect(isAlive(postmaster)).toBe(false);
  });
});
