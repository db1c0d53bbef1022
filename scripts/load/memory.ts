import { quantile } from "./dashboard-load";
import { scrape, total } from "./server-metrics";

export interface MemorySample {
  atSeconds: number;
  /** Per instance, as each reports itself at /metrics (process_resident_memory_bytes, nodejs_heap_size_used_bytes). */
  rssMb: number[];
  heapMb: number[];
}

const MB = 2 ** 20;

/** Each instance's resident and heap memory every `everyMs`, from its own /metrics. */
export class MemorySampler {
  private readonly samples: MemorySample[] = [];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly instances: URL[],
    everyMs = 10_000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    const atSeconds = (performance.now() - this.started) / 1000;
    this.pending = this.pending.then(async () => {
      const pages = await Promise.all(this.instances.map(scrape));
      this.samples.push({
        atSeconds,
        rssMb: pages.map((p) => total(p, "process_resident_memory_bytes") / MB),
        heapMb: pages.map((p) => total(p, "nodejs_heap_size_used_bytes") / MB),
      });
    });
  }

  async stop(): Promise<MemorySample[]> {
    clearInterval(this.timer);
    this.sample();
    await this.pending;
    return this.samples;
  }
}

export interface MemoryVerdict {
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Median of the last tenth of the run minus the median of the tenth right after the warm-up. */
  growthMb: number;
  /** Least-squares slope after the warm-up. */
  slopeMbPerMinute: number;
  grows: boolean;
}

/**
 * Caches fill during the first minutes (answers, prepared plans, JIT code), so memory is judged
 * after a warm-up of 2 minutes (a fifth of shorter runs): it grows when the end sits more than
 * 10% (at least 20 MB) above where it stood just after the warm-up.
 */
export function judgeMemory(samples: MemorySample[], pick: (s: MemorySample) => number): MemoryVerdict {
  const values = samples.map(pick);
  const duration = samples.at(-1)!.atSeconds;
  const warm = Math.min(120, duration / 5);
  const after = samples.filter((s) => s.atSeconds >= warm);
  const tenth = Math.max(duration / 10, 1);
  const early = after.filter((s) => s.atSeconds < warm + tenth);
  const baseline = quantile((early.length ? early : after.slice(0, 1)).map(pick), 0.5);
  const endMb = quantile(samples.filter((s) => s.atSeconds >= duration - tenth).map(pick), 0.5);
  const xs = after.map((s) => s.atSeconds / 60);
  const ys = after.map(pick);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope =
    xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0) / (xs.reduce((sum, x) => sum + (x - mx) ** 2, 0) || 1);
  const growthMb = endMb - baseline;
  return {
    startMb: values[0]!,
    endMb,
    maxMb: Math.max(...values),
    growthMb,
    slopeMbPerMinute: slope,
    grows: growthMb > Math.max(20, baseline * 0.1),
  };
}
