import type { Position } from "geojson";
import { arealOf, bboxOf, polygonContains, polygonsOf, type Areal, type LonLat } from "./geometry";
import { MapBuildError } from "./map-build.error";
import type { ProvinceFeature } from "./natural-earth";

/** An island Natural Earth files under the wrong province, found by a point on it. */
export interface IslandMove {
  name: string;
  point: LonLat;
  from: string;
  to: string;
}

/** Côn Đảo belongs to Bà Rịa–Vũng Tàu (NE: Sóc Trăng); Cát Bà to Hải Phòng (NE: Quảng Ninh). GSO codes. */
export const ISLAND_MOVES: readonly IslandMove[] = [
  { name: "Côn Đảo", point: [106.6, 8.69], from: "94", to: "77" },
  { name: "Cát Bà", point: [107.05, 20.8], from: "22", to: "31" },
];

export interface LocalizedName {
  vi: string;
  en: string;
}

/** A Vietnamese archipelago that Natural Earth files outside Vietnam, and the province (GSO code) it belongs to. */
export interface Archipelago {
  id: string;
  geounit: string;
  code: string;
  name: LocalizedName;
}

/** Đà Nẵng (48) and Khánh Hòa (56) keep their codes in 2025, so one code serves both maps. */
export const ARCHIPELAGOS: readonly Archipelago[] = [
  {
    id: "hoang-sa",
    geounit: "PFA",
    code: "48",
    name: { vi: "Quần đảo Hoàng Sa (Đà Nẵng)", en: "Hoang Sa (Paracel) Islands (Da Nang)" },
  },
  {
    id: "truong-sa",
    geounit: "PGA",
    code: "56",
    name: { vi: "Quần đảo Trường Sa (Khánh Hòa)", en: "Truong Sa (Spratly) Islands (Khanh Hoa)" },
  },
];

export interface IslandLabel {
  id: string;
  code: string;
  /** [lon, lat]: the centre of the archipelago's bounding box. */
  coord: LonLat;
  name: LocalizedName;
}

/** Moves, for each move, the one polygon of `from` that contains `point` to `to`. Pure; throws if it is not exactly one. */
export function moveIslands(provinces: readonly ProvinceFeature[], moves: readonly IslandMove[]): ProvinceFeature[] {
  const polygons = new Map(provinces.map((province) => [province.properties.code, polygonsOf(province.geometry)]));
  for (const move of moves) {
    const from = polygons.get(move.from);
    const to = polygons.get(move.to);
    if (!from || !to) throw new MapBuildError(`${move.name}: unknown province ${from ? move.to : move.from}`);
    const hits = from.filter((polygon) => polygonContains(polygon, move.point));
    if (hits.length !== 1)
      throw new MapBuildError(
        `${move.name}: expected one polygon of ${move.from} around ${move.point.join(", ")}, found ${hits.length}`,
      );
    polygons.set(
      move.from,
      from.filter((polygon) => polygon !== hits[0]),
    );
    polygons.set(move.to, [...to, hits[0]]);
  }
  return provinces.map((province) => withPolygons(province, polygons.get(province.properties.code)!));
}

/** Adds each archipelago's polygons to its province. Pure. */
export function attachArchipelagos(
  provinces: readonly ProvinceFeature[],
  archipelagos: ReadonlyMap<Archipelago, Areal>,
): ProvinceFeature[] {
  return provinces.map((province) => {
    const extra: Position[][][] = [];
    for (const [archipelago, geometry] of archipelagos)
      if (archipelago.code === province.properties.code) extra.push(...polygonsOf(geometry));
    return extra.length === 0 ? province : withPolygons(province, [...polygonsOf(province.geometry), ...extra]);
  });
}

export function islandLabels(archipelagos: ReadonlyMap<Archipelago, Areal>, decimals: number): IslandLabel[] {
  const factor = 10 ** decimals;
  return [...archipelagos].map(([archipelago, geometry]) => {
    const [west, south, east, north] = bboxOf(geometry);
    const coord: LonLat = [
      Math.round(((west + east) / 2) * factor) / factor,
      Math.round(((south + north) / 2) * factor) / factor,
    ];
    return { id: archipelago.id, code: archipelago.code, coord, name: archipelago.name };
  });
}

function withPolygons(province: ProvinceFeature, polygons: Position[][][]): ProvinceFeature {
  return { type: "Feature", properties: { code: province.properties.code }, geometry: arealOf(polygons) };
}
