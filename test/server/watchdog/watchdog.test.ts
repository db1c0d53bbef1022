import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WatchdogState } from "../../../server/src/observability/watchdog/shared-state";
import { processFixture } from "../../setup/process-fixture";
import { descendants, freePort, isAlive, runTs, terminate, type RunningProcess } from "../../setup/processes";

/**
 * The event-loop watchdog in a real process: a small server (blocking-server.process.ts) with the
 * real watchdog, access log and an embedded PostgreSQL, whose test-only routes block or load its loop.
 */
const ENTRY = "test/server/watchdog/blocking-server.process.ts";
const { dataDir, track } = processFixture("watchdog");
const start = (env: Record<string, string>) => track(runTs(ENTRY, [], env));

async function baseOf(run: RunningProcess): Promise<string> {
  await run.waitFor(/listening on \d+/, 60_000);
  return `http://127.0.0.1:${/listening on (\d+)/.exec(run.output())![1]}`;
}

const logLines = (run: RunningProcess) =>
  run
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, any>);

describe("the event-loop watchdog", () => {
  it("ends a process whose loop a request blocks: /healthz stops answering, the log names the request and where it blocked, the embedded PostgreSQL is stopped, nothing is left", async () => {
    const blockedMs = 2000;
    const run = start({
      WATCHDOG_BLOCKED_MS: String(blockedMs),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    });
    const base = await baseOf(run);
    const pidFile = path.join(dataDir, "pg/postmaster.pid");
    const postmaster = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    // tsx, the server's node, PostgreSQL and its helpers.
    const processes = [...descendants(run.child.pid!), run.child.pid!];
    expect(processes).toContain(postmaster);

    // Two requests stay open while a third blocks the loop: the log must name the third.
    for (const id of ["waiting-1", "waiting-2"]) {
      void fetch(`${base}/wait?ms=60000`, { headers: { "x-request-id": id } }).catch(() => undefined);
      await run.waitFor(new RegExp(`waiting ${id}`));
    }
    const blocked = Date.now();
    void fetch(`${base}/block`, { headers: { "x-request-id": "blocker-7" } }).catch(() => undefined);
    await run.waitFor(/blocking blocker-7/);
    await expect(fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();

    // Killed (SIGKILL: tsx reports 128 + 9). The bound, then at most: a check (250 ms), the stack
    // (1 s), PostgreSQL's fast shutdown (under a second here; 5 s before SIGQUIT).
    expect(await run.exited).toBe(137);
    const took = Date.now() - blocked;
    expect(took).toBeGreaterThanOrEqual(blockedMs);
    expect(took).toBeLessThan(blockedMs + 7000);

    const line = logLines(run).find((l) => l.msg === "event loop blocked");
    expect(line).toMatchObject({
      level: "error",
      requestId: "blocker-7",
      requestsInFlight: 3,
      action: `stopping the embedded PostgreSQL (pid ${postmaster}), then ending the process`,
    });
    expect(line!.reason).toMatch(
      new RegExp(`^the event loop has not run for \\d+ ms \\(WATCHDOG_BLOCKED_MS=${blockedMs}\\)$`),
    );
    expect(line!.stack[0]).toMatch(
      /^blockTheEventLoop \(.*test\/server\/watchdog\/blocking-server\.process\.ts:\d+:\d+\)$/,
    );

    await expect.poll(() => processes.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    // Stopped cleanly, not orphaned nor killed: a fast shutdown removes its pid file, a kill leaves it.
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it("leaves alone a loop that is busy but keeps turning", async () => {
    const run = start({ WATCHDOG_BLOCKED_MS: "1000" });
    const base = await baseOf(run);
    // Two requests, each 3 s of CPU in 250 ms stretches: the loop is busy throughout, never stuck for the bound.
    const answers = await Promise.all([1, 2].map(() => fetch(`${base}/busy?ms=3000&slice=250`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(run.output()).not.toMatch(/event loop blocked/);
    terminate(run);
    expect(await run.exited).toBe(0);
  });
});

describe("what the main thread shares with the watchdog", () => {
  it("names the request whose code runs, and nobody once its slot went to a later request", () => {
    const state = new WatchdogState();
    const first = state.openRequest("first");
    state.openRequest("second");
    state.setRunning(first);
    expect(state.running()).toEqual({ requestId: "first", inFlight: 2 });
    state.setRunning(0);
    expect(state.running()).toEqual({ requestId: undefined, inFlight: 2 });
    state.closeRequest();
    // 1024 slots: the 1025th request after `first` takes its slot.
    for (let n = 0; n < 1024; n++) (state.closeRequest(), state.openRequest(`later-${n}`));
    state.setRunning(first);
    expect(state.running().requestId).toBeUndefined();
  });
});
