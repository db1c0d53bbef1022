import "reflect-metadata";
import os from "node:os";
import { AsOf, SemanticEngine, type AnalyticsQuery, type AskContext } from "../server/src/semantic";
import { writeBlock, type DocSection } from "./load/report";
import { argOf, openBenchDatabase, percentile } from "./bench/bench-engine";

/**
 * What a comparison costs (issue 20): each question asked as is and with `compare`, alternately
 * (the machine's load falls on both alike), answer cache off, into docs/benchmarks.md. Goal: a
 * compared question's p95 at most 2× the plain one's. A comparison is two questions read in one
 * transaction (semantic/compare/, execution/shared-read.ts): one BEGIN and COMMIT for both.
 * Usage: npm run bench:compare [-- --scale 0.1] [-- --data-dir DIR (reuse a loaded embedded database)] [-- --runs 200]
 */
const scale = Number(argOf("--scale") ?? 0.1);
const runs = Number(argOf("--runs") ?? 200);
const bench = await openBenchDatabase(scale, argOf("--data-dir"), 55900 + (process.pid % 90));
const engine = new SemanticEngine({
  dataSource: bench.database.dataSource,
  statementTimeoutMs: 60_000,
  answersKept: 0,
});
const ctx: AskContext = { locale: "vi" };
const july = AsOf.parse("2022-07-15");

/** The dashboard's and the Explorer's usual shapes, and the comparisons a leader picks. */
const QUESTIONS: Array<[string, AnalyticsQuery, AnalyticsQuery["compare"]]> = [
  ["KPIs vs 7 days earlier", { measures: ["submissions", "valid", "benefitVnd"] }, { to: "PREVIOUS_PERIOD" }],
  [
    "KPIs vs the previous phase's same day",
    { measures: ["submissions", "valid", "benefitVnd"], asOf: july },
    { to: "PREVIOUS_PHASE_SAME_DAY" },
  ],
  [
    "Phases vs 28 days earlier",
    { measures: ["submissions", "valid"], dimensions: ["phase"] },
    { to: "PREVIOUS_PERIOD", days: 28 },
  ],
  [
    "Top units ranked, vs 7 days earlier",
    { measures: ["submissions"], dimensions: ["topUnit"], order: [{ by: "submissions", direction: "DESC" }] },
    { to: "PREVIOUS_PERIOD" },
  ],
  [
    "Provinces, May 2022 vs April",
    {
      measures: ["submissions", "valid"],
      dimensions: ["province"],
      dateRange: { from: "2022-05-01", to: "2022-05-31" },
    },
    { to: "DATE_RANGE", dateRange: { from: "2022-04-01", to: "2022-04-30" } },
  ],
  [
    "Daily series of a month vs the month before",
    {
      measures: ["submissions"],
      timeDimension: { granularity: "DAY" },
      dateRange: { from: "2022-05-02", to: "2022-05-31" },
    },
    { to: "PREVIOUS_PERIOD" },
  ],
  [
    "Weekly series by category vs the previous phase",
    {
      measures: ["submissions", "benefitVnd"],
      dimensions: ["workerCategory"],
      timeDimension: { granularity: "WEEK" },
      asOf: july,
    },
    { to: "PREVIOUS_PHASE_SAME_DAY" },
  ],
  [
    "Benefit per valid (derived) by field vs 28 days",
    {
      measures: ["valid", "benefitVnd"],
      dimensions: ["field"],
      derived: [{ name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid" }],
    },
    { to: "PREVIOUS_PERIOD", days: 28 },
  ],
];

const lines: string[] = [];
let worst = 0;
for (const [name, question, compare] of QUESTIONS) {
  const compared = { ...question, compare };
  for (let i = 0; i < 2; i++) await Promise.all([engine.answer(ctx, question), engine.answer(ctx, compared)]);
  const plain: number[] = [];
  const withCompare: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const answer = await engine.answer(ctx, question);
    plain.push(performance.now() - t);
    t = performance.now();
    await engine.answer(ctx, compared);
    withCompare.push(performance.now() - t);
    if (i === 0) process.stdout.write(`${name}: ${answer.sources.join("+")}\n`);
  }
  const source = (await engine.answer(ctx, compared)).sources.join("+");
  const ratio = percentile(withCompare, 0.95) / percentile(plain, 0.95);
  const medianRatio = percentile(withCompare, 0.5) / percentile(plain, 0.5);
  worst = Math.max(worst, ratio);
  lines.push(
    `| ${name} | ${source} | ${percentile(plain, 0.5).toFixed(1)} | ${percentile(plain, 0.95).toFixed(1)} | ` +
      `${percentile(withCompare, 0.5).toFixed(1)} | ${percentile(withCompare, 0.95).toFixed(1)} | ${ratio.toFixed(2)}× | ${medianRatio.toFixed(2)}× |`,
  );
  console.log(lines.at(-1));
}
await bench.close();

const SECTION: DocSection = {
  heading: "## Comparisons (issue 20)",
  marker: "compare-benchmark",
  intro: [
    "## Comparisons (issue 20)",
    "",
    "Goal: a question with `compare` costs at most 2× the same question without it, at p95. Each compared question is",
    "two questions (the asked one, every row, and the compared one) read in one transaction from the same rollups, then joined.",
    "",
    "### Scale 1 (the whole programme)",
    "",
    "<!-- compare-benchmark-engine-1:start -->",
    "<!-- compare-benchmark-engine-1:end -->",
    "",
    "### Scale 0.1",
    "",
    "<!-- compare-benchmark-engine-0.1:start -->",
    "<!-- compare-benchmark-engine-0.1:end -->",
    "",
  ].join("\n"),
};
const cpu = os.cpus();
writeBlock(
  `engine-${scale}`,
  [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:compare -- --scale ${scale}\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, embedded PostgreSQL 18; ${bench.initiatives.toLocaleString("en-US")} initiatives ` +
      `(scale ${scale}); load average ${os.loadavg()[0]!.toFixed(1)} at the end (the machine is shared). Server-side time of the engine, answer cache off, ` +
      `${runs} runs of each, plain and compared alternately.`,
    "",
    "| Question | Served by (both halves) | plain p50 ms | plain p95 ms | compared p50 ms | compared p95 ms | p95 ratio | p50 ratio |",
    "|---|---|---|---|---|---|---|---|",
    ...lines,
    "",
    `Worst p95 ratio: ${worst.toFixed(2)}× (goal ≤ 2×: ${worst <= 2 ? "met" : "not met"}).`,
  ],
  SECTION,
);
process.exit(0);
