import type { DataSource } from "typeorm";
import { SharedComputations } from "../../cache/lru";
import type { ReleaseRecord } from "../../db/releases/release-store";
import type { AskContext } from "../answer/answer";
import type { DataState, DataStateCache } from "../data-state";
import { DataVersionMoved } from "../execution/version-guard";
import type { SmallCellGuard } from "../privacy/small-cell-guard";
import { UnitDirectory } from "../units/unit-directory";
import type { ReleaseViews } from "./release-views";

/** Who asks for which release (`AskContext`'s part the release depends on). */
export type ReleaseAsked = Pick<AskContext, "release" | "role">;

/**
 * Where a question's figures are read: the live tables (checked against the data version by the
 * version guard), or a kept version's schema (a release whose data a load has replaced since).
 */
export interface DataView {
  release: ReleaseRecord | null;
  data: DataState;
  units: UnitDirectory;
  guard: SmallCellGuard;
  reader: Pick<DataSource, "query">;
  /** The kept schema read through the search path; absent for the live tables. */
  schema?: string;
  /** Answer from the base table (the kept rollups are another build's). */
  baseOnly?: boolean;
}

/** The live data's view parts, owned by the engine. */
export interface LiveParts {
  db: DataSource;
  data: DataStateCache;
  units: UnitDirectory;
  guard: SmallCellGuard;
}

/** Each caller's view: its release resolved, then the live tables or the kept schema; kept views built once per version. */
export class DataViews {
  private readonly kept = new SharedComputations<Omit<DataView, "release">>(16);

  constructor(
    private readonly live: LiveParts,
    readonly releases: ReleaseViews,
    private readonly protectionOf: (units: UnitDirectory) => SmallCellGuard,
  ) {}

  /** The release a caller's figures come from: null for the live data. Unknown ids are refused (BAD_USER_INPUT). */
  releaseFor(ctx: ReleaseAsked): Promise<ReleaseRecord | null> {
    return this.releases.resolve(ctx.release, ctx.role ?? "public");
  }

  /**
   * Where the caller's release is read: the live tables while its version is the live one, else the
   * schema it was kept in. DataVersionMoved when neither holds yet (a load committing as we look).
   */
  async viewFor(ctx: ReleaseAsked): Promise<DataView> {
    const release = await this.releaseFor(ctx);
    if (!release) return this.liveView(null);
    const kept = await this.releases.keptVersion(release.dataVersion);
    if (!kept) {
      const view = await this.liveView(release);
      if (view.data.dataVersion !== release.dataVersion) throw new DataVersionMoved();
      return view;
    }
    const shared = await this.kept.get(release.dataVersion, async () => {
      const units = new UnitDirectory(kept.reader, async () => kept.data.dataVersion);
      return { ...kept, units, guard: this.protectionOf(units) };
    });
    return { ...shared, release };
  }

  private async liveView(release: ReleaseRecord | null): Promise<DataView> {
    const { db, data, units, guard } = this.live;
    return { release, data: await data.current(), units, guard, reader: db };
  }
}
