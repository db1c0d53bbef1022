import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { openDatabase } from "../server/src/db/database";
import { CALIBRATION } from "../server/src/db/seed/calibration";
import { loadDataset } from "../server/src/db/seed/dataset.loader";
import { generateDemoDataset } from "../server/src/db/seed/demo-dataset";
import { Progress } from "../server/src/db/seed/progress";
import { demoTableRows } from "../server/src/db/seed/table-rows";

/**
 * Measures the full-scale demo build (generation, COPY, indexes) and a later start, on a fresh
 * embedded PostgreSQL, and writes the figures into docs/benchmarks.md with the machine they ran on.
 * Usage: npm run bench:seed [-- --scale 1]
 */
const scale = Number(process.argv[process.argv.indexOf("--scale") + 1] || 1) || 1;
const dataDir = path.join(os.tmpdir(), `sangkien-bench-${process.pid}`);
fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
fs.chmodSync(dataDir, 0o755);
const pgPort = 55000 + (process.pid % 1000);
const httpPort = 56000 + (process.pid % 1000);

const database = await openDatabase({
  databaseUrl: undefined,
  dataDir,
  embeddedPostgresPort: pgPort,
  databasePoolSize: 2,
});
const t0 = performance.now();
const dataset = generateDemoDataset(CALIBRATION.defaultSeed, scale);
const generated = performance.now();
const result = await loadDataset(
  database.url,
  demoTableRows(dataset),
  {
    kind: "demo",
    generatorVersion: dataset.generatorVersion,
    seed: CALIBRATION.defaultSeed,
    scale,
  },
  new Progress(),
);
const loaded = performance.now();
const peakMb = process.resourceUsage().maxRSS / 1024;
await database.close();

const startSeconds = await timeStart();
fs.rmSync(dataDir, { recursive: true, force: true });

const rows = [
  ["Scale", String(scale)],
  ["Initiatives", dataset.initiatives.count.toLocaleString("en-US")],
  ["Generate in memory (typed arrays)", `${((generated - t0) / 1000).toFixed(1)} s`],
  ["COPY, status history, indexes, constraints, rollups, ANALYZE", `${((loaded - generated) / 1000).toFixed(1)} s`],
  ["**Total: generation + load + indexing**", `**${((loaded - t0) / 1000).toFixed(1)} s** (goal ≤ 90 s)`],
  ["Peak memory of the generator process (max RSS)", `${peakMb.toFixed(0)} MB (goal ≤ 1,024 MB)`],
  [
    "Later `npm start` until /graphql answers (embedded PostgreSQL, no regeneration)",
    `${startSeconds.toFixed(1)} s (goal ≤ 5 s)`,
  ],
  ["Checksum", `\`${result.checksum.slice(0, 16)}…\``],
];
const cpu = os.cpus();
const section = [
  "<!-- seed-benchmark:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:seed\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, embedded PostgreSQL 18 ` +
    "(wal_level=minimal: the COPY into tables truncated in the same transaction writes no WAL).",
  "",
  "| What | Result |",
  "|---|---|",
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  "<!-- seed-benchmark:end -->",
].join("\n");
const file = path.resolve(import.meta.dirname, "../docs/benchmarks.md");
const current = fs.existsSync(file)
  ? fs.readFileSync(file, "utf8")
  : "# Benchmarks\n\n## Demo dataset build\n\n<!-- seed-benchmark:start -->\n<!-- seed-benchmark:end -->\n";
fs.writeFileSync(file, current.replace(/<!-- seed-benchmark:start -->[\s\S]*<!-- seed-benchmark:end -->/, section));
console.log(section);

/** Starts the server on the loaded folder and times it until /graphql answers. */
async function timeStart(): Promise<number> {
  const started = performance.now();
  const child = spawn(path.resolve(import.meta.dirname, "../node_modules/.bin/tsx"), ["server/src/main.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(httpPort),
      HOST: "127.0.0.1",
    },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${httpPort}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ dataset { dataVersion } }" }),
        });
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error("server did not answer within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}
