import { userError } from "../../common/errors";
import { ConcurrencyLimit, WaitExceededError } from "../../common/concurrency-limit";
import { RecentActivity } from "../../common/recent-activity";
import { countBaseQueryRefused, countBaseQueryWithoutWorkers, observeBaseQueries } from "../../observability/metrics";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";

/**
 * Whose question it is: the dashboard's own fields (overview, rankings, unit drill-down, targets,
 * time series, shares), or anything else (`analytics`: the Explorer, CSV exports, API callers).
 */
export type BaseQueryLane = "dashboard" | "explorer";

/**
 * Keeps questions no rollup answers (each scans the whole initiative table, for seconds) from
 * starving the dashboard's reads, which take milliseconds: at most `concurrency` run at once in
 * each lane, the others wait their turn for at most `maxWaitMs` and are then refused with
 * SERVER_BUSY. The dashboard has scans of its own (an overview under a filter counts distinct
 * submitters on the base table); in a lane of their own they never queue behind analysts' questions.
 *
 * A limit on the shared pool rather than a second, smaller pool: what base queries exhaust on a
 * small machine is PostgreSQL's CPU and I/O, not connections, and a second pool would open more
 * connections for the same work. Under the limit they hold at most twice `concurrency` of the
 * pool's connections (config keeps that below DB_POOL_SIZE), so rollup reads always find one,
 * and a refused caller learns at once that the server is busy instead of timing out.
 */
export class BaseQueryGate {
  private readonly lanes: Record<BaseQueryLane, ConcurrencyLimit>;
  /** The dashboard's reads that reached the engine in the last second (its response-cache misses). */
  private readonly dashboardReads = new RecentActivity(1000);

  constructor(
    concurrency: number,
    maxWaitMs: number,
    /**
     * Dashboard reads a second (past its response cache) from which the dashboard counts as busy,
     * and the explorer lane's scans run in one process (see run); 0: never busy. A leader paging
     * through the dashboard asks a few a second; 3,000 page loads a minute, a hundred or more.
     */
    private readonly busyDashboardReads = 0,
  ) {
    const lane = (name: BaseQueryLane) =>
      new ConcurrencyLimit(concurrency, maxWaitMs, {
        changed: (running, queued) => observeBaseQueries(name, running, queued),
        refused: () => countBaseQueryRefused(name),
      });
    this.lanes = { dashboard: lane("dashboard"), explorer: lane("explorer") };
  }

  /** Notes a read by the dashboard's own fields (the signal that the dashboard is busy). */
  noteDashboardRead(): void {
    this.dashboardReads.note();
  }

  /**
   * Runs `work` in the lane's turn. `work` is told whether its scan may take PostgreSQL's parallel
   * workers: the dashboard's always; an analyst's only while the dashboard is quiet. On two cores a
   * parallel scan takes both for about a second; in one process it leaves a core to the dashboard,
   * whose p95 under load with one such question in flight was 75 ms against 108 ms (docs/benchmarks.md).
   */
  async run<T>(lane: BaseQueryLane, work: (workers: boolean) => Promise<T>): Promise<T> {
    try {
      return await this.lanes[lane].run(() => {
        const workers = lane === "dashboard" || !this.dashboardBusy();
        if (!workers) countBaseQueryWithoutWorkers(lane);
        return work(workers);
      });
    } catch (error) {
      if (!(error instanceof WaitExceededError)) throw error;
      throw userError(
        "SERVER_BUSY",
        `This question reads every initiative (no summary table answers it). Such questions run at most ${error.limit} at a time, ` +
          `and none finished within ${error.waitedMs} ms: the server is busy; try again shortly.`,
      );
    }
  }

  private dashboardBusy(): boolean {
    return this.busyDashboardReads > 0 && this.dashboardReads.count() >= this.busyDashboardReads;
  }
}

/**
 * Questions confined to some units' subtrees (a unit filter, or the children of a unit below the
 * confederation) read only those units' initiatives, through the unit and top-unit indexes: the
 * dashboard's unit pages ask them on every visit, in tens to hundreds of milliseconds. They are not
 * gated: queued behind seconds-long explorer scans, the unit pages would starve instead.
 */
export function readsWholeBaseTable(query: NormalizedQuery): boolean {
  const narrowedToUnits = query.filters.some((f) => f.dimension === UNIT_DIMENSION && f.operator !== "NOT_IN");
  const belowUnit = query.dimensions.includes(UNIT_DIMENSION) && query.parentUnit.tier !== 0;
  return !narrowedToUnits && !belowUnit;
}
