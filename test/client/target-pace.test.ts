import { describe, expect, it } from "vitest";
import type { Pace } from "@/graphql/result-types";
import { currentPhase, matchesPaceFilter, paceScore } from "@/views/targets/target-pace";
import { byUnit, sortUnits, type TargetRow } from "@/views/targets/target-table";

const pace = (
  status: Pace["status"],
  current: number,
  projected: number | null,
  target: number | null = 100,
): Pace => ({
  phase: 2,
  measure: "valid",
  target,
  current,
  deadline: "2023-09-01",
  daysLeft: 100,
  requiredDailyRate: 1,
  rate7: 1,
  rate28: 1,
  projected,
  projectedLow: projected,
  projectedHigh: projected,
  status,
});
const row = (code: string, phase: number, p: Pace | null): TargetRow => ({
  code,
  label: code,
  kind: "PROVINCIAL_FEDERATION",
  cluster: null,
  phase,
  target: 100,
  valid: 50,
  attainment: 50,
  pace: p,
});

describe("pace on the targets page", () => {
  it("shows the pace of the phase the as-of date falls in (the last one once the programme is over)", () => {
    expect(currentPhase("2022-03-01", undefined)).toBe(1);
    expect(currentPhase("2023-03-31", undefined)).toBe(2);
    expect(currentPhase("2023-10-06", undefined)).toBe(2);
    expect(currentPhase("2021-12-01", undefined)).toBe(1);
    expect(currentPhase("2023-03-31", "1")).toBe(1);
  });

  it("sorts by the projected share of the target, the furthest behind first, units without a target last", () => {
    const rows = [
      row("ON", 2, pace("ON_PACE", 60, 120)),
      row("RISK", 2, pace("AT_RISK", 40, 70)),
      row("DONE", 2, pace("REACHED", 130, null)),
      row("NONE", 2, pace("NO_TARGET", 10, null, null)),
      row("ON", 1, pace("AT_RISK", 1, 1)),
    ];
    const units = byUnit(rows, 2);
    expect(units.find((u) => u.code === "ON")!.paceScore).toBe(120);
    expect(units.find((u) => u.code === "DONE")!.paceScore).toBe(130);
    expect(sortUnits(units, "paceScore", false).map((u) => u.code)).toEqual(["RISK", "ON", "DONE", "NONE"]);
    expect(paceScore(null)).toBeNull();
  });

  it("filters by status through the Vietnamese URL values", () => {
    expect(matchesPaceFilter(pace("AT_RISK", 1, 2), "co-nguy-co")).toBe(true);
    expect(matchesPaceFilter(pace("ON_PACE", 1, 2), "co-nguy-co")).toBe(false);
    expect(matchesPaceFilter(null, "khong-chi-tieu")).toBe(true);
    expect(matchesPaceFilter(pace("ON_PACE", 1, 2), undefined)).toBe(true);
    expect(matchesPaceFilter(pace("ON_PACE", 1, 2), "nonsense")).toBe(true);
  });
});
