import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runCodegen } from "./codegen";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Builds the dashboard into client/dist: the map geometry (scripts/build-map.ts) and the GraphQL
 * types (scripts/codegen.ts, from schema/schema.graphql) first, then Vite,
 * then the GraphQL IDE (client/ide.html, served at GET /graphql to browsers) by a second Vite run
 * into the same folder, so the dashboard's chunks stay exactly what they were.
 * With --if-stale (what `npm start` uses) it does nothing when client/dist is newer than every
 * source of the client, so a second start is instant and a fresh clone still gets a dashboard.
 * Every text file is then compressed once, at the highest levels, beside itself (x.js.br, x.js.gz):
 * the server sends those as they are (dashboard-files.ts), as a CDN would, instead of compressing
 * each answer again at the fast levels.
 */
const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { "if-stale": { type: "boolean", default: false } } });
const built = ["client/dist/index.html", "client/dist/ide.html"].map((file) => path.join(root, file));

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const sources = [
  "client/src",
  "client/index.html",
  "client/vite.config.ts",
  "client/ide.html",
  "client/vite.ide.config.ts",
  "schema/examples",
  "schema/schema.graphql",
  "scripts/build-map.ts",
  "scripts/map",
  "scripts/codegen.ts",
  "scripts/codegen",
  "package-lock.json",
].map((entry) => path.join(root, entry));

const newestSource = Math.max(...sources.map(newestMtime));
if (values["if-stale"] && built.every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= newestSource)) {
  console.log("dashboard up to date (client/dist)");
} else {
  console.log("Dựng giao diện / building the dashboard…");
  const run = (script: string[]) => execFileSync(process.execPath, script, { cwd: root, stdio: "inherit" });
  run(["--import", "tsx", "scripts/build-map.ts"]);
  await runCodegen();
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "client/vite.config.ts"), logLevel: "warn" });
  await build({ configFile: path.join(root, "client/vite.ide.config.ts"), logLevel: "warn" });
  precompress(path.join(root, "client/dist"));
  console.log("dashboard and GraphQL IDE built into client/dist");
}

/** Brotli (quality 11) and gzip (level 9) copies of every text file worth compressing under `dir`. */
function precompress(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/\.(js|mjs|css|html|json|svg|txt|map)$/.test(entry.name)) continue;
    const content = fs.readFileSync(file);
    if (content.length < 1024) continue; // smaller than the headers a compressed answer adds
    fs.writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    );
    fs.writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}
