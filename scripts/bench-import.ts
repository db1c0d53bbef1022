import "reflect-metadata";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import type { DataSource } from "typeorm";
import { openDatabase } from "../server/src/db/database";
import type { ImportReport, ImportStage } from "../server/src/db/import/import-report";
import { CALIBRATION } from "../server/src/db/seed/calibration";
import { Progress } from "../server/src/db/seed/progress";
import { seedDemoData } from "../server/src/db/seed/seed.service";
import { writeDemoExport } from "./import/demo-export";
import { untilQuiet } from "./until-quiet";

/**
 * Measures `npm run import` on a realistic portal export: the demo dataset (synthetic, no real
 * names) is generated into a scratch embedded PostgreSQL, written out as a portal CSV, then
 * imported (replacing the demo data) and imported again (every row unchanged), each import in a
 * fresh process as the command runs it (not in this one, whose memory the seeding has filled).
 * Writes the figures into docs/benchmarks.md between the import-benchmark markers.
 * Usage: npm run bench:import [-- --rows 500000] [--print-only]
 */
const { values } = parseArgs({
  options: { rows: { type: "string", default: "500000" }, "print-only": { type: "boolean", default: false } },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1000)
  throw new Error(`--rows must be a whole number from 1000, got "${values.rows}"`);
const GOAL_ROWS_PER_SECOND = 50_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-bench-import-"));
fs.chmodSync(dataDir, 0o755);
const file = path.join(dataDir, "portal-export.csv");
const database = await openDatabase({
  databaseUrl: undefined,
  dataDir,
  embeddedPostgresPort: 55000 + (process.pid % 1000),
  databasePoolSize: 2,
});
/** Seconds from the start of an import to the start of each stage after reading. */
const firstStages = new Map<ImportStage, number>();
const againStages = new Map<ImportStage, number>();

/** Runs scripts/import/timed-import.ts: the report's figures, and when each stage began. */
async function timedImport(stages: Map<ImportStage, number>): Promise<ImportReport> {
  const script = path.resolve(import.meta.dirname, "import/timed-import.ts");
  const tsx = path.resolve(import.meta.dirname, "../node_modules/.bin/tsx");
  // Not execFileSync: this process relays the embedded PostgreSQL's output, which must keep flowing.
  const { stdout: output } = await promisify(execFile)(tsx, [script, database.url.toString(), file], {
    encoding: "utf8",
  });
  const result = JSON.parse(output.trim().split("\n").at(-1)!) as ImportReport & {
    stages: Record<ImportStage, number>;
  };
  for (const [stage, at] of Object.entries(result.stages)) stages.set(stage as ImportStage, at);
  return result;
}
/** The database and the exported file quiet (see untilQuiet): its pages written out too. */
async function settled(dataSource: DataSource): Promise<void> {
  await untilQuiet(dataSource);
  const handle = fs.openSync(file, "r+");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
}
let first: ImportReport;
let again: ImportReport;
try {
  // The demo has about 2.2 million initiatives at scale 1; a little more than needed, then the first `rows`.
  const scale = Math.min(10, (rows / 2_205_000) * 1.05);
  console.error(`Demo dataset at scale ${scale.toFixed(3)}, exported as a portal CSV…`);
  await seedDemoData(database.url, CALIBRATION.defaultSeed, scale, new Progress(process.stderr, true));
  const exported = await writeDemoExport(database.url, file, { limit: rows });
  if (exported < rows) throw new Error(`the demo dataset gave ${exported} rows, fewer than ${rows}`);
  await settled(database.dataSource);
  first = await timedImport(firstStages);
  await settled(database.dataSource);
  again = await timedImport(againStages);
} finally {
  await database.close();
}
const megabytes = fs.statSync(file).size / 2 ** 20;
fs.rmSync(dataDir, { recursive: true, force: true });

const rate = (r: ImportReport) => Math.round(r.rows / r.seconds);
function row(label: string, r: ImportReport, stages: Map<ImportStage, number>): string {
  const at = (stage: ImportStage) => stages.get(stage) ?? r.seconds;
  const span = (from: ImportStage, to: ImportStage | null) => `${((to ? at(to) : r.seconds) - at(from)).toFixed(1)} s`;
  const rollups = stages.has("rollups") ? span("rollups", null) : "—";
  return (
    `| ${label} | ${r.inserted.toLocaleString("en-US")} | ${r.unchanged.toLocaleString("en-US")} | ${at("write").toFixed(1)} s | ` +
    `${stages.has("rollups") ? span("write", "rollups") : span("write", null)} | ${rollups} | ` +
    `${r.seconds.toFixed(1)} s | **${rate(r).toLocaleString("en-US")}** |`
  );
}
const cpu = os.cpus();
const section = [
  "<!-- import-benchmark:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:import\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, embedded PostgreSQL 18. ` +
    `The file: ${rows.toLocaleString("en-US")} rows (${megabytes.toFixed(0)} MB) exported from the synthetic demo dataset with ` +
    "Vietnamese headers, labels, dates and amounts, UTF-8 with BOM. Time from opening the file to the commit, rollups included.",
  "",
  "| Import | Inserted | Unchanged | Read, check, COPY | Write (a first import: rollups built beside) | Rollups in, commit | Total | Rows/s |",
  "|---|---|---|---|---|---|---|---|",
  row("First import (replaces the demo data)", first, firstStages),
  row("The same file again (nothing changes)", again, againStages),
  "",
  `Goal (issue 5): at least ${GOAL_ROWS_PER_SECOND.toLocaleString("en-US")} rows/s on a 2-core machine.`,
  "<!-- import-benchmark:end -->",
].join("\n");

console.log(section);
if (values["print-only"]) process.exit(0);
const docs = path.resolve(import.meta.dirname, "../docs/benchmarks.md");
const current = fs.readFileSync(docs, "utf8");
const marked = /<!-- import-benchmark:start -->[\s\S]*<!-- import-benchmark:end -->/;
fs.writeFileSync(
  docs,
  marked.test(current)
    ? current.replace(marked, section)
    : `${current.trimEnd()}\n\n## Import\n\nHow fast \`npm run import\` loads a portal export (see docs/import.md).\n\n${section}\n`,
);
