import { Worker } from "node:worker_threads";
import type { LogLevel } from "../../config/config";
import type { Logger } from "../logger";
import { trackRunningRequests } from "./running-request";
import { WatchdogState } from "./shared-state";
import type { WatchdogSettings } from "./watchdog.worker";

/** How often the main loop bumps the heartbeat: well below any bound, a timer's cost is nothing. */
const HEARTBEAT_MS = 100;

export interface Watchdog {
  /** The embedded PostgreSQL this process started, stopped before the process is killed (undefined: none to stop). */
  watchPostgres(postmasterPid: number | undefined): void;
}

export interface WatchdogOptions {
  /** WATCHDOG_BLOCKED_MS. */
  blockedMs: number;
  logLevel: LogLevel;
  logger: Logger;
}

/**
 * Watches this process's event loop from a worker thread (see watchdog.worker.ts): blocked for
 * `blockedMs`, the process is logged about, its embedded PostgreSQL stopped and the process killed,
 * for its supervisor to restart (server/src/supervisor.ts under `npm start` and in the image).
 */
export function startWatchdog({ blockedMs, logLevel, logger }: WatchdogOptions): Watchdog {
  const state = new WatchdogState();
  const canEndProcess = process.pid !== 1;
  if (!canEndProcess) {
    logger.warn("running as PID 1: a blocked event loop will be logged but cannot end the process", {
      fix: "start server/src/supervisor.ts (as the image does) or run the container with --init",
    });
  }
  const settings: WatchdogSettings = { buffer: state.buffer, blockedMs, logLevel, canEndProcess };
  const worker = new Worker(new URL("./watchdog-worker-boot.mjs", import.meta.url), {
    workerData: { module: new URL("./watchdog.worker.ts", import.meta.url).href, ...settings },
  });
  // The watchdog must not be what keeps a stopping process alive; it ends with the process.
  worker.unref();
  worker.on("error", (error) => logger.error("the event-loop watchdog failed", { error: error.message }));
  worker.on("exit", (code) =>
    logger.error("the event-loop watchdog stopped: a blocked event loop will go unnoticed", { code }),
  );
  setInterval(() => state.beat(), HEARTBEAT_MS).unref();
  trackRunningRequests(state);
  logger.info("event-loop watchdog started", { blockedMs });
  return { watchPostgres: (pid) => state.setPostmaster(pid ?? 0) };
}
