import { ABUSE_GOALS } from "../abuse/benchmark-section";
import type { AbusiveClientSummary } from "./abusive-client";
import { quantile } from "./dashboard-load";
import type { PhaseResult } from "./phase";
import { errorCount, loadAverageText, pageLoadsPerMinute } from "./report";

const fixed = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";

/** The page-load p95 with the abusive client over the p95 without it. */
export function p95Ratio(calm: PhaseResult, abused: PhaseResult): number {
  return quantile(abused.run.pageLatencies, 0.95) / quantile(calm.run.pageLatencies, 0.95);
}

/** The two runs side by side, as readers saw their pages. */
export function comparisonTable(calm: PhaseResult, abused: PhaseResult): string[] {
  const row = (label: string, phase: PhaseResult) => {
    const pages = phase.run.pageLatencies;
    return (
      `| ${label} | ${fixed(pageLoadsPerMinute(phase))} | ${fixed(quantile(pages, 0.5))} | **${fixed(quantile(pages, 0.95))}** | ` +
      `${fixed(quantile(pages, 0.99))} | ${fixed(errorCount(phase))} | ${loadAverageText(phase).replace("load average (1 min) ", "")} |`
    );
  };
  return [
    "| Run | Page loads/min | Page p50 ms | Page p95 ms | Page p99 ms | Dashboard errors | Load average (1 min) |",
    "|---|---|---|---|---|---|---|",
    row("without the abusive client", calm),
    row(`with it (a refused request every ${abused.abuse?.intervalMs ?? ABUSE_GOALS.intervalMs} ms)`, abused),
  ];
}

export function comparisonVerdict(calm: PhaseResult, abused: PhaseResult): string {
  const ratio = p95Ratio(calm, abused);
  const met = ratio <= ABUSE_GOALS.p95Ratio && errorCount(abused) === 0;
  const change = (ratio - 1) * 100;
  return (
    `${met ? "**Goal met**" : "**Goal missed**"}: page-load p95 ${fixed(quantile(abused.run.pageLatencies, 0.95))} ms with the abusive client, ` +
    `${fixed(quantile(calm.run.pageLatencies, 0.95))} ms without: ×${fixed(ratio, 2)} (${change >= 0 ? "+" : ""}${fixed(change)}%; ` +
    `goal at most +${fixed((ABUSE_GOALS.p95Ratio - 1) * 100)}%), ${fixed(errorCount(abused))} dashboard errors meanwhile.`
  );
}

/** What the abusive client sent, whether every request was refused as the catalogue says, and how fast under the load. */
export function abusiveClientLines(abuse: AbusiveClientSummary): string[] {
  const { latencies } = abuse;
  const slow = Object.entries(abuse.byRequest)
    .filter(([, r]) => r.maxMs >= ABUSE_GOALS.refusalMs)
    .sort((a, b) => b[1].maxMs - a[1].maxMs);
  const wrong = abuse.unexpected + abuse.transportErrors;
  return [
    `The abusive client sent **${fixed(abuse.sent)} hostile requests** in ${fixed(abuse.seconds)} s (${fixed(abuse.sent / abuse.seconds)} a second; ` +
      `${fixed(abuse.skippedSlots)} slots of ${abuse.intervalMs} ms passed with none sent, the previous answer still coming), ` +
      `the ${Object.keys(abuse.byRequest).length} requests of the catalogue in turn: ` +
      (wrong === 0
        ? "**every one refused with its status and code**."
        : `**${fixed(wrong)} not refused as expected** (${fixed(abuse.unexpected)} other answers, ${fixed(abuse.transportErrors)} without an answer): ${abuse.samples.join("; ")}.`),
    `Its refusals under the load took p50 ${fixed(quantile(latencies, 0.5), 1)} ms, p95 ${fixed(quantile(latencies, 0.95), 1)} ms, ` +
      `max ${fixed(Math.max(...latencies), 1)} ms; ${fixed(latencies.filter((ms) => ms >= ABUSE_GOALS.refusalMs).length)} of ${fixed(latencies.length)} ` +
      `took ${ABUSE_GOALS.refusalMs} ms or more` +
      (slow.length
        ? ` (slowest: ${slow
            .slice(0, 5)
            .map(([name, r]) => `${name} ${fixed(r.maxMs)} ms`)
            .join(", ")})`
        : "") +
      `. The client itself used ${fixed(abuse.cpuSeconds, 1)} CPU seconds.`,
  ];
}
