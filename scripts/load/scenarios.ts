import { ABUSE_GOALS, codeVersion } from "../abuse/benchmark-section";
import { HOSTILE_REQUESTS } from "../abuse/hostile-requests";
import { abusiveClientLines, comparisonTable, comparisonVerdict } from "./abuse-report";
import type { Cluster } from "./cluster";
import { LoadAverage } from "./cpu";
import { quantile, type VisitQueue } from "./dashboard-load";
import { runExplorerWorkers, type QuestionQueue } from "./explorer-load";
import { judgeMemory, MemorySampler } from "./memory";
import { measurePhase, type PhaseResult } from "./phase";
import {
  errorCount,
  firstError,
  latencyTable,
  loadAverageText,
  machineLine,
  memoryLines,
  pageLoadsPerMinute,
  serverLine,
  verdict,
} from "./report";

export interface ScenarioSettings {
  cluster: Cluster;
  visits: VisitQueue;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Page loads a minute offered to the servers. */
  rate: number;
  /** The command line, as the benchmark notes quote it. */
  command: string;
  /** BASE_QUERY_CONCURRENCY the instances run with. */
  baseQueryConcurrency: number;
  /** DASHBOARD_BUSY_READS_PER_SECOND the instances run with (0: analysts' scans always take workers). */
  dashboardBusyReads: number;
}

const round = (n: number) => Math.round(n).toLocaleString("en-US");

function progress(name: string, phase: PhaseResult): void {
  const p95 = quantile(phase.run.pageLatencies, 0.95);
  console.log(
    `${name}: ${round(pageLoadsPerMinute(phase))} page loads/min, page p95 ${round(p95)} ms, ${errorCount(phase)} errors; ${loadAverageText(phase)}`,
  );
}

/** The first visitors after a start fill the caches: measured phases start after them. */
async function warmUp(s: ScenarioSettings): Promise<void> {
  if (s.warmupSeconds <= 0) return;
  progress(
    "warm-up",
    await measurePhase(s.cluster, s.visits, {
      seconds: s.warmupSeconds,
      connections: s.connections,
      pageLoadsPerMinute: s.rate,
    }),
  );
}

/** The dashboard mix at the target rate, then as fast as the servers answer. */
export async function dashboardScenario(s: ScenarioSettings): Promise<string[]> {
  await warmUp(s);
  const paced = await measurePhase(s.cluster, s.visits, {
    seconds: s.seconds,
    connections: s.connections,
    pageLoadsPerMinute: s.rate,
  });
  progress("at the target rate", paced);
  const flatOut = await measurePhase(s.cluster, s.visits, {
    seconds: s.seconds,
    connections: s.connections,
    pageLoadsPerMinute: 0,
  });
  progress("as fast as answered", flatOut);
  return [
    machineLine(s.cluster, s.command),
    "",
    `**At ${round(s.rate)} page loads a minute** (${s.seconds} s after a ${s.warmupSeconds} s warm-up, paced in 20 staggered autocannon instances; ${loadAverageText(paced)}):`,
    "",
    ...latencyTable(paced),
    "",
    verdict(paced),
    serverLine(paced),
    "",
    `**As fast as the server answers** (${s.seconds} s, ${s.connections} connections, no pacing; ${loadAverageText(flatOut)}): ` +
      `**${round(pageLoadsPerMinute(flatOut))} page loads a minute**, ${(flatOut.run.requests / flatOut.run.seconds).toFixed(0)} requests/s, ` +
      `page-load p95 ${round(quantile(flatOut.run.pageLatencies, 0.95))} ms, ${errorCount(flatOut)} errors${firstError(flatOut)}.`,
    "",
    ...latencyTable(flatOut),
    "",
    serverLine(flatOut),
  ];
}

/**
 * The dashboard mix at the target rate twice, the same length: without, then with a stranger
 * sending the abuse catalogue's requests, one every 10 ms on a connection of its own.
 */
