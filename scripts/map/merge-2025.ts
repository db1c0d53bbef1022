import { merge } from "topojson-client";
import type { Province2025Record } from "../../server/src/db/reference/reference-data";
import { arealOf } from "./geometry";
import { MapBuildError } from "./map-build.error";
import type { ProvinceFeature } from "./natural-earth";
import { provinceGeometries, type ProvinceGeometry, type ProvinceTopology } from "./province-topology";

/**
 * The 34 provinces in force since 2025-07-01, each the topological merge of the old provinces it was formed from
 * (Resolution 202/2025/QH15 merged whole provinces): shared borders vanish, so there are no slivers.
 * Throws unless every old province is used exactly once.
 */
export function mergeTo2025(
  provinceTopology: ProvinceTopology,
  provinces2025: readonly Province2025Record[],
): ProvinceFeature[] {
  const byCode = new Map<string, ProvinceGeometry>(
    provinceGeometries(provinceTopology).map((geometry) => [geometry.properties!.code, geometry]),
  );
  const used = new Set<string>();
  const merged = provinces2025.map((province): ProvinceFeature => {
    const parts = province.formedFrom.map((code) => {
      const geometry = byCode.get(code);
      if (!geometry)
        throw new MapBuildError(`2025 province ${province.code} is formed from ${code}, which has no geometry`);
      if (used.has(code)) throw new MapBuildError(`old province ${code} is in two 2025 provinces`);
      used.add(code);
      return geometry;
    });
    return {
      type: "Feature",
      properties: { code: province.code },
      geometry: arealOf(merge(provinceTopology, parts).coordinates),
    };
  });
  const unused = [...byCode.keys()].filter((code) => !used.has(code));
  if (unused.length > 0) throw new MapBuildError(`old provinces ${unused.join(", ")} are in no 2025 province`);
  return merged.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
}
