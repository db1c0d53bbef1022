import "reflect-metadata";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { buildAppSchema } from "../server/src/graphql/schema";
import { createHttpApp } from "../server/src/http/app";
import { AsOf, SemanticEngine, type AnalyticsQuery, type AskContext } from "../server/src/semantic";
import { argOf as arg, openBenchDatabase, timeQuestion } from "./bench/bench-engine";

/**
 * Server-side latency of the dashboard's queries through rollups and forced onto the base table,
 * a query no rollup serves, and HTTP throughput of the overview, into docs/benchmarks.md.
 * Usage: npm run bench [-- --scale 1] [-- --data-dir DIR (reuse a loaded embedded database)]
 */
const scale = Number(arg("--scale") ?? 1);
const reuse = arg("--data-dir");
// At 10× the base table takes tens of seconds a query: --skip-base measures the rollups only.
const skipBase = process.argv.includes("--skip-base");
const bench = await openBenchDatabase(scale, reuse, 55500 + (process.pid % 400));
const { database, initiatives: n } = bench;

/** What the overview, map, targets and unit pages ask, as of the default date and as of 31/5/2022. */
const DASHBOARD: Array<[string, AnalyticsQuery]> = [
  ["KPIs (counts, benefit)", { measures: ["submissions", "valid", "benefitVnd"] }],
  ["KPIs 7 days earlier", { measures: ["submissions", "valid", "benefitVnd"], asOf: AsOf.parse("2023-08-25") }],
  ["Phase progress", { measures: ["submissions", "valid"], dimensions: ["phase"] }],
  ["Cumulative + daily curve", { measures: ["submissions"], timeDimension: { granularity: "DAY", cumulative: true } }],
  ["Daily counts", { measures: ["submissions"], timeDimension: { granularity: "DAY" } }],
  [
    "Worker categories at 31/5/2022",
    {
      measures: ["submissions"],
      dimensions: ["workerCategory"],
      asOf: AsOf.parse("2022-05-31"),
      share: ["submissions"],
    },
  ],
  [
    "By field (count, benefit)",
    { measures: ["submissions", "benefitVnd"], dimensions: ["field"], share: ["submissions"] },
  ],
  ["Benefit by worker category", { measures: ["benefitVnd"], dimensions: ["workerCategory"] }],
  [
    "Ranking of top units",
    { measures: ["submissions"], dimensions: ["topUnit"], order: [{ by: "submissions", direction: "DESC" }] },
  ],
  ["Map: provinces", { measures: ["submissions", "valid"], dimensions: ["province"] }],
  ["Map: provinces of 2025", { measures: ["submissions", "valid"], dimensions: ["province2025"] }],
  ["Map: per 1,000 members", { measures: ["submissionsPerThousandMembers"], dimensions: ["province"] }],
  [
    "Targets per unit and phase",
    { measures: ["valid", "target", "targetAttainment"], dimensions: ["topUnit", "phase"] },
  ],
  [
    "Filtered: enterprise by field",
    {
      measures: ["submissions"],
      dimensions: ["field"],
      filters: [{ dimension: "workerCategory", operator: "EQUALS", values: ["ENTERPRISE"] }],
    },
  ],
];

// The engine alone: no answer cache, no limit on base-table questions.
const engine = new SemanticEngine({ dataSource: database.dataSource, statementTimeoutMs: 60_000, answersKept: 0 });
const ctx: AskContext = { locale: "vi" };
const time = (query: AnalyticsQuery, runs: number) => timeQuestion(engine, ctx, query, runs);

const lines: string[] = [];
for (const [name, query] of DASHBOARD) {
  const viaRollup = await time(query, 40);
  const viaBase = skipBase ? undefined : await time({ ...query, useRollups: false }, 5);
  lines.push(
    `| ${name} | ${viaRollup.source} | ${viaRollup.p50.toFixed(1)} | ${viaRollup.p95.toFixed(1)} | ` +
      `${viaBase ? viaBase.p95.toFixed(0) : "not run"} | ${viaBase ? `${(viaBase.p95 / viaRollup.p95).toFixed(0)}×` : "–"} |`,
  );
  console.log(lines.at(-1));
}
const noRollup = skipBase
  ? undefined
  : await time({ measures: ["submitters"], dimensions: ["field"], timeDimension: { granularity: "MONTH" } }, 5);

// HTTP throughput of the overview, through Express + Apollo, with the per-version caches on (the response cache and the engine's).
const server = http.createServer();
const served = new SemanticEngine({ dataSource: database.dataSource, statementTimeoutMs: 5000 });
const { app } = await createHttpApp(
  { schema: await buildAppSchema({ engine: served, dataSource: database.dataSource }), state: served.data },
  database.dataSource,
  server,
);
server.on("request", app);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const overviewQuery = `{ overview { asOfDate kpis { measure value change } programmeProgress phases { phase submissions target progress } } }`;
// One request first, as the first visitor after a load would: the answer is then cached for this data version.
await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: overviewQuery }),
});
const load = await autocannon({
  url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
  connections: 50,
  duration: 15,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: overviewQuery }),
});
server.close();
await bench.close();

const cpu = os.cpus();
const section = [
  `<!-- api-benchmark-${scale}:start -->`,
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench -- --scale ${scale}\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, embedded PostgreSQL 18; ${n.toLocaleString("en-US")} initiatives. ` +
    "Server-side time of the engine (normalise, plan, SQL, assemble), answer cache off, 40 runs (base table: 5 runs).",
  "",
  "| Dashboard query | Served by | p50 ms | p95 ms | p95 ms on the base table | Ratio |",
  "|---|---|---|---|---|---|",
  ...lines,
  "",
  noRollup
    ? `A query no rollup can serve — distinct submitters by field and month (${noRollup.source}): p50 ${noRollup.p50.toFixed(0)} ms, p95 ${noRollup.p95.toFixed(0)} ms (goal ≤ 1,500 ms).`
    : "Base-table queries not run (--skip-base).",
  "",
  `HTTP, the overview query (POST /graphql, answers cached per data version), autocannon 50 connections for 15 s: ` +
    `${load.requests.average.toFixed(0)} requests/s on average, latency p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ` +
    `${load.errors + load.non2xx} errors (goal ≥ 1,000 requests/s, p99 < 50 ms, no errors).`,
  `<!-- api-benchmark-${scale}:end -->`,
].join("\n");
const file = path.resolve(import.meta.dirname, "../docs/benchmarks.md");
let doc = fs.readFileSync(file, "utf8");
const start = `<!-- api-benchmark-${scale}:start -->`;
const end = `<!-- api-benchmark-${scale}:end -->`;
if (!doc.includes("## Analytics API")) {
  doc +=
    "\n## Analytics API\n\nGoals (issue 3): dashboard queries ≤ 20 ms p95 server-side through rollups at full scale and ≤ 30 ms at 10×; a query no rollup serves ≤ 1.5 s; the overview over HTTP ≥ 1,000 requests/s with p99 < 50 ms.\n";
}
if (!doc.includes(start)) doc += `\n### Scale ${scale}\n\n${start}\n${end}\n`;
fs.writeFileSync(file, doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), section));
console.log(section);
process.exit(0);
