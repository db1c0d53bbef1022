import type { TopUnitRecord } from "../reference/reference-data";
import type { ProfileName } from "./calibration";

/** The shapes of the demo unit tree: rows for the tree's upper levels, typed arrays for the grassroots. */
/** One row of the unit table. Grassroots unions are kept in typed arrays instead (about 130,000). */
export interface UnitRow {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: string;
  tier: number;
  depth: number;
  path: string;
  topUnitId: number | null;
  provinceCode: string | null;
  clusterCode: string | null;
}

export interface TopUnitModel {
  index: number;
  id: number;
  record: TopUnitRecord;
  path: string;
  members: number;
  profile: ProfileName;
  engagement: number;
  /** Grassroots unions of this unit occupy [grassrootsFrom, grassrootsTo) in the grassroots arrays. */
  grassrootsFrom: number;
  grassrootsTo: number;
}

/** Grassroots unions as parallel arrays, indexed 0..count-1; the unit id is firstGrassrootsId + index. */
export interface GrassrootsArrays {
  count: number;
  firstId: number;
  topUnit: Uint8Array;
  kind: Uint8Array;
  members: Int32Array;
  parentId: Int32Array;
  provinceIndex: Uint8Array;
  /** 0 for unions that never submit; otherwise how active the union is. */
  activity: Float32Array;
  /** Number within its top unit and kind, for the synthetic name. */
  serial: Int32Array;
}

export interface Hierarchy {
  confederation: UnitRow;
  topUnits: TopUnitModel[];
  intermediates: UnitRow[];
  grassroots: GrassrootsArrays;
  targets: Array<{ unitId: number; phaseId: 1 | 2; target: number }>;
}
