import { AbusiveClient } from "./abuse-load";
import type { AbusiveClientSummary } from "./abusive-client";
import type { Cluster } from "./cluster";
import { LoadAverage, ownCpuSeconds, treeCpuSeconds } from "./cpu";
import { driveDashboard, type DashboardRun, type VisitQueue } from "./dashboard-load";
import { runExplorerWorkers, type ExplorerStats, type QuestionQueue } from "./explorer-load";
import { MetricsWindow } from "./server-metrics";

export interface PhaseSettings {
  seconds: number;
  connections: number;
  /** Page loads per minute offered (0: as fast as answered). */
  pageLoadsPerMinute: number;
  /** Analysts asking base-table questions meanwhile. */
  explorers?: { workers: number; questions: QuestionQueue };
  /** A stranger sending the abuse catalogue's requests meanwhile, one every so many milliseconds. */
  abuse?: { intervalMs: number };
}

export interface PhaseResult {
  settings: PhaseSettings;
  run: DashboardRun;
  /** What the servers counted meanwhile, summed over instances. */
  server: {
    responseHits: number;
    responseMisses: number;
    cacheHits: number;
    cacheMisses: number;
    rollupAnswers: number;
    baseAnswers: number;
    baseRefused: number;
  };
  /** CPU seconds used meanwhile: the server instances, PostgreSQL (when this script runs it), the load generator and proxy. */
  cpu: { server: number; postgres: number | undefined; generator: number };
  loadAverage: { start: number; end: number; max: number };
  explorer?: ExplorerStats;
  abuse?: AbusiveClientSummary;
}

/** One measured stretch of dashboard load (and explorer questions), with what it cost the machine. */
export async function measurePhase(
  cluster: Cluster,
  visits: VisitQueue,
  settings: PhaseSettings,
): Promise<PhaseResult> {
  // Started first: its process's start-up is not part of the phase.
  const abusive = settings.abuse ? await AbusiveClient.start(cluster.entry, settings.abuse.intervalMs) : undefined;
  const load = new LoadAverage();
  const metrics = await MetricsWindow.open(cluster.instances);
  const cpuBefore = cpuNow(cluster);
  let dashboardDone = false;
  const explorer =
    settings.explorers && settings.explorers.workers > 0
      ? runExplorerWorkers(
          cluster.analystEntry ?? cluster.entry,
          settings.explorers.questions,
          settings.explorers.workers,
          () => dashboardDone,
        )
      : undefined;
  const run = await driveDashboard(cluster.entry, visits, settings).catch(async (error: unknown) => {
    await abusive?.stop().catch(() => undefined);
    throw error;
  });
  dashboardDone = true;
  const explorerStats = await explorer;
  const abuseStats = await abusive?.stop();
  const cpuAfter = cpuNow(cluster);
  await metrics.close();
  return {
    settings,
    run,
    server: {
      responseHits: metrics.grew("sangkien_response_cache_lookups_total", { store: "memory", result: "hit" }),
      responseMisses: metrics.grew("sangkien_response_cache_lookups_total", { store: "memory", result: "miss" }),
      cacheHits: metrics.grew("sangkien_analytics_cache_lookups_total", { result: "hit" }),
      cacheMisses: metrics.grew("sangkien_analytics_cache_lookups_total", { result: "miss" }),
      rollupAnswers: metrics.grew("sangkien_analytics_answers_total", { source: "rollup" }),
      baseAnswers: metrics.grew("sangkien_analytics_answers_total", { source: "base" }),
      baseRefused: metrics.grew("sangkien_base_queries_refused_total"),
    },
    cpu: {
      server: metrics.grew("process_cpu_seconds_total"),
      postgres: cpuBefore.postgres === undefined ? undefined : cpuAfter.postgres! - cpuBefore.postgres,
      generator: cpuAfter.generator - cpuBefore.generator,
    },
    loadAverage: load.stop(),
    ...(explorerStats ? { explorer: explorerStats } : {}),
    ...(abuseStats ? { abuse: abuseStats } : {}),
  };
}

function cpuNow(cluster: Cluster) {
  return {
    postgres: cluster.postgresPid === undefined ? undefined : treeCpuSeconds(cluster.postgresPid),
    generator: ownCpuSeconds() + (cluster.proxyPid === undefined ? 0 : treeCpuSeconds(cluster.proxyPid)),
  };
}
