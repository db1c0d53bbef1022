import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { openDatabase } from "../server/src/db/database";
import { importCsv } from "../server/src/db/import/import.service";
import type { ImportProgress, ImportReport, ImportStage } from "../server/src/db/import/import-report";
import { CALIBRATION } from "../server/src/db/seed/calibration";
import { Progress } from "../server/src/db/seed/progress";
import { seedDemoData } from "../server/src/db/seed/seed.service";
import { writeDemoExport } from "./import/demo-export";

/**
 * Measures `npm run import` on a realistic portal export: the demo dataset (synthetic, no real
 * names) is generated into a scratch embedded PostgreSQL, written out as a portal CSV, then
 * imported (replacing the demo data) and imported again (every row unchanged). Writes the
 * figures into docs/benchmarks.md between the import-benchmark markers.
 * Usage: npm run bench:import [-- --rows 500000] [--print-only]
 */
const { values } = parseArgs({ options: { rows: { type: "string", default: "500000" }, "print-only": { type: "boolean", default: false } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1000) throw new Error(`--rows must be a whole number from 1000, got "${values.rows}"`);
const GOAL_ROWS_PER_SECOND = 50_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-bench-import-"));
fs.chmodSync(dataDir, 0o755);
const file = path.join(dataDir, "portal-export.csv");
const database = await openDatabase({
  databaseUrl: undefined, dataDir, embeddedPostgresPort: 55000 + (process.pid % 1000), databasePoolSize: 2,
});
/** Seconds from the start of an import to the start of each stage after reading. */
const firstStages = new Map<ImportStage, number>();
const againStages = new Map<ImportStage, number>();
function timeStages(stages: Map<ImportStage, number>): (p: ImportProgress) => void {
  const started = performance.now();
  return (p) => {
    if (!stages.has(p.stage)) stages.set(p.stage, (performance.now() - started) / 1000);
  };
}
/**
 * Waits until autovacuum has finished with the rows just loaded (the seed's, the first import's)
 * and their pages are written out: the import is measured, not the clean-up of the step before it
 * competing for the two cores and the disk.
 */
async function settled(dataSource: DataSource): Promise<void> {
  for (let waited = 0; waited < 120; waited++) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
    if (n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await dataSource.query("CHECKPOINT");
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
  first = await importCsv(database.dataSource, file, { errorFile: null, onProgress: timeStages(firstStages) });
  await settled(database.dataSource);
  again = await importCsv(database.dataSource, file, { errorFile: null, onProgress: timeStages(againStages) });
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
  return `| ${label} | ${r.inserted.toLocaleString("en-US")} | ${r.unchanged.toLocaleString("en-US")} | ${at("write").toFixed(1)} s | ` +
    `${stages.has("rollups") ? span("write", "rollups") : span("write", null)} | ${rollups} | ` +
    `${r.seconds.toFixed(1)} s | **${rate(r).toLocaleString("en-US")}** |`;
}
const cpu = os.cpus();
const section = [
  "<!-- import-benchmark:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:import\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, embedded PostgreSQL 18. ` +
    `The file: ${rows.toLocaleString("en-US")} rows (${megabytes.toFixed(0)} MB) exported from the synthetic demo dataset with ` +
    "Vietnamese headers, labels, dates and amounts, UTF-8 with BOM. Time from opening the file to the commit, rollups included.",
  "",
  "| Import | Inserted | Unchanged | Read, check, COPY | Write | Rollups | Total | Rows/s |",
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
fs.writeFileSync(docs, marked.test(current)
  ? current.replace(marked, section)
  : `${current.trimEnd()}\n\n## Import\n\nHow fast \`npm run import\` loads a portal export (see docs/import.md).\n\n${section}\n`);
