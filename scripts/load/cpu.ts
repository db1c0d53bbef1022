import fs from "node:fs";
import os from "node:os";
import { descendants } from "../../test/setup/processes";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ): 100 on Linux everywhere in practice. */
const TICKS = 100;

/** CPU seconds a process used, its reaped children included (fields utime, stime, cutime, cstime); 0 once it is gone. */
function processSeconds(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of a process tree so far: the root with every child it has reaped, plus the live
 * children. PostgreSQL's parallel workers come and go: when one exits, its time moves into the
 * postmaster's reaped-children total, so the sum stays continuous.
 */
export function treeCpuSeconds(root: number): number {
  return processSeconds(root) + descendants(root).reduce((sum, pid) => sum + processSeconds(pid), 0);
}

/** This process's CPU seconds (the load generator itself). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The 1-minute load average, sampled every 5 s during a phase: what else the machine was doing. */
export class LoadAverage {
  private readonly samples: number[] = [os.loadavg()[0]!];
  private readonly timer = setInterval(() => this.samples.push(os.loadavg()[0]!), 5000);

  stop(): { start: number; end: number; max: number } {
    clearInterval(this.timer);
    this.samples.push(os.loadavg()[0]!);
    return { start: this.samples[0]!, end: this.samples.at(-1)!, max: Math.max(...this.samples) };
  }
}
