import type { DataSource } from "typeorm";
import { userError } from "../common/errors";
import { loadCatalogue, type Catalogue } from "./catalogue";
import type { ParentUnit } from "./query/analytics-query";

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** What the engine needs to know about the loaded data, refreshed when its data version changes. */
export interface DataState {
  dataVersion: string;
  synthetic: boolean;
  catalogue: Catalogue;
  /** The Vietnam midnight after the last event: the default as-of. */
  dataEnd: number;
  /** The Vietnam midnight of the first submission: where time series begin. */
  dataStart: number;
}

export class DataStateCache {
  private cached: DataState | undefined;

  constructor(private readonly db: DataSource) {}

  async current(): Promise<DataState> {
    const [row] = (await this.db.query(`SELECT data_version, kind FROM dataset WHERE is_current`)) as Array<{ data_version: string; kind: string }>;
    if (!row) throw userError("NO_DATASET", "No dataset is loaded yet: run `npm run seed` or import a portal export.");
    if (this.cached?.dataVersion === row.data_version) return this.cached;
    const [end] = (await this.db.query(
      `SELECT min(submitted_at) AS first, greatest(max(submitted_at), max(decided_at)) AS last FROM initiative`,
    )) as Array<{ first: Date | null; last: Date | null }>;
    const last = end?.last ? end.last.getTime() : Date.now();
    const first = end?.first ? end.first.getTime() : last;
    const dataStart = Math.floor((first + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
    const dataEnd = Math.floor((last + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - VIETNAM_OFFSET_MS;
    this.cached = { dataVersion: row.data_version, synthetic: row.kind === "demo", catalogue: await loadCatalogue(this.db), dataEnd, dataStart };
    return this.cached;
  }

  async findUnit(code: string): Promise<ParentUnit | null> {
    const [unit] = (await this.db.query(`SELECT id, code, path, depth, tier FROM unit WHERE code = $1`, [code])) as ParentUnit[];
    return unit ?? null;
  }
}
