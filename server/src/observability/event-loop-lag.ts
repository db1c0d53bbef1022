import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { DEFAULT_EVENT_LOOP_LAG_LIMIT_MS } from "../config/config";

/** The lag judged is the longest delay of the event loop over the last 5 to 10 seconds. */
const WINDOW_MS = 5000;

let limitMs = DEFAULT_EVENT_LOOP_LAG_LIMIT_MS;
let histogram: IntervalHistogram | undefined;
let previousWindowMaxMs = 0;

/**
 * How late the event loop runs what is due: every request waits that long on top of its own work.
 * A loop blocked outright is the watchdog's (watchdog/); a loop that lags is still serving, slowly,
 * so /readyz turns this instance away while it lags more than the limit, and says by how much.
 * Measured by Node's own histogram (a timer every 20 ms, in C++) over two windows: the one under
 * way and the last complete one, so a stall is still seen for a while after it ends.
 */
export function watchEventLoopLag(limit?: number): void {
  if (limit !== undefined) limitMs = limit;
  if (histogram) return;
  const h = (histogram = monitorEventLoopDelay({ resolution: 20 }));
  h.enable();
  setInterval(() => {
    previousWindowMaxMs = h.max / 1e6;
    h.reset();
  }, WINDOW_MS).unref();
}

/** Milliseconds; 0 until watched. */
export function eventLoopLagMs(): number {
  if (!histogram) return 0;
  // An empty histogram's max is 0; its delays include the 20 ms resolution itself.
  return Math.max(0, Math.round(Math.max(previousWindowMaxMs, histogram.max / 1e6) - 20));
}

/** For /readyz: the lag, and whether it is within the limit (0: never judged). */
export function checkEventLoopLag(): { ok: boolean; detail: string } {
  watchEventLoopLag();
  const lagMs = eventLoopLagMs();
  if (limitMs > 0 && lagMs > limitMs) return { ok: false, detail: `lagging ${lagMs} ms (limit ${limitMs} ms)` };
  return { ok: true, detail: `lag ${lagMs} ms` };
}
