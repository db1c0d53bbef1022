import { userError } from "../../common/errors";
import { ConcurrencyLimit, WaitExceededError } from "../../common/concurrency-limit";
import { countBaseQueryRefused, observeBaseQueries } from "../../observability/metrics";
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

  constructor(concurrency: number, maxWaitMs: number) {
    const lane = (name: BaseQueryLane) => new ConcurrencyLimit(concurrency, maxWaitMs, {
      changed: (running, queued) => observeBaseQueries(name, running, queued),
      refused: () => countBaseQueryRefused(name),
    });
    this.lanes = { dashboard: lane("dashboard"), explorer: lane("explorer") };
  }

  async run<T>(lane: BaseQueryLane, work: () => Promise<T>): Promise<T> {
    try {
      return await this.lanes[lane].run(work);
    } catch (error) {
      if (!(error instanceof WaitExceededError)) throw error;
      throw userError(
        "SERVER_BUSY",
        `This question reads every initiative (no summary table answers it). Such questions run at most ${error.limit} at a time, ` +
          `and none finished within ${error.waitedMs} ms: the server is busy; try again shortly.`,
      );
    }
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
