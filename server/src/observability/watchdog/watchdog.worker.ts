import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { workerData } from "node:worker_threads";
import type { LogLevel } from "../../config/config";
import { createLogger } from "../logger";
import { blockedStack } from "./blocked-stack";
import { WatchdogState } from "./shared-state";
import { stopPostmaster } from "./stop-postmaster";

export interface WatchdogSettings {
  buffer: SharedArrayBuffer;
  /** WATCHDOG_BLOCKED_MS: the main loop not running this long ends the process. */
  blockedMs: number;
  logLevel: LogLevel;
  /** False when this process is PID 1 of a container: the kernel ignores the SIGKILL it sends itself. */
  canEndProcess: boolean;
}

/**
 * The watchdog thread: it watches the heartbeat the main loop writes, and when the loop has not run
 * for `blockedMs` it logs why (the request that was running, where the thread is stuck), stops the
 * embedded PostgreSQL and kills the process, so that its supervisor starts a fresh one. A stuck
 * process only looks alive: its port is open, health checks time out, requests wait forever.
 */
const { buffer, blockedMs, logLevel, canEndProcess } = workerData as WatchdogSettings;
const state = new WatchdogState(buffer);
// Written straight to the file descriptor: console output from a worker goes through the main thread.
const logger = createLogger({ level: logLevel, sink: (line) => writeLine(`${line}\n`) });
const checkEveryMs = Math.min(250, blockedMs / 4);

let lastBeats = state.beats();
let lastBeatSeen = performance.now();
let lastCheck = lastBeatSeen;
/** Set once this stall is dealt with; cleared when the loop runs again (only PID 1 lives to see that). */
let handled = false;
setInterval(() => {
  const now = performance.now();
  // This thread did not run either (the machine slept, the process was stopped): it has seen nothing to judge.
  if (now - lastCheck > blockedMs / 2) lastBeatSeen = now;
  lastCheck = now;
  const beats = state.beats();
  if (beats !== lastBeats) {
    lastBeats = beats;
    lastBeatSeen = now;
    handled = false;
  } else if (now - lastBeatSeen > blockedMs && !handled) {
    handled = true;
    void endProcess(Math.round(now - lastBeatSeen));
  }
}, checkEveryMs);

async function endProcess(stalledMs: number): Promise<void> {
  const { requestId, inFlight } = state.running();
  const stack = await blockedStack(Math.min(2000, blockedMs / 2)).catch(() => undefined);
  const postmaster = state.postmaster();
  logger.error("event loop blocked", {
    reason: `the event loop has not run for ${stalledMs} ms (WATCHDOG_BLOCKED_MS=${blockedMs})`,
    requestId,
    requestsInFlight: inFlight,
    stack,
    action: !canEndProcess
      ? "none: as PID 1 the process cannot end itself (run it under server/src/supervisor.ts or docker run --init)"
      : postmaster
        ? `stopping the embedded PostgreSQL (pid ${postmaster}), then ending the process`
        : "ending the process",
  });
  if (!canEndProcess) return;
  if (postmaster && (await stopPostmaster(postmaster)) !== "stopped") {
    logger.error("the embedded PostgreSQL did not stop", { pid: postmaster });
  }
  process.kill(process.pid, "SIGKILL");
}

/** A full pipe answers EAGAIN to a synchronous write: retry for a moment rather than lose the line. */
function writeLine(text: string): void {
  let bytes = Buffer.from(text);
  for (let attempt = 0; attempt < 100 && bytes.length > 0; attempt++) {
    try {
      bytes = bytes.subarray(fs.writeSync(1, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
