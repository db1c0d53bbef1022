import type { DataSource, EntityManager } from "typeorm";
import { userError } from "../common/errors";
import { DAY_MS, VIETNAM_OFFSET_MS } from "../common/vietnam-time";
import { dataLoadsCommitted } from "../db/data-loads";
import { readCurrentDataset, type CurrentDataset } from "../db/current-dataset";
import { loadCatalogue, type Catalogue } from "./catalogue";

/** What the engine needs to know about the loaded data, refreshed when its data version changes. */
export interface DataState {
  dataVersion: string;
  /** The `dataset` row the figures come from. */
  dataset: CurrentDataset;
  synthetic: boolean;
  catalogue: Catalogue;
  /** The Vietnam midnight after the last event: the default as-of. */
  dataEnd: number;
  /** The Vietnam midnight of the first submission: where time series begin. */
  dataStart: number;
  /** The programme's own targets by phase (the confederation's: 300,000 and 700,000). */
  nationalTargets: Map<number, number>;
}

export class DataStateCache {
  private cached: DataState | undefined;
  private checkedAt = 0;
  /** Bumped by invalidate(): a read that started before it must not mark the old answer fresh. */
  private generation = 0;
  private loadsSeen = dataLoadsCommitted();
  private readonly changeListeners: Array<(dataVersion: string) => void> = [];

  /** `recheckMs`: how long a known data version is trusted before asking the database again. */
  constructor(
    private readonly db: Pick<DataSource, "query"> & Partial<Pick<DataSource, "transaction">>,
    private readonly recheckMs = 1000,
  ) {}

  async current(): Promise<DataState> {
    if (this.cached && Date.now() - this.checkedAt < this.recheckMs && this.loadsSeen === dataLoadsCommitted())
      return this.cached;
    // Counted before the query: a load committing while it runs is seen on the next call.
    const loads = dataLoadsCommitted();
    const generation = this.generation;
    const row = await readCurrentDataset(this.db);
    if (!row) throw userError("NO_DATASET", "No dataset is loaded yet: run `npm run seed` or import a portal export.");
    if (this.cached?.dataVersion === row.dataVersion) {
      // A publication changes no figure of the live data, only which release the public reads by default.
      if (this.cached.dataset.latestRelease !== row.latestRelease) this.cached = { ...this.cached, dataset: row };
      if (generation === this.generation) this.checkedAt = Date.now();
      this.loadsSeen = loads;
      return this.cached;
    }
    // The rest in one snapshot with the version it belongs to: a load committing (or a replica replaying
    // one) between two of these reads would otherwise pair one version's dates with another's number.
    // (A bare query function, as some tests give, reads statement by statement.)
    const state = await (this.db.transaction
      ? this.db.transaction("REPEATABLE READ", (manager) => readState(manager))
      : readState(this.db, row));
    if (!state)
      throw userError("NO_DATASET", "No dataset is loaded yet: run `npm run seed` or import a portal export.");
    // Decided after the awaits: of two calls racing through a change, only the first reports it.
    const changed = this.cached !== undefined && this.cached.dataVersion !== state.dataVersion;
    this.cached = state;
    if (changed) for (const listener of this.changeListeners) listener(state.dataVersion);
    // Only a complete refresh is trusted: one cut short (the database went away half-way) is tried again on the next call,
    // rather than serving the previous version's state for the new version's data.
    if (generation === this.generation) this.checkedAt = Date.now();
    this.loadsSeen = loads;
    return this.cached;
  }

  /** The data version last read, without asking the database; undefined before the first read. */
  get knownVersion(): string | undefined {
    return this.cached?.dataVersion;
  }

  /** The version caches of public answers are keyed by: the data version and the newest release (the public's default). */
  get knownResponseVersion(): string | undefined {
    return this.cached && responseVersionOf(this.cached);
  }

  /** Another instance announced a load: the next call reads the version again instead of trusting it until the recheck. */
  invalidate(): void {
    this.checkedAt = 0;
    this.generation++;
  }

  /** `listener` gets the new version each time a read finds the data changed since the one before (not on the first read). */
  onVersionChange(listener: (dataVersion: string) => void): void {
    this.changeListeners.push(listener);
  }
}

/** The data version, and the newest release when there is one ("12~2023-10-06.2"): what keys the public's cached answers. */
export function responseVersionOf(state: DataState): string {
  return state.dataset.latestRelease ? `${state.dataVersion}~${state.dataset.latestRelease}` : state.dataVersion;
}

/** Everything DataState holds, read by `db` (one transaction's snapshot, unless `known` is the dataset row read before); null before the first load. */
export async function readState(db: Pick<EntityManager, "query">, known?: CurrentDataset): Promise<DataState | null> {
  const row = known ?? (await readCurrentDataset(db));
  if (!row) return null;
  const [end] = (await db.query(
    `SELECT min(submitted_at) AS first, greatest(max(submitted_at), max(decided_at)) AS last FROM initiative`,
  )) as Array<{ first: Date | null; last: Date | null }>;
  const last = end?.last ? end.last.getTime() : Date.now();
  const first = end?.first ? end.first.getTime() : last;
  const dataStart = Math.floor((first + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
  const dataEnd = Math.floor((last + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - VIETNAM_OFFSET_MS;
  const targets = (await db.query(
    `SELECT t.phase_id, t.target FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.tier = 0`,
  )) as Array<{ phase_id: number; target: number }>;
  const catalogue = await loadCatalogue(db);
  return {
    dataVersion: row.dataVersion,
    dataset: row,
    synthetic: row.kind === "demo",
    catalogue,
    dataEnd,
    dataStart,
    nationalTargets: new Map(targets.map((t) => [t.phase_id, t.target])),
  };
}
