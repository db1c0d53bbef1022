import { isRunning } from "../../common/process-state";

/**
 * Stops the embedded PostgreSQL before the watchdog kills this process, which would otherwise leave
 * it running on its own. SIGINT is PostgreSQL's fast shutdown (sessions ended, a checkpoint, a clean
 * stop: the next start needs no recovery); if that takes too long, SIGQUIT stops it at once (the next
 * start recovers from the WAL).
 */
export async function stopPostmaster(
  pid: number,
  fastMs = 5000,
  immediateMs = 2000,
): Promise<"stopped" | "still running"> {
  if (await signalAndWait(pid, "SIGINT", fastMs)) return "stopped";
  return (await signalAndWait(pid, "SIGQUIT", immediateMs)) ? "stopped" : "still running";
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  for (let waited = 0; waited < waitMs; waited += 50) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}
