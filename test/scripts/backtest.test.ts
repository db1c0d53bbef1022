import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../setup/test-database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("backtest");
  await seedDemoData(db.url, 20211215, 0.01, new Progress(process.stderr, true));
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

/** Figures only: accuracy goals are benchmarks (docs/benchmarks.md), not what a test asserts. */
describe("npm run backtest", () => {
  it("scores every Monday of each phase for the 83 top-level units and prints its figures", async () => {
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/backtest.ts", "--scale", "0.01", "--no-write"],
      { cwd: root, env: { ...process.env, DATABASE_URL: db.url.toString() }, timeout: 170_000 },
    );
    expect(stdout).toContain("| MAPE at 60 days ≤ 10 % |");
    expect(stdout).not.toContain("wrote docs/benchmarks.md");
    const line = stdout.split("\n").find((l) => l.startsWith("BACKTEST "))!;
    const report = JSON.parse(line.slice("BACKTEST ".length));
    expect(report.phases.map((p: { phase: number }) => p.phase)).toEqual([1, 2]);
    // Phase 1 has 21 Mondays before 31/5/2022, phase 2 65 before 1/9/2023: 86 × 83 projections, all made.
    expect(report.forecasts).toBe(86 * 83);
    for (const p of report.phases) {
      for (const h of [p.at60, p.at30]) {
        expect(h.units).toBe(83);
        expect(h.mape).toBeGreaterThanOrEqual(0);
        expect(h.coverage).toBeGreaterThanOrEqual(0);
        expect(h.coverage).toBeLessThanOrEqual(1);
        expect(h.callsRight).toBeGreaterThanOrEqual(0);
        expect(h.callsRight).toBeLessThanOrEqual(1);
      }
      expect(p.at60.daysLeft).toBeGreaterThanOrEqual(60);
      expect(p.at60.daysLeft).toBeLessThan(67);
      expect(p.at30.daysLeft).toBeGreaterThanOrEqual(30);
      expect(p.at30.daysLeft).toBeLessThan(37);
    }
    for (const figure of [report.mapeAt60, report.coverage, report.callsRightAt30])
      expect(Number.isFinite(figure)).toBe(true);
  }, 180_000);
});
