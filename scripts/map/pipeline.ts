import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { FeatureCollection } from "geojson";
import {
  PROVINCES,
  PROVINCES_2025,
  type Province2025Record,
  type ProvinceRecord,
} from "../../server/src/db/reference/reference-data";
import { bboxOf, roundAreal, type Areal } from "./geometry";
import {
  ARCHIPELAGOS,
  ISLAND_MOVES,
  attachArchipelagos,
  islandLabels,
  moveIslands,
  type Archipelago,
  type IslandLabel,
} from "./islands";
import { mergeTo2025 } from "./merge-2025";
import {
  geounitPolygons,
  keyProvincesByGso,
  readNaturalEarth,
  type NaturalEarthFeature,
  type ProvinceFeature,
  type ProvinceProperties,
} from "./natural-earth";
import { provinceFeatures, simplifiedTopology } from "./province-topology";

export type ProvinceCollection = FeatureCollection<Areal, ProvinceProperties>;

export interface MapGeometry {
  provinces63: ProvinceCollection;
  provinces34: ProvinceCollection;
  islandLabels: IslandLabel[];
}

export interface DeriveOptions {
  quantization: number;
  /** Visvalingam area threshold in square degrees; tuned so provinces-63.json is about 100 KB. */
  minWeight: number;
  decimals: number;
}

export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = { quantization: 1e5, minWeight: 1e-4, decimals: 4 };

export const MAP_FILE_NAMES = {
  provinces63: "provinces-63.json",
  provinces34: "provinces-34.json",
  islandLabels: "island-labels.json",
} as const;

/** Natural Earth admin-1 → 63 provinces keyed by GSO code (islands fixed) → one simplified topology → 63 and 34 features. */
export function deriveMapGeometry(
  naturalEarth: readonly NaturalEarthFeature[],
  provinces: readonly ProvinceRecord[] = PROVINCES,
  provinces2025: readonly Province2025Record[] = PROVINCES_2025,
  options: DeriveOptions = DEFAULT_DERIVE_OPTIONS,
): MapGeometry {
  const archipelagos = new Map<Archipelago, Areal>(
    ARCHIPELAGOS.map((archipelago) => [archipelago, geounitPolygons(naturalEarth, archipelago.geounit)]),
  );
  const provinces63 = attachArchipelagos(
    moveIslands(keyProvincesByGso(naturalEarth, provinces), ISLAND_MOVES),
    archipelagos,
  );
  const topology = simplifiedTopology(provinces63, {
    quantization: options.quantization,
    minWeight: options.minWeight,
    protect: [...archipelagos.values()].map(bboxOf),
  });
  const round = (features: ProvinceFeature[]): ProvinceCollection => ({
    type: "FeatureCollection",
    features: features.map((feature) => ({ ...feature, geometry: roundAreal(feature.geometry, options.decimals) })),
  });
  return {
    provinces63: round(provinceFeatures(topology)),
    provinces34: round(mergeTo2025(topology, provinces2025)),
    islandLabels: islandLabels(archipelagos, options.decimals),
  };
}

export interface WrittenFile {
  file: string;
  /** Features, or labels for island-labels.json. */
  count: number;
  bytes: number;
  gzipBytes: number;
}

export function writeMapGeometry(outDir: string, geometry: MapGeometry): WrittenFile[] {
  fs.mkdirSync(outDir, { recursive: true });
  const contents: [string, unknown, number][] = [
    [MAP_FILE_NAMES.provinces63, geometry.provinces63, geometry.provinces63.features.length],
    [MAP_FILE_NAMES.provinces34, geometry.provinces34, geometry.provinces34.features.length],
    [MAP_FILE_NAMES.islandLabels, geometry.islandLabels, geometry.islandLabels.length],
  ];
  return contents.map(([name, value, count]) => {
    const file = path.join(outDir, name);
    const text = JSON.stringify(value);
    fs.writeFileSync(file, text);
    return { file, count, bytes: Buffer.byteLength(text), gzipBytes: zlib.gzipSync(text, { level: 9 }).length };
  });
}

/** Reads the Natural Earth file, derives the maps and writes the three files into `outDir`. */
export function buildMap(source: string, outDir: string): WrittenFile[] {
  return writeMapGeometry(outDir, deriveMapGeometry(readNaturalEarth(source)));
}
