import { describe, expect, it } from "vitest";
import { paceStatus, requiredDailyRate } from "../../../server/src/semantic/pace/pace-status";
import {
  learnedRush,
  MAX_GROWTH,
  MOMENTUM_DAYS,
  programmeAdditions,
  projectedPath,
  rushOf,
  RUSH_DAYS,
  shareOfAdditions,
} from "../../../server/src/semantic/pace/momentum-model";
import { quantile } from "../../../server/src/semantic/pace/interval";
import { projectionEnd, projectionPath, type PaceInputs } from "../../../server/src/semantic/pace/pace-figures";
import { Rng } from "../../../server/src/db/seed/random";
import { daysBetween, phaseOfDate } from "../../../server/src/semantic/pace/phase-calendar";

const base = { target: 1000, current: 500, daysLeft: 10, ended: false, projected: 1000, rate28: 0 };

describe("the pace status rule, at its boundaries", () => {
  it("is NO_TARGET without a target (null or 0), whatever the figures", () => {
    expect(paceStatus({ ...base, target: null })).toBe("NO_TARGET");
    expect(paceStatus({ ...base, target: 0, current: 5 })).toBe("NO_TARGET");
  });

  it("is REACHED from the figure equal to the target on, before or after the deadline", () => {
    expect(paceStatus({ ...base, current: 1000 })).toBe("REACHED");
    expect(paceStatus({ ...base, current: 999 })).not.toBe("REACHED");
    expect(paceStatus({ ...base, current: 1000, daysLeft: 0, ended: true })).toBe("REACHED");
  });

  it("is ENDED once the deadline's 24h has passed with the target missed, not the day before", () => {
    expect(paceStatus({ ...base, current: 999, daysLeft: 0, ended: true })).toBe("ENDED");
    expect(paceStatus({ ...base, current: 999, daysLeft: 1, ended: false })).toBe("ON_PACE");
  });

  it("is ON_PACE when the projection reaches the target exactly, AT_RISK one short", () => {
    expect(paceStatus({ ...base, projected: 1000 })).toBe("ON_PACE");
    expect(paceStatus({ ...base, projected: 999 })).toBe("AT_RISK");
  });

  it("without a projection, compares the last 28 days' rate with the rate still needed", () => {
    expect(paceStatus({ ...base, projected: null, rate28: 50 })).toBe("ON_PACE");
    expect(paceStatus({ ...base, projected: null, rate28: 49.9 })).toBe("AT_RISK");
  });

  it("needs (target − current) / days left a day; 0 once reached; null without a target or a day", () => {
    expect(requiredDailyRate(1000, 500, 10)).toBe(50);
    expect(requiredDailyRate(1000, 1000, 10)).toBe(0);
    expect(requiredDailyRate(1000, 500, 0)).toBeNull();
    expect(requiredDailyRate(null, 500, 10)).toBeNull();
  });
});

