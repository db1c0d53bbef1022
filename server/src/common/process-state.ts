import fs from "node:fs";

/**
 * Whether a process still runs. A process that exited stays a zombie until its parent reaps it (a
 * blocked parent cannot; an orphan waits for PID 1, which on some machines reaps late), and a
 * zombie still answers kill(pid, 0) though it runs nothing and holds nothing but its pid: Linux's
 * /proc tells them apart. Elsewhere, kill(pid, 0) is all there is.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state …": the command may hold spaces and parentheses; the state follows the last ")".
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    // No /proc entry: gone, on Linux; unknowable without /proc, where kill(pid, 0) answered yes.
    return !fs.existsSync("/proc/self/stat");
  }
}