export async function abuseScenario(s: ScenarioSettings): Promise<string[]> {
  await warmUp(s);
  const paced = { seconds: s.seconds, connections: s.connections, pageLoadsPerMinute: s.rate };
  const calm = await measurePhase(s.cluster, s.visits, paced);
  progress("without the abusive client", calm);
  const abused = await measurePhase(s.cluster, s.visits, { ...paced, abuse: { intervalMs: ABUSE_GOALS.intervalMs } });
  progress("with the abusive client", abused);
  return [
    `${machineLine(s.cluster, s.command, "The load generator (autocannon) and the abusive client run")} Code: ${codeVersion()}.`,
    "",
    `The dashboard mix at ${round(s.rate)} page loads a minute (paced in 20 staggered autocannon instances) for ${s.seconds} s without the abusive ` +
      `client, then ${s.seconds} s with it, after a ${s.warmupSeconds} s warm-up. The abusive client, a process of its own, sends the ` +
      `${HOSTILE_REQUESTS.length} requests of the abuse catalogue in turn, one every ${ABUSE_GOALS.intervalMs} ms, one at a time on its one kept-alive ` +
      "connection; the rate limit is off (RATE_LIMIT_PER_MINUTE=0), so every one reaches the server's analysis of the request.",
    "",
    ...comparisonTable(calm, abused),
    "",
    comparisonVerdict(calm, abused),
    ...abusiveClientLines(abused.abuse!),
    "",
    `**Without the abusive client** (${loadAverageText(calm)}):`,
    "",
    ...latencyTable(calm),
    "",
    serverLine(calm),
    "",
    `**With it** (${loadAverageText(abused)}; the server's CPU includes the refusals):`,
    "",
    ...latencyTable(abused),
    "",
    serverLine(abused),
  ];
}

