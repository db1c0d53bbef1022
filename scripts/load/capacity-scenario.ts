import { quantile } from "./dashboard-load";
import { measurePhase } from "./phase";
import { errorCount, loadAverageText, machineLine, pageLoadsPerMinute } from "./report";
import type { ScenarioSettings } from "./scenarios";

/** What "holds" means in docs/scaling.md's table: every page load at p95 ≤ 200 ms, no errors. */
export const CAPACITY_P95_MS = 200;
/** Each step offers a quarter more than the last: coarse enough to finish in minutes, fine enough to compare layouts. */
const STEP = 1.25;
const MAX_STEPS = 10;

const round = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * The dashboard mix at rising rates (from --rate, a quarter more each step, --duration s each after
 * one warm-up) until a step misses p95 ≤ 200 ms or has an error: the highest rate that held is what
 * this layout holds. Should --rate itself miss, the steps go down a quarter at a time until one
 * holds. A paced run, not a flat-out one: flat out, latency is whatever the queue makes it.
 */
export async function capacityScenario(s: ScenarioSettings): Promise<string[]> {
  if (s.warmupSeconds > 0) {
    await measurePhase(s.cluster, s.visits, {
      seconds: s.warmupSeconds,
      connections: s.connections,
      pageLoadsPerMinute: s.rate,
    });
  }
  const rows: string[] = [];
  let held: number | undefined;
  let missed: number | undefined;
  let rate = s.rate;
  for (let step = 0; step < MAX_STEPS && rate >= 1; step++) {
    const phase = await measurePhase(s.cluster, s.visits, {
      seconds: s.seconds,
      connections: s.connections,
      pageLoadsPerMinute: rate,
    });
    const p95 = quantile(phase.run.pageLatencies, 0.95);
    const errors = errorCount(phase);
    const ok = p95 <= CAPACITY_P95_MS && errors === 0;
    console.log(`${round(rate)} offered: p95 ${round(p95)} ms, ${errors} errors; ${loadAverageText(phase)}`);
    rows.push(
      `| ${round(rate)} | ${round(pageLoadsPerMinute(phase))} | ${round(quantile(phase.run.pageLatencies, 0.5))} | ` +
        `${ok ? "" : "**"}${round(p95)}${ok ? "" : "**"} | ${errors} | ${loadAverageText(phase).replace("load average (1 min) ", "")} |`,
    );
    if (ok) held = rate;
    else missed = rate;
    // Up while every step holds, down while none has; done once one held and one missed.
    if (held !== undefined && missed !== undefined) break;
    rate = Math.round(held === undefined ? rate / STEP : rate * STEP);
  }
  return [
    machineLine(s.cluster, s.command),
    "",
    `The dashboard mix offered at rising rates, ${s.seconds} s each after a ${s.warmupSeconds} s warm-up, until a step's page-load ` +
      `p95 passed ${CAPACITY_P95_MS} ms or a request failed (down a quarter at a time if the first missed). ` +
      `**Holds: ${held === undefined ? `less than ${round(rate * STEP)}` : round(held)} page loads a minute.**`,
    "",
    "| Offered a minute | Completed a minute | Page p50 ms | Page p95 ms | Errors | Load average (1 min) |",
    "|---|---|---|---|---|---|",
    ...rows,
  ];
}
