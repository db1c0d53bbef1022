import type { BBox, FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from "topojson-specification";
import { arealOf, polygonsOf, type Areal } from "./geometry";
import { MapBuildError } from "./map-build.error";
import type { ProvinceFeature, ProvinceProperties } from "./natural-earth";

export type ProvinceGeometry = Polygon<ProvinceProperties> | MultiPolygon<ProvinceProperties>;
/** The 63 provinces as one shared-arc topology: a border between two provinces is one arc, simplified once. */
export type ProvinceTopology = Topology<{ provinces: GeometryCollection<ProvinceProperties> }>;

export interface SimplifyOptions {
  /** Grid size for topojson-server's quantization (snapping), e.g. 1e5. */
  quantization: number;
  /** Points whose Visvalingam triangle is smaller than this (square degrees) are dropped. */
  minWeight: number;
  /** Arcs lying wholly inside one of these boxes keep every point (the archipelagos, a few pixels wide). */
  protect: readonly BBox[];
}

/**
 * Builds the topology and simplifies it, preserving shared arcs. Besides the protected boxes, every arc that is a
 * whole ring on its own (an island) keeps its two weightiest inner points, so no island collapses to a line.
 */
export function simplifiedTopology(provinces: readonly ProvinceFeature[], options: SimplifyOptions): ProvinceTopology {
  const collection: FeatureCollection<Areal, ProvinceProperties> = {
    type: "FeatureCollection",
    features: [...provinces],
  };
  const presimplified = presimplify(topology({ provinces: collection }, options.quantization) as ProvinceTopology);
  for (const arc of presimplified.arcs) {
    if (
      options.protect.some((box) => arc.every(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]))
    ) {
      for (const point of arc) point[2] = Infinity;
      continue;
    }
    const first = arc[0];
    const last = arc[arc.length - 1];
    if (first[0] === last[0] && first[1] === last[1]) {
      const inner = arc.slice(1, -1).sort((a, b) => b[2] - a[2]);
      for (const point of inner.slice(0, 2)) point[2] = Infinity;
    }
  }
  return simplify(presimplified, options.minWeight);
}

/** The topology's province geometries, checked: polygons carrying a code. */
export function provinceGeometries(provinceTopology: ProvinceTopology): ProvinceGeometry[] {
  return provinceTopology.objects.provinces.geometries.map((geometry) => {
    if ((geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") || !geometry.properties) {
      throw new MapBuildError(`the province topology has a ${geometry.type} without a code`);
    }
    return geometry;
  });
}

/** The topology's provinces as GeoJSON features, in topology order. */
export function provinceFeatures(provinceTopology: ProvinceTopology): ProvinceFeature[] {
  return provinceGeometries(provinceTopology).map((geometry) => {
    const areal =
      geometry.type === "Polygon"
        ? feature(provinceTopology, geometry).geometry
        : feature(provinceTopology, geometry).geometry;
    return { type: "Feature", properties: { code: geometry.properties!.code }, geometry: arealOf(polygonsOf(areal)) };
  });
}
