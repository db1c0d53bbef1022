import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { createLogger } from "./observability/logger";

/**
 * Runs the server in a child process and starts it again when it was killed: that is how the
 * event-loop watchdog ends a stuck server (SIGKILL, after stopping the embedded PostgreSQL), and how
 * the kernel's out-of-memory killer ends one. Any other exit is the server's own decision (0 after
 * Ctrl-C or SIGTERM, 1 for a start-up fault that a restart would only repeat) and ends this too, with
 * its status. SIGINT and SIGTERM are passed on to the server, whose clean stop they start.
 *
 * `npm start` and the container run this, not main.ts itself; in a container it is also what lets
 * the watchdog work at all, since the kernel ignores a SIGKILL that PID 1 sends itself.
 * Usage: node --import tsx server/src/supervisor.ts [entry, default server/src/main.ts]
 */
const entry = process.argv[2] ?? fileURLToPath(new URL("./main.ts", import.meta.url));
const logger = createLogger({ level: "info" });
/** Restarts within this window slow the next one down (1 s, 2 s, 4 s … at most 30 s): a server killed on every start must not spin. */
const RECENT_MS = 10 * 60_000;
const MAX_DELAY_MS = 30_000;

let server: ChildProcess | undefined;
let restart: NodeJS.Timeout | undefined;
let stopping = false;
const restarts: number[] = [];

function start(): void {
  // The same Node and loader (--import tsx) this process runs with.
  const child = (server = spawn(process.execPath, [...process.execArgv, entry], { stdio: "inherit" }));
  child.once("error", (error) => {
    logger.error("the server could not be started", { entry, error: error.message });
    process.exit(1);
  });
  child.once("exit", (code, signal) => {
    server = undefined;
    const killed = signal === "SIGKILL" || code === 128 + os.constants.signals.SIGKILL;
    if (stopping || !killed) process.exit(code ?? 128 + os.constants.signals[signal!]);
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - RECENT_MS) restarts.shift();
    const delayMs = Math.min(MAX_DELAY_MS, 1000 * 2 ** (restarts.length - 1));
    logger.warn("the server was killed: starting it again", {
      signal: signal ?? undefined,
      code: code ?? undefined,
      delayMs,
      restartsInTenMinutes: restarts.length,
    });
    restart = setTimeout(start, delayMs);
  });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    // Ctrl-C reaches the server directly too (same process group): it ignores the second signal.
    if (server) server.kill(signal);
    else {
      clearTimeout(restart);
      process.exit(0);
    }
  });
}

start();