/** Analysts' questions the instances have run without parallel workers so far, the dashboard being busy (a counter of theirs). */
async function questionsWithoutWorkers(cluster: Cluster): Promise<number> {
  const counts = await Promise.all(
    cluster.instances.map(async (instance) => {
      const text = await (await fetch(new URL("/metrics", instance))).text();
      return Number(/^sangkien_base_queries_without_workers_total\{lane="explorer"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Explorer questions no rollup answers: alone, then 0, 1, 2 and 4 of them running while the dashboard mix goes on. */
export async function explorerScenario(s: ScenarioSettings, questions: QuestionQueue): Promise<string[]> {
  const perQuestionAlone = 3;
  let asked = 0;
  const aloneLoad = new LoadAverage();
  const alone = await runExplorerWorkers(
    s.cluster.analystEntry ?? s.cluster.entry,
    questions,
    1,
    () => asked++ >= perQuestionAlone * 3,
  );
  const { start, end, max } = aloneLoad.stop();
  const byQuestion = new Map<string, number[]>();
  for (const a of alone.answered) byQuestion.set(a.question, [...(byQuestion.get(a.question) ?? []), a.ms]);
  console.log(`alone: ${[...byQuestion].map(([q, ms]) => `${q} p50 ${round(quantile(ms, 0.5))} ms`).join("; ")}`);

  await warmUp(s);
  const rows: string[] = [];
  const dashboardErrors: string[] = [];
  const explorerFailures: string[] = [];
  for (const workers of [0, 1, 2, 4]) {
    const serialBefore = await questionsWithoutWorkers(s.cluster);
    const phase = await measurePhase(s.cluster, s.visits, {
      seconds: s.seconds,
      connections: s.connections,
      pageLoadsPerMinute: s.rate,
      explorers: { workers, questions },
    });
    progress(`${workers} explorer questions at once`, phase);
    const answered = phase.explorer?.answered.map((a) => a.ms) ?? [];
    const pages = phase.run.pageLatencies;
    rows.push(
      `| ${workers} | ${round(pageLoadsPerMinute(phase))} | ${round(quantile(pages, 0.5))} | **${round(quantile(pages, 0.95))}** | ${round(quantile(pages, 0.99))} | ` +
        `${errorCount(phase)} | ${answered.length} | ${answered.length ? `${round(quantile(answered, 0.5))} / ${round(quantile(answered, 0.95))}` : "–"} | ` +
        `${round((await questionsWithoutWorkers(s.cluster)) - serialBefore)} | ` +
        `${phase.explorer?.busy.length ?? 0} | ${phase.explorer?.failed.length ?? 0} | ${loadAverageText(phase).replace("load average (1 min) ", "")} |`,
    );
    if (phase.run.errorSamples.length)
      dashboardErrors.push(`with ${workers} in flight: ${phase.run.errorSamples.join(", ")}`);
    if (phase.explorer?.failed.length) explorerFailures.push(`with ${workers} in flight: ${phase.explorer.failed[0]}`);
  }
  return [
    machineLine(s.cluster, s.command),
    "",
    `Questions (Explorer settings; each asked on a day no other run used, so never from the answer cache), alone on the idle server, ${perQuestionAlone} runs each ` +
      `(load average (1 min) ${start.toFixed(1)} → ${end.toFixed(1)}, max ${max.toFixed(1)}):`,
    "",
    "| Question | Source | p50 ms | max ms |",
    "|---|---|---|---|",
    ...[...byQuestion].map(
      ([q, ms]) => `| \`${q}\` | initiative | ${round(quantile(ms, 0.5))} | ${round(Math.max(...ms))} |`,
    ),
    ...(alone.failed.length ? ["", `Failed alone: ${alone.failed.join("; ")}`] : []),
    "",
    `Then the dashboard mix at ${round(s.rate)} page loads a minute (${s.seconds} s each, after a ${s.warmupSeconds} s warm-up) while analysts keep 0, 1, 2 or 4 ` +
      `such questions in flight (each asks the next as soon as one is answered). The server runs BASE_QUERY_CONCURRENCY=${s.baseQueryConcurrency} ` +
      "in each lane (the dashboard's own fields; `analytics`, which the Explorer, the map and exports use) and BASE_QUERY_WAIT_MS=5000: " +
      "past the limit a question waits, and after 5 s is refused with SERVER_BUSY. " +
      (s.dashboardBusyReads > 0
        ? `While the dashboard's fields ask the engine ${s.dashboardBusyReads} times a second or more (DASHBOARD_BUSY_READS_PER_SECOND), analysts' questions run without parallel workers.`
        : "Analysts' questions always run with parallel workers (DASHBOARD_BUSY_READS_PER_SECOND=0)."),
    "",
    "| Explorer questions in flight | Page loads/min | Page p50 ms | Page p95 ms | Page p99 ms | Dashboard errors | Questions answered | Their p50 / p95 ms | Run without workers | Refused (SERVER_BUSY) | Other failures | Load average (1 min) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    ...(dashboardErrors.length ? ["", `Dashboard errors (up to five each): ${dashboardErrors.join("; ")}.`] : []),
    ...(explorerFailures.length
      ? ["", `Explorer failures other than SERVER_BUSY (the first): ${explorerFailures.join("; ")}.`]
      : []),
  ];
}

/** The dashboard mix at the target rate for a long stretch, with each instance's memory every 10 s. */
export async function soakScenario(s: ScenarioSettings): Promise<string[]> {
  const sampler = new MemorySampler(s.cluster.instances);
  const phase = await measurePhase(s.cluster, s.visits, {
    seconds: s.seconds,
    connections: s.connections,
    pageLoadsPerMinute: s.rate,
  });
  const samples = await sampler.stop();
  progress("soak", phase);
  const rss = s.cluster.instances.map((_, i) => judgeMemory(samples, (sample) => sample.rssMb[i]!));
  const heap = s.cluster.instances.map((_, i) => judgeMemory(samples, (sample) => sample.heapMb[i]!));
  const byMinute = samples.filter(
    (sample, i) => i === 0 || Math.floor(sample.atSeconds / 60) > Math.floor(samples[i - 1]!.atSeconds / 60),
  );
  return [
    machineLine(s.cluster, s.command),
    "",
    `**${s.seconds / 60} minutes at ${round(s.rate)} page loads a minute** from a fresh start (no warm-up: the first minutes fill the caches), ` +
      `paced in 20 staggered autocannon instances; ${loadAverageText(phase)}:`,
    "",
    ...latencyTable(phase),
    "",
    verdict(phase),
    serverLine(phase),
    "",
    `Errors by when they came: ${phase.run.errorTimes.filter((t) => t < 120).length} in the first two minutes (caches filling), ` +
      `${phase.run.errorTimes.filter((t) => t >= 120).length} after.`,
    "",
    ...memoryLines(samples, rss),
    ...heap.map(
      (v, i) =>
        `- Instance ${i + 1}: JavaScript heap in use ${v.startMb.toFixed(0)} → ${v.endMb.toFixed(0)} MB, at most ${v.maxMb.toFixed(0)} MB; ` +
        `${v.growthMb >= 0 ? "+" : ""}${v.growthMb.toFixed(1)} MB after the warm-up, slope ${v.slopeMbPerMinute.toFixed(2)} MB/min (${v.grows ? "grows" : "no growth"}).`,
    ),
    `- Each minute, resident / heap in use (MB): ${byMinute.map((sample) => sample.rssMb.map((m, i) => `${m.toFixed(0)}/${sample.heapMb[i]!.toFixed(0)}`).join(" · ")).join(", ")}.`,
  ];
}
