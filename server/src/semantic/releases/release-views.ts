import type { DataSource } from "typeorm";
import type { Role } from "../../auth/roles";
import { badInput } from "../../common/errors";
import { readDatasetAt } from "../../db/current-dataset";
import { rollupsMatchRegistry } from "../../db/aggregates/rollup-builder";
import { keptSchemaOf, listReleases, type ReleaseRecord } from "../../db/releases/release-store";
import { readState, type DataState } from "../data-state";

/** What `release:` says for the live data. */
export const LIVE = "live";

type Reader = Pick<DataSource, "query">;

/** A data version a load replaced, answered from the schema its tables were kept in (db/releases/keep-version.ts). */
export interface KeptVersion {
  schema: string;
  data: DataState;
  /** Runs each statement with the kept schema first in the search path. */
  reader: Reader;
  /** The rollups were built by another version of the code than this one's registry: the version is answered from its base table. */
  baseOnly: boolean;
}

/**
 * Which release a question is asked of, and where its figures are: the published releases (re-read
 * after `recheckMs`, at once after a local publication) and the kept versions (read once each: a kept
 * version never changes). No answer is kept here: the engine's caches are keyed by data version.
 */
export class ReleaseViews {
  private list: Promise<ReleaseRecord[]> | undefined;
  private listedAt = 0;
  private readonly kept = new Map<string, Promise<KeptVersion | null>>();

  constructor(
    private readonly db: DataSource,
    private readonly recheckMs: number,
  ) {}

  /** Every published release, newest first. */
  releases(): Promise<ReleaseRecord[]> {
    if (!this.list || Date.now() - this.listedAt >= this.recheckMs) {
      this.listedAt = Date.now();
      const reading = listReleases(this.db);
      this.list = reading;
      reading.catch(() => {
        if (this.list === reading) this.list = undefined;
      });
    }
    return this.list;
  }

  /** A publication here: the next question reads the list again. */
  invalidate(): void {
    this.list = undefined;
  }

  /**
   * The release a question is asked of: `requested` by id, "live" for none; absent, the newest
   * release for the public and the live data for token holders (and for everyone before the first).
   */
  async resolve(requested: string | undefined, role: Role): Promise<ReleaseRecord | null> {
    if (requested === LIVE) return null;
    const list = await this.releases();
    if (requested === undefined) return role === "public" ? (list[0] ?? null) : null;
    const found = list.find((r) => r.id === requested) ?? (await listReleases(this.db)).find((r) => r.id === requested);
    if (!found)
      throw badInput(
        `Unknown release "${requested}": ask \`releases\` for the published ones, or give "${LIVE}" for the live data.`,
        { argument: "release" },
      );
    return found;
  }

  /** The kept copy of `dataVersion`, or null while its tables are still the live ones. */
  keptVersion(dataVersion: string): Promise<KeptVersion | null> {
    let known = this.kept.get(dataVersion);
    if (!known) {
      known = this.readKept(dataVersion);
      this.kept.set(dataVersion, known);
    }
    // Only a kept version is remembered: one not kept yet may be kept by the next load.
    void known.then(
      (k) => k ?? this.kept.delete(dataVersion),
      () => this.kept.delete(dataVersion),
    );
    return known;
  }

  private async readKept(dataVersion: string): Promise<KeptVersion | null> {
    const schema = await keptSchemaOf(this.db, dataVersion);
    if (!schema) return null;
    const reader = schemaReader(this.db, schema);
    const dataset = await readDatasetAt(this.db, dataVersion);
    const data = dataset && (await readState(reader, dataset));
    if (!data) throw new Error(`data version ${dataVersion} is kept in ${schema} but has no dataset row`);
    // The kept rollups carry the stamp of the code that built them (copied with them): another build's are not read.
    return { schema, data, reader, baseOnly: !(await rollupsMatchRegistry(reader)) };
  }
}

/** The search path that reads a kept schema's tables in place of the live ones (the rest, e.g. `dataset`, from public). */
export const searchPathOf = (schema: string) => `SET LOCAL search_path TO ${schema}, public`;

function schemaReader(db: DataSource, schema: string): Reader {
  return {
    query: (text: string, parameters?: unknown[]) =>
      db.transaction(async (manager) => {
        await manager.query(searchPathOf(schema));
        return manager.query(text, parameters);
      }),
  } as Reader;
}
