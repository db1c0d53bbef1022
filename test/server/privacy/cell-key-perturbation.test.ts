import { describe, expect, it } from "vitest";
import {
  cellFraction,
  PERTURBATION_TABLE,
  perturbBenefit,
  perturbCount,
  positionOf,
} from "../../../server/src/semantic/privacy/cell-key-perturbation";
import { RECORD_KEY_MODULUS } from "../../../server/src/semantic/privacy/record-key";

/** The published perturbation table of docs/privacy.md, as the code applies it. */
const positions = Array.from({ length: 10_000 }, (_, i) => (i + 0.5) / 10_000);

describe("cell key perturbation", () => {
  it("the table's probabilities add up to 1 and its noise is never 0", () => {
    expect(PERTURBATION_TABLE.reduce((s, row) => s + row.p, 0)).toBeCloseTo(1, 12);
    expect(PERTURBATION_TABLE.every((row) => row.noise !== 0)).toBe(true);
  });

  it("a count is never shown exactly, never below 0, and 0 stays 0; noise follows the table", () => {
    for (const n of [1, 2, 3, 5, 17, 1000]) {
      const shown = positions.map((u) => perturbCount(n, u));
      expect(shown.every((v) => v !== n && v >= 0)).toBe(true);
      if (n >= 3) {
        for (const row of PERTURBATION_TABLE)
          expect(shown.filter((v) => v === n + row.noise).length / positions.length).toBeCloseTo(row.p, 3);
        expect(shown.reduce((s, v) => s + v - n, 0) / positions.length).toBeCloseTo(0, 3);
      }
    }
    expect(positions.every((u) => perturbCount(0, u) === 0)).toBe(true);
  });

  it("the same cell key gives the same figure; measures read different positions of it", () => {
    const u = cellFraction(123_456_789);
    expect(perturbCount(40, u)).toBe(perturbCount(40, u));
    expect(cellFraction(RECORD_KEY_MODULUS + 5)).toBe(cellFraction(5));
    expect(new Set([1, 2, 3, 4, 5, 6, 7].map((j) => positionOf(u, j))).size).toBe(7);
  });

  it("benefit moves by 5 to 15 %, either way, rounded to 1,000 đồng; 0 stays 0", () => {
    for (const u of positions.filter((_, i) => i % 97 === 0)) {
      const shown = perturbBenefit(2_473_000_000, u);
      const change = Math.abs(shown / 2_473_000_000 - 1);
      expect(change).toBeGreaterThanOrEqual(0.0499);
      expect(change).toBeLessThanOrEqual(0.1501);
      expect(shown % 1000).toBe(0);
    }
    expect(perturbBenefit(0, 0.3)).toBe(0);
  });
});
