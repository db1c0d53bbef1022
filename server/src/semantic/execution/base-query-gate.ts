import { userError } from "../../common/errors";
import { ConcurrencyLimit, WaitExceededError } from "../../common/concurrency-limit";
import { countBaseQueryRefused, observeBaseQueries } from "../../observability/metrics";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";

/**
 * Keeps questions no rollup answers (each scans the whole initiative table, for seconds) from
 * starving the dashboard's reads, which take milliseconds: at most `concurrency` run at once,
 * the others wait their turn for at most `maxWaitMs` and are then refused with SERVER_BUSY.
 *
 * A limit on the shared pool rather than a second, smaller pool: what base queries exhaust on a
 * small machine is PostgreSQL's CPU and I/O, not connections, and a second pool would open more
 * connections for the same work. Under the limit they can hold at most `concurrency` of the
 * pool's connections (config keeps it below DB_POOL_SIZE), so dashboard reads always find one,
 * and a refused caller learns at once that the server is busy instead of timing out.
 */
export class BaseQueryGate {
  private readonly limit: ConcurrencyLimit;

  constructor(concurrency: number, maxWaitMs: number) {
    this.limit = new ConcurrencyLimit(concurrency, maxWaitMs, { changed: observeBaseQueries, refused: countBaseQueryRefused });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.limit.run(work);
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
