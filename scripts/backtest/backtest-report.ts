import os from "node:os";
import type { DocSection } from "../load/report";
import { BACKTEST_GOALS, type BacktestReport, type HorizonFigures } from "./run-backtest";

export const BACKTEST_SECTION: DocSection = {
  heading: "## Pace and projection back-test (issue 20)",
  marker: "backtest",
  intro: [
    "## Pace and projection back-test (issue 20)",
    "",
    "`npm run backtest` asks the projection exactly as the API serves it (`PaceBoard`, through the engine's as-of",
    "machinery) on every Monday of each phase for each of the 83 top-level units, and compares the projected",
    "end-of-phase figure (valid initiatives as of 24h on the deadline) with the actual one. The model and its limits:",
    "[docs/projection.md](projection.md). Goals: MAPE ≤ 10 % at 60 days before the deadline, 80 % interval coverage",
    "75–85 %, the on pace / at risk call at 30 days right for ≥ 90 % of the 83 units. The figures below are written by",
    "the script. The 60- and 30-day rows use the last Monday at least that many days before the deadline; coverage in",
    "the goals is pooled over every Monday and unit of both phases, and the rows and columns by phase show where the",
    "intervals are too wide or too narrow.",
    "",
    "<!-- backtest-figures:start -->",
    "<!-- backtest-figures:end -->",
    "",
  ].join("\n"),
};

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "–");
const met = (ok: boolean) => (ok ? "met" : "**missed**");

export function machineText(scale: number, initiatives: number): string {
  const cpu = os.cpus();
  return (
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run backtest -- --scale ${scale}\` on ${cpu.length} × ` +
    `${cpu[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; demo data at scale ` +
    `${scale} (${initiatives.toLocaleString("en-US")} initiatives; \`npm start\` seeds SEED_SCALE, default 1)`
  );
}

/** The block written into docs/benchmarks.md, and printed. */
export function reportLines(report: BacktestReport, machine: string, version: string): string[] {
  const goals = BACKTEST_GOALS;
  const coverageMet = report.coverage >= goals.coverageLow && report.coverage <= goals.coverageHigh;
  const row = (label: string, h: HorizonFigures) =>
    `| ${label} | ${h.monday} (${h.daysLeft} days left) | ${pct(h.mape)} | ${pct(h.coverage)} | ${pct(h.callsRight)} (${Math.round(h.callsRight * h.units)}/${h.units}) |`;
  return [
    "",
    `${machine}; ${version}; ${report.forecasts.toLocaleString("en-US")} forecasts in ${report.seconds.toFixed(1)} s.`,
    "",
    "| Phase, horizon | Monday | MAPE | 80 % interval coverage | Call right |",
    "|---|---|---|---|---|",
    ...report.phases.flatMap((p) => [
      row(`Phase ${p.phase}, 60 days`, p.at60),
      row(`Phase ${p.phase}, 30 days`, p.at30),
    ]),
    "",
    "| Goal | Both phases | Phase by phase | Verdict |",
    "|---|---|---|---|",
    `| MAPE at 60 days ≤ 10 % | ${pct(report.mapeAt60)} | ${report.phases.map((p) => `${p.phase}: ${pct(p.at60.mape)}`).join(", ")} | ${met(report.mapeAt60 <= goals.mapeAt60)} |`,
    `| (MAPE at 30 days, no goal) | ${pct(report.mapeAt30)} | ${report.phases.map((p) => `${p.phase}: ${pct(p.at30.mape)}`).join(", ")} | – |`,
    `| Coverage 75–85 %, every Monday and unit | ${pct(report.coverage)} | ${report.phases.map((p) => `${p.phase}: ${pct(p.coverage)}`).join(", ")} | ${met(coverageMet)} |`,
    `| Call at 30 days right ≥ 90 % | ${pct(report.callsRightAt30)} | ${report.phases.map((p) => `${p.phase}: ${pct(p.at30.callsRight)}`).join(", ")} | ${met(report.callsRightAt30 >= goals.callsRight)} |`,
    "",
    "MAPE and coverage of every Monday, by days left to the deadline:",
    "",
    "| Phase | Days left | MAPE | Coverage |",
    "|---|---|---|---|",
    ...report.phases.flatMap((p) =>
      p.byMonday
        .filter((m, i) => i % 4 === 0 || m.daysLeft <= 70)
        .map((m) => `| ${p.phase} | ${m.daysLeft} | ${pct(m.mape)} | ${pct(m.coverage)} |`),
    ),
    "",
  ];
}