describe("the projection model", () => {
  it("carries a steady rate forward as it is, with no rush", () => {
    // 10 a day for 28 days: both windows agree, no growth.
    const steady = { now: 280, weekAgo: 210, fourWeeksAgo: 0 };
    expect(programmeAdditions(steady, 5, 100, 1)).toEqual([10, 10, 10, 10, 10]);
  });

  it("multiplies only the deadline's last fortnight by the rush", () => {
    const steady = { now: 280, weekAgo: 210, fourWeeksAgo: 0 };
    const days = programmeAdditions(steady, 20, 20, 2);
    expect(days.slice(0, 20 - RUSH_DAYS)).toEqual(Array(20 - RUSH_DAYS).fill(10));
    expect(days.slice(20 - RUSH_DAYS)).toEqual(Array(RUSH_DAYS).fill(20));
  });

  it("lets momentum grow the rate at most MAX_GROWTH times", () => {
    // The last week at 3× the 28 days' average: the growth is clamped at 3 % a day, the level at MAX_GROWTH.
    const rising = { now: 280, weekAgo: 70, fourWeeksAgo: 0 };
    const days = programmeAdditions(rising, 200, 500, 1);
    expect(days[0]).toBeCloseTo(30 * Math.exp(0.03), 6);
    expect(days.at(-1)).toBeCloseTo(30 * MAX_GROWTH, 6);
  });

  it("carries momentum for MOMENTUM_DAYS at most, and none in a phase's first 28 days", () => {
    // The last week at e^0.105 × the 28 days' average: 1 % a day.
    const gentle = { now: 280, weekAgo: 280 - 70 * Math.exp(0.105), fourWeeksAgo: 0 };
    const rate7 = (gentle.now - gentle.weekAgo) / 7;
    const days = programmeAdditions(gentle, 100, 500, 1);
    expect(days[9]).toBeCloseTo(rate7 * Math.exp(0.01 * 10), 6);
    expect(days[MOMENTUM_DAYS - 1]).toBeCloseTo(rate7 * Math.exp(0.01 * MOMENTUM_DAYS), 6);
    expect(days[99]).toBeCloseTo(days[MOMENTUM_DAYS - 1]!, 6);
    expect(programmeAdditions(gentle, 3, 500, 1, true)).toEqual([rate7, rate7, rate7]);
  });

  it("gives a unit its share of the programme's last 28 days' additions", () => {
    const national = { now: 1000, weekAgo: 900, fourWeeksAgo: 600 };
    expect(shareOfAdditions({ now: 150, fourWeeksAgo: 50 }, national)).toBe(0.25);
    // The programme added nothing: the unit's share of the whole.
    expect(shareOfAdditions({ now: 100, fourWeeksAgo: 100 }, { now: 1000, weekAgo: 1000, fourWeeksAgo: 1000 })).toBe(
      0.1,
    );
    expect(projectedPath(100, 0.5, [10, 20])).toEqual([105, 115]);
  });

  it("learns the rush as actual over momentum-only additions, 1 when no phase has ended", () => {
    const steady = { now: 280, weekAgo: 210, fourWeeksAgo: 0 };
    expect(rushOf(steady, 280 + 2 * 10 * RUSH_DAYS)).toBeCloseTo(2, 10);
    expect(learnedRush([])).toBe(1);
    expect(learnedRush([2, 8])).toBeCloseTo(4, 10);
  });

  it("reads quantiles by interpolation, and phases by their deadlines", () => {
    expect(quantile([0, 10], 0.1)).toBe(1);
    expect(phaseOfDate("2022-05-31").phase).toBe(1);
    expect(phaseOfDate("2022-06-01").phase).toBe(2);
    expect(phaseOfDate("2024-01-01").phase).toBe(2);
    expect(daysBetween("2022-05-01", "2022-05-31")).toBe(30);
  });
});

describe("the pace's projection and the projection's path", () => {
  it("end on the same figures, whatever the inputs (pace computes the end alone)", () => {
    const rng = new Rng(20, "pace-end");
    for (let trial = 0; trial < 500; trial++) {
      const fourWeeksAgo = rng.int(50_000);
      const weekAgo = fourWeeksAgo + rng.int(30_000);
      const national = { fourWeeksAgo, weekAgo, now: weekAgo + rng.int(20_000) };
      const ownBase = rng.int(2_000);
      const input: PaceInputs = {
        unit: "U",
        phase: 2,
        measure: "valid",
        target: 5_000,
        own: { fourWeeksAgo: ownBase, weekAgo: ownBase + rng.int(500), now: ownBase + 500 + rng.int(500) },
        national,
        asOfDate: "2023-03-01",
        deadline: "2023-09-01",
        daysLeft: rng.int(200),
        ended: false,
        rush: 0.5 + rng.next() * 2,
        steady: rng.next() < 0.2,
        logWidth: rng.next(),
      };
      expect(projectionEnd(input)).toEqual(projectionPath(input).at(-1));
    }
  });
});
