import type { BBox, MultiPolygon, Polygon, Position } from "geojson";

/** Small planar helpers on GeoJSON polygons; longitudes and latitudes are treated as x and y. */

export type LonLat = [number, number];
export type Areal = Polygon | MultiPolygon;

export function polygonsOf(geometry: Areal): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function arealOf(polygons: Position[][][]): Areal {
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

export function bboxOf(geometry: Areal): BBox {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0]) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

export function unionBbox(boxes: readonly BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

export function bboxContains(box: BBox, [x, y]: LonLat): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

/** Even-odd ray casting on the outer ring, minus the holes. */
export function polygonContains(polygon: Position[][], point: LonLat): boolean {
  const [outer, ...holes] = polygon;
  return ringContains(outer, point) && !holes.some((hole) => ringContains(hole, point));
}

function ringContains(ring: Position[], [x, y]: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Rounds every coordinate to `decimals` and drops the consecutive duplicates that rounding can create. */
export function roundAreal(geometry: Areal, decimals: number): Areal {
  const factor = 10 ** decimals;
  const round = (value: number): number => Math.round(value * factor) / factor;
  const polygons = polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) => {
      const out: Position[] = [];
      for (const [x, y] of ring) {
        const point: Position = [round(x), round(y)];
        const last = out[out.length - 1];
        if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
      }
      return out;
    }),
  );
  return { type: geometry.type, coordinates: geometry.type === "Polygon" ? polygons[0] : polygons } as Areal;
}
