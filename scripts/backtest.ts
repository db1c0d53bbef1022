import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/src/config/config";
import { openDatabase } from "../server/src/db/database";
import { CALIBRATION } from "../server/src/db/seed/calibration";
import { Progress } from "../server/src/db/seed/progress";
import { seedDemoData } from "../server/src/db/seed/seed.service";
import { PHASE_WINDOWS, SemanticEngine } from "../server/src/semantic";
import { codeVersion } from "./abuse/benchmark-section";
import { writeBlock } from "./load/report";
import { BACKTEST_SECTION, machineText, reportLines } from "./backtest/backtest-report";
import { runBacktest } from "./backtest/run-backtest";

/**
 * The projection's back-test (docs/projection.md) into docs/benchmarks.md.
 * Usage: npm run backtest [-- --scale S (default SEED_SCALE, as npm start)] [--data-dir DIR (reuse a loaded
 * embedded database)] [--no-write (print only)]. With DATABASE_URL set, that database is used (and seeded
 * at the scale when it holds another).
 */
const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    "data-dir": { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
});
const config = loadConfig();
const scale = Number(values.scale ?? config.seedScale);
const dataDir = values["data-dir"] ?? path.join(os.tmpdir(), `sangkien-backtest-${process.pid}`);
if (!config.databaseUrl) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
}

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir,
  embeddedPostgresPort: 55100 + (process.pid % 400),
  databasePoolSize: 8,
});
try {
  const [loaded] = (await database.dataSource.query(`SELECT scale FROM dataset WHERE is_current`)) as Array<{
    scale: number;
  }>;
  if (!loaded || Number(loaded.scale) !== scale)
    await seedDemoData(database.url, CALIBRATION.defaultSeed, scale, new Progress());
  const [{ n }] = (await database.dataSource.query(`SELECT count(*)::int AS n FROM initiative`)) as Array<{
    n: number;
  }>;
  const engine = new SemanticEngine({ dataSource: database.dataSource, statementTimeoutMs: 60_000 });
  const report = await runBacktest(engine, [...PHASE_WINDOWS]);
  const lines = reportLines(report, machineText(scale, n), codeVersion());
  console.log(lines.join("\n"));
  if (!values["no-write"]) {
    writeBlock("figures", lines, BACKTEST_SECTION);
    console.log("wrote docs/benchmarks.md");
  }
  // One line for machines (the test reads it).
  console.log(`BACKTEST ${JSON.stringify({ ...report, phases: report.phases.map(({ byMonday: _, ...p }) => p) })}`);
} finally {
  await database.close();
  // A fresh embedded database (no --data-dir, no DATABASE_URL) is gigabytes at scale 1: not left behind.
  if (!values["data-dir"] && !config.databaseUrl) fs.rmSync(dataDir, { recursive: true, force: true });
}
