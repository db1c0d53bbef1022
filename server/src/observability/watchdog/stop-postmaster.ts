import fs from "node:fs";

/**
 * Stops the embedded PostgreSQL before the watchdog kills this process, which would otherwise leave
 * it running on its own. SIGINT is PostgreSQL's fast shutdown (sessions ended, a checkpoint, a clean
 * stop: the next start needs no recovery); if that takes too long, SIGQUIT stops it at once (the next
 * start recovers from the WAL).
 */
export async function stopPostmaster(pid: number, fastMs = 5000, immediateMs = 2000): Promise<"stopped" | "still running"> {
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

/**
 * PostgreSQL is this process's child: once it exits it stays a zombie until our main thread reaps it,
 * which it cannot while blocked, and a zombie still answers kill(pid, 0). Linux's /proc tells them apart.
 */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state …": the command may hold spaces and parentheses, the state follows the last ")".
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && fs.existsSync("/proc/self/stat")) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
